import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../apps/api/src/db/embedded-postgres';
import type { Db } from '../apps/api/src/db/client';
import { runMigrations } from '../apps/api/src/db/migrate';
import { insertUser } from '../apps/api/src/modules/accounts/accounts.repository';
import { createEventsService } from '../apps/api/src/modules/events/events.service';
import { createOrganizationsService } from '../apps/api/src/modules/organizations/organizations.service';
import { systemClock } from '../apps/api/src/shared/clock';

/**
 * The benchmarks' embedded PostgreSQL commits durably (fsync and synchronous commit on, as in
 * production), unlike the test suite's: a reserve's cost is mostly its commit, and a commit that is
 * never flushed measures a database nobody runs. BENCH_DURABLE=off measures with the test settings.
 */
export const BENCH_DURABLE = process.env.BENCH_DURABLE !== 'off';

/** DATABASE_URL when set, else a throwaway embedded PostgreSQL; migrated either way. */
export async function startBenchDatabase(): Promise<{ url: string; stop: () => Promise<void> }> {
  let url = process.env.DATABASE_URL;
  let stop = async (): Promise<void> => undefined;
  if (!url) {
    const running = await startEmbeddedPostgres({
      dataDir: path.join(mkdtempSync(path.join(tmpdir(), 'zevents-bench-')), 'postgres'),
      throwaway: true,
      durable: BENCH_DURABLE,
    });
    url = running.url;
    stop = running.stop;
  }
  await runMigrations(url);
  console.log(`database: ${await describeDurability(url)}`);
  return { url, stop };
}

/** Waits (up to 20 s) until a server started beside the benchmark answers its health check. */
export async function waitForHealth(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`server did not become healthy at ${url}`);
}

export interface BenchOrganizer {
  userId: string;
  organizationId: string;
  auth: { kind: 'session'; userId: string; sessionId: string };
  events: ReturnType<typeof createEventsService>;
}

/** A fresh organizer (user + organization) so each run's data stands apart from earlier runs'. */
export async function createBenchOrganizer(db: Db): Promise<BenchOrganizer> {
  const user = await insertUser(db, {
    email: `bench-${Date.now()}-${randomUUID().slice(0, 8)}@example.test`,
    name: 'Bench',
    passwordHash: 'x',
  });
  if (!user) throw new Error('could not create the bench user');
  const auth = { kind: 'session', userId: user.id, sessionId: 'bench' } as const;
  const org = await createOrganizationsService({ db }).createOrganization(auth, {
    name: `Bench ${Date.now()}`,
  });
  return {
    userId: user.id,
    organizationId: org.id,
    auth,
    events: createEventsService({ db, clock: systemClock }),
  };
}

/** One event of one hour with a single ticket type, published unless told otherwise. */
export async function createBenchEvent(
  organizer: BenchOrganizer,
  options: {
    title: string;
    startsAt: Date;
    venue?: string;
    ticketType: { name: string; priceCents: number; capacity: number; maxPerOrder?: number };
    isPublished?: boolean;
  },
): Promise<{ eventId: string; ticketTypeId: string }> {
  const { auth, events } = organizer;
  const event = await events.createEvent(auth, organizer.organizationId, {
    title: options.title,
    ...(options.venue ? { venue: options.venue } : {}),
    startsAt: options.startsAt.toISOString(),
    endsAt: new Date(options.startsAt.getTime() + 3_600_000).toISOString(),
    timezone: 'Europe/Paris',
    currency: 'EUR',
  });
  const type = await events.createTicketType(auth, event.id, options.ticketType);
  if (options.isPublished ?? true) await events.publishEvent(auth, event.id);
  return { eventId: event.id, ticketTypeId: type.id };
}

/** What the benchmark's database does on commit, printed above its figures. */
async function describeDurability(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ version: string; fsync: string; commit: string }>(
      `SELECT current_setting('server_version') AS version, current_setting('fsync') AS fsync,
              current_setting('synchronous_commit') AS commit`,
    );
    const row = result.rows[0];
    return `PostgreSQL ${row?.version}, fsync ${row?.fsync}, synchronous_commit ${row?.commit}`;
  } finally {
    await client.end();
  }
}
