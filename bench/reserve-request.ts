import { randomUUID } from 'node:crypto';

export interface SaleRef {
  eventId: string;
  ticketTypeId: string;
  dateId?: string;
}

/**
 * The reserve of buyer number `buyer`: a distinct buyer (email) from a distinct address on every
 * request, so the per-buyer and per-address limits are checked for real, never short-cut by one hot
 * row. Shared by autocannon's parts and the open-loop generator's thread, which numbers its buyers
 * from where the main thread left off.
 */
export function reserveRequest(
  sale: SaleRef,
  buyer: number,
  options: { withKey?: boolean; quantity?: number } = {},
): { headers: Record<string, string>; body: string } {
  // One /64 per buyer: the hold limit counts an IPv6 client by its /64.
  const address = `2001:db8:${(buyer >>> 16).toString(16)}:${(buyer & 0xffff).toString(16)}::1`;
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-forwarded-for': address };
  if (options.withKey) headers['idempotency-key'] = randomUUID();
  return {
    headers,
    body: JSON.stringify({
      eventId: sale.eventId,
      items: [{ ticketTypeId: sale.ticketTypeId, quantity: options.quantity ?? 1 }],
      buyer: { name: 'Flash Buyer', email: `buyer-${buyer}@example.test` },
      ...(sale.dateId ? { dateId: sale.dateId } : {}),
    }),
  };
}
