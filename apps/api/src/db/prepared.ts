import type { DbOrTx } from './client';

/** What drizzle's `.prepare(name)` gives: a query built once, run with its placeholders' values. */
interface PreparedQuery<Result> {
  execute(values?: Record<string, unknown>): Promise<Result>;
}

/**
 * A hot query (one read by id that every email, page or job makes) built once per database handle
 * and run as a named prepared statement: drizzle spent ~85 µs of CPU building a query's SQL from
 * its builder on every call (profiled in the reminders benchmark), and PostgreSQL parses and plans a
 * named statement once per connection. Values go in through `sql.placeholder`.
 *
 * The pool-level handle keeps its built query for good; a transaction's (a new handle each time)
 * builds its own, which is what an unprepared query costs anyway. Each name must belong to one
 * query text: node-postgres refuses a name reused for another text on the same connection.
 */
export function preparedQuery<Result>(
  name: string,
  build: (db: DbOrTx) => { prepare(name: string): PreparedQuery<Result> },
): (db: DbOrTx, values: Record<string, unknown>) => Promise<Result> {
  const built = new WeakMap<DbOrTx, PreparedQuery<Result>>();
  return (db, values) => {
    let query = built.get(db);
    if (query === undefined) {
      query = build(db).prepare(name);
      built.set(db, query);
    }
    return query.execute(values);
  };
}
