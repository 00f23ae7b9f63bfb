import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { WaitlistEntry } from '@zevents/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, serveApi } from '../../../test/fake-api';
import { renderWithProviders } from '../../../test/render';
import { EVENT_ID, event, ticketType } from './catalogue-fixtures';
import { WaitingListSection } from './WaitingListSection';

const LIST = `GET /api/events/${EVENT_ID}/waiting-list`;
const EVENT = event({ ticketTypes: [ticketType({ id: 'tt-vip', name: 'VIP' })] });

const entry = (overrides: Partial<WaitlistEntry>): WaitlistEntry => ({
  id: 'wl-1',
  ticketTypeId: 'tt-vip',
  ticketTypeName: 'VIP',
  quantity: 2,
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  position: 1,
  status: 'waiting',
  offerOrderId: null,
  offerExpiresAt: null,
  createdAt: '2027-01-10T12:00:00Z',
  ...overrides,
});

const ADA = entry({});
const BOB = entry({ id: 'wl-2', name: 'Bob Brown', email: 'bob@example.com', position: 2, quantity: 1 });
const LIST_BODY = {
  items: [ADA, BOB],
  counts: { waiting: 2, offered: 0, purchased: 0, expired: 0 },
};

function renderSection(routes: Record<string, () => Response> = {}) {
  const fetchMock = serveApi({ [LIST]: () => json(200, LIST_BODY), ...routes });
  renderWithProviders(<WaitingListSection event={EVENT} editable />);
  return { fetchMock, user: userEvent.setup({ delay: null }) };
}

afterEach(() => vi.unstubAllGlobals());

describe('WaitingListSection', { timeout: 20_000 }, () => {
  it('lists the line of each ticket type with the counts', async () => {
    renderSection();
    const items = await screen.findAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('#1Ada Lovelace');
    expect(items[0]).toHaveTextContent('ada@example.com · 2 tickets');
    expect(screen.getByText('2 waiting')).toBeInTheDocument();
    expect(within(items[0]!).getByRole('button', { name: 'Move Ada Lovelace up' })).toBeDisabled();
    expect(within(items[1]!).getByRole('button', { name: 'Move Bob Brown down' })).toBeDisabled();
  });

  it('moves an entry down one place', async () => {
    const { fetchMock, user } = renderSection({
      'PATCH /api/waiting-list/wl-1': () => json(200, { ...ADA, position: 2, eventId: EVENT_ID }),
    });
    await user.click(await screen.findByRole('button', { name: 'Move Ada Lovelace down' }));
    await vi.waitFor(() =>
      expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'PATCH')).toBe(true),
    );
    const [, init] = fetchMock.mock.calls.find(([, call]) => call?.method === 'PATCH')!;
    expect(JSON.parse(String(init?.body))).toEqual({ position: 2 });
  });

  it('says when there are no tickets free to offer', async () => {
    const { user } = renderSection({
      'POST /api/waiting-list/wl-1/offer': () =>
        json(409, { code: 'SOLD_OUT', detail: 'Not enough tickets left for this entry' }),
    });
    await user.click(await screen.findByRole('button', { name: 'Offer Ada Lovelace tickets now' }));
    expect(await screen.findByText('No tickets free to offer')).toBeInTheDocument();
  });
});
