import { z } from 'zod';
import type { Db } from '../../db/client';
import { defineJob, handleJob, type JobHandler } from '../../jobs/job-registry';
import type { Clock } from '../../shared/clock';
import { issueInvoices, organizationsWithUninvoicedOrders } from './invoices.repository';

/**
 * How far back the sweep looks for paid orders without an invoice and refunds without a credit note
 * (a worker down for a day catches up).
 */
const LOOK_BACK_MS = 2 * 86_400_000;

/**
 * Every minute: numbers the invoices of the orders paid since the last run, then the credit notes of
 * the refunds made since. Invoices are issued here (or when one is asked for), never in the payment's
 * transaction, so a flash sale's payments never queue on an organization's
 * counter; the series stays gapless because one run at a time numbers an organization.
 */
export const ISSUE_INVOICES = defineJob({
  name: 'billing.issue-invoices',
  payload: z.object({}).passthrough(),
  queue: { retryLimit: 3, retryDelaySeconds: 30 },
  cron: '* * * * *',
});

export async function issueDueInvoices(deps: { db: Db; clock: Clock }): Promise<number> {
  const now = deps.clock.now();
  const since = new Date(now.getTime() - LOOK_BACK_MS);
  let issued = 0;
  for (const organizationId of await organizationsWithUninvoicedOrders(deps.db, since))
    issued += await deps.db.transaction((tx) => issueInvoices(tx, organizationId, since, now));
  return issued;
}

export function createIssueInvoicesJob(deps: { db: Db; clock: Clock }): JobHandler {
  return handleJob(ISSUE_INVOICES, async () => {
    await issueDueInvoices(deps);
  });
}
