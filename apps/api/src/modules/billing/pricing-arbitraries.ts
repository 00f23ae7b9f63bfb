import fc from 'fast-check';
import type { CartLine, Discount, FeeRule } from './pricing';

/** Random carts for the property tests of the rounding rule (the unit tests and the SQL's). */

export const cartLine: fc.Arbitrary<CartLine> = fc.record({
  quantity: fc.integer({ min: 1, max: 10 }),
  // Up to a billion minor units: yen, and KWD's fils, reach high numbers.
  unitPriceCents: fc.oneof(fc.integer({ min: 0, max: 50_000 }), fc.integer({ min: 0, max: 1_000_000_000 })),
  discountable: fc.boolean(),
  tax: fc.option(
    fc.record({ rateBasisPoints: fc.integer({ min: 0, max: 3_000 }), inclusive: fc.boolean() }),
    {
      nil: null,
    },
  ),
});

export const discount: fc.Arbitrary<Discount> = fc.oneof(
  fc.constant(null),
  fc.record({ percentOff: fc.integer({ min: 1, max: 100 }) }),
  fc.record({ amountOffCents: fc.integer({ min: 1, max: 5_000_000 }) }),
);

export const fee: fc.Arbitrary<FeeRule | null> = fc.option(
  fc.record({
    fixedCents: fc.integer({ min: 0, max: 500 }),
    percentBasisPoints: fc.integer({ min: 0, max: 1_500 }),
    passedOn: fc.boolean(),
  }),
  { nil: null },
);

export const cart = fc.record({ lines: fc.array(cartLine, { minLength: 1, maxLength: 6 }), discount, fee });
