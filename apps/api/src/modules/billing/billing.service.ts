import type {
  BillingProfile,
  BillingProfileBody,
  CreateTaxRateBody,
  TaxRate,
  TaxRateList,
  UpdateTaxRateBody,
} from '@zevents/contracts';
import type { Db } from '../../db/client';
import type { Principal } from '../../http/auth-context';
import { AppError, notFound } from '../../http/errors';
import type { Clock } from '../../shared/clock';
import { requireOrganizationPermission } from '../organizations';
import * as repo from './billing.repository';
import { createInvoiceDocuments } from './invoices.service';

function presentRate(row: repo.TaxRateRow): TaxRate {
  return {
    id: row.id,
    organizationId: row.organizationId,
    name: row.name,
    rateBasisPoints: row.rateBasisPoints,
    inclusive: row.inclusive,
    retiredAt: row.retiredAt?.toISOString() ?? null,
    inUse: row.inUse,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** An organization's tax rates and billing profile: what its invoices are made of. */
export function createBillingService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  /** The rate, for a member allowed `permission` in its organization (404 for anyone else). */
  async function authorizedRate(
    auth: Principal,
    id: string,
    permission: 'events.view' | 'organization.manage',
  ) {
    const rate = await repo.findTaxRate(db, id);
    if (!rate) throw notFound('Tax rate');
    await requireOrganizationPermission(db, auth, rate.organizationId, permission);
    return rate;
  }

  return {
    /** Invoices and credit notes of an order the caller was allowed to read. */
    invoices: createInvoiceDocuments({ db, clock }),

    async listTaxRates(auth: Principal, organizationId: string): Promise<TaxRateList> {
      await requireOrganizationPermission(db, auth, organizationId, 'events.view');
      return { items: (await repo.listTaxRates(db, organizationId)).map(presentRate) };
    },

    async createTaxRate(auth: Principal, organizationId: string, body: CreateTaxRateBody): Promise<TaxRate> {
      await requireOrganizationPermission(db, auth, organizationId, 'organization.manage');
      const id = await repo.insertTaxRate(db, { organizationId, ...body, now: clock.now() });
      const created = await repo.findTaxRate(db, id);
      if (!created) throw notFound('Tax rate');
      return presentRate(created);
    },

    /**
     * Renames, retires or brings back a rate whenever asked; changes its rate or whether it is
     * included only while no order was priced with it (the row is locked: two edits take turns).
     */
    async updateTaxRate(auth: Principal, id: string, body: UpdateTaxRateBody): Promise<TaxRate> {
      await authorizedRate(auth, id, 'organization.manage');
      await db.transaction(async (tx) => {
        const rate = await repo.findTaxRate(tx, id, true);
        if (!rate) throw notFound('Tax rate');
        const changesMoney =
          (body.rateBasisPoints !== undefined && body.rateBasisPoints !== rate.rateBasisPoints) ||
          (body.inclusive !== undefined && body.inclusive !== rate.inclusive);
        if (changesMoney && rate.inUse)
          throw new AppError(
            'TAX_RATE_IN_USE',
            'Orders were priced with this rate: retire it and create a new one instead of changing it',
          );
        const now = clock.now();
        await repo.updateTaxRate(tx, id, {
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.rateBasisPoints !== undefined ? { rateBasisPoints: body.rateBasisPoints } : {}),
          ...(body.inclusive !== undefined ? { inclusive: body.inclusive } : {}),
          ...(body.retired !== undefined ? { retiredAt: body.retired ? (rate.retiredAt ?? now) : null } : {}),
          updatedAt: now,
        });
      });
      const updated = await repo.findTaxRate(db, id);
      if (!updated) throw notFound('Tax rate');
      return presentRate(updated);
    },

    /** Deletes a rate no order was priced with (its ticket types become untaxed); retires one in use. */
    async deleteTaxRate(auth: Principal, id: string): Promise<void> {
      await authorizedRate(auth, id, 'organization.manage');
      await db.transaction(async (tx) => {
        const rate = await repo.findTaxRate(tx, id, true);
        if (!rate) return;
        if (rate.inUse)
          await repo.updateTaxRate(tx, id, {
            retiredAt: rate.retiredAt ?? clock.now(),
            updatedAt: clock.now(),
          });
        else await repo.deleteTaxRate(tx, id);
      });
    },

    async billingProfile(auth: Principal, organizationId: string): Promise<BillingProfile> {
      await requireOrganizationPermission(db, auth, organizationId, 'organization.view');
      const row = await repo.findBillingProfile(db, organizationId);
      return {
        organizationId,
        configured: row !== undefined,
        legalName: row?.legalName ?? null,
        address: row?.address ?? null,
        taxId: row?.taxId ?? null,
        invoicePrefix: row?.invoicePrefix ?? null,
        footer: row?.footer ?? null,
        timezone: row?.timezone ?? 'UTC',
        updatedAt: row?.updatedAt.toISOString() ?? null,
      };
    },

    async saveBillingProfile(
      auth: Principal,
      organizationId: string,
      body: BillingProfileBody,
    ): Promise<BillingProfile> {
      await requireOrganizationPermission(db, auth, organizationId, 'organization.manage');
      const updatedAt = clock.now();
      const timezone =
        body.timezone ?? (await repo.findBillingProfile(db, organizationId))?.timezone ?? 'UTC';
      await repo.saveBillingProfile(db, { organizationId, ...body, timezone, updatedAt });
      return { organizationId, configured: true, ...body, timezone, updatedAt: updatedAt.toISOString() };
    },
  };
}

export type BillingService = ReturnType<typeof createBillingService>;
