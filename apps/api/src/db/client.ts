import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { createDatabaseHealth, type DatabaseHealth } from './database-health';
import * as schema from './schema';

/** `$client`: the pool itself, for the few hot statements prepared by name (one parse per connection). */
export type Db = NodePgDatabase<typeof schema> & { $client: pg.Pool };
/** A transaction handle; repositories take `DbOrTx` so callers decide the transaction boundary. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  pool: pg.Pool;
  /** Whether PostgreSQL can be reached (503 at once while it cannot). */
  health: DatabaseHealth;
  close: () => Promise<void>;
}

// timestamptz and int8 come back as JS types we control: dates as Date (drizzle maps them), counts as numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

type ConnectCallback = (error: Error | null) => void;

/**
 * The pool's connections, each with an 'error' listener for its whole life. node-postgres emits
 * 'error' on a client whose server goes away; the pool listens only while the client is idle, so a
 * client checked out at that moment (a transaction, a reserve) had no listener and the process died
 * with "Unhandled 'error' event". Every connect and every lost connection also tells `health`.
 */
function observedClientClass(health: DatabaseHealth) {
  return class ObservedClient extends pg.Client {
    constructor(config?: string | pg.ClientConfig) {
      super(config);
      this.on('error', (error) => health.reportError(error));
    }

    override connect(): Promise<pg.Client>;
    override connect(callback: ConnectCallback): void;
    override connect(callback?: ConnectCallback): Promise<pg.Client> | void {
      const report = (error: Error | null) => {
        if (error) health.reportError(error);
        else health.reportConnected();
      };
      if (!callback) {
        return super.connect().then(
          (client) => {
            report(null);
            return client;
          },
          (error: Error) => {
            report(error);
            throw error;
          },
        );
      }
      super.connect((error: Error | null) => {
        report(error);
        callback(error);
      });
    }
  };
}

export function createDatabase(url: string, poolSize: number): Database {
  const health = createDatabaseHealth({ url });
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    // A bounded wait for a connection: past it the request fails fast (503) instead of queueing forever.
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    application_name: 'z-events',
    Client: observedClientClass(health),
  });
  // An idle client losing its connection (database restart) must not crash the process; the
  // client's own listener has already told `health`.
  pool.on('error', () => undefined);
  const db = drizzle(pool, { schema, casing: 'snake_case' });
  return {
    db,
    pool,
    health,
    close: async () => {
      health.stop();
      await pool.end();
    },
  };
}
