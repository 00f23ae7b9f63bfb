import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../apps/api/src/db/embedded-postgres';
import { runMigrations } from '../apps/api/src/db/migrate';

/** DATABASE_URL when set, else a throwaway embedded PostgreSQL; migrated either way. */
export async function startBenchDatabase(): Promise<{ url: string; stop: () => Promise<void> }> {
  let url = process.env.DATABASE_URL;
  let stop = async (): Promise<void> => undefined;
  if (!url) {
    const running = await startEmbeddedPostgres({
      dataDir: path.join(mkdtempSync(path.join(tmpdir(), 'zevents-bench-')), 'postgres'),
      throwaway: true,
    });
    url = running.url;
    stop = running.stop;
  }
  await runMigrations(url);
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
