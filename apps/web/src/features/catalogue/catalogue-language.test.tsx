import { act, screen } from '@testing-library/react';
import type { PublicTicketType, PublicWaitingRoom } from '@zevents/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/client';
import { i18n } from '../../i18n/i18n';
import { renderWithProviders } from '../../test/render';
import { CATEGORY_LABELS, optionsOf } from './event-labels';
import { describeReserveError } from './reserve-errors';
import { TicketSelector } from './TicketSelector';
import { WaitingRoomPanel } from './WaitingRoomPanel';

const type: PublicTicketType = {
  id: 'std',
  name: 'Standard',
  description: null,
  priceCents: 2500,
  available: 3,
  salesStartAt: null,
  salesEndAt: null,
  minPerOrder: 1,
  maxPerOrder: 4,
  saleStatus: 'on_sale',
  waitingList: false,
};
const room: PublicWaitingRoom = {
  opensAt: '2030-01-01T09:30:00Z',
  salesOpenAt: '2030-01-01T10:00:00Z',
  admitPerMinute: 60,
  passMinutes: 10,
};

describe('the storefront in another language', () => {
  afterEach(async () => {
    await act(() => i18n.changeLanguage('en'));
  });

  it('rewords the ticket cards when the language changes, without reloading', async () => {
    renderWithProviders(
      <TicketSelector
        types={[type]}
        currency="EUR"
        timeZone="Europe/Paris"
        availability={undefined}
        selection={{}}
        onChange={() => {}}
        now={new Date('2027-01-10T12:00:00Z')}
      />,
    );
    expect(screen.getByText('Only 3 left · Up to 4 per order')).toBeInTheDocument();
    await act(() => i18n.changeLanguage('de'));
    expect(screen.getByText('Nur noch 3 übrig · Bis zu 4 pro Bestellung')).toBeInTheDocument();
    expect(screen.getByText('Keine Tickets ausgewählt')).toBeInTheDocument();
  });

  it('says the queue in French, with its plural forms', async () => {
    await act(() => i18n.changeLanguage('fr'));
    renderWithProviders(
      <WaitingRoomPanel room={room} queue={{ state: 'expired', isDrawPending: false, rejoin: vi.fn() }} />,
    );
    expect(screen.getByRole('region', { name: 'Salle d’attente' })).toBeInTheDocument();
    expect(screen.getByText(/Un accès dure 10 minutes/)).toBeInTheDocument();
  });

  it('reads category labels and reserve problems in the language of the moment', async () => {
    await act(() => i18n.changeLanguage('es'));
    expect(CATEGORY_LABELS.music).toBe('Música');
    expect(optionsOf(CATEGORY_LABELS)[0]).toEqual({ value: 'music', label: 'Música' });
    const soldOut = new ApiError(409, {
      code: 'SOLD_OUT',
      remaining: [{ ticketTypeId: 'std', available: 1 }],
    });
    const problem = describeReserveError(soldOut, [{ ticketTypeId: 'std' }], [type]);
    expect(problem.ticketErrors.std).toBe('Solo queda 1: hemos reducido tu cantidad');
    await act(() => i18n.changeLanguage('en'));
    expect(CATEGORY_LABELS.music).toBe('Music');
  });
});
