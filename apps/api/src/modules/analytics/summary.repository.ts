import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';

export type SummaryFrequency = 'off' | 'daily' | 'weekly';

/** A member and their summary choice; `frequency` already holds their role's default when unchosen. */
export interface SummaryMember {
  organizationId: string;
  organizationName: string;
  userId: string;
  email: string;
  role: 'owner' | 'admin' | 'staff';
  frequency: SummaryFrequency;
  timezone: string;
  lastSentPeriodStart: string | null;
  joinedAt: Date;
}

type SummaryMemberRow = {
  organization_id: string;
  organization_name: string;
  user_id: string;
  email: string;
  role: 'owner' | 'admin' | 'staff';
  frequency: SummaryFrequency;
  timezone: string;
  last_sent_period_start: string | null;
  joined_at: string | Date;
};

// Owners and admins run the business: they get the weekly summary until they say otherwise.
const MEMBER_SELECT = sql`
  SELECT m.organization_id, o.name AS organization_name, m.user_id, u.email, m.role,
         coalesce(s.frequency, CASE WHEN m.role = 'staff' THEN 'off' ELSE 'weekly' END) AS frequency,
         coalesce(s.timezone, 'UTC') AS timezone, s.last_sent_period_start::text AS last_sent_period_start,
         m.created_at AS joined_at
  FROM memberships m
  JOIN users u ON u.id = m.user_id
  JOIN organizations o ON o.id = m.organization_id
  LEFT JOIN analytics_summary_subscriptions s ON s.organization_id = m.organization_id AND s.user_id = m.user_id`;

function toMember(row: SummaryMemberRow): SummaryMember {
  return {
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    userId: row.user_id,
    email: row.email,
    role: row.role,
    frequency: row.frequency,
    timezone: row.timezone,
    lastSentPeriodStart: row.last_sent_period_start,
    joinedAt: new Date(row.joined_at),
  };
}

export async function findSummaryMember(
  db: DbOrTx,
  organizationId: string,
  userId: string,
): Promise<SummaryMember | undefined> {
  const result = await db.execute<SummaryMemberRow>(
    sql`${MEMBER_SELECT} WHERE m.organization_id = ${organizationId}::uuid AND m.user_id = ${userId}::uuid`,
  );
  const row = result.rows[0];
  return row ? toMember(row) : undefined;
}

/**
 * Members who want summaries, of organizations with a published event (there is nothing to
 * summarize before one), after `afterKey` in (organization, user) order: the scan pages through them.
 */
export async function listSubscribedMembers(
  db: DbOrTx,
  after: { organizationId: string; userId: string } | undefined,
  limit: number,
  organizationId?: string,
): Promise<SummaryMember[]> {
  const result = await db.execute<SummaryMemberRow>(sql`
    ${MEMBER_SELECT}
    WHERE coalesce(s.frequency, CASE WHEN m.role = 'staff' THEN 'off' ELSE 'weekly' END) <> 'off'
      AND EXISTS (SELECT 1 FROM events e WHERE e.organization_id = m.organization_id AND e.status = 'published')
      ${organizationId ? sql`AND m.organization_id = ${organizationId}::uuid` : sql``}
      ${after ? sql`AND (m.organization_id, m.user_id) > (${after.organizationId}::uuid, ${after.userId}::uuid)` : sql``}
    ORDER BY m.organization_id, m.user_id
    LIMIT ${limit}`);
  return result.rows.map(toMember);
}

/** Saves a member's choice; choosing again forgets nothing that was sent. */
export async function saveSummaryChoice(
  db: DbOrTx,
  choice: {
    organizationId: string;
    userId: string;
    frequency: SummaryFrequency;
    timezone: string;
    now: Date;
  },
): Promise<void> {
  await db.execute(sql`
    INSERT INTO analytics_summary_subscriptions (organization_id, user_id, frequency, timezone, updated_at)
    VALUES (${choice.organizationId}::uuid, ${choice.userId}::uuid, ${choice.frequency}, ${choice.timezone}, ${choice.now})
    ON CONFLICT (organization_id, user_id) DO UPDATE
      SET frequency = excluded.frequency, timezone = excluded.timezone, updated_at = excluded.updated_at`);
}

/**
 * Records that the member's summary of the period starting `periodStart` went into the outbox (in
 * the same transaction): the next scan skips them. Never moves backwards.
 */
export async function markSummarySent(
  db: DbOrTx,
  sent: { organizationId: string; userId: string; periodStart: string; now: Date },
): Promise<void> {
  await db.execute(sql`
    INSERT INTO analytics_summary_subscriptions (organization_id, user_id, last_sent_period_start, updated_at)
    VALUES (${sent.organizationId}::uuid, ${sent.userId}::uuid, ${sent.periodStart}::date, ${sent.now})
    ON CONFLICT (organization_id, user_id) DO UPDATE
      SET last_sent_period_start = greatest(analytics_summary_subscriptions.last_sent_period_start, excluded.last_sent_period_start)`);
}
