import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createOrm, type Orm, withTenantSql } from '../../src/db/index.ts';
import { createHarness, type Harness, type TestTenant } from '../helpers/harness.ts';
import { type OwnPgbouncer, startPgbouncer } from '../helpers/pgbouncer.ts';

/**
 * The hot path (`withTenantSql`) behind pgbouncer in transaction mode, where every transaction may
 * get another server connection. Its named prepared statements failed there ("prepared statement
 * aii_0 already exists", found by the fault suite); with DATABASE_PREPARED_STATEMENTS=false it
 * sends unnamed ones, and the tenant's transaction-local setting still walls tenants apart.
 */

let h: Harness;
let bouncer: OwnPgbouncer;
const orms: Orm[] = [];
let a: TestTenant;
let b: TestTenant;

beforeAll(async () => {
  h = await createHarness();
  [a, b] = [await h.signUp(), await h.signUp()];
  bouncer = await startPgbouncer(inject('ownerUrl'), {
    users: [new URL(inject('appUrl')).username],
    poolSize: 2,
  });
}, 60_000);

afterAll(async () => {
  for (const orm of orms) await orm.close(true);
  await bouncer?.close();
});

const throughBouncer = async (preparedStatements: boolean) => {
  const orm = await createOrm(bouncer.via(inject('appUrl')), { poolMax: 6, preparedStatements });
  orms.push(orm);
  return orm;
};

/** Each tenant's users as seen in its own transaction, many at once over few server connections. */
const readUsers = (orm: Orm, t: TestTenant) =>
  withTenantSql(orm, t.id, (sql) =>
    sql<{ tenant_id: string }>('select tenant_id from users where id is not null'),
  );

describe('behind pgbouncer in transaction mode', () => {
  it('with DATABASE_PREPARED_STATEMENTS=false the hot path works and every transaction sees only its tenant', async () => {
    const orm = await throughBouncer(false);
    const reads = await Promise.all(Array.from({ length: 60 }, (_, i) => readUsers(orm, i % 2 ? b : a)));
    reads.forEach((rows, i) => {
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) expect(r.tenant_id).toBe((i % 2 ? b : a).id);
    });
  });

  it('named statements (the default, for direct connections) break there', async () => {
    const orm = await throughBouncer(true);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) => readUsers(orm, i % 2 ? b : a)),
    );
    const failures = outcomes.filter((o) => o.status === 'rejected');
    expect(failures.length).toBeGreaterThan(0);
    expect(String((failures[0] as PromiseRejectedResult).reason)).toMatch(/prepared statement/);
  });
});
