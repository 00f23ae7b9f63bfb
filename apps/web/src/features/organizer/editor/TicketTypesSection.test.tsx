import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, serveApi } from '../../../test/fake-api';
import { renderWithProviders } from '../../../test/render';
import { dateStock, event, eventDate, EVENT_ID, ticketType } from './catalogue-fixtures';
import { TicketTypesSection } from './TicketTypesSection';

const GA = ticketType();
const VIP = ticketType({ id: 'tt-vip', name: 'VIP', sold: 3, available: 97 });
const BACKSTAGE = ticketType({ id: 'tt-back', name: 'Backstage' });

const DATES = `GET /api/events/${EVENT_ID}/dates`;
/** An event that runs once: its dates list is empty. */
const NO_DATES = { [DATES]: () => json(200, { items: [] }) };

afterEach(() => vi.unstubAllGlobals());

describe('TicketTypesSection: deleting', { timeout: 20_000 }, () => {
  it('disables delete for a type with sales, and says what to do instead', () => {
    serveApi(NO_DATES);
    renderWithProviders(<TicketTypesSection event={event({ ticketTypes: [GA, VIP] })} editable />);
    const button = screen.getByRole('button', { name: 'Delete VIP' });
    expect(button).toBeDisabled();
    expect(button).toHaveAccessibleDescription(/end its sales window or lower its capacity/);
    expect(screen.getByRole('button', { name: 'Delete General admission' })).toBeEnabled();
  });

  it('shows no delete to someone who cannot edit', () => {
    serveApi(NO_DATES);
    renderWithProviders(
      <TicketTypesSection event={event({ ticketTypes: [GA, BACKSTAGE] })} editable={false} />,
    );
    expect(screen.queryByRole('button', { name: /Delete/ })).not.toBeInTheDocument();
  });

  it('deletes after confirming; a refusal stays in the dialog', async () => {
    let answer = json(409, {
      status: 409,
      code: 'TICKET_TYPE_IN_USE',
      detail: '“Backstage” cannot be deleted: buyers have ordered it.',
    });
    const fetchMock = serveApi({
      ...NO_DATES,
      'DELETE /api/ticket-types/tt-back': () => answer,
      'GET /api/events/e-1': () => json(200, event({ ticketTypes: [GA] })),
    });
    const user = userEvent.setup({ delay: null });
    renderWithProviders(<TicketTypesSection event={event({ ticketTypes: [GA, BACKSTAGE] })} editable />);
    await user.click(screen.getByRole('button', { name: 'Delete Backstage' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete “Backstage”?' });
    expect(fetchMock).not.toHaveBeenCalledWith(expect.stringContaining('/ticket-types/'), expect.anything());
    await user.click(within(dialog).getByRole('button', { name: 'Delete ticket type' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('buyers have ordered it');

    answer = json(204, null);
    await user.click(within(dialog).getByRole('button', { name: 'Delete ticket type' }));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(fetchMock).toHaveBeenCalledWith(
      '/api/ticket-types/tt-back',
      expect.objectContaining({ method: 'DELETE' }),
    );
  });
});

describe('TicketTypesSection: an event with dates', { timeout: 20_000 }, () => {
  // The type's own figures are its first date's stock only.
  const FIRST_DATE_ONLY = ticketType({ sold: 90, held: 5, available: 5 });
  const DATED = [
    eventDate({ id: 'd-1', ticketTypes: [dateStock({ sold: 90, held: 5, available: 5 })] }),
    eventDate({ id: 'd-2', ticketTypes: [dateStock({ capacity: 50, sold: 10, available: 40 })] }),
    eventDate({ id: 'd-3', ticketTypes: [dateStock({ held: 2, available: 98 })] }),
  ];

  it('shows each type summed over every date, with where the per-date figures are', async () => {
    serveApi({ [DATES]: () => json(200, { items: DATED }) });
    renderWithProviders(<TicketTypesSection event={event({ ticketTypes: [FIRST_DATE_ONLY] })} editable />);
    expect(await screen.findByText('Over 3 dates — per-date figures under Dates')).toBeInTheDocument();
    expect(screen.getByText('100 sold · 7 held · 143 available of 250')).toBeInTheDocument();
    expect(screen.queryByText('90 sold · 5 held · 5 available of 100')).not.toBeInTheDocument();
    const meter = screen.getByRole('meter', { name: 'General admission sales over every date' });
    expect(meter).toHaveAttribute('aria-valuemax', '250');
    expect(meter).toHaveAttribute('aria-valuenow', '107');
    expect(meter).toHaveAttribute('aria-valuetext', '100 sold, 7 held, 143 available of 250');
  });

  it('keeps a type sold on a later date only, and says sold out only when every date is', async () => {
    const laterOnly = ticketType({ id: 'tt-vip', name: 'VIP', capacity: 10, available: 10 });
    const vip = (overrides: Parameters<typeof dateStock>[0]) =>
      dateStock({ ticketTypeId: 'tt-vip', name: 'VIP', capacity: 10, ...overrides });
    serveApi({
      [DATES]: () =>
        json(200, {
          items: [
            eventDate({ id: 'd-1', ticketTypes: [dateStock(), vip({ available: 10 })] }),
            eventDate({ id: 'd-2', ticketTypes: [dateStock(), vip({ sold: 10, available: 0 })] }),
          ],
        }),
    });
    renderWithProviders(
      <TicketTypesSection event={event({ ticketTypes: [ticketType(), laterOnly] })} editable />,
    );
    expect(await screen.findByText('10 sold · 0 held · 10 available of 20')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Delete VIP' })).toBeDisabled();
    expect(screen.queryByText(/Sold out/)).not.toBeInTheDocument();
  });

  it("shows the type's own figures on an event that runs once", async () => {
    serveApi(NO_DATES);
    renderWithProviders(<TicketTypesSection event={event({ ticketTypes: [FIRST_DATE_ONLY] })} editable />);
    expect(screen.getByText('90 sold · 5 held · 5 available of 100')).toBeInTheDocument();
    expect(screen.getByRole('meter', { name: 'General admission sales' })).toBeInTheDocument();
    await vi.waitFor(() => expect(screen.queryByText(/per-date figures/)).not.toBeInTheDocument());
  });
});
