import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { recordRow } from './lib/outcome.ts';
import { type Stack, startStack } from './lib/stack.ts';
import { noisyNeighbour } from './scenarios/noisy-neighbour.ts';

/**
 * Fault 7: a noisy neighbour. Tenant A sends the most expensive answers it can while tenant B runs
 * ordinary interviews; B's turn times are compared with its own baseline from the same run.
 * One API process and a worker (built-in evaluator, the default concurrency of 8).
 */
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ databaseUrl: inject('ownerUrl'), apis: 1 });
}, 240_000);

afterAll(async () => {
  await stack?.close();
});

describe('noisy neighbour', () => {
  it("B's turn p50 and p99 stay within 2x of its baseline while A floods", async ({ task }) => {
    const row = recordRow(
      task,
      await noisyNeighbour(stack, {
        clients: 4,
        interviewsEach: 2,
        answerers: 16,
        joiners: 4,
        targetRatio: 2,
      }),
    );
    expect(row.violations).toEqual([]);
  }, 600_000);
});
