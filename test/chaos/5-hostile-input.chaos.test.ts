import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { recordRow } from './lib/outcome.ts';
import { type Stack, startStack } from './lib/stack.ts';
import { hostileInput } from './scenarios/hostile.ts';

/** Fault 5: hostile input on every documented operation, over keep-alive connections. */
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ databaseUrl: inject('ownerUrl'), apis: 1 });
}, 240_000);

afterAll(async () => {
  await stack?.close();
});

describe('hostile input', () => {
  it('every operation × identity × hostile variant: no 5xx, no broken connection, only problem+json errors', async ({
    task,
  }) => {
    const row = recordRow(task, await hostileInput(stack, { cheap: false, connections: 4 }));
    expect(row.violations).toEqual([]);
  }, 600_000);
});
