import { ConfigError, loadConfig } from '../config';
import { resolveDatabaseTarget } from './connect';
import { runMigrations } from './migrate';

/** `npm run db:migrate`: applies migrations to DATABASE_URL, or to the embedded cluster. */
async function main(): Promise<void> {
  const config = loadConfig();
  const target = await resolveDatabaseTarget(config, () => undefined);
  try {
    await runMigrations(target.url);
    console.log(`migrations applied${target.isEmbedded ? ' (embedded PostgreSQL)' : ''}`);
  } finally {
    await target.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
