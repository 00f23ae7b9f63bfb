import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { preparedQuery } from '../src/db/prepared';
import { organizations } from '../src/db/schema';
import { findOrganization } from '../src/modules/organizations/organizations.repository';
import { createWorld } from './factories';
import { buildTestApp } from './harness';

const organizationName = preparedQuery('zevents_test_organization_name', (db) =>
  db
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, sql.placeholder('id'))),
);

describe('preparedQuery (hot reads built once, run as named statements)', () => {
  it('answers with each call its own values, on the pool and on every connection of it', async () => {
    const t = buildTestApp();
    const world = await createWorld(t.app, t.database.db);
    // More calls at once than the pool has connections: each one prepares the statement for itself.
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        organizationName(t.database.db, { id: i % 2 === 0 ? world.org.id : world.outsiderOrg.id }),
      ),
    );
    const other = await findOrganization(t.database.db, world.outsiderOrg.id);
    answers.forEach((rows, i) => expect(rows[0]?.name).toBe(i % 2 === 0 ? world.org.name : other?.name));
    expect(await organizationName(t.database.db, { id: '00000000-0000-4000-8000-000000000000' })).toEqual([]);
  });

  it('runs inside a transaction on its connection: it sees the transaction own uncommitted writes', async () => {
    const t = buildTestApp();
    const world = await createWorld(t.app, t.database.db);
    await t.database.db
      .transaction(async (tx) => {
        await tx
          .update(organizations)
          .set({ name: 'Renamed, not committed' })
          .where(eq(organizations.id, world.org.id));
        expect((await findOrganization(tx, world.org.id))?.name).toBe('Renamed, not committed');
        expect((await findOrganization(t.database.db, world.org.id))?.name).toBe(world.org.name);
        throw new Error('roll back');
      })
      .catch((error: unknown) => {
        if (!(error instanceof Error) || error.message !== 'roll back') throw error;
      });
    expect((await findOrganization(t.database.db, world.org.id))?.name).toBe(world.org.name);
  });
});
