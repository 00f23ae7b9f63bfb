import path from 'node:path';
import type { Config } from '../config';
import { startEmbeddedPostgres } from './embedded-postgres';

export interface DatabaseTarget {
  url: string;
  isEmbedded: boolean;
  stop: () => Promise<void>;
}

/** DATABASE_URL when set; otherwise the embedded cluster in `.data/postgres`, started here. */
export async function resolveDatabaseTarget(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
  log: (message: string) => void,
): Promise<DatabaseTarget> {
  if (config.databaseUrl) return { url: config.databaseUrl, isEmbedded: false, stop: async () => undefined };
  const running = await startEmbeddedPostgres({
    dataDir: path.join(config.dataDir, 'postgres'),
    preferredPort: 54329,
    log,
  });
  return { url: running.url, isEmbedded: true, stop: running.stop };
}
