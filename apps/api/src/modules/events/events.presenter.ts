import {
  type Event,
  EventCategory,
  EventKind,
  EventLanguage,
  type PromoCode,
  type TicketType,
} from '@zevents/contracts';
import type { EventRow, PromoCodeRow, TicketTypeRow } from './events.repository';

const iso = (date: Date): string => date.toISOString();
const isoOrNull = (date: Date | null): string | null => (date ? date.toISOString() : null);

/** Whether buyers may pay this event's orders by bank transfer. */
export function offersBankTransfer(row: Pick<EventRow, 'bankTransfer'>): boolean {
  return row.bankTransfer?.enabled === true && row.bankTransfer.instructions.length > 0;
}

/** What a buyer may still take: the type's own room, and never more than its capacity pools have left. */
export function availableOf(row: Pick<TicketTypeRow, 'capacity' | 'sold' | 'held' | 'poolHeadroom'>): number {
  return Math.max(
    0,
    Math.min(row.capacity - row.sold - row.held, row.poolHeadroom ?? Number.POSITIVE_INFINITY),
  );
}

const categoryOf = EventCategory.nullable().catch(null);
const kindOf = EventKind.catch('in_person');
const languageOf = EventLanguage.catch('en');

/**
 * What kind of event it is and where. The columns are text under CHECK constraints, so what they
 * hold is always one of the enums; reading them through the contracts keeps the types honest.
 */
export function discoveryOf(row: Pick<EventRow, 'category' | 'kind' | 'city' | 'language'>) {
  return {
    category: categoryOf.parse(row.category),
    kind: kindOf.parse(row.kind),
    city: row.city,
    language: languageOf.parse(row.language),
  };
}

export function presentTicketType(row: TicketTypeRow): TicketType {
  return {
    id: row.id,
    eventId: row.eventId,
    name: row.name,
    description: row.description,
    priceCents: row.priceCents,
    capacity: row.capacity,
    sold: row.sold,
    held: row.held,
    available: availableOf(row),
    salesStartAt: isoOrNull(row.salesStartAt),
    salesEndAt: isoOrNull(row.salesEndAt),
    minPerOrder: row.minPerOrder,
    maxPerOrder: row.maxPerOrder,
    visibility: row.visibility,
    accessCode: row.accessCode,
    waitlistEnabled: row.waitlistEnabled,
    // Only on a taxed type, as `dateId` only on dated orders: every other answer reads as before.
    ...(row.taxRateId ? { taxRateId: row.taxRateId } : {}),
  };
}

export function presentEvent(row: EventRow, ticketTypes?: TicketTypeRow[]): Event {
  return {
    id: row.id,
    organizationId: row.organizationId,
    slug: row.slug,
    title: row.title,
    description: row.description,
    venue: row.venue,
    startsAt: iso(row.startsAt),
    endsAt: iso(row.endsAt),
    timezone: row.timezone,
    currency: row.currency,
    status: row.status,
    maxTicketsPerBuyer: row.maxTicketsPerBuyer,
    waitingRoom: row.waitingRoom ?? null,
    attendeeNames: row.attendeeNames,
    attendeeEmails: row.attendeeEmails,
    transferDeadlineHours: row.transferDeadlineHours,
    waitlistOfferHours: row.waitlistOfferHours,
    // Only on an event with a fee (or one absorbed by choice), so every other answer reads as before.
    ...(row.feeFixedCents > 0 || row.feePercentBasisPoints > 0 || !row.feePassedOn
      ? {
          fee: {
            fixedCents: row.feeFixedCents,
            percentBasisPoints: row.feePercentBasisPoints,
            passedOn: row.feePassedOn,
          },
        }
      : {}),
    ...(row.bankTransfer ? { bankTransfer: row.bankTransfer } : {}),
    ...(ticketTypes ? { ticketTypes: ticketTypes.map(presentTicketType) } : {}),
    ...discoveryOf(row),
    onlineUrl: row.onlineUrl,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

export function presentPromoCode(row: PromoCodeRow): PromoCode {
  return {
    id: row.id,
    eventId: row.eventId,
    code: row.code,
    percentOff: row.percentOff,
    amountOffCents: row.amountOffCents,
    maxUses: row.maxUses,
    uses: row.uses,
    validFrom: isoOrNull(row.validFrom),
    validUntil: isoOrNull(row.validUntil),
    ticketTypeIds: row.ticketTypeIds,
    isActive: row.isActive,
    createdAt: iso(row.createdAt),
  };
}
