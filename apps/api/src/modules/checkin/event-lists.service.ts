import type {
  Attendee,
  AttendeesFilter,
  AttendeesQuery,
  EventOrderListItem,
  EventOrdersFilter,
  EventOrdersQuery,
  Page,
} from '@zevents/contracts';
import type { Db } from '../../db/client';
import type { AuthContext } from '../../http/auth-context';
import type { Clock } from '../../shared/clock';
import { decodeCursor, toPage } from '../../shared/pagination';
import { authorizeEvent } from '../events';
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

function presentAttendee(row: repo.AttendeeRow): Attendee {
  return { ...row, checkedInAt: iso(row.checkedInAt) };
}

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
  };
}

export const ATTENDEE_CSV_COLUMNS: ReadonlyArray<CsvColumn<Attendee>> = [
  { header: 'ticket_id', value: (a) => a.ticketId },
  { header: 'code', value: (a) => a.code },
  { header: 'attendee_name', value: (a) => a.attendeeName },
  { header: 'buyer_name', value: (a) => a.buyerName },
  { header: 'buyer_email', value: (a) => a.buyerEmail },
  { header: 'ticket_type', value: (a) => a.ticketTypeName },
  { header: 'status', value: (a) => a.status },
  { header: 'checked_in_at', value: (a) => a.checkedInAt },
  { header: 'order_id', value: (a) => a.orderId },
];

export const ORDER_CSV_COLUMNS: ReadonlyArray<CsvColumn<EventOrderListItem>> = [
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
  { header: 'created_at', value: (o) => o.createdAt },
  { header: 'paid_at', value: (o) => o.paidAt },
];

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
      const filter = { status: query.status, search: toListSearch(query.q) };
      const rows = await repo.findAttendees(
        db,
        event.id,
        filter,
        query.limit + 1,
        // Attendees sort by name, orders by their microsecond created_at (see the repository).
        decodeCursor(query.cursor, 'text'),
      );
      return toPage(rows, query.limit, presentAttendee, (row) => ({ k: row.attendeeName, id: row.ticketId }));
    },

    /** Authorizes now (so a refusal is still a problem document), then streams on demand. */
    async exportAttendees(
      auth: AuthContext,
      eventId: string,
      query: AttendeesFilter,
    ): Promise<CsvExport<Attendee>> {
      const { event } = await authorizeEvent(db, auth, eventId, 'events.view');
      const filter = { status: query.status, search: toListSearch(query.q) };
      const rows = keysetBatches(
        (limit, after) => repo.findAttendees(db, event.id, filter, limit, after),
        (row) => ({ k: row.attendeeName, id: row.ticketId }),
      );
      return {
        filename: `attendees-${event.slug}.csv`,
        columns: ATTENDEE_CSV_COLUMNS,
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
    ): Promise<CsvExport<EventOrderListItem>> {
      const { event } = await authorizeEvent(db, auth, eventId, 'events.view');
      const now = clock.now();
      const filter = { status: query.status, search: toListSearch(query.q), now };
      const rows = keysetBatches(
        (limit, after) => repo.findEventOrders(db, event.id, filter, limit, after),
        (row) => ({ k: row.cursorKey, id: row.id }),
      );
      return {
        filename: `orders-${event.slug}.csv`,
        columns: ORDER_CSV_COLUMNS,
        rows: mapRows(rows, (row) => presentEventOrder(row, now)),
      };
    },
  };
}

export type EventListsService = ReturnType<typeof createEventListsService>;
