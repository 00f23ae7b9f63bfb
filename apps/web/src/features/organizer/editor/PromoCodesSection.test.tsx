import { notifications } from '@mantine/notifications';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { PromoCode } from '@zevents/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, serveApi } from '../../../test/fake-api';
import { renderWithProviders } from '../../../test/render';
import { EVENT_ID, event, promoCode } from './catalogue-fixtures';
import { PromoCodesSection } from './PromoCodesSection';

const LIST = `GET /api/events/${EVENT_ID}/promo-codes`;

function renderSection(codes: PromoCode[], routes: Record<string, () => Response> = {}) {
  const fetchMock = serveApi({ [LIST]: () => json(200, { items: codes, nextCursor: null }), ...routes });
  renderWithProviders(<PromoCodesSection event={event()} editable />);
  return { fetchMock, user: userEvent.setup({ delay: null }) };
}

const calls = (fetchMock: ReturnType<typeof serveApi>, method: string) =>
  fetchMock.mock.calls.filter(([, init]) => init?.method === method);

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('PromoCodesSection', { timeout: 20_000 }, () => {
  it('keeps a used code from being deleted and says why', async () => {
    renderSection([promoCode({ uses: 2 })]);
    const button = await screen.findByRole('button', { name: 'Delete EARLY' });
    expect(button).toBeDisabled();
    expect(button).toHaveAccessibleDescription(/deactivate it instead/);
    expect(screen.getByText('active')).toBeInTheDocument();
  });

  it('deletes an unused code only after confirming', async () => {
    const { fetchMock, user } = renderSection([promoCode()], {
      'DELETE /api/promo-codes/pc-1': () => json(204, null),
    });
    await user.click(await screen.findByRole('button', { name: 'Delete EARLY' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete EARLY?' });
    expect(calls(fetchMock, 'DELETE')).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Delete promo code' }));
    await vi.waitFor(() => expect(calls(fetchMock, 'DELETE')).toHaveLength(1));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('offers to deactivate when the server says an order used the code', async () => {
    const { fetchMock, user } = renderSection([promoCode()], {
      'DELETE /api/promo-codes/pc-1': () =>
        json(409, {
          status: 409,
          code: 'PROMO_CODE_IN_USE',
          detail: 'EARLY cannot be deleted: 1 order used it. Deactivate it instead.',
        }),
      'PATCH /api/promo-codes/pc-1': () => json(200, promoCode({ isActive: false })),
    });
    await user.click(await screen.findByRole('button', { name: 'Delete EARLY' }));
    await user.click(
      within(await screen.findByRole('dialog', { name: 'Delete EARLY?' })).getByRole('button', {
        name: 'Delete promo code',
      }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Deactivate EARLY?' });
    expect(within(dialog).getByRole('alert')).toHaveTextContent('1 order used it');
    await user.click(within(dialog).getByRole('button', { name: 'Deactivate' }));
    await vi.waitFor(() => expect(calls(fetchMock, 'PATCH')).toHaveLength(1));
    expect(calls(fetchMock, 'PATCH')[0]?.[1]?.body).toBe(JSON.stringify({ active: false }));
  });

  it('shows a deactivated code as inactive, not ended, and reactivates it at once with its window kept', async () => {
    const show = vi.spyOn(notifications, 'show');
    const validUntil = '2030-01-02T00:00:00.000Z';
    const { fetchMock, user } = renderSection([promoCode({ isActive: false, validUntil })], {
      'PATCH /api/promo-codes/pc-1': () => json(200, promoCode({ validUntil })),
    });
    expect(await screen.findByText('inactive')).toBeInTheDocument();
    expect(screen.queryByText('ended')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Reactivate EARLY' }));
    await vi.waitFor(() => expect(calls(fetchMock, 'PATCH')).toHaveLength(1));
    expect(calls(fetchMock, 'PATCH')[0]?.[1]?.body).toBe(JSON.stringify({ active: true }));
    await vi.waitFor(() =>
      expect(show).toHaveBeenCalledWith(expect.objectContaining({ message: 'EARLY can be used again' })),
    );
  });

  it('says so when a reactivated code still cannot be used because its window has ended', async () => {
    const show = vi.spyOn(notifications, 'show');
    const validUntil = '2020-01-02T00:00:00.000Z';
    const { user } = renderSection([promoCode({ isActive: false, validUntil })], {
      'PATCH /api/promo-codes/pc-1': () => json(200, promoCode({ validUntil })),
    });
    expect(await screen.findByText('inactive')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Reactivate EARLY' }));
    await vi.waitFor(() =>
      expect(show).toHaveBeenCalledWith(
        expect.objectContaining({ message: expect.stringMatching(/validity window has ended/) }),
      ),
    );
  });

  it('keeps an ended but active code apart from an inactive one: it can still be deactivated', async () => {
    renderSection([promoCode({ validUntil: '2020-01-02T00:00:00.000Z' })]);
    expect(await screen.findByText('ended')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Deactivate EARLY' })).toBeInTheDocument();
  });

  it('edits a code in the same form, sending only what changed', async () => {
    const { fetchMock, user } = renderSection([promoCode({ uses: 3, maxUses: 10 })], {
      'PATCH /api/promo-codes/pc-1': () => json(200, promoCode({ uses: 3, maxUses: 20 })),
    });
    await user.click(await screen.findByRole('button', { name: 'Edit EARLY' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit EARLY' });
    expect(within(dialog).getByRole('textbox', { name: /Code/ })).toBeDisabled();
    const maxUses = within(dialog).getByRole('textbox', { name: /Maximum uses/ });
    await user.clear(maxUses);
    await user.type(maxUses, '20');
    await user.click(within(dialog).getByRole('button', { name: 'Save promo code' }));
    await vi.waitFor(() => expect(calls(fetchMock, 'PATCH')).toHaveLength(1));
    expect(calls(fetchMock, 'PATCH')[0]?.[1]?.body).toBe(JSON.stringify({ maxUses: 20 }));
  });
});
