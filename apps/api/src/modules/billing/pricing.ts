/**
 * The one rounding rule of order money, in minor units (cents, yen, fils: never a float):
 *
 * 1. A line's gross is unit price × quantity. The order's discount is the promo code's (percent off
 *    the eligible lines, truncated; or an amount, at most the eligible gross) and is shared between
 *    the eligible lines in proportion to their gross.
 * 2. The service fee is `fixedCents + percent of (subtotal − discount)` (half up), nothing on a free
 *    order, shared between the lines in proportion to what is left of each after its discount.
 *    Passed on, the buyer pays it on top; absorbed, the organizer does (it is not in the total).
 * 3. Tax is per line on what is left after the discount (the fee is not taxed), half up: an
 *    inclusive rate takes `base − base × 10000 / (10000 + rate)` out of the price, an exclusive
 *    one adds `base × rate / 10000`.
 * 4. Every share above is by largest remainder (ties to the earlier line), so the lines always sum
 *    to the order's totals exactly. A refund splits its amount over what is still unrefunded of
 *    each line's price, tax and passed-on fee, by the same rule: refunds of each part give back the
 *    matching tax and fee, and refunding everything gives back exactly what was paid.
 */

export interface TaxRule {
  /** 1900 = 19%. */
  rateBasisPoints: number;
  /** Included in the price (VAT in Europe) or added on top (US sales tax). */
  inclusive: boolean;
}

export interface FeeRule {
  fixedCents: number;
  percentBasisPoints: number;
  /** true: the buyer pays it as its own line; false: the organizer absorbs it. */
  passedOn: boolean;
}

export type Discount = { percentOff: number } | { amountOffCents: number } | null;

export interface CartLine {
  quantity: number;
  unitPriceCents: number;
  /** Whether the order's promo code applies to this line. */
  discountable: boolean;
  tax: TaxRule | null;
}

export interface PricedLine extends CartLine {
  grossCents: number;
  discountCents: number;
  /** Its share of the order's fee (passed on or absorbed). */
  feeCents: number;
  taxCents: number;
  /** What the buyer pays for the line: after discount, with exclusive tax and a passed-on fee. */
  totalCents: number;
}

export interface PricedOrder {
  lines: PricedLine[];
  subtotalCents: number;
  discountCents: number;
  feeCents: number;
  /** Whether `feeCents` is in the total (passed on) or borne by the organizer (absorbed). */
  feePassedOn: boolean;
  taxCents: number;
  totalCents: number;
}

const big = BigInt;

/** a / b rounded half up, for a >= 0 and b > 0 (exact at every size: bigint). */
export function divideHalfUp(a: number, b: number): number {
  return Number((2n * big(a) + big(b)) / (2n * big(b)));
}

/**
 * `amount` shared in proportion to `weights` by largest remainder (ties to the earlier index). Each
 * share is at most its weight when `amount` is at most their sum; the shares sum to `amount`.
 */
export function allocate(amount: number, weights: readonly number[]): number[] {
  const total = weights.reduce((sum, w) => sum + big(w), 0n);
  if (total === 0n || amount === 0) return weights.map(() => 0);
  const exact = weights.map((w) => big(amount) * big(w));
  const shares = exact.map((e) => e / total);
  let left = big(amount) - shares.reduce((sum, s) => sum + s, 0n);
  const order = exact
    .map((e, index) => ({ index, remainder: e % total }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of order) {
    if (left === 0n) break;
    shares[index] = (shares[index] ?? 0n) + 1n;
    left -= 1n;
  }
  return shares.map(Number);
}

function taxOf(base: number, tax: TaxRule | null): number {
  if (!tax || tax.rateBasisPoints === 0 || base === 0) return 0;
  return tax.inclusive
    ? base - divideHalfUp(base * 10_000, 10_000 + tax.rateBasisPoints)
    : divideHalfUp(base * tax.rateBasisPoints, 10_000);
}

/** Prices a cart by the rule above. */
export function priceOrder(
  lines: readonly CartLine[],
  options: { discount: Discount; fee: FeeRule | null },
): PricedOrder {
  const gross = lines.map((line) => line.unitPriceCents * line.quantity);
  const eligible = lines.reduce((sum, line, i) => sum + (line.discountable ? (gross[i] ?? 0) : 0), 0);
  const { discount } = options;
  const orderDiscount =
    discount === null
      ? 0
      : 'percentOff' in discount
        ? Number((big(eligible) * big(discount.percentOff)) / 100n)
        : Math.min(eligible, discount.amountOffCents);
  const discounts = allocate(
    orderDiscount,
    lines.map((line, i) => (line.discountable ? (gross[i] ?? 0) : 0)),
  );
  const bases = gross.map((g, i) => g - (discounts[i] ?? 0));
  const afterDiscount = bases.reduce((sum, b) => sum + b, 0);
  const fee = options.fee;
  const orderFee =
    fee === null || afterDiscount === 0
      ? 0
      : fee.fixedCents + divideHalfUp(afterDiscount * fee.percentBasisPoints, 10_000);
  const fees = allocate(orderFee, bases);
  const passedOn = fee?.passedOn ?? true;
  const priced = lines.map((line, i): PricedLine => {
    const base = bases[i] ?? 0;
    const taxCents = taxOf(base, line.tax);
    const feeCents = fees[i] ?? 0;
    return {
      ...line,
      grossCents: gross[i] ?? 0,
      discountCents: discounts[i] ?? 0,
      feeCents,
      taxCents,
      totalCents: base + (line.tax && !line.tax.inclusive ? taxCents : 0) + (passedOn ? feeCents : 0),
    };
  });
  const sum = (key: 'grossCents' | 'discountCents' | 'feeCents' | 'taxCents' | 'totalCents') =>
    priced.reduce((total, line) => total + line[key], 0);
  return {
    lines: priced,
    subtotalCents: sum('grossCents'),
    discountCents: sum('discountCents'),
    feeCents: sum('feeCents'),
    feePassedOn: passedOn,
    taxCents: sum('taxCents'),
    totalCents: sum('totalCents'),
  };
}

/** What a line's total is made of: its price after discount (less inclusive tax), tax, passed-on fee. */
export interface LineParts {
  priceCents: number;
  taxCents: number;
  feeCents: number;
}

export function partsOf(order: PricedOrder): LineParts[] {
  return order.lines.map((line) => {
    const fee = order.feePassedOn ? line.feeCents : 0;
    return { priceCents: line.totalCents - line.taxCents - fee, taxCents: line.taxCents, feeCents: fee };
  });
}

/**
 * Splits a refund of `amountCents` over what is still unrefunded of each line's parts (`refunded`:
 * the parts earlier refunds gave back, per line). Throws when more is asked than is left.
 */
export function splitRefund(
  order: PricedOrder,
  refunded: readonly LineParts[],
  amountCents: number,
): LineParts[] {
  const paid = partsOf(order);
  const left = paid.flatMap((parts, i) => {
    const back = refunded[i] ?? { priceCents: 0, taxCents: 0, feeCents: 0 };
    return [
      parts.priceCents - back.priceCents,
      parts.taxCents - back.taxCents,
      parts.feeCents - back.feeCents,
    ];
  });
  const remaining = left.reduce((sum, cents) => sum + cents, 0);
  if (amountCents < 0 || amountCents > remaining)
    throw new RangeError(`a refund of ${amountCents} is more than the ${remaining} left to refund`);
  const shares = allocate(amountCents, left);
  return paid.map((_, i) => ({
    priceCents: shares[3 * i] ?? 0,
    taxCents: shares[3 * i + 1] ?? 0,
    feeCents: shares[3 * i + 2] ?? 0,
  }));
}
