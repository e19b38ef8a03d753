import { defineConfig } from 'vitest/config';

/**
 * `npm test`: the suite (unit, integration, end to end), then the fault suite's CI subset
 * (test/chaos/ci-subset.chaos.test.ts: real API and worker processes killed, Redis stopped,
 * hostile and slow clients, pgbouncer). The subset runs after the suite, alone: its processes
 * would otherwise compete with the suite's files for the 2 cores. `npm run chaos` runs all faults.
 */
export default defineConfig({
  test: {
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // 2 cores: a few files at once keeps PostgreSQL and argon2 from starving each other.
    maxWorkers: 3,
    projects: [
      {
        extends: true,
        test: {
          name: 'suite',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'faults',
          include: ['test/chaos/ci-subset.chaos.test.ts'],
          sequence: { groupOrder: 1 },
          // each test carries its own bound
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
