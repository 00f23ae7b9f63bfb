import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { walletRegistrations } from '../../db/schema';

export interface DevicePass {
  deviceLibraryId: string;
  passTypeId: string;
  serialNumber: string;
}

/** Registers a device for a pass, or renews its push token; true when the registration is new. */
export async function upsertRegistration(
  db: DbOrTx,
  registration: DevicePass & { eventId: string; pushToken: string },
): Promise<boolean> {
  const rows = await db
    .insert(walletRegistrations)
    .values(registration)
    .onConflictDoUpdate({
      target: [
        walletRegistrations.deviceLibraryId,
        walletRegistrations.passTypeId,
        walletRegistrations.serialNumber,
      ],
      set: { pushToken: registration.pushToken },
    })
    // xmax is 0 on a row this statement inserted, and the updating transaction's id otherwise.
    .returning({ isNew: sql<boolean>`xmax = 0` });
  return rows[0]?.isNew ?? false;
}

export async function deleteRegistration(db: DbOrTx, pass: DevicePass): Promise<void> {
  await db
    .delete(walletRegistrations)
    .where(
      and(
        eq(walletRegistrations.deviceLibraryId, pass.deviceLibraryId),
        eq(walletRegistrations.passTypeId, pass.passTypeId),
        eq(walletRegistrations.serialNumber, pass.serialNumber),
      ),
    );
}

/** The serial numbers (ticket ids) a device registered for one pass type. */
export async function listSerialsOfDevice(
  db: DbOrTx,
  device: { deviceLibraryId: string; passTypeId: string },
): Promise<string[]> {
  const rows = await db
    .select({ serialNumber: walletRegistrations.serialNumber })
    .from(walletRegistrations)
    .where(
      and(
        eq(walletRegistrations.deviceLibraryId, device.deviceLibraryId),
        eq(walletRegistrations.passTypeId, device.passTypeId),
      ),
    )
    .limit(1_000);
  return rows.map((row) => row.serialNumber);
}

/**
 * Records what a ticket's pass looks like now and answers since when it has looked so: unchanged,
 * the time it last changed; changed (or first seen), now. Times are whole seconds, as HTTP's
 * Last-Modified is, and a change always moves the time to a later second than the one before, so
 * an If-Modified-Since from the previous version never hides the new one. One statement: two
 * requests building the same pass at once cannot both record a change.
 */
export async function recordPassVersion(
  db: DbOrTx,
  pass: { ticketId: string; eventId: string; contentHash: string; now: Date },
): Promise<Date> {
  // A first version recorded by another request between this statement's snapshot and its insert
  // leaves it nothing to return; the second try sees that row.
  for (let attempt = 0; attempt < 2; attempt++) {
    const recorded = await upsertPassVersion(db, pass);
    if (recorded) return recorded;
  }
  throw new Error(`no wallet_passes row for ticket ${pass.ticketId}`);
}

async function upsertPassVersion(
  db: DbOrTx,
  pass: { ticketId: string; eventId: string; contentHash: string; now: Date },
): Promise<Date | undefined> {
  const result = await db.execute<{ updated_at: Date | string }>(sql`
    WITH recorded AS (
      INSERT INTO wallet_passes AS p (ticket_id, event_id, content_hash, updated_at)
      VALUES (${pass.ticketId}::uuid, ${pass.eventId}::uuid, ${pass.contentHash},
              date_trunc('second', ${pass.now}::timestamptz))
      ON CONFLICT (ticket_id) DO UPDATE
        SET content_hash = excluded.content_hash,
            updated_at = greatest(excluded.updated_at, p.updated_at + interval '1 second')
        WHERE p.content_hash <> excluded.content_hash
      RETURNING p.updated_at
    )
    SELECT updated_at FROM recorded
    UNION ALL
    SELECT updated_at FROM wallet_passes
    WHERE ticket_id = ${pass.ticketId}::uuid AND NOT EXISTS (SELECT 1 FROM recorded)`);
  const row = result.rows[0];
  return row ? new Date(row.updated_at) : undefined;
}

/** The push tokens of every device holding a pass of the event, each once (a phone with 4 tickets gets 1 push). */
export async function listPushTokensOfEvent(
  db: DbOrTx,
  pass: { eventId: string; passTypeId: string },
): Promise<string[]> {
  const rows = await db
    .selectDistinct({ pushToken: walletRegistrations.pushToken })
    .from(walletRegistrations)
    .where(
      and(eq(walletRegistrations.eventId, pass.eventId), eq(walletRegistrations.passTypeId, pass.passTypeId)),
    );
  return rows.map((row) => row.pushToken);
}

/** Forgets a device Apple says is gone: every registration that pushes to its token. */
export async function deleteRegistrationsOfPushToken(
  db: DbOrTx,
  device: { passTypeId: string; pushToken: string },
): Promise<number> {
  const rows = await db
    .delete(walletRegistrations)
    .where(
      and(
        eq(walletRegistrations.passTypeId, device.passTypeId),
        eq(walletRegistrations.pushToken, device.pushToken),
      ),
    )
    .returning({ id: walletRegistrations.id });
  return rows.length;
}
