import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Files in name order (1-worker-kill … 8-tenant-wall): the fault table reads in the order. */
class ByName extends BaseSequencer {
  override async sort(files: TestSpecification[]) {
    return [...files].sort((a, b) => a.moduleId.localeCompare(b.moduleId));
  }
}

/**
 * The fault suite (`npm run chaos`): real API and worker processes on real PostgreSQL and Redis,
 * one fault at a time. Files run one after another (a fault must not be another's noise); each
 * test carries its own time bound. `CHAOS_SUBSET=ci` (`npm run chaos:ci`) runs only the cheap
 * subset, test/chaos/ci-subset.chaos.test.ts.
 */
const ciOnly = process.env['CHAOS_SUBSET'] === 'ci';

export default defineConfig({
  root: path.resolve(import.meta.dirname, '../..'),
  test: {
    include: ciOnly ? ['test/chaos/ci-subset.chaos.test.ts'] : ['test/chaos/**/*.chaos.test.ts'],
    exclude: ciOnly ? [] : ['test/chaos/ci-subset.chaos.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    fileParallelism: false,
    maxWorkers: 1,
    sequence: { concurrent: false, sequencer: ByName },
    testTimeout: 300_000,
    hookTimeout: 300_000,
    reporters: ['default', './test/chaos/reporter.ts'],
  },
});
