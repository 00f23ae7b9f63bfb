import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CartLine, type Discount, type FeeRule, priceOrder } from '../src/modules/billing/pricing';
import { cart } from '../src/modules/billing/pricing-arbitraries';
import { testDatabase } from './harness';

/**
 * The SQL that prices orders where their rows are written (migration 0042) gives the same cents as
 * the TypeScript rule (pricing.ts) for every cart: random carts, rates, codes and fees through both.
 */

const database = testDatabase();

async function priceInSql(lines: CartLine[], d: Discount, f: FeeRule | null) {
  const { rows } = await database.pool.query<{ discounts: string[]; fees: string[]; taxes: string[] }>(
    `SELECT discounts, fees, taxes FROM zevents_price_lines($1::bigint[], $2::int[], $3::boolean[], $4::int[],
       $5::boolean[], $6, $7, $8, $9)`,
    [
      lines.map((l) => l.unitPriceCents),
      lines.map((l) => l.quantity),
      lines.map((l) => l.discountable),
      lines.map((l) => l.tax?.rateBasisPoints ?? null),
      lines.map((l) => l.tax?.inclusive ?? false),
      d !== null && 'percentOff' in d ? d.percentOff : null,
      d !== null && 'amountOffCents' in d ? d.amountOffCents : null,
      f?.fixedCents ?? null,
      f?.percentBasisPoints ?? null,
    ],
  );
  const row = rows[0];
  if (!row) throw new Error('no answer');
  return { discounts: row.discounts.map(Number), fees: row.fees.map(Number), taxes: row.taxes.map(Number) };
}

describe('pricing in SQL', () => {
  it('gives every line the same discount, fee and tax as the TypeScript rule', async () => {
    await fc.assert(
      fc.asyncProperty(cart, async ({ lines, discount: d, fee: f }) => {
        const expected = priceOrder(lines, { discount: d, fee: f });
        expect(await priceInSql(lines, d, f)).toEqual({
          discounts: expected.lines.map((l) => l.discountCents),
          fees: expected.lines.map((l) => l.feeCents),
          taxes: expected.lines.map((l) => l.taxCents),
        });
      }),
      { numRuns: 300 },
    );
  });

  it('prices the known cart of the unit test the same', async () => {
    expect(
      await priceInSql(
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
        { percentOff: 10 },
        { fixedCents: 50, percentBasisPoints: 250, passedOn: true },
      ),
    ).toEqual({ discounts: [500, 0], fees: [129, 259], taxes: [718, 630] });
  });
});
