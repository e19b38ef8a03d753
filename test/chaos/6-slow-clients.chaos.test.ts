import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { recordRow } from './lib/outcome.ts';
import { type Stack, startStack } from './lib/stack.ts';
import { slowClients } from './scenarios/slow-clients.ts';

/** Fault 6: slow and broken clients against one API process; an ordinary client keeps calling it. */
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ databaseUrl: inject('ownerUrl'), apis: 1 });
}, 240_000);

afterAll(async () => {
  await stack?.close();
});

describe('slow and broken clients', () => {
  it('others are served, idle and stalled connections are closed by the settings, no descriptor leaks', async ({
    task,
  }) => {
    const row = recordRow(
      task,
      await slowClients(stack, {
        idle: 1000,
        slowloris: 200,
        stalledBodies: 100,
        disconnects: 200,
        waitHeadersTimeout: true,
      }),
    );
    expect(row.violations).toEqual([]);
  }, 400_000);
});
