import type { Event, EventDate, PromoCode, TicketType } from '@zevents/contracts';
import { i18n } from '../../../i18n/i18n';
import type { CapacityUsage } from './CapacityUsageBar';

/**
 * Why a ticket type cannot be deleted, as the API would answer, or null when it may be. The server
 * has the last word (a type whose only orders were cancelled also stays); this only spares the
 * organizer a request that is bound to fail, and says what to do instead.
 */
export function ticketTypeDeleteBlocker(ticketType: TicketType, event: Event): string | null {
  if (ticketType.sold + ticketType.held > 0) return i18n.t('web.org.editor.rules.typeHasSales');
  if (event.status === 'published' && (event.ticketTypes ?? []).length <= 1)
    return i18n.t('web.org.editor.rules.keepOneType');
  return null;
}

export type PromoCodeState = 'active' | 'inactive' | 'scheduled' | 'ended' | 'used up';

/**
 * What a buyer typing the code right now would meet. The organizer's switch comes first: an
 * inactive code is refused whatever its window says, and reactivating it brings back the window.
 */
export function promoCodeState(code: PromoCode, now: number = Date.now()): PromoCodeState {
  if (!code.isActive) return 'inactive';
  if (code.validUntil !== null && Date.parse(code.validUntil) <= now) return 'ended';
  if (code.maxUses !== null && code.uses >= code.maxUses) return 'used up';
  if (code.validFrom !== null && Date.parse(code.validFrom) > now) return 'scheduled';
  return 'active';
}

/** Codes that orders used stay (orders keep their link to them): they can only be deactivated. */
export function promoCodeDeleteBlocker(code: PromoCode): string | null {
  return code.uses > 0 ? i18n.t('web.org.editor.rules.promoUsed') : null;
}

/**
 * A ticket type's stock summed over every date of the event: on an event with dates the type's own
 * figures are only its first date's (the date that took over the type's stock).
 */
export function usageOverDates(ticketTypeId: string, dates: readonly EventDate[]): CapacityUsage {
  const usage: CapacityUsage = { capacity: 0, sold: 0, held: 0, available: 0 };
  for (const date of dates)
    for (const type of date.ticketTypes)
      if (type.ticketTypeId === ticketTypeId) {
        usage.capacity += type.capacity;
        usage.sold += type.sold;
        usage.held += type.held;
        usage.available += type.available;
      }
  return usage;
}
