import { and, asc, desc, eq, gt, inArray, lt, or, sql } from 'drizzle-orm';
import pg from 'pg';
import type { DbOrTx } from '../../db/client';
import { preparedQuery } from '../../db/prepared';
import { type BuyerBillingDetails, orderItems, orders, ticketTypes } from '../../db/schema';
import { priceCart, type StoredMoney } from '../billing';
import type { EventStatus, Order } from '@zevents/contracts';
import {
  KEY_TAKEN_MESSAGE,
  RELEASE_HOLDS_SQL,
  RESERVE_BATCH_SQL,
  RESERVE_FACTS_SQL,
  RESERVE_FAILED_MESSAGE,
} from './orders.sql';

export type OrderRow = typeof orders.$inferSelect;

export interface ReserveParams {
  orderId: string;
  eventId: string;
  items: Array<{ ticketTypeId: string; quantity: number }>;
  buyerName: string;
  buyerEmail: string;
  buyerUserId: string | null;
  promoCode: string | null;
  /** Unlocks hidden ticket types (with the promo code, which unlocks them too). */
  accessCode: string | null;
  now: Date;
  expiresAt: Date;
  idempotency: { scope: string; key: string; requestHash: string } | null;
  /**
   * The answer rendered for the provisional order, without its access token (the stored replay
   * never holds it in clear); the statement fills in what only it knows.
   */
  answer: Order;
  /** The client's address for the per-address hold limit; null turns that limit off. */
  clientAddress: string | null;
  /** New holds one address may make per minute (used only with an address). */
  holdsPerAddressPerMinute: number;
  /** The event date the order is for (required on an event with several dates). */
  dateId?: string | null;
}

/** What the database said when it refused a reserve, read in the refusing statement's snapshot. */
export interface ReserveFacts {
  /** Refused for its date: none named on an event of several, or one the event does not have. */
  date?: 'required' | 'unknown' | 'over';
  event: { status: EventStatus; endsAt: Date; maxTicketsPerBuyer: number } | null;
  /** What the buyer email already has for the event, and its holds already past their deadline. */
  buyer: { tickets: number; staleOrderIds: string[] };
  /** The client address's current window of new holds (null: none in the last minute, or no limit). */
  address: { holds: number; windowStart: Date } | null;
  types: Array<{
    id: string;
    name: string;
    priceCents: number;
    minPerOrder: number;
    maxPerOrder: number;
    salesStartAt: Date | null;
    salesEndAt: Date | null;
    /** capacity - sold - held, live holds past their deadline still counted as held. */
    available: number;
    /** Seats in holds already past their deadline (a release would give them back). */
    stale: number;
    visibility: 'public' | 'hidden';
    accessCode: string | null;
    /** Active promo codes that name this type (read for hidden types only; they unlock it). */
    unlockingPromoCodes: string[];
  }>;
  promo: {
    ticketTypeIds: string[];
    /** The organizer's switch; an inactive code is refused whatever its window says. */
    isActive: boolean;
    validFrom: Date | null;
    validUntil: Date | null;
    maxUses: number | null;
    uses: number;
    /** Uses still counted by holds past their deadline (a release would give them back). */
    staleUses: number;
  } | null;
}

export type ReserveOutcome =
  /** The order is held; `answer` is the 201 body (stored with the key when there is one). */
  | { kind: 'reserved'; answer: Order }
  /** The key already had a record, or another request with it won: the caller replays that. */
  | { kind: 'keyTaken' }
  /** Nothing changed; `facts` explain why (null when a concurrent change got in the way). */
  | { kind: 'refused'; facts: ReserveFacts | null };

interface RawFacts {
  date?: 'required' | 'unknown' | 'over';
  event: { status: EventStatus; endsAt: string; maxTicketsPerBuyer: number } | null;
  buyer: { tickets: number; staleOrderIds: string[] } | null;
  address: { holds: number; windowStart: string } | null;
  types: Array<
    Omit<ReserveFacts['types'][number], 'salesStartAt' | 'salesEndAt'> & {
      salesStartAt: string | null;
      salesEndAt: string | null;
    }
  > | null;
  promo:
    | (Omit<NonNullable<ReserveFacts['promo']>, 'validFrom' | 'validUntil'> & {
        validFrom: string | null;
        validUntil: string | null;
      })
    | null;
}

const toDate = (value: string | null) => (value === null ? null : new Date(value));

function parseFacts(raw: RawFacts): ReserveFacts {
  return {
    ...(raw.date ? { date: raw.date } : {}),
    event: raw.event ? { ...raw.event, endsAt: new Date(raw.event.endsAt) } : null,
    buyer: raw.buyer ?? { tickets: 0, staleOrderIds: [] },
    address: raw.address
      ? { holds: raw.address.holds, windowStart: new Date(raw.address.windowStart) }
      : null,
    types: (raw.types ?? []).map((type) => ({
      ...type,
      salesStartAt: toDate(type.salesStartAt),
      salesEndAt: toDate(type.salesEndAt),
    })),
    promo: raw.promo
      ? { ...raw.promo, validFrom: toDate(raw.promo.validFrom), validUntil: toDate(raw.promo.validUntil) }
      : null,
  };
}

/** A reserve's own failure inside a batch (its subtransaction was rolled back); `code` is PostgreSQL's. */
export class ReserveStatementError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ReserveStatementError';
  }
}

interface BatchRow {
  out_index: number;
  out_is_fresh: boolean | null;
  out_answer: Order | null;
  out_facts: RawFacts | null;
  out_error_code: string | null;
  out_error_message: string | null;
}

/** One request as zevents_reserve_batch reads it (field names fixed in migration 0016; 0025 added accessCode). */
function toBatchRequest(p: ReserveParams) {
  return {
    eventId: p.eventId,
    typeIds: p.items.map((item) => item.ticketTypeId),
    quantities: p.items.map((item) => item.quantity),
    // The same as PostgreSQL array literals (ids are UUIDs, quantities integers: nothing to quote),
    // which 0026 reads without a query per order.
    typeIdList: `{${p.items.map((item) => item.ticketTypeId).join(',')}}`,
    quantityList: `{${p.items.map((item) => item.quantity).join(',')}}`,
    buyerName: p.buyerName,
    buyerEmail: p.buyerEmail,
    buyerUserId: p.buyerUserId,
    promoCode: p.promoCode,
    accessCode: p.accessCode,
    now: p.now.toISOString(),
    expiresAt: p.expiresAt.toISOString(),
    orderId: p.orderId,
    scope: p.idempotency?.scope ?? null,
    key: p.idempotency?.key ?? null,
    requestHash: p.idempotency?.requestHash ?? null,
    answer: p.answer,
    address: p.clientAddress,
    holdsPerAddress: p.holdsPerAddressPerMinute,
    dateId: p.dateId ?? null,
  };
}

function toOutcome(row: BatchRow | undefined): ReserveOutcome | ReserveStatementError {
  if (!row) return new ReserveStatementError('XX000', 'the reserve batch answered no row for a request');
  if (row.out_error_code) {
    if (row.out_error_code === 'P0001' && row.out_error_message === KEY_TAKEN_MESSAGE)
      return { kind: 'keyTaken' };
    if (row.out_error_code === 'P0001' && row.out_error_message === RESERVE_FAILED_MESSAGE)
      return { kind: 'refused', facts: null };
    return new ReserveStatementError(row.out_error_code, row.out_error_message ?? 'reserve failed');
  }
  if (!row.out_is_fresh) return { kind: 'keyTaken' };
  if (row.out_answer) return { kind: 'reserved', answer: row.out_answer };
  return { kind: 'refused', facts: row.out_facts ? parseFacts(row.out_facts) : null };
}

/** What a one-request batch that failed on a changed row means for that request. */
function loneOutcome(error: unknown): ReserveOutcome | undefined {
  if (!(error instanceof pg.DatabaseError) || error.code !== 'P0001') return undefined;
  if (error.message === KEY_TAKEN_MESSAGE) return { kind: 'keyTaken' };
  if (error.message === RESERVE_FAILED_MESSAGE) return { kind: 'refused', facts: null };
  return undefined;
}

/**
 * Many reserves in one round trip and one commit (at most RESERVE_BATCH_LIMIT), each with its own
 * outcome, or the error of its own rolled-back subtransaction (a deadlock victim: code 40P01). A
 * failure of the call itself (the connection, a cancel) throws: then none of them happened.
 */
export async function reserveBatch(
  client: pg.ClientBase,
  batch: ReserveParams[],
): Promise<Array<ReserveOutcome | ReserveStatementError>> {
  let result: pg.QueryResult<BatchRow>;
  try {
    result = await client.query<BatchRow>({
      name: 'zevents_reserve_batch_v2',
      text: RESERVE_BATCH_SQL,
      values: [JSON.stringify(batch.map(toBatchRequest))],
    });
  } catch (error) {
    // The batch's writes found a row changed since its reads (0026): nothing happened. A batch of
    // several goes again request by request (the batcher does that on any PostgreSQL error); a lone
    // request gets the answer its own statement used to give.
    const lone = batch.length === 1 ? loneOutcome(error) : undefined;
    if (lone) return [lone];
    throw error;
  }
  const byIndex = new Map(result.rows.map((row) => [row.out_index, row]));
  return batch.map((_, i) => toOutcome(byIndex.get(i + 1)));
}

/** One reserve on a connection the caller holds (tests run it inside their own transaction). */
export async function reserveOn(client: pg.ClientBase, p: ReserveParams): Promise<ReserveOutcome> {
  const [outcome] = await reserveBatch(client, [p]);
  if (!outcome || outcome instanceof Error) throw outcome ?? new Error('no reserve outcome');
  return outcome;
}

/** The facts of a refusal on their own (when the reserve statement was cut short by a race). */
export async function findReserveFacts(
  pool: pg.Pool,
  q: {
    eventId: string;
    ticketTypeIds: string[];
    promoCode: string | null;
    now: Date;
    buyerEmail: string;
    clientAddress: string | null;
    dateId: string | null;
  },
): Promise<ReserveFacts> {
  const result = await pool.query<{ facts: RawFacts }>({
    name: 'zevents_reserve_facts_v4',
    text: RESERVE_FACTS_SQL,
    values: [q.eventId, q.ticketTypeIds, q.promoCode, q.now, q.buyerEmail, q.clientAddress, q.dateId],
  });
  const raw = result.rows[0]?.facts;
  return raw
    ? parseFacts(raw)
    : { event: null, types: [], promo: null, buyer: { tickets: 0, staleOrderIds: [] }, address: null };
}

export interface ReleaseFilter {
  now: Date;
  limit: number;
  ticketTypeIds?: string[];
  orderIds?: string[];
  status: 'expired' | 'cancelled';
  onlyPastDeadline: boolean;
}

/** Closes holds (expiry sweep, inline release before SOLD_OUT, buyer cancel) and returns stock. */
export async function releaseHolds(pool: pg.Pool | pg.PoolClient, f: ReleaseFilter) {
  const result = await pool.query<{ id: string; eventId: string }>({
    name: 'zevents_release_holds_v2',
    text: RELEASE_HOLDS_SQL,
    values: [f.now, f.limit, f.ticketTypeIds ?? null, f.orderIds ?? null, f.status, f.onlyPastDeadline],
  });
  return result.rows;
}

const selectOrder = preparedQuery('zevents_find_order', (db) =>
  db
    .select()
    .from(orders)
    .where(eq(orders.id, sql.placeholder('orderId')))
    .limit(1),
);

// The lock every payment and refund takes: named too, so PostgreSQL plans it once per connection
// (a transaction's handle builds the query again, but the connection keeps its plan).
const selectOrderForUpdate = preparedQuery('zevents_find_order_for_update', (db) =>
  db
    .select()
    .from(orders)
    .where(eq(orders.id, sql.placeholder('orderId')))
    .limit(1)
    .for('update'),
);

export async function findOrder(db: DbOrTx, orderId: string, options: { forUpdate?: boolean } = {}) {
  if (options.forUpdate) return (await selectOrderForUpdate(db, { orderId }))[0];
  return (await selectOrder(db, { orderId }))[0];
}

// Read by every order email, page and payment: prepared, so PostgreSQL plans the join once per
// connection (its planning was 0.2 ms a call, ten times its execution).
const selectOrderItems = preparedQuery('zevents_order_items', (db) =>
  db
    .select({
      ticketTypeId: orderItems.ticketTypeId,
      ticketTypeName: ticketTypes.name,
      quantity: orderItems.quantity,
      unitPriceCents: orderItems.unitPriceCents,
      discountCents: orderItems.discountCents,
      feeCents: orderItems.feeCents,
      taxCents: orderItems.taxCents,
      totalCents: orderItems.totalCents,
      taxRateId: orderItems.taxRateId,
      taxName: orderItems.taxName,
      taxRateBasisPoints: orderItems.taxRateBasisPoints,
      taxInclusive: orderItems.taxInclusive,
    })
    .from(orderItems)
    .innerJoin(ticketTypes, eq(ticketTypes.id, orderItems.ticketTypeId))
    .where(eq(orderItems.orderId, sql.placeholder('orderId')))
    .orderBy(asc(ticketTypes.sortOrder), asc(ticketTypes.id)),
);

export async function findOrderItems(db: DbOrTx, orderId: string) {
  return selectOrderItems(db, { orderId });
}

/**
 * Moves the order's hold into sold stock (the hold is still in `held`). The statement is in
 * zevents_convert_hold_to_sold (migration 0051), whose plan PostgreSQL keeps per connection: sent
 * from here it was planned on every payment, 0.4 ms, ten times its execution.
 */
export async function convertHoldToSold(db: DbOrTx, orderId: string): Promise<void> {
  await db.execute(sql`SELECT zevents_convert_hold_to_sold(${orderId}::uuid)`);
}

/**
 * Sells the order's tickets again after its hold was released: every type must still have room,
 * and the promo code use the release gave back must still be there to take again, else nothing
 * changes (the caller runs this in a savepoint and rolls back on a shortfall).
 *
 * Only the use count is checked, never `is_active` or the validity window: the order was priced
 * while the code applied and the buyer pays that price, so a code deactivated or ended since keeps
 * its discount here exactly as it does for an order paid in time.
 */
export async function resellReleasedHold(db: DbOrTx, orderId: string): Promise<{ isComplete: boolean }> {
  const result = await db.execute<{ sold_types: number; item_types: number; promo_missing: boolean }>(sql`
    WITH upd AS (
      UPDATE ticket_types tt SET sold = tt.sold + oi.quantity
      FROM order_items oi
      WHERE oi.order_id = ${orderId} AND tt.id = coalesce(oi.stock_type_id, oi.ticket_type_id)
        AND tt.sold + tt.held + oi.quantity <= tt.capacity
      RETURNING tt.id
    ),
    promo AS (
      UPDATE promo_codes p SET uses = p.uses + 1
      FROM orders o
      WHERE o.id = ${orderId} AND p.id = o.promo_code_id AND (p.max_uses IS NULL OR p.uses < p.max_uses)
      RETURNING p.id
    ),
    -- The release took these tickets off the buyer's count; the buyer paid, so no limit applies here.
    buyer AS (
      INSERT INTO buyer_ticket_counts AS b (event_id, email, tickets)
      SELECT o.event_id, lower(o.buyer_email), (SELECT sum(oi.quantity)::int FROM order_items oi WHERE oi.order_id = o.id)
      FROM orders o WHERE o.id = ${orderId}
      ON CONFLICT (event_id, email) DO UPDATE SET tickets = b.tickets + excluded.tickets
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM upd)::int AS sold_types,
           (SELECT count(*) FROM order_items WHERE order_id = ${orderId})::int AS item_types,
           EXISTS (SELECT 1 FROM orders o WHERE o.id = ${orderId} AND o.promo_code_id IS NOT NULL)
             AND NOT EXISTS (SELECT 1 FROM promo) AS promo_missing`);
  const row = result.rows[0];
  return { isComplete: !!row && row.sold_types === row.item_types && !row.promo_missing };
}

/** The buyer's name as they corrected it in the details step (the email stays as reserved). */
export async function updateBuyerName(db: DbOrTx, orderId: string, buyerName: string): Promise<void> {
  await db.update(orders).set({ buyerName }).where(eq(orders.id, orderId));
}

/** The company the buyer's invoice names (null: the buyer), as given in the details step. */
export async function updateBillingDetails(
  db: DbOrTx,
  orderId: string,
  billingDetails: BuyerBillingDetails | null,
): Promise<void> {
  await db.update(orders).set({ billingDetails }).where(eq(orders.id, orderId));
}

/**
 * An organizer's correction of the buyer's address: the order and the `tickets` it counts against
 * the per-buyer limit move to the new address together (no limit is applied to an organizer).
 */
export async function moveBuyerEmail(
  db: DbOrTx,
  orderId: string,
  email: string,
  tickets: number,
): Promise<void> {
  await db.execute(sql`
    WITH o AS (SELECT id, event_id, lower(buyer_email) AS old_email FROM orders WHERE id = ${orderId}),
    dec AS (
      UPDATE buyer_ticket_counts b SET tickets = greatest(b.tickets - ${tickets}::int, 0)
      FROM o WHERE b.event_id = o.event_id AND b.email = o.old_email AND o.old_email <> lower(${email})
      RETURNING 1
    ),
    inc AS (
      INSERT INTO buyer_ticket_counts AS b (event_id, email, tickets)
      SELECT o.event_id, lower(${email}), ${tickets}::int FROM o
      WHERE ${tickets}::int > 0 AND o.old_email <> lower(${email})
      ON CONFLICT (event_id, email) DO UPDATE SET tickets = b.tickets + excluded.tickets
      RETURNING 1
    )
    UPDATE orders SET buyer_email = lower(${email}) WHERE id = ${orderId}`);
}

export async function markOrderPaid(db: DbOrTx, orderId: string, now: Date): Promise<void> {
  await db.update(orders).set({ status: 'paid', paidAt: now, closedAt: null }).where(eq(orders.id, orderId));
}

/**
 * Gives the seats of an order's voided tickets back to the stock they were sold from; a void
 * ticket no longer counts against its buyer's per-event limit either.
 */
export async function returnSeatsOfVoidedTickets(
  db: DbOrTx,
  orderId: string,
  voided: ReadonlyArray<{ ticketTypeId: string; count: number }>,
): Promise<void> {
  if (voided.length === 0) return;
  const total = voided.reduce((sum, type) => sum + type.count, 0);
  await db.execute(sql`
    WITH per_type AS (
      SELECT * FROM unnest(${sql.param(voided.map((type) => type.ticketTypeId))}::uuid[],
                           ${sql.param(voided.map((type) => type.count))}::int[]) AS p(ticket_type_id, n)
    ),
    stock AS (
      -- The stock row the order's item took from: a date's own, or the ticket type's.
      UPDATE ticket_types tt SET sold = tt.sold - p.n
      FROM per_type p JOIN order_items oi ON oi.order_id = ${orderId}::uuid AND oi.ticket_type_id = p.ticket_type_id
      WHERE tt.id = coalesce(oi.stock_type_id, oi.ticket_type_id) RETURNING 1
    ),
    buyer AS (
      UPDATE buyer_ticket_counts b SET tickets = greatest(b.tickets - ${total}::int, 0)
      FROM orders o
      WHERE o.id = ${orderId} AND b.event_id = o.event_id AND b.email = lower(o.buyer_email)
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM stock)::int AS s, (SELECT count(*) FROM buyer)::int AS b`);
}

export async function updateOrder(db: DbOrTx, orderId: string, changes: Partial<typeof orders.$inferInsert>) {
  await db.update(orders).set(changes).where(eq(orders.id, orderId));
}

/**
 * A buyer's orders, newest first, after the cursor's (created_at, id) when there is one. created_at
 * is written from a JS Date (milliseconds), so a Date key loses nothing here.
 */
export async function listOrdersOfBuyer(
  db: DbOrTx,
  userId: string,
  page: { after?: { createdAt: Date; id: string }; limit: number; alsoOrderIds?: readonly string[] },
) {
  const { after } = page;
  const extra = page.alsoOrderIds ?? [];
  return db
    .select({ id: orders.id, createdAt: orders.createdAt })
    .from(orders)
    .where(
      and(
        extra.length > 0
          ? or(eq(orders.buyerUserId, userId), inArray(orders.id, [...extra]))
          : eq(orders.buyerUserId, userId),
        after
          ? or(
              lt(orders.createdAt, after.createdAt),
              and(eq(orders.createdAt, after.createdAt), lt(orders.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(page.limit);
}

/**
 * The paid orders of an event that the calling transaction is cancelling. It locks every order that
 * is paid or could still turn paid (a live or expired hold): a payment being applied at this moment
 * holds its order's lock and read the event before the cancellation committed, so this waits for it
 * and PostgreSQL re-checks the order as that payment left it. No order turns paid unseen: either it
 * is listed here, or its payment runs after the cancellation and gives the money back.
 */
export async function lockPaidOrdersOfCancelledEvent(tx: DbOrTx, eventId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: orders.id, status: orders.status })
    .from(orders)
    .where(
      and(
        eq(orders.eventId, eventId),
        inArray(orders.status, ['reserved', 'awaiting_payment', 'expired', 'paid', 'partially_refunded']),
      ),
    )
    .for('update');
  return rows
    .filter((row) => row.status === 'paid' || row.status === 'partially_refunded')
    .map((row) => row.id);
}

export async function countOrdersByStatus(db: DbOrTx) {
  return db
    .select({ status: orders.status, n: sql<number>`count(*)::int` })
    .from(orders)
    .groupBy(orders.status);
}

/**
 * Takes stock for an order the organizer issues, in one conditional statement per call: every
 * type must have room (`sold + held + n <= capacity`), else nothing changes. Sale windows and
 * per-order limits are the organizer's to override; capacity is not. Returns each type's price,
 * or undefined (and no change) when any type lacks room.
 */
export async function takeManualStock(
  db: DbOrTx,
  eventId: string,
  items: ReadonlyArray<ManualStockItem>,
): Promise<Map<string, number> | undefined> {
  // In a savepoint: a full capacity pool refuses the UPDATE (the 0029 trigger) without aborting the
  // caller's transaction, and the organizer hears "sold out" like for a full ticket type.
  return db
    .transaction((savepoint) => takeManualStockNow(savepoint, eventId, items))
    .catch((error: unknown) => {
      if (isCapacityPoolFull(error)) return undefined;
      throw error;
    });
}

/** A ticket type and how many, with the stock row it takes from (a date's own, or the type itself). */
export interface ManualStockItem {
  ticketTypeId: string;
  quantity: number;
  stockTypeId?: string;
}

/**
 * The stock trigger of migration 0029 refused a change: a capacity pool has no room for it. It
 * raises the reserve's own refusal, so that the reserve batch answers it like any other.
 */
export function isCapacityPoolFull(error: unknown): boolean {
  for (let current: unknown = error; current instanceof Error; current = current.cause)
    if (
      current instanceof pg.DatabaseError &&
      current.code === 'P0001' &&
      current.message === RESERVE_FAILED_MESSAGE
    )
      return true;
  return false;
}

async function takeManualStockNow(
  db: DbOrTx,
  eventId: string,
  items: ReadonlyArray<ManualStockItem>,
): Promise<Map<string, number> | undefined> {
  // The room is the stock row's; the price is always the ticket type's.
  const result = await db.execute<{ id: string; price_cents: number; taken: number; wanted: number }>(sql`
    WITH req AS (
      SELECT * FROM unnest(${sql.param(items.map((item) => item.ticketTypeId))}::uuid[],
                           ${sql.param(items.map((item) => item.stockTypeId ?? item.ticketTypeId))}::uuid[],
                           ${sql.param(items.map((item) => item.quantity))}::int[]) AS r(ticket_type_id, stock_id, quantity)
    ),
    -- In id order, the order the reserve batch locks them in: the box office and a batch never deadlock.
    locked AS MATERIALIZED (
      SELECT tt.id FROM ticket_types tt WHERE tt.id IN (SELECT stock_id FROM req) ORDER BY tt.id FOR NO KEY UPDATE
    ),
    fits AS (
      SELECT count(*)::int AS n FROM req r JOIN ticket_types tt ON tt.id = r.stock_id
      WHERE tt.id IN (SELECT id FROM locked)
        AND tt.event_id = ${eventId}::uuid AND tt.sold + tt.held + r.quantity <= tt.capacity
    ),
    upd AS (
      UPDATE ticket_types tt SET sold = tt.sold + r.quantity
      FROM req r, fits f
      WHERE tt.id = r.stock_id AND tt.event_id = ${eventId}::uuid
        AND f.n = (SELECT count(*) FROM req) AND tt.sold + tt.held + r.quantity <= tt.capacity
      RETURNING r.ticket_type_id AS id
    )
    SELECT u.id, t.price_cents, (SELECT count(*) FROM upd)::int AS taken, (SELECT count(*) FROM req)::int AS wanted
    FROM upd u JOIN ticket_types t ON t.id = u.id`);
  const first = result.rows[0];
  if (!first || first.taken !== first.wanted) return undefined;
  return new Map(result.rows.map((row) => [row.id, Number(row.price_cents)]));
}

/** An order's money columns and its lines' (billing's priceCart), as the rows store them. */
function moneyColumns(money: StoredMoney) {
  return {
    subtotalCents: money.subtotalCents,
    discountCents: money.discountCents,
    feeCents: money.feeCents,
    feePassedOn: money.feePassedOn,
    taxCents: money.taxCents,
    taxAddedCents: money.taxAddedCents,
    totalCents: money.totalCents,
  };
}

function lineRows(
  orderId: string,
  eventId: string,
  money: StoredMoney,
  stockOf: (ticketTypeId: string) => string | null,
) {
  return money.lines.map((line) => ({
    orderId,
    eventId,
    ticketTypeId: line.ticketTypeId,
    quantity: line.quantity,
    unitPriceCents: line.unitPriceCents,
    discountCents: line.discountCents,
    feeCents: line.feeCents,
    taxCents: line.taxCents,
    totalCents: line.totalCents,
    taxRateId: line.taxRateId,
    taxName: line.taxName,
    taxRateBasisPoints: line.taxRateBasisPoints,
    taxInclusive: line.taxInclusive,
    stockTypeId: stockOf(line.ticketTypeId),
  }));
}

/** Records an organizer's order as paid, with its items, and counts its tickets for its buyer. */
export async function insertManualOrder(
  db: DbOrTx,
  order: {
    id: string;
    eventId: string;
    buyerName: string;
    buyerEmail: string;
    currency: string;
    paymentMethod: 'comp' | 'cash';
    /** Priced by billing's priceCart, in the order of `items`. */
    money: StoredMoney;
    items: ReadonlyArray<{ ticketTypeId: string; quantity: number; stockTypeId?: string }>;
    now: Date;
    dateId?: string | null;
  },
): Promise<OrderRow> {
  const rows = await db
    .insert(orders)
    .values({
      id: order.id,
      eventId: order.eventId,
      status: 'paid',
      buyerName: order.buyerName,
      buyerEmail: order.buyerEmail,
      ...moneyColumns(order.money),
      currency: order.currency,
      expiresAt: order.now,
      createdAt: order.now,
      paidAt: order.now,
      paymentMethod: order.paymentMethod,
      dateId: order.dateId ?? null,
    })
    .returning();
  const row = rows[0];
  if (!row) throw new Error('insert into orders returned no row');
  const stock = new Map(order.items.map((item) => [item.ticketTypeId, item.stockTypeId]));
  await db.insert(orderItems).values(
    lineRows(order.id, order.eventId, order.money, (ticketTypeId) => {
      const stockTypeId = stock.get(ticketTypeId);
      return stockTypeId && stockTypeId !== ticketTypeId ? stockTypeId : null;
    }),
  );
  const tickets = order.items.reduce((sum, item) => sum + item.quantity, 0);
  await db.execute(sql`
    INSERT INTO buyer_ticket_counts AS b (event_id, email, tickets)
    VALUES (${order.eventId}::uuid, lower(${order.buyerEmail}), ${tickets}::int)
    ON CONFLICT (event_id, email) DO UPDATE SET tickets = b.tickets + excluded.tickets`);
  return row;
}

/**
 * A waiting-list offer: holds exactly `quantity` tickets of one type for the entry's buyer, as a
 * reserved order until `expiresAt`. One conditional statement takes the stock (no per-buyer limit);
 * undefined, and no change, when the type or a capacity pool lacks room.
 */
export async function holdForWaitingList(
  db: DbOrTx,
  hold: {
    eventId: string;
    ticketTypeId: string;
    quantity: number;
    buyerName: string;
    buyerEmail: string;
    expiresAt: Date;
    now: Date;
    /** The date it is for and the stock row it takes from (a date's own; absent: the ticket type). */
    dateId?: string | null;
    stockTypeId?: string;
  },
): Promise<OrderRow | undefined> {
  const stockTypeId = hold.stockTypeId ?? hold.ticketTypeId;
  // In a savepoint: a full capacity pool refuses the UPDATE (the 0029 trigger) without aborting the
  // caller's transaction.
  const taken = await db
    .transaction(async (savepoint) => {
      // The room is the stock row's; the price always the ticket type's.
      const result = await savepoint.execute<{ price_cents: number; currency: string }>(sql`
        UPDATE ticket_types tt SET held = tt.held + ${hold.quantity}::int
        FROM events e, ticket_types p
        WHERE tt.id = ${stockTypeId}::uuid AND tt.event_id = ${hold.eventId}::uuid AND e.id = tt.event_id
          AND p.id = ${hold.ticketTypeId}::uuid AND p.event_id = tt.event_id
          AND tt.sold + tt.held + ${hold.quantity}::int <= tt.capacity
        RETURNING p.price_cents, e.currency`);
      return result.rows[0];
    })
    .catch((error: unknown) => {
      if (isCapacityPoolFull(error)) return undefined;
      throw error;
    });
  if (!taken) return undefined;
  // Priced like a buyer's own reserve: its type's tax and the event's fee.
  const money = await priceCart(db, {
    eventId: hold.eventId,
    items: [
      { ticketTypeId: hold.ticketTypeId, quantity: hold.quantity, unitPriceCents: Number(taken.price_cents) },
    ],
    discount: null,
    withFee: true,
  });
  const rows = await db
    .insert(orders)
    .values({
      eventId: hold.eventId,
      status: 'reserved',
      buyerName: hold.buyerName,
      buyerEmail: hold.buyerEmail,
      ...moneyColumns(money),
      currency: taken.currency,
      expiresAt: hold.expiresAt,
      createdAt: hold.now,
      dateId: hold.dateId ?? null,
    })
    .returning();
  const row = rows[0];
  if (!row) throw new Error('insert into orders returned no row');
  await db
    .insert(orderItems)
    .values(
      lineRows(row.id, hold.eventId, money, () => (stockTypeId === hold.ticketTypeId ? null : stockTypeId)),
    );
  // Counted like any hold, so that its release (which subtracts) leaves the buyer's count right.
  await db.execute(sql`
    INSERT INTO buyer_ticket_counts AS b (event_id, email, tickets)
    VALUES (${hold.eventId}::uuid, lower(${hold.buyerEmail}), ${hold.quantity}::int)
    ON CONFLICT (event_id, email) DO UPDATE SET tickets = b.tickets + excluded.tickets`);
  return row;
}

/** Turns a live reservation into an awaited bank transfer: the hold moves to the deadline. */
export async function startBankTransfer(
  db: DbOrTx,
  orderId: string,
  change: { reference: string; instructions: string; deadline: Date; now: Date },
) {
  const rows = await db
    .update(orders)
    .set({
      status: 'awaiting_payment',
      paymentMethod: 'bank_transfer',
      bankReference: change.reference,
      bankInstructions: change.instructions,
      bankTransferAt: change.now,
      expiresAt: change.deadline,
    })
    .where(and(eq(orders.id, orderId), eq(orders.status, 'reserved'), gt(orders.expiresAt, change.now)))
    .returning();
  return rows[0];
}
