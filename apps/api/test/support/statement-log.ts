import type pg from 'pg';

/**
 * Records the SQL text of every query sent through `pool` until `stop()`: for tests that show a
 * request was answered without the database, or with one read where there were many.
 */
export function recordStatements(pool: pg.Pool): { statements: string[]; stop: () => void } {
  const statements: string[] = [];
  const query = pool.query.bind(pool);
  const recording = ((...args: Parameters<typeof pool.query>) => {
    const [text] = args;
    statements.push(typeof text === 'string' ? text : String((text as { text?: string }).text));
    return query(...args);
  }) as typeof pool.query;
  pool.query = recording;
  return { statements, stop: () => void (pool.query = query) };
}
