import { beforeAll, describe, expect, it } from 'vitest';
import { createOrm, withoutTenant, withTenantSql } from '../../src/db/index.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';

/**
 * The hot path's tenant transaction (`withTenantSql`: plain pg on a connection borrowed from the
 * ORM's pool) holds the same wall as `withTenant`: RLS alone hides other tenants' rows, the tenant
 * id never leaks to the connection's next user, and an error stores nothing.
 */
let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});

describe('withTenantSql', () => {
  it("sees its own tenant's rows and none of another's, with no tenant predicate in the query", async () => {
    const a = await h.signUp();
    const b = await h.signUp();
    const seen = await withTenantSql(h.orm, a.id, (sql) => sql<{ id: string }>('select id from users'));
    expect(seen.map((u) => u.id)).toEqual([a.ownerId]);
    const other = await withTenantSql(h.orm, a.id, (sql) =>
      sql<{ id: string }>('select id from users where id = ?', [b.ownerId]),
    );
    expect(other).toEqual([]);
  });

  it('refuses a tenant id that is not a UUID before any SQL runs', async () => {
    let ran = false;
    await expect(
      withTenantSql(h.orm, "x', true); select 1; --", async (sql) => {
        ran = true;
        return sql('select 1');
      }),
    ).rejects.toThrow(/not a UUID/);
    expect(ran).toBe(false);
  });

  it('leaves no tenant on the pooled connection for its next user, and an error stores nothing', async () => {
    const a = await h.signUp();
    // One connection in the pool, so the next transaction gets the same one.
    const orm = await createOrm(h.orm.config.get('clientUrl')!, { poolMax: 1 });
    try {
      await expect(
        withTenantSql(orm, a.id, async (sql) => {
          await sql("update users set role = 'viewer' where id = ?", [a.ownerId]);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      await withTenantSql(orm, a.id, (sql) => sql('select 1'));
      const after = await withoutTenant(orm, (em) =>
        em.execute<{ tenant: string | null; users: number }[]>(
          "select nullif(current_setting('app.tenant_id', true), '') as tenant, count(*)::int as users from users",
        ),
      );
      expect(after).toEqual([{ tenant: null, users: 0 }]);
      const [owner] = await withTenantSql(orm, a.id, (sql) =>
        sql<{ role: string }>('select role from users where id = ?', [a.ownerId]),
      );
      expect(owner?.role).toBe('owner');
    } finally {
      await orm.close(true);
    }
  });
});
