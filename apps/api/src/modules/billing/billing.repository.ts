import { and, asc, eq, sql } from 'drizzle-orm';
import { preparedQuery } from '../../db/prepared';
import type { DbOrTx } from '../../db/client';
import { billingProfiles, taxRates } from '../../db/schema';

export type TaxRateRow = typeof taxRates.$inferSelect & { inUse: boolean };
export type BillingProfileRow = typeof billingProfiles.$inferSelect;

/**
 * Whether orders were priced with the rate: an order line carries it (its snapshot), or a ticket
 * type carrying it has sold or holds tickets.
 */
const inUse = sql<boolean>`(EXISTS (
  SELECT 1 FROM order_items oi WHERE oi.tax_rate_id = "tax_rates"."id"
) OR EXISTS (
  SELECT 1 FROM ticket_types tt WHERE tt.tax_rate_id = "tax_rates"."id" AND tt.sold + tt.held > 0
))`;

export async function listTaxRates(db: DbOrTx, organizationId: string): Promise<TaxRateRow[]> {
  return db
    .select({ rate: taxRates, inUse })
    .from(taxRates)
    .where(eq(taxRates.organizationId, organizationId))
    .orderBy(asc(taxRates.retiredAt), asc(taxRates.name), asc(taxRates.id))
    .then((rows) => rows.map((row) => ({ ...row.rate, inUse: row.inUse })));
}

/** The rate, locked against a concurrent change when `forUpdate`. */
export async function findTaxRate(
  db: DbOrTx,
  id: string,
  forUpdate = false,
): Promise<TaxRateRow | undefined> {
  const query = db.select({ rate: taxRates, inUse }).from(taxRates).where(eq(taxRates.id, id));
  const rows = await (forUpdate ? query.for('update', { of: taxRates }) : query);
  const row = rows[0];
  return row ? { ...row.rate, inUse: row.inUse } : undefined;
}

export async function insertTaxRate(
  db: DbOrTx,
  rate: { organizationId: string; name: string; rateBasisPoints: number; inclusive: boolean; now: Date },
): Promise<string> {
  const [row] = await db
    .insert(taxRates)
    .values({
      organizationId: rate.organizationId,
      name: rate.name,
      rateBasisPoints: rate.rateBasisPoints,
      inclusive: rate.inclusive,
      createdAt: rate.now,
      updatedAt: rate.now,
    })
    .returning({ id: taxRates.id });
  if (!row) throw new Error('tax rate not inserted');
  return row.id;
}

export async function updateTaxRate(
  db: DbOrTx,
  id: string,
  changes: Partial<Pick<TaxRateRow, 'name' | 'rateBasisPoints' | 'inclusive' | 'retiredAt'>> & {
    updatedAt: Date;
  },
): Promise<void> {
  await db.update(taxRates).set(changes).where(eq(taxRates.id, id));
}

export async function deleteTaxRate(db: DbOrTx, id: string): Promise<void> {
  await db.delete(taxRates).where(eq(taxRates.id, id));
}

/** The organization's rate, if it is one (a ticket type may only carry its own organization's). */
export async function findTaxRateOfOrganization(db: DbOrTx, organizationId: string, id: string) {
  const rows = await db
    .select({ id: taxRates.id, retiredAt: taxRates.retiredAt })
    .from(taxRates)
    .where(and(eq(taxRates.id, id), eq(taxRates.organizationId, organizationId)));
  return rows[0];
}

// Read for every invoice of a sale: prepared (planned once per connection).
const selectBillingProfile = preparedQuery('zevents_billing_profile', (db) =>
  db
    .select()
    .from(billingProfiles)
    .where(eq(billingProfiles.organizationId, sql.placeholder('organizationId'))),
);

export async function findBillingProfile(
  db: DbOrTx,
  organizationId: string,
): Promise<BillingProfileRow | undefined> {
  return (await selectBillingProfile(db, { organizationId }))[0];
}

export async function saveBillingProfile(db: DbOrTx, profile: BillingProfileRow): Promise<void> {
  await db
    .insert(billingProfiles)
    .values(profile)
    .onConflictDoUpdate({
      target: billingProfiles.organizationId,
      set: {
        legalName: profile.legalName,
        address: profile.address,
        taxId: profile.taxId,
        invoicePrefix: profile.invoicePrefix,
        footer: profile.footer,
        timezone: profile.timezone,
        updatedAt: profile.updatedAt,
      },
    });
}

/** A ticket type's tax rate (all null: untaxed), for pricing a cart outside the reserve statement. */
export interface TypeTaxRateRow extends Record<string, unknown> {
  ticket_type_id: string;
  tax_rate_id: string | null;
  name: string | null;
  rate_basis_points: number | null;
  inclusive: boolean | null;
}

export async function findTaxRatesOfTypes(db: DbOrTx, ticketTypeIds: string[]): Promise<TypeTaxRateRow[]> {
  const result = await db.execute<TypeTaxRateRow>(sql`
    SELECT tt.id AS ticket_type_id, r.id AS tax_rate_id, r.name, r.rate_basis_points, r.inclusive
    FROM ticket_types tt LEFT JOIN tax_rates r ON r.id = tt.tax_rate_id
    WHERE tt.id = ANY(${sql.param(ticketTypeIds)}::uuid[])`);
  return result.rows;
}

/** The event's service fee settings. */
export async function findEventFee(
  db: DbOrTx,
  eventId: string,
): Promise<{ fixed: number; bp: number; passed: boolean } | undefined> {
  const result = await db.execute<{ fixed: number; bp: number; passed: boolean }>(sql`
    SELECT fee_fixed_cents::int AS fixed, fee_percent_basis_points AS bp, fee_passed_on AS passed
    FROM events WHERE id = ${eventId}::uuid`);
  return result.rows[0];
}
