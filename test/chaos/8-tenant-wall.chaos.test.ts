import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { recordRow } from './lib/outcome.ts';
import { type Stack, startStack } from './lib/stack.ts';
import { tenantWall } from './scenarios/tenant-wall.ts';

/**
 * Fault 8: the tenant wall (RLS with a transaction-local app.tenant_id) under concurrent load from
 * 20 tenants through pooled connections, straight to PostgreSQL. The same through pgbouncer in
 * transaction mode is in 9-pgbouncer.
 */
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ databaseUrl: inject('ownerUrl'), apis: 2, env: { DATABASE_POOL_MAX: '4' } });
}, 240_000);

afterAll(async () => {
  await stack?.close();
});

describe('tenant wall under load', () => {
  it('20 tenants at once: lists hold only their own objects, the others are 404', async ({ task }) => {
    const row = recordRow(task, await tenantWall(stack, { tenants: 20, durationMs: 30_000 }));
    expect(row.violations).toEqual([]);
  }, 240_000);
});
