import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres';
import { runMigrations } from '../src/db/migrate';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/**
 * One database for the whole run: DATABASE_URL when set (CI's PostgreSQL service), otherwise a
 * throwaway embedded cluster, so `npm test` passes on a machine with nothing installed.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let url = process.env.DATABASE_URL;
  let stop = async () => undefined as void;
  if (!url) {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'zevents-test-')), 'postgres');
    const running = await startEmbeddedPostgres({ dataDir, throwaway: true });
    url = running.url;
    stop = running.stop;
  }
  await runMigrations(url);
  project.provide('databaseUrl', url);
  return stop;
}
