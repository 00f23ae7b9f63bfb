import type { PublicTicketType } from '@zevents/contracts';
import type { Availability } from '../../api/useEventAvailability';

/** Where a ticket type stands for the buyer right now. */
export type TicketSaleState = 'on_sale' | 'upcoming' | 'ended' | 'sold_out';

/** Chosen quantity per ticket type id; absent means none. */
export type Selection = Record<string, number>;

type SelectableType = Pick<
  PublicTicketType,
  | 'id'
  | 'priceCents'
  | 'available'
  | 'salesStartAt'
  | 'salesEndAt'
  | 'minPerOrder'
  | 'maxPerOrder'
  | 'saleStatus'
>;

/** Live count when we have one, else the count the page loaded with. */
export function availableOf(type: SelectableType, availability: Availability | undefined): number {
  return Math.max(0, availability?.[type.id] ?? type.available);
}

/**
 * The sale state from the sales window and the live count. The window is read against the viewer's
 * clock so a page left open flips to "on sale" on time; the server still has the final word.
 */
export function saleStateOf(type: SelectableType, available: number, now: Date): TicketSaleState {
  if (type.salesStartAt && now < new Date(type.salesStartAt)) return 'upcoming';
  if (type.salesEndAt && now >= new Date(type.salesEndAt)) return 'ended';
  if (type.saleStatus === 'ended') return 'ended';
  return available <= 0 ? 'sold_out' : 'on_sale';
}

/** The most one order may take of this type now: the per-order maximum, capped by what is left. */
export function maxSelectable(type: SelectableType, available: number): number {
  const cap = Math.min(type.maxPerOrder, available);
  // Fewer left than the per-order minimum: this type cannot be bought at all.
  return cap < type.minPerOrder ? 0 : cap;
}

/** A quantity is 0 or within [minPerOrder, maxSelectable]; anything else is pulled to the nearest valid one. */
export function clampQuantity(type: SelectableType, available: number, quantity: number): number {
  const max = maxSelectable(type, available);
  if (quantity <= 0 || max === 0) return 0;
  return Math.min(max, Math.max(type.minPerOrder, Math.floor(quantity)));
}

/** One step up from 0 jumps straight to the minimum; one step down from the minimum goes to 0. */
export function stepQuantity(
  type: SelectableType,
  available: number,
  current: number,
  direction: 1 | -1,
): number {
  if (direction === 1) return clampQuantity(type, available, current === 0 ? type.minPerOrder : current + 1);
  return current - 1 < type.minPerOrder ? 0 : clampQuantity(type, available, current - 1);
}

/**
 * The selection as it may be ordered now: types no longer on sale drop to 0 and quantities above
 * what is left shrink, so the buyer never submits an order the rules refuse.
 */
export function normalizeSelection(
  selection: Selection,
  types: SelectableType[],
  availability: Availability | undefined,
  now: Date,
): Selection {
  const normalized: Selection = {};
  for (const type of types) {
    const available = availableOf(type, availability);
    const quantity = selection[type.id] ?? 0;
    if (quantity <= 0 || saleStateOf(type, available, now) !== 'on_sale') continue;
    const clamped = clampQuantity(type, available, quantity);
    if (clamped > 0) normalized[type.id] = clamped;
  }
  return normalized;
}

/** How many tickets and what they cost before any promo code. */
export function selectionTotals(selection: Selection, types: SelectableType[]) {
  let tickets = 0;
  let subtotalCents = 0;
  for (const type of types) {
    const quantity = selection[type.id] ?? 0;
    tickets += quantity;
    subtotalCents += quantity * type.priceCents;
  }
  return { tickets, subtotalCents };
}

/** The order items for POST /api/orders, in the order the types are shown. */
export function selectionItems(selection: Selection, types: SelectableType[]) {
  return types
    .filter((type) => (selection[type.id] ?? 0) > 0)
    .map((type) => ({ ticketTypeId: type.id, quantity: selection[type.id] ?? 0 }));
}
