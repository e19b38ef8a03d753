import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { recordRow } from './lib/outcome.ts';
import { type Stack, startStack } from './lib/stack.ts';
import { apiKillMidRequest } from './scenarios/api-kill.ts';

/** Fault 2: an API process dies with SIGKILL while answers wait on it; a second one keeps serving. */
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ databaseUrl: inject('ownerUrl'), apis: 2, llmDelayMs: 2000 });
}, 240_000);

afterAll(async () => {
  await stack?.close();
});

describe('API killed', () => {
  it('mid-request: the other API serves; same-key retries get one stored answer and their result', async ({
    task,
  }) => {
    const row = recordRow(
      task,
      await apiKillMidRequest(stack, { inFlight: 8, retryMs: 30_000, boundMs: 150_000 }),
    );
    expect(row.violations).toEqual([]);
  }, 240_000);
});
