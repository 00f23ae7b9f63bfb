import type { CapacityPool, Event, EventDate, PromoCode, TicketType } from '@zevents/contracts';

/** Shared test data of the editor's component tests (not a test file itself). */

export const EVENT_ID = 'e-1';

export const ticketType = (overrides: Partial<TicketType> = {}): TicketType => ({
  id: 'tt-ga',
  eventId: EVENT_ID,
  name: 'General admission',
  description: null,
  priceCents: 2500,
  capacity: 100,
  sold: 0,
  held: 0,
  available: 100,
  salesStartAt: null,
  salesEndAt: null,
  minPerOrder: 1,
  maxPerOrder: 10,
  visibility: 'public',
  accessCode: null,
  ...overrides,
});

export const event = (overrides: Partial<Event> = {}): Event => ({
  id: EVENT_ID,
  organizationId: 'org-1',
  slug: 'night-jazz',
  title: 'Night Jazz',
  description: null,
  venue: null,
  startsAt: '2030-06-01T19:00:00.000Z',
  endsAt: '2030-06-01T23:00:00.000Z',
  timezone: 'Europe/Paris',
  currency: 'EUR',
  status: 'published',
  maxTicketsPerBuyer: 10,
  waitingRoom: null,
  attendeeNames: false,
  attendeeEmails: false,
  transferDeadlineHours: 0,
  category: null,
  kind: 'in_person',
  onlineUrl: null,
  city: null,
  language: 'en',
  ticketTypes: [ticketType()],
  createdAt: '2030-01-01T00:00:00.000Z',
  updatedAt: '2030-01-01T00:00:00.000Z',
  ...overrides,
});

export const promoCode = (overrides: Partial<PromoCode> = {}): PromoCode => ({
  id: 'pc-1',
  eventId: EVENT_ID,
  code: 'EARLY',
  percentOff: 10,
  amountOffCents: null,
  maxUses: null,
  uses: 0,
  validFrom: null,
  validUntil: null,
  ticketTypeIds: [],
  isActive: true,
  createdAt: '2030-01-01T00:00:00.000Z',
  ...overrides,
});

/** Ticket type ids are UUIDs where a contract checks them (a pool's `ticketTypeIds`). */
export const EARLY_ID = '0b9f6c1e-6a43-4c55-9d1e-2f3b8a7c0001';
export const REGULAR_ID = '0b9f6c1e-6a43-4c55-9d1e-2f3b8a7c0002';

export const capacityPool = (overrides: Partial<CapacityPool> = {}): CapacityPool => ({
  id: 'pool-1',
  eventId: EVENT_ID,
  name: 'Main hall',
  capacity: 500,
  ticketTypeIds: [EARLY_ID, REGULAR_ID],
  sold: 0,
  held: 0,
  available: 500,
  createdAt: '2030-01-01T00:00:00.000Z',
  updatedAt: '2030-01-01T00:00:00.000Z',
  ...overrides,
});

type DateStock = EventDate['ticketTypes'][number];

/** One ticket type's stock on a date, as GET /api/events/{id}/dates lists it. */
export const dateStock = (overrides: Partial<DateStock> = {}): DateStock => ({
  ticketTypeId: 'tt-ga',
  name: 'General admission',
  capacity: 100,
  sold: 0,
  held: 0,
  available: 100,
  ...overrides,
});

/** A date of the event; its totals add up its ticket types' stock. */
export const eventDate = (overrides: Partial<EventDate> = {}): EventDate => {
  const ticketTypes = overrides.ticketTypes ?? [dateStock()];
  const sum = (pick: (stock: DateStock) => number) =>
    ticketTypes.reduce((total, stock) => total + pick(stock), 0);
  return {
    id: 'date-1',
    eventId: EVENT_ID,
    startsAt: '2030-06-01T19:00:00.000Z',
    endsAt: '2030-06-01T23:00:00.000Z',
    ticketTypes,
    sold: sum((stock) => stock.sold),
    held: sum((stock) => stock.held),
    capacity: sum((stock) => stock.capacity),
    createdAt: '2030-01-01T00:00:00.000Z',
    ...overrides,
  };
};
