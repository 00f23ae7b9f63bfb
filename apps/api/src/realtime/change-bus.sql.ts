import type pg from 'pg';

/**
 * The change bus's two statements. They run on raw `pg` connections, not Drizzle: LISTEN needs a
 * dedicated client of its own, and the NOTIFY batch goes out on the pool outside any transaction.
 */

/** One NOTIFY per event id, in one round trip. */
export async function notifyChanges(pool: pg.Pool, channel: string, eventIds: string[]): Promise<void> {
  await pool.query('SELECT pg_notify($1, id) FROM unnest($2::text[]) AS id', [channel, eventIds]);
}

/** `channel` is our own constant, never input: LISTEN takes no bind parameters. */
export async function listen(client: pg.Client, channel: string): Promise<void> {
  await client.query(`LISTEN ${channel}`);
}
