import { describe, expect, it } from 'vitest';
import { dateStock, event, eventDate, promoCode, ticketType } from './catalogue-fixtures';
import {
  promoCodeDeleteBlocker,
  promoCodeState,
  ticketTypeDeleteBlocker,
  usageOverDates,
} from './catalogue-rules';

describe('ticketTypeDeleteBlocker', () => {
  const two = [ticketType(), ticketType({ id: 'tt-vip', name: 'VIP' })];
  it('lets an unordered type go', () => {
    expect(ticketTypeDeleteBlocker(two[1]!, event({ ticketTypes: two }))).toBeNull();
  });
  it.each([
    ['sold', { sold: 1 }],
    ['held', { held: 2 }],
  ])('keeps a type with tickets %s and says what to do instead', (_label, counts) => {
    const type = ticketType({ id: 'tt-vip', ...counts });
    expect(ticketTypeDeleteBlocker(type, event({ ticketTypes: [two[0]!, type] }))).toMatch(
      /end its sales window or lower its capacity/,
    );
  });
  it('keeps the last type of a published event, not of a draft', () => {
    expect(ticketTypeDeleteBlocker(ticketType(), event())).toMatch(/at least one ticket type/);
    expect(ticketTypeDeleteBlocker(ticketType(), event({ status: 'draft' }))).toBeNull();
  });
});

describe('promoCodeState', () => {
  const now = Date.parse('2030-03-01T12:00:00Z');
  it.each([
    ['active', {}],
    ['active', { validFrom: '2030-02-01T00:00:00Z', validUntil: '2030-04-01T00:00:00Z' }],
    ['inactive', { isActive: false }],
    // Switched off wins over the window: reactivating brings the window back as it was.
    ['inactive', { isActive: false, validUntil: '2030-12-31T00:00:00Z' }],
    ['inactive', { isActive: false, validUntil: '2030-03-01T11:00:00Z' }],
    ['inactive', { isActive: false, validFrom: '2030-04-01T00:00:00Z' }],
    ['ended', { validUntil: '2030-03-01T11:00:00Z' }],
    ['ended', { validUntil: '2030-03-01T12:00:00Z' }],
    ['used up', { maxUses: 3, uses: 3 }],
    ['scheduled', { validFrom: '2030-04-01T00:00:00Z' }],
  ] as const)('%s %j', (state, overrides) => {
    expect(promoCodeState(promoCode(overrides), now)).toBe(state);
  });
});

describe('promoCodeDeleteBlocker', () => {
  it('only an unused code may be deleted; a used one is deactivated', () => {
    expect(promoCodeDeleteBlocker(promoCode())).toBeNull();
    expect(promoCodeDeleteBlocker(promoCode({ uses: 1 }))).toMatch(/deactivate it instead/);
  });
});

describe('usageOverDates', () => {
  const vip = (overrides: Parameters<typeof dateStock>[0]) =>
    dateStock({ ticketTypeId: 'tt-vip', name: 'VIP', capacity: 20, available: 20, ...overrides });
  const dates = [
    eventDate({
      id: 'd-1',
      ticketTypes: [dateStock({ sold: 90, held: 5, available: 5 }), vip({ sold: 20, available: 0 })],
    }),
    eventDate({ id: 'd-2', ticketTypes: [dateStock({ capacity: 50, sold: 10, available: 40 }), vip({})] }),
    eventDate({ id: 'd-3', ticketTypes: [dateStock({ held: 2, available: 98 })] }),
  ];

  it("adds up one type's stock over every date", () => {
    expect(usageOverDates('tt-ga', dates)).toEqual({ capacity: 250, sold: 100, held: 7, available: 143 });
    expect(usageOverDates('tt-vip', dates)).toEqual({ capacity: 40, sold: 20, held: 0, available: 20 });
  });

  it('is nothing for a type no date sells, or without dates', () => {
    expect(usageOverDates('tt-gone', dates)).toEqual({ capacity: 0, sold: 0, held: 0, available: 0 });
    expect(usageOverDates('tt-ga', [])).toEqual({ capacity: 0, sold: 0, held: 0, available: 0 });
  });
});
