import { fileURLToPath } from 'node:url';
import pg from 'pg';
import pino from 'pino';
import { type AppDeps, createApp } from '../app';
import type { Database } from '../db/client';

/** The snapshot `packages/client` is generated from (`npm run client:generate` rewrites it). */
export const CLIENT_OPENAPI_FILE = fileURLToPath(
  new URL('../../../../packages/client/openapi.json', import.meta.url),
);

export const CLIENT_SERVER_URL = 'http://localhost:3000';

const NO_DATABASE =
  'The OpenAPI document is built without a database: building the app must not query it. ' +
  'Move the query out of createApp() into a handler or a service call.';

/**
 * Stands in for a dependency the document never needs: every use throws at once, naming what was
 * touched, instead of the build quietly reaching for a database or a queue.
 */
function refuseUse<T extends object>(what: string): T {
  return new Proxy({} as T, {
    get(_target, property) {
      throw new Error(`${NO_DATABASE} (touched ${what}.${String(property)})`);
    },
  });
}

/** A client whose every connection attempt fails with NO_DATABASE. */
class NoDatabaseClient extends pg.Client {
  override connect(): Promise<pg.Client>;
  override connect(callback: (error: Error) => void): void;
  override connect(callback?: (error: Error) => void): Promise<pg.Client> | void {
    const error = new Error(NO_DATABASE);
    if (!callback) return Promise.reject(error);
    callback(error);
  }
}

/**
 * A pool that never connects. It is a real pg.Pool (not a proxy) because the rate limiters are
 * built in createApp() and rate-limiter-flexible recognises its store by its constructor.
 */
function createNoDatabase(): Database {
  return {
    db: refuseUse<Database['db']>('db'),
    pool: new pg.Pool({ Client: NoDatabaseClient }),
    health: refuseUse<Database['health']>('health'),
    close: async () => undefined,
  };
}

/**
 * The document a production server serves at /api/openapi.json, built by the real createApp() so
 * that every registered route is in it, but with no database, queue or network.
 *
 * Production, because a published client describes what every deployment answers: the development
 * mailbox routes (/api/dev/...) exist only outside production.
 */
export function buildPublishedOpenApiDocument(serverUrl: string = CLIENT_SERVER_URL): unknown {
  const config: AppDeps['config'] = {
    // Signs nothing here: no request is ever served by this app.
    appSecret: 'openapi-build-only-openapi-build-only',
    isProduction: true,
    publicUrl: serverUrl,
    holdMinutes: 15,
    payments: { provider: 'test' },
  };
  const { openApiDocument } = createApp({
    database: createNoDatabase(),
    config,
    logger: pino({ level: 'silent' }),
    jobs: refuseUse<AppDeps['jobs']>('jobs'),
    webDistDir: '/nonexistent',
  });
  return openApiDocument();
}

/** Maps keyed by name: sorted, so where a module registers its routes does not reorder the file. */
const NAMED_MAPS = ['paths', 'webhooks'] as const;

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const sortedByKey = (map: JsonObject): JsonObject =>
  Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/**
 * The document as committed: paths, webhooks and every components map sorted by name (the same
 * document, in an order that only changes when a route does), two-space indented, final newline.
 */
export function serializeOpenApiDocument(document: unknown): string {
  if (!isObject(document)) throw new Error('The OpenAPI document is not an object');
  const stable: JsonObject = { ...document };
  for (const key of NAMED_MAPS) {
    const map = stable[key];
    if (isObject(map)) stable[key] = sortedByKey(map);
  }
  const components = stable.components;
  if (isObject(components)) {
    stable.components = Object.fromEntries(
      Object.entries(components).map(([kind, map]) => [kind, isObject(map) ? sortedByKey(map) : map]),
    );
  }
  return `${JSON.stringify(stable, null, 2)}\n`;
}
