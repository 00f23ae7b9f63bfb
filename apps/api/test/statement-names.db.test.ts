import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { organizations } from '../src/db/schema';
import { createWorld } from './factories';
import { buildTestApp } from './harness';

describe('statements with parameters run as named prepared statements', () => {
  it('parses each text once per connection and answers every call with its own values', async () => {
    const t = buildTestApp();
    const world = await createWorld(t.app, t.database.db);
    const client = await t.database.pool.connect();
    try {
      const { db } = t.database;
      const nameOf = (id: string) =>
        db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, id));
      // On one connection (a transaction holds it): the same text again and again, with other values.
      await db.transaction(async (tx) => {
        const read = (id: string) =>
          tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, id));
        // Named from its third use on (statement-names.ts); answered with each call's own values.
        for (let i = 0; i < 4; i++) {
          expect((await read(world.org.id))[0]?.name).toBe(world.org.name);
          expect((await read(world.outsiderOrg.id))[0]?.name).not.toBe(world.org.name);
        }
        const prepared = await tx.execute<{ count: number }>(
          sql`SELECT count(*)::int AS count FROM pg_prepared_statements
              WHERE statement LIKE '%from "organizations" where "organizations"."id" = $1%'`,
        );
        expect(prepared.rows[0]?.count).toBe(1);
      });
      expect((await nameOf(world.org.id))[0]?.name).toBe(world.org.name);
      // A text without parameters may hold several statements: it still runs as it did.
      await client.query('SELECT 1; SELECT 2');
      // A failed statement leaves the connection usable and the next call fine.
      await expect(client.query('SELECT $1::int AS n FROM no_such_table', [1])).rejects.toThrow();
      for (let n = 0; n < 4; n++)
        expect((await client.query('SELECT $1::int AS n', [n])).rows[0]).toEqual({ n });
    } finally {
      client.release();
    }
  });
});
