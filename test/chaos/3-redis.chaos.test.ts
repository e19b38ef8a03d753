import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { recordRow } from './lib/outcome.ts';
import { type Stack, startStack } from './lib/stack.ts';
import { redisFlushMidLoad, redisRestart } from './scenarios/redis.ts';

/**
 * Fault 3: Redis loses everything (FLUSHALL) mid-load, then goes away for a while and comes back
 * empty. The stack runs on a redis-server of the test's own, never the machine's shared one.
 * Evaluations take a second at the stand-in and the worker runs two at once, so work is queued.
 */
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({
    databaseUrl: inject('ownerUrl'),
    apis: 2,
    llmDelayMs: 1000,
    env: { WORKER_CONCURRENCY: '2' },
  });
}, 240_000);

afterAll(async () => {
  await stack?.close();
});

describe('Redis', () => {
  it('flushed mid-load: nothing lost or doubled, every interview completes', async ({ task }) => {
    const row = recordRow(task, await redisFlushMidLoad(stack, { interviews: 6, boundMs: 150_000 }));
    expect(row.violations).toEqual([]);
  }, 330_000);

  it('stopped and restarted: 503 problem+json or a normal answer while down, never a hang; recovers alone', async ({
    task,
  }) => {
    const row = recordRow(
      task,
      await redisRestart(stack, { downMs: 15_000, interviews: 3, boundMs: 150_000 }),
    );
    expect(row.violations).toEqual([]);
  }, 330_000);
});
