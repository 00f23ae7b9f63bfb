import { describe, expect, it } from 'vitest';
import { buildTestApp } from './harness';

/**
 * The purchase path's functions keep generic plans (migrations 0050 and 0051): without the setting
 * PostgreSQL planned some of their statements again on every call. A later migration that replaces
 * one of them with CREATE OR REPLACE FUNCTION drops the setting unless it writes it again: this fails
 * then, instead of the planning coming back unnoticed.
 */
const t = buildTestApp();

describe('plan settings of the purchase path functions', () => {
  it.each(['zevents_reserve_batch', 'zevents_convert_hold_to_sold'])(
    '%s keeps generic plans',
    async (name) => {
      const { rows } = await t.database.pool.query<{ config: string[] | null }>(
        'SELECT proconfig AS config FROM pg_proc WHERE proname = $1',
        [name],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]?.config).toContain('plan_cache_mode=force_generic_plan');
    },
  );
});
