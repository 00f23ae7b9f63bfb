import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, serveApi } from '../../../test/fake-api';
import { renderWithProviders } from '../../../test/render';
import { event, ticketType } from './catalogue-fixtures';
import { TicketTypesSection } from './TicketTypesSection';

const GA = ticketType();
const VIP = ticketType({ id: 'tt-vip', name: 'VIP', sold: 3, available: 97 });
const BACKSTAGE = ticketType({ id: 'tt-back', name: 'Backstage' });

afterEach(() => vi.unstubAllGlobals());

describe('TicketTypesSection: deleting', { timeout: 20_000 }, () => {
  it('disables delete for a type with sales, and says what to do instead', () => {
    serveApi({});
    renderWithProviders(<TicketTypesSection event={event({ ticketTypes: [GA, VIP] })} editable />);
    const button = screen.getByRole('button', { name: 'Delete VIP' });
    expect(button).toBeDisabled();
    expect(button).toHaveAccessibleDescription(/end its sales window or lower its capacity/);
    expect(screen.getByRole('button', { name: 'Delete General admission' })).toBeEnabled();
  });

  it('shows no delete to someone who cannot edit', () => {
    serveApi({});
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
      'DELETE /api/ticket-types/tt-back': () => answer,
      'GET /api/events/e-1': () => json(200, event({ ticketTypes: [GA] })),
    });
    const user = userEvent.setup({ delay: null });
    renderWithProviders(<TicketTypesSection event={event({ ticketTypes: [GA, BACKSTAGE] })} editable />);
    await user.click(screen.getByRole('button', { name: 'Delete Backstage' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete “Backstage”?' });
    expect(fetchMock).not.toHaveBeenCalled();
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
