import {
  answerText,
  type AnswerValue,
  type Attendee,
  decimalAmount,
  type Question,
} from '@zevents/contracts';
import type {
  AttendeesFilter,
  AttendeesQuery,
  EventOrderListItem,
  EventOrdersFilter,
  EventOrdersQuery,
  Page,
} from '@zevents/contracts';
import { DateTime } from 'luxon';
import type { Db } from '../../db/client';
import type { AuthContext } from '../../http/auth-context';
import type { Clock } from '../../shared/clock';
import { decodeCursor, toPage } from '../../shared/pagination';
import { assertDateOfEvent, authorizeEvent, listDates } from '../events';
import { findAnswersOfOrders, listEventQuestions } from '../questions';
import { effectiveStatus } from '../orders';
import { normalizeTicketCode } from '../tickets';
import { type CsvColumn, keysetBatches } from './csv-export';
import * as repo from './event-lists.repository';

/** One search box for names, emails and ticket codes (typed any way normalizeTicketCode accepts). */
export function toListSearch(q: string | undefined): repo.ListSearch {
  if (!q) return {};
  return { pattern: `%${q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`, code: normalizeTicketCode(q) };
}

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

type WithOrderAnswers = repo.AttendeeRow & { orderAnswers: Record<string, AnswerValue> };

function presentAttendee({ dateId, ...row }: WithOrderAnswers): Attendee {
  // The date only on an event with dates: every other attendee reads exactly as before.
  return { ...row, checkedInAt: iso(row.checkedInAt), ...(dateId ? { dateId } : {}) };
}

/** Rows of one page or export batch with their orders' answers (one query per batch). */
async function withOrderAnswers(db: Db, rows: repo.AttendeeRow[]): Promise<WithOrderAnswers[]> {
  const answers = await findAnswersOfOrders(db, [...new Set(rows.map((row) => row.orderId))]);
  return rows.map((row) => ({ ...row, orderAnswers: answers.get(row.orderId) ?? {} }));
}

/** An answer as a spreadsheet cell (an empty one when not given). */
function answerCell(value: AnswerValue | undefined): string | number | null {
  return value === undefined ? null : answerText(value);
}

/** One column per question, headed by its label (a repeated label gets a number). */
function questionColumns<Row>(
  questions: readonly Question[],
  answersOf: (row: Row, question: Question) => AnswerValue | undefined,
): Array<CsvColumn<Row>> {
  const seen = new Map<string, number>();
  return questions.map((question) => {
    const count = (seen.get(question.label) ?? 0) + 1;
    seen.set(question.label, count);
    return {
      header: count === 1 ? question.label : `${question.label} (${count})`,
      value: (row: Row) => answerCell(answersOf(row, question)),
    };
  });
}

/** An instant as the event's local time with its offset, to the second (2027-03-14T19:30:00+01:00). */
const localTime = (timezone: string) => (value: string | null) =>
  value === null
    ? null
    : DateTime.fromISO(value, { zone: timezone }).startOf('second').toISO({ suppressMilliseconds: true });

function presentEventOrder(row: repo.EventOrderRow, now: Date): EventOrderListItem {
  return {
    id: row.id,
    status: effectiveStatus(row, now),
    buyer: { name: row.buyerName, email: row.buyerEmail },
    tickets: row.tickets,
    subtotalCents: row.subtotalCents,
    discountCents: row.discountCents,
    totalCents: row.totalCents,
    refundedCents: row.refundedCents,
    currency: row.currency,
    createdAt: row.createdAt.toISOString(),
    paidAt: iso(row.paidAt),
    paymentMethod: row.paymentMethod,
  };
}

/** The attendee export: fixed columns, then one per question (per-ticket answers, then the order's). */
export function attendeeCsvColumns(
  timezone: string,
  questions: readonly Question[],
  /** The event's dates, when it has some: a `date` column then says which one each ticket is for. */
  dates: ReadonlyArray<{ id: string; startsAt: Date }> = [],
): Array<CsvColumn<Attendee>> {
  const local = localTime(timezone);
  const startOf = new Map(dates.map((date) => [date.id, date.startsAt.toISOString()]));
  return [
    { header: 'ticket_id', value: (a) => a.ticketId },
    { header: 'code', value: (a) => a.code },
    { header: 'attendee_name', value: (a) => a.attendeeName },
    { header: 'buyer_name', value: (a) => a.buyerName },
    { header: 'buyer_email', value: (a) => a.buyerEmail },
    { header: 'ticket_type', value: (a) => a.ticketTypeName },
    { header: 'status', value: (a) => a.status },
    { header: 'checked_in_at', value: (a) => local(a.checkedInAt) },
    { header: 'order_id', value: (a) => a.orderId },
    // Columns added later go after the first ones, so imports that read by position keep working.
    { header: 'attendee_email', value: (a) => a.attendeeEmail },
    { header: 'payment_method', value: (a) => a.paymentMethod ?? 'online' },
    ...(dates.length > 0
      ? [{ header: 'date', value: (a: Attendee) => local(a.dateId ? (startOf.get(a.dateId) ?? null) : null) }]
      : []),
    ...questionColumns<Attendee>(questions, (a, question) =>
      question.appliesTo === 'attendee' ? a.answers[question.id] : a.orderAnswers[question.id],
    ),
  ];
}

type OrderWithAnswers = EventOrderListItem & { answers: Record<string, AnswerValue> };

/**
 * The order export: amounts in minor units and as exact decimals beside their currency, times in the
 * event's time zone with their offset, then one column per order question.
 */
export function orderCsvColumns(
  timezone: string,
  questions: readonly Question[],
): Array<CsvColumn<OrderWithAnswers>> {
  const local = localTime(timezone);
  return [
    { header: 'order_id', value: (o) => o.id },
    { header: 'status', value: (o) => o.status },
    { header: 'buyer_name', value: (o) => o.buyer.name },
    { header: 'buyer_email', value: (o) => o.buyer.email },
    { header: 'tickets', value: (o) => o.tickets },
    { header: 'subtotal_cents', value: (o) => o.subtotalCents },
    { header: 'discount_cents', value: (o) => o.discountCents },
    { header: 'total_cents', value: (o) => o.totalCents },
    { header: 'refunded_cents', value: (o) => o.refundedCents },
    { header: 'currency', value: (o) => o.currency },
    { header: 'created_at', value: (o) => local(o.createdAt) },
    { header: 'paid_at', value: (o) => local(o.paidAt ?? null) },
    // Columns added later go after the first ones, so imports that read by position keep working.
    { header: 'subtotal', value: (o) => decimalAmount(o.subtotalCents, o.currency) },
    { header: 'discount', value: (o) => decimalAmount(o.discountCents, o.currency) },
    { header: 'total', value: (o) => decimalAmount(o.totalCents, o.currency) },
    { header: 'refunded', value: (o) => decimalAmount(o.refundedCents, o.currency) },
    { header: 'payment_method', value: (o) => o.paymentMethod ?? 'online' },
    ...questionColumns<OrderWithAnswers>(
      questions.filter((question) => question.appliesTo === 'order'),
      (o, question) => o.answers[question.id],
    ),
  ];
}

export interface CsvExport<Row> {
  filename: string;
  columns: ReadonlyArray<CsvColumn<Row>>;
  /** Fetched lazily, batch by batch, as the response is written. */
  rows: AsyncIterable<Row>;
}

export function createEventListsService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  async function* mapRows<Row, Item>(rows: AsyncIterable<Row>, present: (row: Row) => Item) {
    for await (const row of rows) yield present(row);
  }

  return {
    async listAttendees(auth: AuthContext, eventId: string, query: AttendeesQuery): Promise<Page<Attendee>> {
      const { event } = await authorizeEvent(db, auth, eventId, 'events.view');
      if (query.dateId) await assertDateOfEvent(db, event.id, query.dateId);
      const filter = { status: query.status, search: toListSearch(query.q), dateId: query.dateId };
      const rows = await repo.findAttendees(
        db,
        event.id,
        filter,
        query.limit + 1,
        // Attendees sort by name, orders by their microsecond created_at (see the repository).
        decodeCursor(query.cursor, 'text'),
      );
      return toPage(await withOrderAnswers(db, rows), query.limit, presentAttendee, (row) => ({
        k: row.attendeeName,
        id: row.ticketId,
      }));
    },

    /** Authorizes now (so a refusal is still a problem document), then streams on demand. */
    async exportAttendees(
      auth: AuthContext,
      eventId: string,
      query: AttendeesFilter,
    ): Promise<CsvExport<Attendee>> {
      const { event } = await authorizeEvent(db, auth, eventId, 'events.view');
      if (query.dateId) await assertDateOfEvent(db, event.id, query.dateId);
      const filter = { status: query.status, search: toListSearch(query.q), dateId: query.dateId };
      const rows = keysetBatches(
        async (limit, after) =>
          withOrderAnswers(db, await repo.findAttendees(db, event.id, filter, limit, after)),
        (row) => ({ k: row.attendeeName, id: row.ticketId }),
      );
      return {
        filename: `attendees-${event.slug}.csv`,
        columns: attendeeCsvColumns(
          event.timezone,
          await listEventQuestions(db, event.id),
          await listDates(db, event.id),
        ),
        rows: mapRows(rows, presentAttendee),
      };
    },

    async listOrders(
      auth: AuthContext,
      eventId: string,
      query: EventOrdersQuery,
    ): Promise<Page<EventOrderListItem>> {
      const { event } = await authorizeEvent(db, auth, eventId, 'events.view');
      const now = clock.now();
      const filter = { status: query.status, search: toListSearch(query.q), now };
      const rows = await repo.findEventOrders(
        db,
        event.id,
        filter,
        query.limit + 1,
        decodeCursor(query.cursor, 'timestamp'),
      );
      return toPage(
        rows,
        query.limit,
        (row) => presentEventOrder(row, now),
        (row) => ({ k: row.cursorKey, id: row.id }),
      );
    },

    async exportOrders(
      auth: AuthContext,
      eventId: string,
      query: EventOrdersFilter,
    ): Promise<CsvExport<OrderWithAnswers>> {
      const { event } = await authorizeEvent(db, auth, eventId, 'events.view');
      const now = clock.now();
      const filter = { status: query.status, search: toListSearch(query.q), now };
      const batches = keysetBatches(
        async (limit, after) => {
          const found = await repo.findEventOrders(db, event.id, filter, limit, after);
          const answers = await findAnswersOfOrders(
            db,
            found.map((row) => row.id),
          );
          return found.map((row) => ({ row, answers: answers.get(row.id) ?? {} }));
        },
        ({ row }) => ({ k: row.cursorKey, id: row.id }),
      );
      return {
        filename: `orders-${event.slug}.csv`,
        columns: orderCsvColumns(event.timezone, await listEventQuestions(db, event.id)),
        rows: mapRows(batches, ({ row, answers }) => ({ ...presentEventOrder(row, now), answers })),
      };
    },
  };
}

export type EventListsService = ReturnType<typeof createEventListsService>;
