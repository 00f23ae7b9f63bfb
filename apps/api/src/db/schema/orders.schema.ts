import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { AnswerValue } from '@zevents/contracts';
import { users } from './accounts.schema';
import { eventDates, events, promoCodes, ticketTypes } from './events.schema';

/** What a buyer asked their invoice to name instead of themselves. */
export interface BuyerBillingDetails {
  companyName: string;
  address?: string;
  taxId?: string;
}

/** One line's part of a refund. */
export interface RefundLine {
  ticketTypeId: string;
  priceCents: number;
  taxCents: number;
  feeCents: number;
}

export const orderStatus = pgEnum('order_status', [
  'reserved',
  'paid',
  'expired',
  'cancelled',
  'refunded',
  'partially_refunded',
  // A bank transfer on its way: its tickets stay held until its deadline (expiresAt).
  'awaiting_payment',
]);

export const ticketStatus = pgEnum('ticket_status', ['valid', 'checked_in', 'void']);

export const orders = pgTable(
  'orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    status: orderStatus('status').notNull().default('reserved'),
    buyerName: text('buyer_name').notNull(),
    buyerEmail: text('buyer_email').notNull(),
    buyerUserId: uuid('buyer_user_id').references(() => users.id, { onDelete: 'set null' }),
    promoCodeId: uuid('promo_code_id').references(() => promoCodes.id, { onDelete: 'set null' }),
    subtotalCents: bigint('subtotal_cents', { mode: 'number' }).notNull(),
    discountCents: bigint('discount_cents', { mode: 'number' }).notNull().default(0),
    // The service fee (0: none) and whether the buyer pays it on top (passed on) or the organizer
    // bears it (absorbed: not in the total). Tax is all of the order's tax; taxAdded the part of it
    // added on top of prices (exclusive rates), the rest being inside them (inclusive rates).
    feeCents: bigint('fee_cents', { mode: 'number' }).notNull().default(0),
    feePassedOn: boolean('fee_passed_on').notNull().default(true),
    taxCents: bigint('tax_cents', { mode: 'number' }).notNull().default(0),
    taxAddedCents: bigint('tax_added_cents', { mode: 'number' }).notNull().default(0),
    totalCents: bigint('total_cents', { mode: 'number' }).notNull(),
    refundedCents: bigint('refunded_cents', { mode: 'number' }).notNull().default(0),
    currency: text('currency').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    // comp or cash for an order the organizer issued; null for a buyer's own checkout.
    // comp or cash for an order the organizer issued, bank_transfer for one paid by transfer; null
    // for a card checkout.
    paymentMethod: text('payment_method').$type<'comp' | 'cash' | 'bank_transfer'>(),
    // What the buyer asked the invoice to name (company, address, tax id); null: the buyer.
    // A bank transfer: the reference the buyer puts on it, the account details they were given
    // (a snapshot: later edits of the event's setting do not change them) and when they chose it.
    bankReference: text('bank_reference'),
    bankInstructions: text('bank_instructions'),
    bankTransferAt: timestamp('bank_transfer_at', { withTimezone: true }),
    billingDetails: jsonb('billing_details').$type<BuyerBillingDetails>(),
    // The date it is for, on an event with dates (null: the event's only date).
    dateId: uuid('date_id').references(() => eventDates.id),
  },
  (t) => [
    check(
      'orders_amounts',
      sql`${t.discountCents} >= 0 AND ${t.feeCents} >= 0 AND ${t.taxCents} >= 0 AND ${t.taxAddedCents} >= 0 AND ${t.taxAddedCents} <= ${t.taxCents} AND ${t.totalCents} = ${t.subtotalCents} - ${t.discountCents} + CASE WHEN ${t.feePassedOn} THEN ${t.feeCents} ELSE 0 END + ${t.taxAddedCents} AND ${t.totalCents} >= 0`,
    ),
    check('orders_refunds', sql`${t.refundedCents} >= 0 AND ${t.refundedCents} <= ${t.totalCents}`),
    // Money is 64-bit; an order total is bounded (documented) well inside JSON's exact integers.
    check('orders_total_max', sql`${t.subtotalCents} <= 1000000000000`),
    index('orders_event_idx').on(t.eventId, t.createdAt, t.id),
    // The expiry sweep and "expired holds never count" both look up live holds by deadline.
    index('orders_live_holds_idx')
      .on(t.expiresAt)
      .where(sql`${t.status} = 'reserved'`),
    // Transfers waiting past their deadline are closed by the same sweep; the reminder job looks them
    // up too. awaiting_payment is the last value of the enum: see 0048_bank_transfer.sql for why the
    // predicate names the one before it.
    index('orders_awaiting_payment_idx')
      .on(t.expiresAt)
      .where(sql`${t.status} > 'partially_refunded'`),
    uniqueIndex('orders_bank_reference_idx')
      .on(t.bankReference)
      .where(sql`${t.bankReference} IS NOT NULL`),
    index('orders_buyer_user_idx').on(t.buyerUserId),
    index('orders_date_idx')
      .on(t.dateId, t.status)
      .where(sql`${t.dateId} IS NOT NULL`),
    // Deleting a promo code makes PostgreSQL look for orders that reference it (ON DELETE SET NULL):
    // without this, a scan of every order.
    index('orders_promo_code_idx')
      .on(t.promoCodeId)
      .where(sql`${t.promoCodeId} IS NOT NULL`),
  ],
);

export const orderItems = pgTable(
  'order_items',
  {
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    ticketTypeId: uuid('ticket_type_id')
      .notNull()
      .references(() => ticketTypes.id),
    eventId: uuid('event_id').notNull(),
    quantity: integer('quantity').notNull(),
    unitPriceCents: bigint('unit_price_cents', { mode: 'number' }).notNull(),
    // The line's money by the rounding rule (billing/pricing.ts): its share of the order's discount
    // and fee, its tax, and what the buyer pays for it (after discount, with tax added on top and a
    // passed-on fee). The rate is a snapshot: the line reads the same after the rate is retired.
    discountCents: bigint('discount_cents', { mode: 'number' }).notNull().default(0),
    feeCents: bigint('fee_cents', { mode: 'number' }).notNull().default(0),
    taxCents: bigint('tax_cents', { mode: 'number' }).notNull().default(0),
    totalCents: bigint('total_cents', { mode: 'number' }).notNull(),
    taxRateId: uuid('tax_rate_id'),
    taxName: text('tax_name'),
    taxRateBasisPoints: integer('tax_rate_basis_points'),
    taxInclusive: boolean('tax_inclusive'),
    // The stock row it takes from, when that is a date's own (see eventDates); null: the ticket type.
    stockTypeId: uuid('stock_type_id').references(() => ticketTypes.id),
  },
  (t) => [
    primaryKey({ columns: [t.orderId, t.ticketTypeId] }),
    index('order_items_stock_type_idx')
      .on(t.stockTypeId)
      .where(sql`${t.stockTypeId} IS NOT NULL`),
    check('order_items_quantity', sql`${t.quantity} > 0`),
    index('order_items_ticket_type_idx').on(t.ticketTypeId),
    // "Is this tax rate in use?" (a rate orders were priced with never changes).
    index('order_items_tax_rate_idx')
      .on(t.taxRateId)
      .where(sql`${t.taxRateId} IS NOT NULL`),
  ],
);

export const tickets = pgTable(
  'tickets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id').notNull(),
    ticketTypeId: uuid('ticket_type_id')
      .notNull()
      .references(() => ticketTypes.id),
    code: text('code').notNull(),
    attendeeName: text('attendee_name').notNull(),
    attendeeEmail: text('attendee_email'),
    // The attendee's answers to per-ticket questions, keyed by question id.
    answers: jsonb('answers').$type<Record<string, AnswerValue>>().notNull().default({}),
    status: ticketStatus('status').notNull().default('valid'),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    // Set by the last transfer: the attendee fields then name the new holder, the code is new, and
    // QRs without a code (version 1) no longer open it.
    transferredAt: timestamp('transferred_at', { withTimezone: true }),
    // Its order's date, on an event with dates: the door of another night refuses it.
    dateId: uuid('date_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('tickets_event_code_key').on(t.eventId, t.code),
    index('tickets_order_idx').on(t.orderId),
    index('tickets_type_status_idx').on(t.ticketTypeId, t.status),
  ],
);

export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id').notNull(),
    provider: text('provider').notNull(),
    /** The provider's id: a PaymentIntent for Stripe, a generated charge id for the test provider. */
    providerRef: text('provider_ref'),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    status: text('status', { enum: ['pending', 'succeeded', 'failed', 'refunded'] }).notNull(),
    failureReason: text('failure_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('payments_order_idx').on(t.orderId),
    uniqueIndex('payments_provider_ref_key').on(t.provider, t.providerRef),
    // At most one successful charge per order: a second one cannot even be recorded.
    uniqueIndex('payments_one_success_per_order')
      .on(t.orderId)
      .where(sql`${t.status} = 'succeeded'`),
  ],
);

export const refunds = pgTable(
  'refunds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id').notNull(),
    paymentId: uuid('payment_id').references(() => payments.id),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    reason: text('reason').notNull(),
    providerRef: text('provider_ref'),
    // What the amount gave back of each line (billing/pricing.ts splitRefund): price, tax, passed-on
    // fee, by ticket type; the credit note prints them and the next refund splits what is left.
    lines: jsonb('lines').$type<RefundLine[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('refunds_amount', sql`${t.amountCents} > 0`),
    index('refunds_order_idx').on(t.orderId),
    uniqueIndex('refunds_provider_ref_key').on(t.providerRef),
  ],
);

/** Replayed requests: the first response is kept and answered again. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    responseStatus: integer('response_status'),
    responseBody: jsonb('response_body'),
    /** The order the request created or acted on, to re-render when the body was not stored. */
    resourceId: uuid('resource_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    // Renewed by the request holding the key while it runs; a claim left unrenewed belongs to a
    // request whose process died, and a retry takes it over.
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)],
);

/** Every provider event (webhook) ever received, so a replay is recognised and changes nothing. */
export const paymentEvents = pgTable(
  'payment_events',
  {
    provider: text('provider').notNull(),
    id: text('id').notNull(),
    type: text('type').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.id] })],
);

/**
 * Tickets one buyer email has for one event: live holds plus paid tickets that are not void. The
 * reserve statement raises it with a conditional upsert (so concurrent orders of one buyer take
 * turns on this row and the per-buyer limit holds atomically); releases, voids and late re-sales
 * move it back. Emails are stored lower-case.
 */
export const buyerTicketCounts = pgTable(
  'buyer_ticket_counts',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    tickets: integer('tickets').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.email] }),
    check('buyer_ticket_counts_tickets', sql`${t.tickets} >= 0`),
  ],
);

/**
 * New holds per client address in a one-minute window (HOLDS_PER_IP_PER_MINUTE), counted by the
 * reserve statement itself: a limit checked in a separate round trip would cost every buyer of a
 * flash sale that trip. Rows of quiet addresses are deleted by the hold-expiry sweep. The table is
 * UNLOGGED (migration 0013): a window lost in a crash only forgets a minute of counting.
 */
export const holdAddressWindows = pgTable('hold_address_windows', {
  address: text('address').primaryKey(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  holds: integer('holds').notNull(),
});

/**
 * Every transfer of a ticket to another person, with who it went from and to and who did it
 * (owned by the tickets module). The ticket keeps its id; its code changes with each transfer.
 */
export const ticketTransfers = pgTable(
  'ticket_transfers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    orderId: uuid('order_id').notNull(),
    eventId: uuid('event_id').notNull(),
    fromName: text('from_name').notNull(),
    fromEmail: text('from_email'),
    toName: text('to_name').notNull(),
    toEmail: text('to_email').notNull(),
    previousCode: text('previous_code').notNull(),
    /** null: the buyer, with the order's token or session. */
    actorUserId: uuid('actor_user_id'),
    actorApiKeyId: uuid('actor_api_key_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('ticket_transfers_ticket_idx').on(t.ticketId, t.createdAt)],
);
