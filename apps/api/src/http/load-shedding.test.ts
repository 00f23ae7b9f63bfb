import type { Request, Response } from 'express';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { DatabaseHealth } from '../db/database-health';
import { AppError } from './errors';
import { shedLoad } from './load-shedding';

function run(options: { waiting: number; isReachable: boolean; path?: string }): unknown {
  const pool = { waitingCount: options.waiting } as pg.Pool;
  const health = { isReachable: () => options.isReachable } as DatabaseHealth;
  let passed: unknown = 'not called';
  shedLoad(pool, 10, health)(
    { path: options.path ?? '/orders' } as Request,
    {} as Response,
    (error?: unknown) => (passed = error),
  );
  return passed;
}

describe('shedLoad', () => {
  it('lets requests through while the pool keeps up', () => {
    expect(run({ waiting: 3, isReachable: true })).toBeUndefined();
  });

  it('answers 429 with Retry-After past the bounded wait', () => {
    const error = run({ waiting: 11, isReachable: true });
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('RATE_LIMITED');
  });

  it('answers 503 with Retry-After while the database is down, before any 429', () => {
    const error = run({ waiting: 50, isReachable: false }) as AppError;
    expect(error.code).toBe('SERVICE_UNAVAILABLE');
    expect(error.headers).toMatchObject({ 'Retry-After': '1' });
  });

  it('still serves the OpenAPI document while the database is down', () => {
    expect(run({ waiting: 0, isReachable: false, path: '/openapi.json' })).toBeUndefined();
  });
});
