import type { DbOrTx } from '../../db/client';
import type { RefundLine } from '../../db/schema';
import { allocate, type LineParts, type PricedOrder, splitRefund } from '../billing';
import * as orders from '../orders';
import { findRefundLinesOfOrder } from './payments.repository';

type StoredItem = Awaited<ReturnType<typeof orders.findOrderItems>>[number];

/** The order as billing's rounding rule reads it, from the lines it stored when it was priced. */
function pricedFromRows(order: orders.OrderRow, items: readonly StoredItem[]): PricedOrder {
  return {
    lines: items.map((item) => ({
      quantity: item.quantity,
      unitPriceCents: item.unitPriceCents,
      discountable: item.discountCents > 0,
      tax:
        item.taxRateBasisPoints !== null && item.taxInclusive !== null
          ? { rateBasisPoints: item.taxRateBasisPoints, inclusive: item.taxInclusive }
          : null,
      grossCents: item.unitPriceCents * item.quantity,
      discountCents: item.discountCents,
      feeCents: item.feeCents,
      taxCents: item.taxCents,
      totalCents: item.totalCents,
    })),
    subtotalCents: order.subtotalCents,
    discountCents: order.discountCents,
    feeCents: order.feeCents,
    feePassedOn: order.feePassedOn,
    taxCents: order.taxCents,
    totalCents: order.totalCents,
  };
}

/** What earlier refunds gave back of each line, in the order of `items`. */
function refundedSoFar(items: readonly StoredItem[], earlier: readonly RefundLine[]): LineParts[] {
  return items.map((item) =>
    earlier
      .filter((line) => line.ticketTypeId === item.ticketTypeId)
      .reduce(
        (sum, line) => ({
          priceCents: sum.priceCents + line.priceCents,
          taxCents: sum.taxCents + line.taxCents,
          feeCents: sum.feeCents + line.feeCents,
        }),
        { priceCents: 0, taxCents: 0, feeCents: 0 },
      ),
  );
}

function asRefundLines(items: readonly StoredItem[], parts: readonly LineParts[]): RefundLine[] {
  return items.map((item, i) => ({
    ticketTypeId: item.ticketTypeId,
    priceCents: parts[i]?.priceCents ?? 0,
    taxCents: parts[i]?.taxCents ?? 0,
    feeCents: parts[i]?.feeCents ?? 0,
  }));
}

/**
 * A refund of an amount, split over what is still unrefunded of each line's price, tax and passed-on
 * fee by the rounding rule: refunds of each part give back the matching tax and fee, and refunding
 * everything gives back exactly what was paid. A provider may report more than the rule has left
 * (a payment given back twice): the excess is recorded as price of the first line.
 */
export async function splitAmount(
  db: DbOrTx,
  order: orders.OrderRow,
  amountCents: number,
): Promise<RefundLine[]> {
  const [items, earlier] = await Promise.all([
    orders.findOrderItems(db, order.id),
    findRefundLinesOfOrder(db, order.id),
  ]);
  if (items.length === 0) return [];
  const priced = pricedFromRows(order, items);
  const refunded = refundedSoFar(items, earlier);
  const left =
    priced.lines.reduce((sum, line) => sum + line.totalCents, 0) -
    refunded.reduce((sum, parts) => sum + parts.priceCents + parts.taxCents + parts.feeCents, 0);
  const within = Math.max(0, Math.min(amountCents, left));
  const lines = asRefundLines(items, splitRefund(priced, refunded, within));
  const first = lines[0];
  if (first && amountCents > within) first.priceCents += amountCents - within;
  return lines;
}

/**
 * A refund of chosen tickets: each ticket type gives back its share of what is left of its own line
 * (price, tax and fee in proportion), `chosen` of the `live` valid tickets of that type, the last
 * ones taking whatever is left so that refunding them one by one never strands a cent.
 */
export async function splitTickets(
  db: DbOrTx,
  order: orders.OrderRow,
  chosen: ReadonlyMap<string, number>,
  live: ReadonlyMap<string, number>,
): Promise<{ amountCents: number; lines: RefundLine[] }> {
  const [items, earlier] = await Promise.all([
    orders.findOrderItems(db, order.id),
    findRefundLinesOfOrder(db, order.id),
  ]);
  const paid = pricedFromRows(order, items);
  const refunded = refundedSoFar(items, earlier);
  const parts = items.map((item, i): LineParts => {
    const taken = chosen.get(item.ticketTypeId) ?? 0;
    const valid = live.get(item.ticketTypeId) ?? 0;
    const line = paid.lines[i];
    const back = refunded[i] ?? { priceCents: 0, taxCents: 0, feeCents: 0 };
    if (!line || taken === 0 || valid === 0) return { priceCents: 0, taxCents: 0, feeCents: 0 };
    const fee = paid.feePassedOn ? line.feeCents : 0;
    const priceLeft = Math.max(0, line.totalCents - line.taxCents - fee - back.priceCents);
    const taxLeft = Math.max(0, line.taxCents - back.taxCents);
    const feeLeft = Math.max(0, fee - back.feeCents);
    const lineLeft = priceLeft + taxLeft + feeLeft;
    const amount = taken >= valid ? lineLeft : Math.floor((lineLeft * taken) / valid);
    const [priceCents = 0, taxCents = 0, feeCents = 0] = allocate(amount, [priceLeft, taxLeft, feeLeft]);
    return { priceCents, taxCents, feeCents };
  });
  const lines = asRefundLines(items, parts);
  return {
    amountCents: lines.reduce((sum, line) => sum + line.priceCents + line.taxCents + line.feeCents, 0),
    lines,
  };
}
