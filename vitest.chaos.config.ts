import { defineConfig } from 'vitest/config';

/**
 * `npm run test:chaos`: process-level faults (database restart, kill -9, SIGTERM, a worker killed
 * mid-batch) against the real server as child processes, each file on a throwaway embedded
 * PostgreSQL of its own. Not part of `npm test`; CI runs it as a step of its own.
 */
export default defineConfig({
  test: {
    name: 'chaos',
    include: ['apps/api/chaos/**/*.chaos.test.ts'],
    globalSetup: ['apps/api/chaos/support/build-server.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    // One file at a time: each starts a cluster and servers, and the timings are the point.
    fileParallelism: false,
  },
});
