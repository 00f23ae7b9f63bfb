import type { Logger } from 'pino';
import pg from 'pg';
import { listen, notifyChanges } from './change-bus.sql';

export const CHANGES_CHANNEL = 'zevents_event_changes';

/** Announces "something about this event changed" to every API process. */
export interface ChangeBus {
  /** Cheap and synchronous: announcements are coalesced and sent a moment later, off the hot path. */
  announce(eventId: string): void;
  onChange(listener: (eventId: string) => void): () => void;
  stop(): Promise<void>;
}

/** For processes and tests without real time: announcements go nowhere. */
export const silentChangeBus: ChangeBus = {
  announce: () => undefined,
  onChange: () => () => undefined,
  stop: async () => undefined,
};

/**
 * Cross-process fan-out through PostgreSQL LISTEN/NOTIFY: a sale handled by one API process reaches
 * dashboards connected to another. Announcements are batched per flush (one NOTIFY per event per
 * ~100 ms at most) and sent outside the transactions that caused them, so a flash sale never waits
 * on the notification queue. The listener reconnects by itself when its connection drops.
 */
export async function createChangeBus(options: {
  url: string;
  pool: pg.Pool;
  logger: Logger;
  flushMs?: number;
}): Promise<ChangeBus> {
  const { url, pool, logger } = options;
  const flushMs = options.flushMs ?? 100;
  const listeners = new Set<(eventId: string) => void>();
  const pending = new Set<string>();
  let flushTimer: NodeJS.Timeout | undefined;
  let client: pg.Client | undefined;
  let isStopped = false;
  let reconnectTimer: NodeJS.Timeout | undefined;

  const flush = async () => {
    flushTimer = undefined;
    const ids = [...pending];
    pending.clear();
    if (ids.length === 0) return;
    try {
      await notifyChanges(pool, CHANGES_CHANNEL, ids);
    } catch (error) {
      logger.warn({ err: error }, 'could not announce changes');
    }
  };

  let failedAttempts = 0;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({
      connectionString: url,
      application_name: 'z-events-listen',
      connectionTimeoutMillis: 5_000,
    });
    next.on('notification', (message) => {
      if (message.channel !== CHANGES_CHANNEL || !message.payload) return;
      for (const listener of listeners) listener(message.payload);
    });
    // Registered before connecting and kept for the client's life: an 'error' without a listener
    // (the database restarting) would end the process.
    next.on('error', (error) => {
      if (client !== next) return;
      client = undefined;
      logger.warn({ err: error }, 'change listener lost its connection; reconnecting');
      void next.end().catch(() => undefined);
      scheduleReconnect();
    });
    try {
      await next.connect();
      await listen(next, CHANGES_CHANNEL);
    } catch (error) {
      await next.end().catch(() => undefined);
      throw error;
    }
    if (isStopped) {
      await next.end().catch(() => undefined);
      return;
    }
    client = next;
    failedAttempts = 0;
  };

  /** Backoff from 250 ms doubling to 5 s: quick after a restart, gentle during a long outage. */
  const scheduleReconnect = () => {
    if (isStopped || reconnectTimer) return;
    const delayMs = Math.min(5_000, 250 * 2 ** Math.min(failedAttempts, 5));
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      connect().then(
        () => logger.info('change listener reconnected'),
        () => {
          failedAttempts++;
          scheduleReconnect();
        },
      );
    }, delayMs);
  };

  await connect();

  return {
    announce(eventId) {
      pending.add(eventId);
      flushTimer ??= setTimeout(() => void flush(), flushMs);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async stop() {
      isStopped = true;
      if (flushTimer) clearTimeout(flushTimer);
      if (reconnectTimer) clearTimeout(reconnectTimer);
      await flush();
      await client?.end().catch(() => undefined);
    },
  };
}
