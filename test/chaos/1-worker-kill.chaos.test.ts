import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { recordRow } from './lib/outcome.ts';
import { type Stack, startStack } from './lib/stack.ts';
import {
  WORKER_KILL_ENV,
  workerKillMidAnnounce,
  workerKillMidEvaluation,
  workerKillMidWebhook,
} from './scenarios/worker-kill.ts';

/**
 * Fault 1: the worker dies with SIGKILL (no shutdown) in the middle of each kind of job it runs.
 * Two API processes and a worker on the run's database and a Redis of the test's own.
 */
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({
    databaseUrl: inject('ownerUrl'),
    apis: 2,
    llmDelayMs: 1500,
    env: WORKER_KILL_ENV,
  });
}, 240_000);

afterAll(async () => {
  await stack?.close();
});

describe('worker killed', () => {
  it('mid-evaluation: every answer gets exactly one evaluation and every interview completes', async ({
    task,
  }) => {
    const row = recordRow(
      task,
      await workerKillMidEvaluation(stack, { interviews: 6, kills: 2, boundMs: 150_000 }),
    );
    expect(row.violations).toEqual([]);
  }, 240_000);

  it('mid-announce: the report is announced once, each event delivered under one webhook-id', async ({
    task,
  }) => {
    const row = recordRow(task, await workerKillMidAnnounce(stack, { boundMs: 120_000 }));
    expect(row.violations).toEqual([]);
  }, 200_000);

  it('mid-webhook delivery: each event delivered at least once under one webhook-id, every delivery final', async ({
    task,
  }) => {
    const row = recordRow(
      task,
      await workerKillMidWebhook(stack, { schedules: 4, receiverDelayMs: 3000, boundMs: 45_000 }),
    );
    expect(row.violations).toEqual([]);
  }, 120_000);
});
