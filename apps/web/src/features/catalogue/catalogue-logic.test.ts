import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { matchesPrice, readFilters, writeFilters } from './catalogue-filters';
import { priceRangeLabel } from './EventCard';
import { describeReserveError } from './reserve-errors';

const TYPES = [
  { id: 'std', name: 'Standard' },
  { id: 'vip', name: 'VIP' },
];

describe('describeReserveError', () => {
  it('explains SOLD_OUT with what is left, on the cards and in words', () => {
    const error = new ApiError(409, {
      code: 'SOLD_OUT',
      detail: 'Not enough tickets left for this order',
      remaining: [
        { ticketTypeId: 'std', available: 2 },
        { ticketTypeId: 'vip', available: 0 },
      ],
    });
    const problem = describeReserveError(error, [{ ticketTypeId: 'std' }, { ticketTypeId: 'vip' }], TYPES);
    expect(problem.title).toBe('Not enough tickets left');
    expect(problem.message).toContain('Standard has only 2 left; VIP is sold out');
    expect(problem.ticketErrors).toEqual({ std: 'Only 2 left — we lowered your quantity', vip: 'Sold out' });
    expect(problem.remaining).toHaveLength(2);
  });

  it('puts per-item rule breaks on the ticket type they name', () => {
    const error = new ApiError(422, {
      code: 'QUANTITY_OUT_OF_RANGE',
      detail: 'VIP: order between 1 and 4 tickets',
      errors: [{ path: 'items.1.quantity', message: 'between 1 and 4' }],
    });
    const problem = describeReserveError(error, [{ ticketTypeId: 'std' }, { ticketTypeId: 'vip' }], TYPES);
    expect(problem.ticketErrors).toEqual({ vip: 'Between 1 and 4' });
    expect(problem.message).toBe(
      'VIP: order between 1 and 4 tickets. Adjust the quantity and reserve again.',
    );
  });

  it('tells the buyer what to do for promo codes, closed sales and lost connections', () => {
    const promo = new ApiError(422, {
      code: 'PROMO_CODE_INVALID',
      detail: 'This promo code cannot be used: expired',
    });
    expect(describeReserveError(promo, [], TYPES).message).toContain(
      'clear the code to buy at the full price',
    );
    const closed = new ApiError(422, { code: 'SALES_CLOSED', detail: 'Standard: sales have ended' });
    expect(describeReserveError(closed, [], TYPES).message).toContain('Choose another ticket type');
    expect(describeReserveError(new TypeError('fetch failed'), [], TYPES).message).toContain(
      'Nothing was reserved',
    );
  });
});

describe('catalogue filters', () => {
  const event = { minPriceCents: 2900, maxPriceCents: 12000, currency: 'EUR' };

  it('matches an event when part of its price range is inside the filter', () => {
    expect(matchesPrice(event, null, null)).toBe(true);
    expect(matchesPrice(event, 100, null)).toBe(true);
    expect(matchesPrice(event, 121, null)).toBe(false);
    expect(matchesPrice(event, null, 29)).toBe(true);
    expect(matchesPrice(event, null, 28.99)).toBe(false);
    expect(matchesPrice({ minPriceCents: null, maxPriceCents: null, currency: 'EUR' }, 0, null)).toBe(false);
    // Yen have no minor units: 500 yen is 500, not 50000.
    expect(matchesPrice({ minPriceCents: 500, maxPriceCents: 500, currency: 'JPY' }, null, 600)).toBe(true);
  });

  it('round-trips through the address bar and ignores junk', () => {
    const filters = { q: 'jazz', from: '2027-01-01', to: '2027-01-31', minPrice: 10, maxPrice: null };
    expect(readFilters(writeFilters(filters))).toEqual(filters);
    expect(readFilters(new URLSearchParams('from=tomorrow&min=-3&max=abc'))).toEqual({
      q: '',
      from: null,
      to: null,
      minPrice: null,
      maxPrice: null,
    });
  });

  it('labels price ranges', () => {
    expect(priceRangeLabel(event)).toBe('€29.00 – €120.00');
    expect(priceRangeLabel({ minPriceCents: 0, maxPriceCents: 3500, currency: 'USD' })).toBe('Free – $35.00');
    expect(priceRangeLabel({ minPriceCents: 0, maxPriceCents: 0, currency: 'USD' })).toBe('Free');
  });
});
