import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
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

describe('price labels', () => {
  const event = { minPriceCents: 2900, maxPriceCents: 12000, currency: 'EUR' };

  it('labels price ranges', () => {
    expect(priceRangeLabel(event)).toBe('€29.00 – €120.00');
    expect(priceRangeLabel({ minPriceCents: 0, maxPriceCents: 3500, currency: 'USD' })).toBe('Free – $35.00');
    expect(priceRangeLabel({ minPriceCents: 0, maxPriceCents: 0, currency: 'USD' })).toBe('Free');
  });
});
