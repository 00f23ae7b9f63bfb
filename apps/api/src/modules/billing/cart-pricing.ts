import type { DbOrTx } from '../../db/client';
import { findEventFee, findTaxRatesOfTypes, type TypeTaxRateRow as RateRow } from './billing.repository';
import { type Discount, type PricedLine, type PricedOrder, priceOrder, type TaxRule } from './pricing';

/** A line as an order stores it: the rounding rule's money and a snapshot of its tax rate. */
export interface StoredLine {
  ticketTypeId: string;
  quantity: number;
  unitPriceCents: number;
  discountCents: number;
  feeCents: number;
  taxCents: number;
  totalCents: number;
  taxRateId: string | null;
  taxName: string | null;
  taxRateBasisPoints: number | null;
  taxInclusive: boolean | null;
}

/** An order's money columns, as the reserve statement writes them for its own orders. */
export interface StoredMoney {
  subtotalCents: number;
  discountCents: number;
  feeCents: number;
  feePassedOn: boolean;
  taxCents: number;
  taxAddedCents: number;
  totalCents: number;
  lines: StoredLine[];
}

/**
 * Prices an order outside the reserve statement (the box office, a waiting-list offer) by the same
 * rule and from the same settings: each ticket type's tax rate and, when `withFee`, the event's
 * service fee. A comp order is all discount: no tax and no fee on nothing.
 */
export async function priceCart(
  db: DbOrTx,
  cart: {
    eventId: string;
    items: ReadonlyArray<{ ticketTypeId: string; quantity: number; unitPriceCents: number }>;
    discount: Discount;
    withFee: boolean;
  },
): Promise<StoredMoney> {
  const ids = cart.items.map((item) => item.ticketTypeId);
  const rates = await findTaxRatesOfTypes(db, ids);
  const fee = cart.withFee ? await findEventFee(db, cart.eventId) : undefined;
  const rateOf = new Map(rates.map((row) => [row.ticket_type_id, row]));
  const taxOf = (ticketTypeId: string): TaxRule | null => {
    const rate = rateOf.get(ticketTypeId);
    return rate?.tax_rate_id && rate.rate_basis_points !== null && rate.inclusive !== null
      ? { rateBasisPoints: rate.rate_basis_points, inclusive: rate.inclusive }
      : null;
  };
  const priced = priceOrder(
    cart.items.map((item) => ({
      quantity: item.quantity,
      unitPriceCents: item.unitPriceCents,
      discountable: true,
      tax: taxOf(item.ticketTypeId),
    })),
    {
      discount: cart.discount,
      fee:
        fee && (fee.fixed > 0 || fee.bp > 0)
          ? { fixedCents: Number(fee.fixed), percentBasisPoints: fee.bp, passedOn: fee.passed }
          : null,
    },
  );
  return toStoredMoney(priced, (index) => {
    const item = cart.items[index];
    const rate = item ? rateOf.get(item.ticketTypeId) : undefined;
    return { ticketTypeId: item?.ticketTypeId ?? '', rate: rate?.tax_rate_id ? rate : undefined };
  });
}

function toStoredMoney(
  priced: PricedOrder,
  lineOf: (index: number) => { ticketTypeId: string; rate: RateRow | undefined },
): StoredMoney {
  return {
    subtotalCents: priced.subtotalCents,
    discountCents: priced.discountCents,
    feeCents: priced.feeCents,
    feePassedOn: priced.feePassedOn,
    taxCents: priced.taxCents,
    taxAddedCents: priced.lines.reduce(
      (sum, line) => sum + (line.tax && !line.tax.inclusive ? line.taxCents : 0),
      0,
    ),
    totalCents: priced.totalCents,
    lines: priced.lines.map((line: PricedLine, index): StoredLine => {
      const { ticketTypeId, rate } = lineOf(index);
      return {
        ticketTypeId,
        quantity: line.quantity,
        unitPriceCents: line.unitPriceCents,
        discountCents: line.discountCents,
        feeCents: line.feeCents,
        taxCents: line.taxCents,
        totalCents: line.totalCents,
        taxRateId: rate?.tax_rate_id ?? null,
        taxName: rate?.name ?? null,
        taxRateBasisPoints: rate?.rate_basis_points ?? null,
        taxInclusive: rate?.inclusive ?? null,
      };
    }),
  };
}
