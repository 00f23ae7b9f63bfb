import {
  type CreateEventBody,
  type CreatePromoCodeBody,
  type CreateReminderBody,
  type CreateTicketTypeBody,
  DEFAULT_REMINDER_OFFSETS,
  EVENT_MAX_DAYS,
  type Event,
  type EventFee,
  type Page,
  type OrganizationEventsQuery,
  type PromoCode,
  type Reminder,
  type TicketType,
  type UpdateEventBody,
  type UpdateTicketTypeBody,
  type BankTransferSettings,
  type BankTransferSettingsInput,
  DEFAULT_BANK_TRANSFER_DEADLINE_DAYS,
} from '@zevents/contracts';
import type { Db, DbOrTx, Tx } from '../../db/client';
import type { Principal } from '../../http/auth-context';
import { AppError, notFound } from '../../http/errors';
import type { Clock } from '../../shared/clock';
import { isUuid } from '../../shared/ids';
import { decodeCursor, toPage } from '../../shared/pagination';
import { slugCandidates, slugify } from '../../shared/slug';
import { findTaxRateOfOrganization } from '../billing';
import { requireOrganizationPermission } from '../organizations';
import { recordEventAudit } from '../audit';
import { lockEvent } from './catalogue-admin.repository';
import { createCatalogueAdminService } from './catalogue-admin.service';
import { insertStockRowsOfNewType, lockEventForDates } from './event-dates.repository';
import { assertNotCancelled, authorizeEvent, authorizeTicketType } from './events.policy';
import { presentEvent, presentPromoCode, presentTicketType } from './events.presenter';
import * as repo from './events.repository';

/** The bank transfer setting as stored (undefined: unchanged); a left-out deadline keeps the one set. */
function bankTransferColumn(
  input: BankTransferSettingsInput | null | undefined,
  current: BankTransferSettings | null,
): { bankTransfer?: BankTransferSettings | null } {
  if (input === undefined) return {};
  if (input === null) return { bankTransfer: null };
  return {
    bankTransfer: {
      enabled: input.enabled,
      instructions: input.instructions,
      deadlineDays: input.deadlineDays ?? current?.deadlineDays ?? DEFAULT_BANK_TRANSFER_DEADLINE_DAYS,
    },
  };
}

/** The event columns of a service fee (undefined: unchanged). */
function feeColumns(fee: EventFee | undefined) {
  return fee === undefined
    ? {}
    : {
        feeFixedCents: fee.fixedCents,
        feePercentBasisPoints: fee.percentBasisPoints,
        feePassedOn: fee.passedOn,
      };
}

/**
 * A ticket type's tax rate must be one of its organization's rates, not retired (null: untaxed).
 * A retired rate a type already carries stays (it is not changed here).
 */
async function assertTaxRateOf(db: DbOrTx, organizationId: string, taxRateId: string | null | undefined) {
  if (taxRateId === undefined || taxRateId === null) return taxRateId;
  const rate = await findTaxRateOfOrganization(db, organizationId, taxRateId);
  if (!rate)
    throw new AppError('TAX_RATE_NOT_IN_ORGANIZATION', 'The tax rate is not one of this organization', {
      errors: [{ path: 'taxRateId', message: 'a tax rate of the event’s organization' }],
    });
  if (rate.retiredAt)
    throw new AppError('TAX_RATE_RETIRED', 'The tax rate is retired: pick an active one', {
      errors: [{ path: 'taxRateId', message: 'retired' }],
    });
  return taxRateId;
}

const DEFAULT_MAX_PER_ORDER = 10;

const invalid = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', message, { errors: [{ path, message }] });

/** A ticket type's sales must close by the time the event ends. */
function assertSalesWindow(event: repo.EventRow, salesStartAt: Date | null, salesEndAt: Date | null): void {
  if (salesEndAt && salesEndAt > event.endsAt)
    throw new AppError('INVALID_SALES_WINDOW', 'Sales must end before the event ends', {
      errors: [{ path: 'salesEndAt', message: 'must not be after the event ends' }],
    });
  if (salesStartAt && salesStartAt >= event.endsAt)
    throw new AppError('INVALID_SALES_WINDOW', 'Sales must start before the event ends', {
      errors: [{ path: 'salesStartAt', message: 'must be before the event ends' }],
    });
}

/**
 * An online or hybrid event is published with its join link: a draft may wait for it (the meeting
 * is often set up later), a sale may not.
 */
function assertJoinLink(kind: string, onlineUrl: string | null): void {
  if (kind !== 'in_person' && !onlineUrl)
    throw new AppError(
      'ONLINE_URL_REQUIRED',
      'An online or hybrid event needs its join link to be published',
      {
        errors: [{ path: 'onlineUrl', message: 'required to publish an online or hybrid event' }],
      },
    );
}

const toDate = (value: string | null | undefined): Date | null | undefined =>
  value === undefined ? undefined : value === null ? null : new Date(value);

export interface EventsDeps {
  db: Db;
  clock: Clock;
  /** What cancelling does to orders (checkout owns that): refunds queued in the cancelling transaction, holds closed after it. */
  onEventCancelled?: {
    inTransaction: (tx: Tx, eventId: string) => Promise<unknown>;
    afterCommit: (eventId: string, ticketTypeIds: string[]) => Promise<unknown>;
  };
  /** Of a cancelled event: paid orders still to refund, and orders refunded since `cancelledAt`. */
  refundProgress?: (eventId: string, cancelledAt: Date) => Promise<{ pending: number; done: number }>;
  /** Runs inside the edit's transaction when a published event's time or venue changed (attendees are told). */
  onEventChanged?: (
    tx: Tx,
    eventId: string,
    previous: { startsAt: Date; endsAt: Date; venue: string | null },
  ) => Promise<unknown>;
  /**
   * Runs inside the edit's transaction when anything a ticket shows of a published event changed
   * (title, time, time zone, venue): wallet passes holding the old one are refreshed.
   */
  onTicketFaceChanged?: (tx: Tx, eventId: string) => Promise<unknown>;
}

export function createEventsService(deps: EventsDeps) {
  const { db, clock } = deps;

  /** A cancelled event says how far its refunds have come; the cancellation's time is its last update. */
  async function withRefundProgress(presented: Event): Promise<Event> {
    if (presented.status !== 'cancelled' || !deps.refundProgress) return { ...presented, refundsPending: 0 };
    const progress = await deps.refundProgress(presented.id, new Date(presented.updatedAt));
    return { ...presented, refundsPending: progress.pending, refundsDone: progress.done };
  }

  return {
    // Deleting ticket types, editing and deleting promo codes: their own module, one service to callers.
    ...createCatalogueAdminService({ db }),

    async createEvent(auth: Principal, organizationId: string, input: CreateEventBody): Promise<Event> {
      await requireOrganizationPermission(db, auth, organizationId, 'events.manage');
      return db.transaction(async (tx) => {
        for (const slug of slugCandidates(slugify(input.title, 'event'))) {
          const row = await repo.insertEvent(tx, {
            organizationId,
            slug,
            title: input.title,
            description: input.description ?? null,
            venue: input.venue ?? null,
            startsAt: new Date(input.startsAt),
            endsAt: new Date(input.endsAt),
            timezone: input.timezone,
            currency: input.currency,
            maxTicketsPerBuyer: input.maxTicketsPerBuyer,
            waitingRoom: input.waitingRoom ?? null,
            attendeeNames: input.attendeeNames ?? false,
            attendeeEmails: input.attendeeEmails ?? false,
            transferDeadlineHours:
              input.transferDeadlineHours === undefined ? 0 : input.transferDeadlineHours,
            category: input.category ?? null,
            kind: input.kind ?? 'in_person',
            onlineUrl: input.onlineUrl ?? null,
            city: input.city || null,
            language: input.language ?? 'en',
            ...feeColumns(input.fee),
          });
          if (row) {
            await repo.insertReminders(tx, row.id, DEFAULT_REMINDER_OFFSETS);
            return presentEvent(row, []);
          }
        }
        throw new AppError(
          'SLUG_TAKEN',
          'Could not find a free slug for this title; change the title a little',
        );
      });
    },

    async listEvents(
      auth: Principal,
      organizationId: string,
      query: OrganizationEventsQuery,
    ): Promise<Page<Event>> {
      await requireOrganizationPermission(db, auth, organizationId, 'events.view');
      const after = decodeCursor(query.cursor, 'timestamp');
      const sortBy = query.sort === 'startsAt' ? 'startsAt' : 'created';
      const rows = await repo.listEventsOfOrganization(db, organizationId, query.limit, after, sortBy);
      const pageRows = rows.slice(0, query.limit);
      const types = await repo.listTicketTypesOfEvents(
        db,
        pageRows.map((row) => row.id),
      );
      const page = toPage(
        rows,
        query.limit,
        (row) =>
          presentEvent(
            row,
            types.filter((type) => type.eventId === row.id),
          ),
        (row) => ({ k: row.cursorKey, id: row.id }),
      );
      return { ...page, items: await Promise.all(page.items.map(withRefundProgress)) };
    },

    async getEvent(auth: Principal, eventId: string): Promise<Event> {
      const { event } = await authorizeEvent(db, auth, eventId, 'events.view');
      return withRefundProgress(
        presentEvent(event, await repo.listLiveTicketTypes(db, event.id, clock.now())),
      );
    },

    async updateEvent(auth: Principal, eventId: string, input: UpdateEventBody): Promise<Event> {
      const { event } = await authorizeEvent(db, auth, eventId, 'events.manage');
      assertNotCancelled(event);
      const startsAt = input.startsAt ? new Date(input.startsAt) : event.startsAt;
      const endsAt = input.endsAt ? new Date(input.endsAt) : event.endsAt;
      if (endsAt <= startsAt) throw invalid('endsAt', 'must be after startsAt');
      if (endsAt.getTime() - startsAt.getTime() > EVENT_MAX_DAYS * 86_400_000)
        throw invalid('endsAt', `an event lasts at most ${EVENT_MAX_DAYS} days`);
      if (
        input.currency &&
        input.currency !== event.currency &&
        (await repo.countStockInUse(db, event.id)) > 0
      )
        throw new AppError('EVENT_NOT_EDITABLE', 'The currency cannot change once tickets are sold or held', {
          errors: [{ path: 'currency', message: 'tickets already sold in the current currency' }],
        });
      // A published event keeps its join link: buyers who paid for an online event must be able to join.
      if (event.status === 'published')
        assertJoinLink(
          input.kind ?? event.kind,
          input.onlineUrl === undefined ? event.onlineUrl : input.onlineUrl,
        );
      const updated = await db.transaction(async (tx) => {
        const row = await repo.updateEvent(
          tx,
          event.id,
          {
            title: input.title,
            description: input.description,
            venue: input.venue,
            startsAt,
            endsAt,
            timezone: input.timezone,
            currency: input.currency,
            // Lowering it never touches tickets already held or bought: it refuses new ones only.
            maxTicketsPerBuyer: input.maxTicketsPerBuyer,
            waitingRoom: input.waitingRoom,
            attendeeNames: input.attendeeNames,
            attendeeEmails: input.attendeeEmails,
            transferDeadlineHours: input.transferDeadlineHours,
            waitlistOfferHours: input.waitlistOfferHours,
            category: input.category,
            kind: input.kind,
            onlineUrl: input.onlineUrl,
            // An emptied city is no city: the location filter never matches an empty string.
            city: input.city === undefined ? undefined : input.city || null,
            language: input.language,
            ...feeColumns(input.fee),
            ...bankTransferColumn(input.bankTransfer, event.bankTransfer),
          },
          clock.now(),
        );
        const isMoved =
          row &&
          (row.startsAt.getTime() !== event.startsAt.getTime() ||
            row.endsAt.getTime() !== event.endsAt.getTime() ||
            row.venue !== event.venue);
        if (row && isMoved && event.status === 'published')
          await deps.onEventChanged?.(tx, event.id, {
            startsAt: event.startsAt,
            endsAt: event.endsAt,
            venue: event.venue,
          });
        const isFaceChanged =
          row && (isMoved || row.title !== event.title || row.timezone !== event.timezone);
        if (row && isFaceChanged && event.status === 'published')
          await deps.onTicketFaceChanged?.(tx, event.id);
        if (row) await recordEventAudit(tx, auth, event, 'event.update', { fields: Object.keys(input) });
        return row;
      });
      if (!updated) throw notFound('Event');
      return presentEvent(updated, await repo.listTicketTypes(db, event.id));
    },

    async publishEvent(auth: Principal, eventId: string): Promise<Event> {
      const { event } = await authorizeEvent(db, auth, eventId, 'events.manage');
      assertNotCancelled(event);
      assertJoinLink(event.kind, event.onlineUrl);
      const published = await db.transaction(async (tx) => {
        // Takes turns with ticket-type deletes, and makes the publish a statement started after the
        // lock: waiting on the row inside the UPDATE itself, PostgreSQL would re-check only the event
        // row and keep the EXISTS of its older snapshot, publishing an event whose last type just went.
        await lockEvent(tx, event.id);
        const row = await repo.publishEvent(tx, event.id, clock.now());
        if (row && event.status !== 'published') await recordEventAudit(tx, auth, event, 'event.publish');
        return row;
      });
      if (!published) {
        const current = await repo.findEventById(db, event.id);
        if (current?.status === 'cancelled') assertNotCancelled(current);
        if (current) assertJoinLink(current.kind, current.onlineUrl);
        throw new AppError('NO_TICKET_TYPES', 'Add at least one ticket type before publishing');
      }
      return presentEvent(published, await repo.listTicketTypes(db, event.id));
    },

    /** Cancels the event and queues the refunds of its paid orders (they run in the background), then closes its holds. */
    async cancelEvent(auth: Principal, eventId: string): Promise<Event> {
      const { event } = await authorizeEvent(db, auth, eventId, 'events.manage');
      const cancelled = await db.transaction(async (tx) => {
        const row = event.status === 'cancelled' ? event : await repo.cancelEvent(tx, event.id, clock.now());
        if (row && event.status !== 'cancelled') await recordEventAudit(tx, auth, event, 'event.cancel');
        // Also on a repeated cancel: it queues again what is still unrefunded (a refund job run twice refunds once).
        if (row) await deps.onEventCancelled?.inTransaction(tx, event.id);
        return row;
      });
      if (!cancelled) throw notFound('Event');
      const types = await repo.listTicketTypes(db, event.id);
      await deps.onEventCancelled?.afterCommit(
        event.id,
        types.map((type) => type.id),
      );
      return withRefundProgress(presentEvent(cancelled, types));
    },

    async createTicketType(
      auth: Principal,
      eventId: string,
      input: CreateTicketTypeBody,
    ): Promise<TicketType> {
      const { event } = await authorizeEvent(db, auth, eventId, 'events.manage');
      assertNotCancelled(event);
      const salesStartAt = toDate(input.salesStartAt) ?? null;
      const salesEndAt = toDate(input.salesEndAt) ?? null;
      assertSalesWindow(event, salesStartAt, salesEndAt);
      const minPerOrder = input.minPerOrder ?? 1;
      const maxPerOrder = input.maxPerOrder ?? Math.max(DEFAULT_MAX_PER_ORDER, minPerOrder);
      if (minPerOrder > maxPerOrder) throw invalid('maxPerOrder', 'must be at least minPerOrder');
      const row = await db.transaction(async (tx) => {
        // Under the lock date changes take: a date added meanwhile gets this type's stock row too.
        await lockEventForDates(tx, event.id);
        const inserted = await repo.insertTicketType(tx, {
          eventId: event.id,
          name: input.name,
          description: input.description ?? null,
          priceCents: input.priceCents,
          capacity: input.capacity,
          salesStartAt,
          salesEndAt,
          minPerOrder,
          maxPerOrder,
          visibility: input.visibility ?? 'public',
          accessCode: input.accessCode ?? null,
          taxRateId: await assertTaxRateOf(tx, event.organizationId, input.taxRateId),
        });
        await insertStockRowsOfNewType(tx, event.id, inserted.id);
        return inserted;
      });
      return presentTicketType(row);
    },

    async updateTicketType(
      auth: Principal,
      ticketTypeId: string,
      input: UpdateTicketTypeBody,
    ): Promise<TicketType> {
      const { ticketType, event } = await authorizeTicketType(db, auth, ticketTypeId, 'events.manage');
      assertNotCancelled(event);
      const salesStartAt =
        input.salesStartAt !== undefined ? (toDate(input.salesStartAt) ?? null) : ticketType.salesStartAt;
      const salesEndAt =
        input.salesEndAt !== undefined ? (toDate(input.salesEndAt) ?? null) : ticketType.salesEndAt;
      if (salesStartAt && salesEndAt && salesEndAt <= salesStartAt)
        throw invalid('salesEndAt', 'must be after salesStartAt');
      assertSalesWindow(event, salesStartAt, salesEndAt);
      const minPerOrder = input.minPerOrder ?? ticketType.minPerOrder;
      const maxPerOrder = input.maxPerOrder ?? ticketType.maxPerOrder;
      if (minPerOrder > maxPerOrder) throw invalid('maxPerOrder', 'must be at least minPerOrder');
      const taxRateId =
        input.taxRateId === undefined || input.taxRateId === ticketType.taxRateId
          ? undefined
          : await assertTaxRateOf(db, event.organizationId, input.taxRateId);
      const updated = await repo.updateTicketType(db, ticketType.id, {
        name: input.name,
        description: input.description,
        priceCents: input.priceCents,
        capacity: input.capacity,
        salesStartAt,
        salesEndAt,
        minPerOrder,
        maxPerOrder,
        visibility: input.visibility,
        accessCode: input.accessCode,
        waitlistEnabled: input.waitlistEnabled,
        taxRateId,
      });
      if (!updated)
        throw new AppError(
          'CAPACITY_BELOW_SOLD',
          'Capacity cannot drop below the tickets already sold and held',
          {
            errors: [{ path: 'capacity', message: 'below sold + held' }],
          },
        );
      return presentTicketType(updated);
    },

    async createPromoCode(auth: Principal, eventId: string, input: CreatePromoCodeBody): Promise<PromoCode> {
      const { event } = await authorizeEvent(db, auth, eventId, 'events.manage');
      assertNotCancelled(event);
      const ticketTypeIds = [...new Set(input.ticketTypeIds ?? [])];
      if (ticketTypeIds.some((id) => !isUuid(id)))
        throw invalid('ticketTypeIds', 'every id must be a ticket type of this event');
      const row = await db.transaction(async (tx) => {
        // Like edits, a new code waits for a ticket-type delete of this event to finish, so it never
        // names a type that is gone by the time it is written.
        await lockEvent(tx, event.id);
        if ((await repo.countTicketTypesOf(tx, event.id, ticketTypeIds)) !== ticketTypeIds.length)
          throw invalid('ticketTypeIds', 'every id must be a ticket type of this event');
        return repo.insertPromoCode(tx, {
          eventId: event.id,
          code: input.code.toUpperCase(),
          percentOff: input.percentOff ?? null,
          amountOffCents: input.amountOffCents ?? null,
          maxUses: input.maxUses ?? null,
          validFrom: toDate(input.validFrom) ?? null,
          validUntil: toDate(input.validUntil) ?? null,
          ticketTypeIds,
        });
      });
      if (!row)
        throw new AppError('PROMO_CODE_TAKEN', 'This event already has a promo code with that name', {
          errors: [{ path: 'code', message: 'already exists for this event' }],
        });
      return presentPromoCode(row);
    },

    async listPromoCodes(auth: Principal, eventId: string): Promise<Page<PromoCode>> {
      const { event } = await authorizeEvent(db, auth, eventId, 'events.view');
      return {
        items: (await repo.listPromoCodes(db, event.id)).map((row) => presentPromoCode(row)),
        nextCursor: null,
      };
    },

    async addReminder(auth: Principal, eventId: string, input: CreateReminderBody): Promise<Reminder> {
      const { event } = await authorizeEvent(db, auth, eventId, 'events.manage');
      assertNotCancelled(event);
      const inserted = await repo.insertReminders(db, event.id, [input.offsetMinutes]);
      if (inserted === 0)
        throw new AppError('REMINDER_EXISTS', 'This event already has a reminder at that offset');
      return { eventId: event.id, offsetMinutes: input.offsetMinutes };
    },

    async listReminders(auth: Principal, eventId: string): Promise<Page<Reminder>> {
      const { event } = await authorizeEvent(db, auth, eventId, 'events.view');
      return { items: await repo.listReminders(db, event.id), nextCursor: null };
    },

    async removeReminder(auth: Principal, eventId: string, offsetMinutes: number): Promise<void> {
      const { event } = await authorizeEvent(db, auth, eventId, 'events.manage');
      if (!(await repo.deleteReminder(db, event.id, offsetMinutes))) throw notFound('Reminder');
    },
  };
}

export type EventsService = ReturnType<typeof createEventsService>;
