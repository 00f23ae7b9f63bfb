import pg from 'pg';

/**
 * Coalesces requests for one hot statement: when a row (a flash sale's ticket type) or the commit
 * itself (a door with many scanners) bounds the throughput, a commit per request caps it at the
 * database's commit rate. Requests that arrive while earlier batches are in the database wait (never
 * on a timer) and go together as the next batch: one round trip and one commit for up to `maxBatch`,
 * each request still answered on its own. A quiet server sends each request at once (a batch of one,
 * one event-loop turn later), so coalescing costs nothing when there is nothing to coalesce.
 */
export interface StatementBatcher<Req, Res> {
  submit(request: Req): Promise<Res>;
}

export interface StatementBatcherOptions<Req, Res> {
  /**
   * Runs one batch: an answer per request, in order, or the Error of that request alone. Throws
   * when the call itself failed (then none of the batch happened).
   */
  send: (batch: Req[]) => Promise<Array<Res | Error>>;
  maxBatch: number;
  /**
   * Batches in the database at once. Two lets the next batch travel, parse and wait for the row lock
   * while the current one executes and commits; more only queue on the same hot rows (and hold
   * connections the rest of the API needs).
   */
  maxInFlight?: number;
  /** Told the size of every batch sent (metrics, tests). */
  onBatch?: (size: number) => void;
}

interface Waiting<Req, Res> {
  request: Req;
  resolve: (answer: Res) => void;
  reject: (error: unknown) => void;
}

export function createStatementBatcher<Req, Res>(
  options: StatementBatcherOptions<Req, Res>,
): StatementBatcher<Req, Res> {
  const maxInFlight = options.maxInFlight ?? 2;
  const waiting: Array<Waiting<Req, Res>> = [];
  let inFlight = 0;
  let isScheduled = false;

  // One event-loop turn before sending: requests read in the same turn (many sockets readable at
  // once under load) share the batch.
  function schedule(): void {
    if (isScheduled || inFlight >= maxInFlight || waiting.length === 0) return;
    isScheduled = true;
    setImmediate(flush);
  }

  function flush(): void {
    isScheduled = false;
    while (inFlight < maxInFlight && waiting.length > 0) {
      const batch = waiting.splice(0, options.maxBatch);
      inFlight++;
      void run(batch).finally(() => {
        inFlight--;
        schedule();
      });
    }
  }

  async function run(batch: Array<Waiting<Req, Res>>): Promise<void> {
    options.onBatch?.(batch.length);
    try {
      const answers = await options.send(batch.map((entry) => entry.request));
      answers.forEach((answer, i) => {
        const entry = batch[i];
        if (!entry) return;
        if (answer instanceof Error) entry.reject(answer);
        else entry.resolve(answer);
      });
    } catch (error) {
      // PostgreSQL refused the call itself for something in one request's data, or picked it as a
      // deadlock victim (none of the batch happened): each goes again alone, so only that one fails.
      if (isDatabaseError(error) && batch.length > 1) {
        await Promise.all(batch.map((entry) => run([entry])));
        return;
      }
      for (const entry of batch) entry.reject(error);
    }
  }

  return {
    submit(request) {
      return new Promise<Res>((resolve, reject) => {
        waiting.push({ request, resolve, reject });
        schedule();
      });
    },
  };
}

/** PostgreSQL's error answer, thrown as it is (pg) or wrapped (Drizzle's DrizzleQueryError keeps it as the cause). */
function isDatabaseError(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause)
    if (current instanceof pg.DatabaseError) return true;
  return false;
}

/**
 * Runs `work` on a connection of its own, released broken only when the connection itself failed:
 * a PostgreSQL error answer leaves it usable (`pool.query()` would throw it away on any error).
 */
export async function onOwnConnection<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    return await work(client);
  } catch (error) {
    if (!(error instanceof pg.DatabaseError))
      broken = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    client.release(broken);
  }
}
