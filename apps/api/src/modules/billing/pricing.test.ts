import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, divideHalfUp, type LineParts, partsOf, priceOrder, splitRefund } from './pricing';
import { cart } from './pricing-arbitraries';

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

describe('the rounding rule', () => {
  it('shares by largest remainder: exact sums, never more than a weight', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 8 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (weights, share) => {
          const amount = Math.floor(sum(weights) * share);
          const shares = allocate(amount, weights);
          expect(sum(shares)).toBe(amount);
          shares.forEach((s, i) => {
            expect(s).toBeGreaterThanOrEqual(0);
            expect(s).toBeLessThanOrEqual(weights[i] ?? 0);
          });
        },
      ),
    );
  });

  it('rounds half up', () => {
    expect(divideHalfUp(5, 10)).toBe(1);
    expect(divideHalfUp(4, 10)).toBe(0);
    expect(divideHalfUp(15, 10)).toBe(2);
    expect(divideHalfUp(2_500 * 1_900, 10_000)).toBe(475);
  });

  it('prices a known cart: 19% VAT included, 7% added, 10% off one line, a passed-on fee', () => {
    const order = priceOrder(
      [
        {
          quantity: 2,
          unitPriceCents: 2_500,
          discountable: true,
          tax: { rateBasisPoints: 1_900, inclusive: true },
        },
        {
          quantity: 1,
          unitPriceCents: 9_000,
          discountable: false,
          tax: { rateBasisPoints: 700, inclusive: false },
        },
      ],
      { discount: { percentOff: 10 }, fee: { fixedCents: 50, percentBasisPoints: 250, passedOn: true } },
    );
    // 5,000 − 500 = 4,500 (VAT inside: 4,500 − 4,500/1.19 = 718.49 → 718); 9,000 + 7% = 630.
    // Fee: 50 + 2.5% of 13,500 = 387.5 → 388, shared 4,500 : 9,000 = 129.33 : 258.67 → 129 : 259.
    expect(order.lines.map((l) => [l.discountCents, l.taxCents, l.feeCents, l.totalCents])).toEqual([
      [500, 718, 129, 4_629],
      [0, 630, 259, 9_889],
    ]);
    expect(order).toMatchObject({
      subtotalCents: 14_000,
      discountCents: 500,
      feeCents: 388,
      taxCents: 1_348,
      totalCents: 14_518,
    });
  });

  it('always sums the lines to the totals, in every currency’s minor units', () => {
    fc.assert(
      fc.property(cart, ({ lines, discount: d, fee: f }) => {
        const order = priceOrder(lines, { discount: d, fee: f });
        const of = (key: 'grossCents' | 'discountCents' | 'feeCents' | 'taxCents' | 'totalCents') =>
          sum(order.lines.map((l) => l[key]));
        expect(of('grossCents')).toBe(order.subtotalCents);
        expect(of('discountCents')).toBe(order.discountCents);
        expect(of('feeCents')).toBe(order.feeCents);
        expect(of('taxCents')).toBe(order.taxCents);
        expect(of('totalCents')).toBe(order.totalCents);
        const exclusiveTax = sum(order.lines.map((l) => (l.tax && !l.tax.inclusive ? l.taxCents : 0)));
        expect(order.totalCents).toBe(
          order.subtotalCents - order.discountCents + exclusiveTax + (order.feePassedOn ? order.feeCents : 0),
        );
        for (const l of order.lines) {
          expect(l.discountCents).toBeGreaterThanOrEqual(0);
          expect(l.discountCents).toBeLessThanOrEqual(l.grossCents);
          if (!l.discountable) expect(l.discountCents).toBe(0);
          // Tax included never exceeds what was paid for the line.
          if (l.tax?.inclusive) expect(l.taxCents).toBeLessThanOrEqual(l.grossCents - l.discountCents);
          expect(Number.isSafeInteger(l.totalCents)).toBe(true);
        }
        if (order.subtotalCents - order.discountCents === 0) expect(order.feeCents).toBe(0);
      }),
    );
  });

  it('gives back the matching tax and fee with every refund, and everything with the last', () => {
    fc.assert(
      fc.property(
        cart,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 }),
        (c, cuts) => {
          const order = priceOrder(c.lines, { discount: c.discount, fee: c.fee });
          const paid = partsOf(order);
          let refunded: LineParts[] = paid.map(() => ({ priceCents: 0, taxCents: 0, feeCents: 0 }));
          let left = order.totalCents;
          for (const cut of [...cuts, 1]) {
            const amount = Math.floor(left * cut);
            const parts = splitRefund(order, refunded, amount);
            expect(sum(parts.map((p) => p.priceCents + p.taxCents + p.feeCents))).toBe(amount);
            refunded = refunded.map((r, i) => ({
              priceCents: r.priceCents + (parts[i]?.priceCents ?? 0),
              taxCents: r.taxCents + (parts[i]?.taxCents ?? 0),
              feeCents: r.feeCents + (parts[i]?.feeCents ?? 0),
            }));
            refunded.forEach((r, i) => {
              expect(r.priceCents).toBeLessThanOrEqual(paid[i]?.priceCents ?? 0);
              expect(r.taxCents).toBeLessThanOrEqual(paid[i]?.taxCents ?? 0);
              expect(r.feeCents).toBeLessThanOrEqual(paid[i]?.feeCents ?? 0);
            });
            left -= amount;
          }
          expect(left).toBe(0);
          expect(refunded).toEqual(paid);
        },
      ),
    );
  });

  it('refuses to refund more than is left', () => {
    const order = priceOrder([{ quantity: 1, unitPriceCents: 1_000, discountable: false, tax: null }], {
      discount: null,
      fee: null,
    });
    expect(() => splitRefund(order, [], 1_001)).toThrow(RangeError);
  });
});
