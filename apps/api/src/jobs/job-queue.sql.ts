import { type SQL, sql } from 'drizzle-orm';
import type pg from 'pg';

/** pg-boss builds `$1`-style SQL; this runs it on a Drizzle transaction so the job shares it. */
export function toDrizzleSql(text: string, values: unknown[]): SQL {
  const parts = text.split(/\$(\d+)/);
  const chunks: SQL[] = parts.map((part, index) =>
    index % 2 === 0 ? sql.raw(part) : sql`${values[Number(part) - 1] ?? null}`,
  );
  return sql.join(chunks, sql.raw(''));
}

/** Runs `work` while holding a session-level advisory lock on `client` (released even when it throws). */
export async function withAdvisoryLock<T>(
  client: pg.Client,
  lockId: number,
  work: () => Promise<T>,
): Promise<T> {
  await client.query('SELECT pg_advisory_lock($1)', [lockId]);
  try {
    return await work();
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [lockId]).catch(() => undefined);
  }
}
