import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CreateTicketTypeBody, TicketType } from '@zevents/contracts';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../api/client';
import { renderWithProviders } from '../../../test/render';
import { TicketTypeForm } from './TicketTypeForm';

const existing: TicketType = {
  id: 'tt1',
  eventId: 'e1',
  name: 'Early bird',
  description: null,
  priceCents: 1999,
  capacity: 100,
  sold: 30,
  held: 5,
  available: 65,
  salesStartAt: '2027-01-01T09:00:00.000Z',
  salesEndAt: null,
  minPerOrder: 1,
  maxPerOrder: 6,
  visibility: 'public',
  accessCode: null,
};

function field(label: RegExp | string) {
  return screen.getByRole('textbox', { name: label });
}

function renderForm(props: Partial<Parameters<typeof TicketTypeForm>[0]> = {}) {
  const onSubmit = vi.fn<(body: CreateTicketTypeBody) => Promise<unknown>>().mockResolvedValue(undefined);
  renderWithProviders(
    <TicketTypeForm currency="EUR" timeZone="Europe/Paris" onSubmit={onSubmit} {...props} />,
  );
  return { onSubmit, user: userEvent.setup({ delay: null }) };
}

describe('TicketTypeForm', { timeout: 20_000 }, () => {
  it('asks for a name, a price and a capacity before sending anything', async () => {
    const { onSubmit, user } = renderForm();
    await user.click(screen.getByRole('button', { name: 'Add ticket type' }));
    expect(await screen.findByText(/Name the ticket type/)).toBeInTheDocument();
    expect(screen.getByText('Enter a price (0 for free tickets)')).toBeInTheDocument();
    expect(screen.getByText('Enter how many tickets are for sale')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('refuses a maximum per order below the minimum', async () => {
    const { onSubmit, user } = renderForm();
    await user.type(field(/Name/), 'General');
    await user.type(field(/Price/), '25');
    await user.type(field(/Capacity/), '100');
    await user.clear(field(/Minimum per order/));
    await user.type(field(/Minimum per order/), '5');
    await user.clear(field(/Maximum per order/));
    await user.type(field(/Maximum per order/), '2');
    await user.click(screen.getByRole('button', { name: 'Add ticket type' }));
    expect(await screen.findByText('Must be at least the minimum per order')).toBeInTheDocument();
    expect(field(/Maximum per order/)).toHaveAttribute('aria-invalid', 'true');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('says the form’s sentence on the price when the contract refuses its cents', async () => {
    const { onSubmit, user } = renderForm();
    await user.type(field(/Name/), 'General');
    // 2,000,000.00 EUR is 200,000,000 cents: above what CreateTicketTypeBody allows.
    await user.type(field(/Price/), '2000000');
    await user.type(field(/Capacity/), '100');
    await user.click(screen.getByRole('button', { name: 'Add ticket type' }));
    expect(await screen.findByText('That price is too high')).toBeInTheDocument();
    expect(field(/Price/)).toHaveAttribute('aria-invalid', 'true');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('sends the price as integer cents', async () => {
    const { onSubmit, user } = renderForm();
    await user.type(field(/Name/), 'General');
    await user.type(field(/Price/), '19.99');
    await user.type(field(/Capacity/), '250');
    await user.click(screen.getByRole('button', { name: 'Add ticket type' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]?.[0]).toEqual({
      name: 'General',
      description: null,
      priceCents: 1999,
      capacity: 250,
      salesStartAt: null,
      salesEndAt: null,
      minPerOrder: 1,
      maxPerOrder: 10,
      visibility: 'public',
      accessCode: null,
      taxRateId: null,
    });
  });

  it('carries the tax rate picked among the active ones, never a retired one', async () => {
    const rate = (id: string, name: string, retiredAt: string | null) => ({
      id,
      organizationId: 'org-1',
      name,
      rateBasisPoints: 1900,
      inclusive: true,
      retiredAt,
      inUse: false,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    const { onSubmit, user } = renderForm({
      taxRates: [
        rate('6f1d4c1e-9a57-4a8e-9d43-2f1c9c1b7a10', 'VAT', null),
        rate('0b4f3a52-6f0e-4c2a-8a3b-5d7e9f1a2c33', 'Old VAT', '2026-02-01T00:00:00.000Z'),
      ],
    });
    await user.type(field(/Name/), 'General');
    await user.type(field(/Price/), '19.99');
    await user.type(field(/Capacity/), '250');
    await user.click(screen.getByRole('combobox', { name: 'Tax' }));
    expect(screen.queryByRole('option', { name: /Old VAT/, hidden: true })).not.toBeInTheDocument();
    await user.click(await screen.findByRole('option', { name: 'VAT · 19% (included)', hidden: true }));
    await user.click(screen.getByRole('button', { name: 'Add ticket type' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]?.[0]).toMatchObject({ taxRateId: '6f1d4c1e-9a57-4a8e-9d43-2f1c9c1b7a10' });
  });

  it('hides a type behind an access code', async () => {
    const { onSubmit, user } = renderForm();
    await user.type(field(/Name/), 'Sponsors');
    await user.type(field(/Price/), '0');
    await user.type(field(/Capacity/), '20');
    await user.click(screen.getByRole('switch', { name: /Hidden/ }));
    await user.type(field(/Access code/), 'bad code');
    await user.click(screen.getByRole('button', { name: 'Add ticket type' }));
    expect(await screen.findByText('2 to 40 letters, digits, dashes or underscores')).toBeInTheDocument();
    await user.clear(field(/Access code/));
    await user.type(field(/Access code/), 'SPONSORS-2030');
    await user.click(screen.getByRole('button', { name: 'Add ticket type' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]?.[0]).toMatchObject({ visibility: 'hidden', accessCode: 'SPONSORS-2030' });
  });

  it('does not let capacity drop below what is sold and held', async () => {
    const { onSubmit, user } = renderForm({ ticketType: existing });
    expect(field(/Price/)).toHaveValue('19.99');
    await user.clear(field(/Capacity/));
    await user.type(field(/Capacity/), '20');
    await user.click(screen.getByRole('button', { name: 'Save ticket type' }));
    expect(await screen.findByText('At least 35: that many are already sold or held')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('keeps the sales window on the event’s wall clock', async () => {
    const { onSubmit, user } = renderForm({ ticketType: existing });
    await user.click(screen.getByRole('button', { name: 'Save ticket type' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    // 09:00 UTC is 10:00 in Paris; it must go back out unchanged.
    expect(onSubmit.mock.calls[0]?.[0].salesStartAt).toBe('2027-01-01T09:00:00.000Z');
  });

  it('puts the server’s field errors on the right fields', async () => {
    const { user } = renderForm({
      onSubmit: vi.fn().mockRejectedValue(
        new ApiError(400, {
          status: 400,
          code: 'VALIDATION_FAILED',
          detail: 'The request is invalid',
          errors: [
            { path: 'priceCents', message: 'must be at most 100000000' },
            { path: 'salesEndAt', message: 'must be after salesStartAt' },
          ],
        }),
      ),
    });
    await user.type(field(/Name/), 'General');
    await user.type(field(/Price/), '25');
    await user.type(field(/Capacity/), '100');
    await user.click(screen.getByRole('button', { name: 'Add ticket type' }));
    // priceCents is the form's "price"; field names in messages read as words.
    expect(await screen.findByText('Must be at most 100000000')).toBeInTheDocument();
    expect(field(/Price/)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('Must be after the sales start')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('maps a capacity refusal without field errors onto the capacity field', async () => {
    const { user } = renderForm({
      ticketType: existing,
      onSubmit: vi.fn().mockRejectedValue(
        new ApiError(422, {
          status: 422,
          code: 'CAPACITY_BELOW_SOLD',
          detail: 'capacity may not drop below sold + held (36)',
        }),
      ),
    });
    await user.click(screen.getByRole('button', { name: 'Save ticket type' }));
    expect(await screen.findByText('Capacity may not drop below sold + held (36)')).toBeInTheDocument();
    expect(field(/Capacity/)).toHaveAttribute('aria-invalid', 'true');
  });

  it('shows what belongs to no field in an alert', async () => {
    const { user } = renderForm({
      ticketType: existing,
      onSubmit: vi
        .fn()
        .mockRejectedValue(
          new ApiError(422, { status: 422, code: 'EVENT_CANCELLED', detail: 'This event is cancelled' }),
        ),
    });
    await user.click(screen.getByRole('button', { name: 'Save ticket type' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This event is cancelled');
  });
});
