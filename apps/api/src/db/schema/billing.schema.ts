import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organizations } from './accounts.schema';

/**
 * The billing module's tables: an organization's tax rates and its billing profile (what its
 * invoices say about the seller). A rate keeps its meaning for ever: once orders were priced with
 * it, it can be retired but never changed.
 */
export const taxRates = pgTable(
  'tax_rates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** 1900 = 19%. */
    rateBasisPoints: integer('rate_basis_points').notNull(),
    /** Included in the price (VAT) or added on top (sales tax). */
    inclusive: boolean('inclusive').notNull(),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('tax_rates_organization_idx').on(t.organizationId),
    check('tax_rates_rate', sql`${t.rateBasisPoints} BETWEEN 0 AND 10000`),
  ],
);

export const billingProfiles = pgTable('billing_profiles', {
  organizationId: uuid('organization_id')
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  legalName: text('legal_name').notNull(),
  address: text('address').notNull(),
  taxId: text('tax_id'),
  /** Invoice numbers read `PREFIX-2026-000123`. */
  invoicePrefix: text('invoice_prefix').notNull(),
  footer: text('footer'),
  /** Where its business years are counted (an invoice's year is its payment's year there). */
  timezone: text('timezone').notNull().default('UTC'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The last number of each organization's series of a year (invoices and credit notes share it). */
export const invoiceCounters = pgTable(
  'invoice_counters',
  {
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    lastNumber: integer('last_number').notNull(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.year] })],
);

/**
 * Invoices of paid orders and credit notes of refunds: a gapless sequence per organization and year
 * (the year in the organization's time zone), numbered in the order of payment by one statement
 * under the organization's lock (zevents_issue_invoices), never on the payment's own path.
 */
export const invoices = pgTable(
  'invoices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    // No foreign key: its check would lock the order a payment or refund holds (see order_sources).
    orderId: uuid('order_id').notNull(),
    kind: text('kind').$type<'invoice' | 'credit_note'>().notNull(),
    year: integer('year').notNull(),
    sequence: integer('sequence').notNull(),
    /** `PREFIX-2026-000123`, with the prefix of the billing profile when it was issued. */
    number: text('number').notNull(),
    /** A credit note's invoice, and the refund it is for. */
    refersTo: uuid('refers_to'),
    refundId: uuid('refund_id'),
    /** What it is for: the order's total (an invoice) or the refund's amount (a credit note). */
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('invoices_sequence_key').on(t.organizationId, t.year, t.sequence),
    uniqueIndex('invoices_order_key')
      .on(t.orderId)
      .where(sql`${t.kind} = 'invoice'`),
    index('invoices_order_idx').on(t.orderId),
    uniqueIndex('invoices_refund_key')
      .on(t.refundId)
      .where(sql`${t.kind} = 'credit_note'`),
    check('invoices_kind', sql`${t.kind} IN ('invoice', 'credit_note')`),
  ],
);
