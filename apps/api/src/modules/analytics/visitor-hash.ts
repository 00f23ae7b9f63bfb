import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/client';
import type { Clock } from '../../shared/clock';
import * as repo from './analytics.repository';

/**
 * Plausible's method: a visitor is sha256(the day's salt, the event, the address, the user agent),
 * cut to 16 bytes. The salt is random, shared by every process through the database, and deleted
 * the day after, so yesterday's hashes can no longer be tied to an address even by us.
 */
export function createVisitorHasher(deps: { db: Db; clock: Clock }) {
  const salts = new Map<string, Promise<Buffer>>();

  function saltOf(day: string): Promise<Buffer> {
    let salt = salts.get(day);
    if (!salt) {
      salt = repo.saltOfDay(deps.db, day, randomBytes(32));
      salts.set(day, salt);
      // A failed read is asked again next time; only today's and yesterday's stay in memory.
      salt.catch(() => salts.delete(day));
      for (const known of salts.keys()) if (known < previousDay(day)) salts.delete(known);
    }
    return salt;
  }

  return {
    async visitorOf(eventId: string, address: string, userAgent: string): Promise<Buffer> {
      const day = deps.clock.now().toISOString().slice(0, 10);
      const salt = await saltOf(day);
      return createHash('sha256')
        .update(salt)
        .update(eventId)
        .update('\0')
        .update(address)
        .update('\0')
        .update(userAgent)
        .digest()
        .subarray(0, 16);
    },
    /** Deletes the salts of days before yesterday (a job runs it; the hashes then stay anonymous). */
    forgetOldSalts: () =>
      repo.deleteSaltsBefore(deps.db, previousDay(deps.clock.now().toISOString().slice(0, 10))),
  };
}

function previousDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
