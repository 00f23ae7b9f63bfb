import { describe, expect, it } from 'vitest';
import { createDatabaseHealth, isConnectionError } from './database-health';

describe('isConnectionError', () => {
  it('recognises a database that went away, also when wrapped (Drizzle puts the driver error on cause)', () => {
    expect(
      isConnectionError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })),
    ).toBe(true);
    expect(isConnectionError(Object.assign(new Error('terminating connection'), { code: '57P01' }))).toBe(
      true,
    );
    expect(isConnectionError(Object.assign(new Error('shutting down'), { code: '57P03' }))).toBe(true);
    expect(isConnectionError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(
      isConnectionError(
        new Error('Failed query', { cause: new Error('Connection terminated unexpectedly') }),
      ),
    ).toBe(true);
  });

  it('leaves refused queries and a busy pool alone', () => {
    expect(isConnectionError(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isConnectionError(new Error('timeout exceeded when trying to connect'))).toBe(false);
    expect(isConnectionError('nope')).toBe(false);
  });
});

describe('createDatabaseHealth', () => {
  it('turns unreachable on a lost connection and reachable again when a probe gets through', async () => {
    // Port 1: nobody listens, so the probe fails and the state stays down until a connect succeeds.
    const health = createDatabaseHealth({ url: 'postgres://x:y@127.0.0.1:1/none', probeMs: 20 });
    const changes: boolean[] = [];
    health.onChange((isReachable) => changes.push(isReachable));
    health.reportError(Object.assign(new Error('duplicate key'), { code: '23505' }));
    expect(health.isReachable()).toBe(true);
    health.reportError(new Error('Connection terminated unexpectedly'));
    expect(health.isReachable()).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(health.isReachable()).toBe(false);
    health.reportConnected();
    expect(health.isReachable()).toBe(true);
    expect(changes).toEqual([false, true]);
    health.stop();
  });
});
