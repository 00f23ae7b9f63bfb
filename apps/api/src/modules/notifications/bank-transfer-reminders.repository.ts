import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';

/**
 * Records one reminder per bank transfer still awaited when its reminder is due: two days before
 * the deadline, or half the window when the buyer was given less than four days. The outbox's
 * unique dedupe key (`bank-transfer-reminder:{order}`) makes it at most once across retries and
 * workers; an order paid, cancelled or expired by then gets none.
 */
export async function insertDueBankTransferReminders(
  db: DbOrTx,
  now: Date,
  limit: number,
): Promise<string[]> {
  const inserted = await db.execute<{ id: string }>(sql`
    INSERT INTO emails (dedupe_key, kind, recipient, params, event_id, order_id)
    SELECT 'bank-transfer-reminder:' || o.id, 'bank_transfer_reminder', o.buyer_email,
           jsonb_build_object('reference', o.bank_reference, 'instructions', coalesce(o.bank_instructions, ''),
                              'amountCents', o.total_cents, 'currency', o.currency, 'deadline', o.expires_at),
           o.event_id, o.id
    FROM orders o
    WHERE o.status = 'awaiting_payment'
      AND o.expires_at > ${now}
      AND o.expires_at - least(interval '2 days', (o.expires_at - coalesce(o.bank_transfer_at, o.created_at)) / 2) <= ${now}
      AND NOT EXISTS (SELECT 1 FROM emails m WHERE m.dedupe_key = 'bank-transfer-reminder:' || o.id)
    ORDER BY o.expires_at
    LIMIT ${limit}
    ON CONFLICT (dedupe_key) DO NOTHING
    RETURNING id`);
  return inserted.rows.map((row) => row.id);
}
