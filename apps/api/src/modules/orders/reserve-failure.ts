import type { CreateOrderBody } from '@zevents/contracts';
import { AppError, notFound } from '../../http/errors';
import type { ReserveFacts } from './orders.repository';

/** The window of HOLDS_PER_IP_PER_MINUTE (the reserve statement counts in the same one minute). */
const ADDRESS_WINDOW_MS = 60_000;

/**
 * Tells the buyer exactly which rule failed, or what is left when it simply sold out, from the facts
 * the refusing statement read in its own snapshot: no query of its own, so a refusal in a flash sale
 * costs no more round trips than a success.
 */
export function explainReserveFailure(
  facts: ReserveFacts,
  body: CreateOrderBody,
  now: Date,
  holdsPerAddressPerMinute: number,
): AppError {
  const { event, types, promo } = facts;
  if (facts.date === 'required')
    return new AppError('DATE_REQUIRED', 'This event runs on several dates: choose one (dateId)', {
      errors: [{ path: 'dateId', message: 'required: the event has several dates' }],
    });
  if (facts.date === 'unknown')
    return new AppError('DATE_NOT_IN_EVENT', 'This date does not belong to this event', {
      errors: [{ path: 'dateId', message: 'not a date of this event' }],
    });
  if (facts.date === 'over') return new AppError('EVENT_NOT_ON_SALE', 'This date is over');
  if (!event || event.status === 'draft') return notFound('Event');
  if (event.status === 'cancelled') return new AppError('EVENT_NOT_ON_SALE', 'This event was cancelled');
  if (event.endsAt <= now) return new AppError('EVENT_NOT_ON_SALE', 'This event is over');
  if (facts.address && facts.address.holds >= holdsPerAddressPerMinute) {
    const resetsInMs = facts.address.windowStart.getTime() + ADDRESS_WINDOW_MS - now.getTime();
    return new AppError('RATE_LIMITED', 'Too many new reservations from your network; try again shortly', {
      headers: { 'Retry-After': String(Math.max(1, Math.ceil(resetsInMs / 1000))) },
    });
  }

  for (const [index, item] of body.items.entries()) {
    // A hidden type the request's codes do not unlock is refused exactly like one of another event.
    const type = types.find((t) => t.id === item.ticketTypeId && isUnlocked(t, body));
    const path = `items.${index}`;
    if (!type)
      return new AppError('TICKET_TYPE_NOT_IN_EVENT', 'A ticket type does not belong to this event', {
        errors: [{ path: `${path}.ticketTypeId`, message: 'not a ticket type of this event' }],
      });
    if (item.quantity < type.minPerOrder || item.quantity > type.maxPerOrder)
      return new AppError(
        'QUANTITY_OUT_OF_RANGE',
        `${type.name}: order between ${type.minPerOrder} and ${type.maxPerOrder} tickets`,
        {
          errors: [
            { path: `${path}.quantity`, message: `between ${type.minPerOrder} and ${type.maxPerOrder}` },
          ],
        },
      );
    if (type.salesStartAt && now < type.salesStartAt)
      return new AppError('SALES_CLOSED', `${type.name}: sales open at ${type.salesStartAt.toISOString()}`, {
        errors: [{ path: `${path}.ticketTypeId`, message: 'sales have not started' }],
      });
    if (type.salesEndAt && now >= type.salesEndAt)
      return new AppError('SALES_CLOSED', `${type.name}: sales have ended`, {
        errors: [{ path: `${path}.ticketTypeId`, message: 'sales have ended' }],
      });
  }

  if (body.promoCode) {
    // The statement refuses a code that takes nothing off: none of its ticket types, or only free ones.
    const eligibleCents = body.items.reduce((sum, item) => {
      const type = types.find((t) => t.id === item.ticketTypeId);
      const inScope =
        !promo || promo.ticketTypeIds.length === 0 || promo.ticketTypeIds.includes(item.ticketTypeId);
      return sum + (type && inScope ? type.priceCents * item.quantity : 0);
    }, 0);
    const reason = promoRefusal(promo, eligibleCents, now);
    if (reason)
      return new AppError(
        'PROMO_CODE_INVALID',
        // Switched off by the organizer, not mistyped or out of date: say so plainly.
        reason === 'not active'
          ? 'This promo code is not active'
          : `This promo code cannot be used: ${reason}`,
        { errors: [{ path: 'promoCode', message: reason }] },
      );
  }

  const wanted = body.items.reduce((sum, item) => sum + item.quantity, 0);
  if (facts.buyer.tickets + wanted > event.maxTicketsPerBuyer) {
    const left = Math.max(0, event.maxTicketsPerBuyer - facts.buyer.tickets);
    return new AppError(
      'BUYER_LIMIT_REACHED',
      `Each buyer may have at most ${event.maxTicketsPerBuyer} tickets for this event` +
        (facts.buyer.tickets > 0 ? `; ${body.buyer.email} already has ${facts.buyer.tickets}` : '') +
        `, so at most ${left} more`,
      { extra: { maxTicketsPerBuyer: event.maxTicketsPerBuyer, ticketsLeftForBuyer: left } },
    );
  }

  // Sold out: say what is left of each requested type, not counting holds past their deadline.
  const remaining = body.items.map((item) => {
    const type = types.find((t) => t.id === item.ticketTypeId);
    return {
      ticketTypeId: item.ticketTypeId,
      available: type ? Math.max(0, type.available + type.stale) : 0,
    };
  });
  return new AppError('SOLD_OUT', 'Not enough tickets left for this order', { extra: { remaining } });
}

/** Whether the buyer may see this type: public, or hidden and unlocked by the access or promo code. */
function isUnlocked(type: ReserveFacts['types'][number], body: CreateOrderBody): boolean {
  if (type.visibility === 'public') return true;
  const codes = [body.accessCode, body.promoCode].flatMap((code) => (code ? [code.toUpperCase()] : []));
  const unlocking = [type.accessCode, ...type.unlockingPromoCodes].flatMap((code) =>
    code ? [code.toUpperCase()] : [],
  );
  return codes.some((code) => unlocking.includes(code));
}

/** The first rule that keeps the code off this order, or undefined when it applies. */
function promoRefusal(promo: ReserveFacts['promo'], eligibleCents: number, now: Date): string | undefined {
  if (!promo) return 'unknown code';
  if (!promo.isActive) return 'not active';
  if (promo.validFrom && now < promo.validFrom) return 'not valid yet';
  if (promo.validUntil && now >= promo.validUntil) return 'expired';
  if (promo.maxUses !== null && promo.uses >= promo.maxUses) return 'no uses left';
  if (eligibleCents === 0) return 'does not apply to these tickets';
  return undefined;
}

/** Whether releasing the holds past their deadline could change this refusal (seats or promo uses). */
export function hasStaleHolds(facts: ReserveFacts): boolean {
  return (
    facts.types.some((type) => type.stale > 0) ||
    (facts.promo?.staleUses ?? 0) > 0 ||
    facts.buyer.staleOrderIds.length > 0
  );
}

/** Whether the promo code's own uses are held by holds past their deadline (on whatever types). */
export function hasStalePromoUses(facts: ReserveFacts): boolean {
  return (facts.promo?.staleUses ?? 0) > 0;
}
