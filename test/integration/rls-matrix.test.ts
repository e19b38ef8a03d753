import { randomBytes } from 'node:crypto';
import type { QueryResult } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  ApiKey,
  createOrm,
  type Orm,
  TENANT_FILTER,
  Tenant,
  type TenantEm,
  User,
  uuidv7,
  withoutTenant,
  withTenant,
} from '../../src/db/index.ts';
import { createHarness, type Harness, type TestTenant, uniq } from '../helpers/harness.ts';

/**
 * The isolation matrix: tenant A, connected as the app role with app.tenant_id = A, tries to read,
 * change, delete and create tenant B's rows, by raw SQL and by the ORM with its tenant filter
 * switched off, so row-level security is the only wall left standing. Every "0 rows" is paired
 * with the owner connection confirming that B's rows are there.
 */

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});

const RLS_VIOLATION = /new row violates row-level security policy/;

interface Pair {
  a: TestTenant;
  b: TestTenant;
  bKeyId: string;
}

/** Two fresh tenants through the HTTP API, and an API key for B. */
async function twoTenants(): Promise<Pair> {
  const a = await h.signUp();
  const b = await h.signUp();
  const key = await h.request('POST', '/api/v1/api-keys', {
    token: b.token,
    body: { name: 'B ATS', role: 'recruiter' },
  });
  if (key.status !== 201) throw new Error(`api key creation failed: ${key.status} ${key.text}`);
  return { a, b, bKeyId: key.body.id };
}

const owner = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
  h.ownerOrm.em.fork().execute<T[]>(sql, params);

/** Everything tenant `id` has, as the owner (superuser, so RLS does not apply) sees it. */
async function snapshot(id: string) {
  return {
    tenant: await owner('select * from tenants where id = ?', [id]),
    users: await owner('select * from users where tenant_id = ? order by id', [id]),
    apiKeys: await owner('select * from api_keys where tenant_id = ? order by id', [id]),
  };
}

/** B's data exists (so an empty answer for A means something), and return it for later comparison. */
async function expectBExists(p: Pair) {
  const snap = await snapshot(p.b.id);
  expect(snap.tenant).toHaveLength(1);
  expect(snap.users.map((u) => u['id'])).toEqual([p.b.ownerId]);
  expect(snap.apiKeys.map((k) => k['id'])).toEqual([p.bKeyId]);
  return snap;
}

const affected = async (em: TenantEm, sql: string, params: unknown[]) =>
  (await em.execute<QueryResult>(sql, params, 'run')).affectedRows;

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

describe('raw SQL as tenant A cannot read tenant B', () => {
  it("selects none of B's users, api_keys or tenant row, while A's own rows are visible", async () => {
    const p = await twoTenants();
    await expectBExists(p);

    const seen = await withTenant(h.orm, p.a.id, async (em) => ({
      bUsers: await em.execute('select * from users where tenant_id = ?', [p.b.id]),
      bUserById: await em.execute('select * from users where id = ?', [p.b.ownerId]),
      bKeys: await em.execute('select * from api_keys where tenant_id = ?', [p.b.id]),
      bKeyById: await em.execute('select * from api_keys where id = ?', [p.bKeyId]),
      bTenant: await em.execute('select * from tenants where id = ?', [p.b.id]),
      allUsers: await em.execute<{ tenant_id: string }[]>('select tenant_id from users'),
      allTenants: await em.execute<{ id: string }[]>('select id from tenants'),
      aUsers: await em.execute<{ id: string }[]>('select id from users where tenant_id = ?', [p.a.id]),
    }));

    expect(seen.bUsers).toEqual([]);
    expect(seen.bUserById).toEqual([]);
    expect(seen.bKeys).toEqual([]);
    expect(seen.bKeyById).toEqual([]);
    expect(seen.bTenant).toEqual([]);
    // Unfiltered reads return A's rows only, never anyone else's.
    expect(new Set(seen.allUsers.map((r) => r.tenant_id))).toEqual(new Set([p.a.id]));
    expect(seen.allTenants.map((r) => r.id)).toEqual([p.a.id]);
    expect(seen.aUsers.map((r) => r.id)).toEqual([p.a.ownerId]);
  });
});

describe('raw SQL as tenant A cannot change or delete tenant B', () => {
  it("updates 0 of B's rows (the same update on A's rows hits 1) and leaves B unchanged", async () => {
    const p = await twoTenants();
    const before = await expectBExists(p);

    const counts = await withTenant(h.orm, p.a.id, async (em) => ({
      users: await affected(em, `update users set email = 'pwned@example.com' where tenant_id = ?`, [p.b.id]),
      keys: await affected(em, `update api_keys set name = 'pwned' where tenant_id = ?`, [p.b.id]),
      tenant: await affected(em, `update tenants set name = 'pwned' where id = ?`, [p.b.id]),
      // Moving B's row into A would need to see it first.
      steal: await affected(em, 'update users set tenant_id = ? where id = ?', [p.a.id, p.b.ownerId]),
      ownTenant: await affected(em, 'update tenants set name = name where id = ?', [p.a.id]),
    }));

    expect(counts).toEqual({ users: 0, keys: 0, tenant: 0, steal: 0, ownTenant: 1 });
    expect(await snapshot(p.b.id)).toEqual(before);
  });

  it("deletes 0 of B's rows and leaves B intact", async () => {
    const p = await twoTenants();
    const before = await expectBExists(p);

    const counts = await withTenant(h.orm, p.a.id, async (em) => ({
      keys: await affected(em, 'delete from api_keys where tenant_id = ?', [p.b.id]),
      users: await affected(em, 'delete from users where tenant_id = ?', [p.b.id]),
      tenant: await affected(em, 'delete from tenants where id = ?', [p.b.id]),
      everything: await affected(em, 'delete from api_keys', []),
    }));

    // A has no API keys of its own, so even an unqualified delete removes nothing.
    expect(counts).toEqual({ keys: 0, users: 0, tenant: 0, everything: 0 });
    expect(await snapshot(p.b.id)).toEqual(before);
  });
});

describe('raw SQL as tenant A cannot write rows into tenant B (WITH CHECK)', () => {
  it('rejects inserting a user with tenant_id = B', async () => {
    const p = await twoTenants();
    const before = await expectBExists(p);
    const id = uuidv7();
    await expect(
      withTenant(h.orm, p.a.id, (em) =>
        em.execute(
          `insert into users (id, tenant_id, email, password_hash, role) values (?, ?, ?, 'x', 'owner')`,
          [id, p.b.id, `${uniq('intruder')}@example.com`],
        ),
      ),
    ).rejects.toThrow(RLS_VIOLATION);
    expect(await owner('select 1 from users where id = ?', [id])).toEqual([]);
    expect(await snapshot(p.b.id)).toEqual(before);
  });

  it('rejects inserting an api key with tenant_id = B', async () => {
    const p = await twoTenants();
    const before = await expectBExists(p);
    const id = uuidv7();
    await expect(
      withTenant(h.orm, p.a.id, (em) =>
        em.execute(
          `insert into api_keys (id, tenant_id, name, prefix, key_hash, role) values (?, ?, 'evil', 'aii_x', ?, 'owner')`,
          [id, p.b.id, hex(32)],
        ),
      ),
    ).rejects.toThrow(RLS_VIOLATION);
    expect(await owner('select 1 from api_keys where id = ?', [id])).toEqual([]);
    expect(await snapshot(p.b.id)).toEqual(before);
  });

  it('rejects inserting a tenant row other than A', async () => {
    const p = await twoTenants();
    const id = uuidv7();
    await expect(
      withTenant(h.orm, p.a.id, (em) =>
        em.execute(`insert into tenants (id, name, slug) values (?, 'Evil', ?)`, [id, uniq('evil')]),
      ),
    ).rejects.toThrow(RLS_VIOLATION);
    expect(await owner('select 1 from tenants where id = ?', [id])).toEqual([]);
  });

  it("rejects moving A's own user into B", async () => {
    const p = await twoTenants();
    const before = await expectBExists(p);
    await expect(
      withTenant(h.orm, p.a.id, (em) =>
        em.execute('update users set tenant_id = ? where id = ?', [p.b.id, p.a.ownerId]),
      ),
    ).rejects.toThrow(RLS_VIOLATION);
    expect(await owner('select tenant_id from users where id = ?', [p.a.ownerId])).toEqual([
      { tenant_id: p.a.id },
    ]);
    expect(await snapshot(p.b.id)).toEqual(before);
  });
});

describe('the ORM with filters disabled, as tenant A, cannot reach tenant B', () => {
  it('filters: false really removes the ORM tenant filter, so these tests exercise RLS alone', async () => {
    const p = await twoTenants();
    const found = await withTenant(h.orm, p.a.id, async (em) => {
      // Point the filter at B while RLS stays on A: with the filter on, nothing can match.
      em.setFilterParams(TENANT_FILTER, { tenantId: p.b.id });
      return {
        filtered: await em.find(User, {}),
        unfiltered: await em.find(User, {}, { filters: false }),
      };
    });
    expect(found.filtered).toEqual([]);
    expect(found.unfiltered.map((u) => u.id)).toEqual([p.a.ownerId]);
  });

  it("finds none of B's users, keys or tenant", async () => {
    const p = await twoTenants();
    await expectBExists(p);
    const found = await withTenant(h.orm, p.a.id, async (em) => ({
      users: await em.find(User, { tenantId: p.b.id }, { filters: false }),
      userById: await em.findOne(User, { id: p.b.ownerId }, { filters: false }),
      keys: await em.find(ApiKey, { tenantId: p.b.id }, { filters: false }),
      keyById: await em.findOne(ApiKey, { id: p.bKeyId }, { filters: false }),
      tenant: await em.findOne(Tenant, { id: p.b.id }, { filters: false }),
      userCount: await em.count(User, {}, { filters: false }),
    }));
    expect(found).toEqual({ users: [], userById: null, keys: [], keyById: null, tenant: null, userCount: 1 });
  });

  it("nativeUpdate and nativeDelete touch 0 of B's rows and B is unchanged", async () => {
    const p = await twoTenants();
    const before = await expectBExists(p);
    const counts = await withTenant(h.orm, p.a.id, async (em) => ({
      updateUsers: await em.nativeUpdate(
        User,
        { tenantId: p.b.id },
        { email: 'pwned@example.com' },
        { filters: false },
      ),
      updateKeys: await em.nativeUpdate(ApiKey, { tenantId: p.b.id }, { name: 'pwned' }, { filters: false }),
      updateTenant: await em.nativeUpdate(Tenant, { id: p.b.id }, { name: 'pwned' }, { filters: false }),
      deleteKeys: await em.nativeDelete(ApiKey, { tenantId: p.b.id }, { filters: false }),
      deleteUsers: await em.nativeDelete(User, { tenantId: p.b.id }, { filters: false }),
      deleteTenant: await em.nativeDelete(Tenant, { id: p.b.id }, { filters: false }),
    }));
    expect(counts).toEqual({
      updateUsers: 0,
      updateKeys: 0,
      updateTenant: 0,
      deleteKeys: 0,
      deleteUsers: 0,
      deleteTenant: 0,
    });
    expect(await snapshot(p.b.id)).toEqual(before);
  });

  it('refuses to flush a new user for B', async () => {
    const p = await twoTenants();
    const before = await expectBExists(p);
    const email = `${uniq('intruder')}@example.com`;
    await expect(
      withTenant(h.orm, p.a.id, async (em) => {
        em.create(User, { tenantId: p.b.id, email, passwordHash: 'x', role: 'owner' });
        await em.flush();
      }),
    ).rejects.toThrow(RLS_VIOLATION);
    expect(await owner('select 1 from users where email = ?', [email])).toEqual([]);
    expect(await snapshot(p.b.id)).toEqual(before);
  });

  it('refuses to flush a new api key for B', async () => {
    const p = await twoTenants();
    const before = await expectBExists(p);
    const keyHash = hex(32);
    await expect(
      withTenant(h.orm, p.a.id, async (em) => {
        em.create(ApiKey, { tenantId: p.b.id, name: 'evil', prefix: 'aii_x', keyHash, role: 'owner' });
        await em.flush();
      }),
    ).rejects.toThrow(RLS_VIOLATION);
    expect(await owner('select 1 from api_keys where key_hash = ?', [keyHash])).toEqual([]);
    expect(await snapshot(p.b.id)).toEqual(before);
  });
});

describe('with no tenant set, RLS shows no tenant rows (and is not an error)', () => {
  it('withoutTenant reads 0 users, api_keys and tenants', async () => {
    const p = await twoTenants();
    await expectBExists(p);
    const rows = await withoutTenant(h.orm, async (em) => ({
      users: await em.execute('select * from users'),
      keys: await em.execute('select * from api_keys'),
      tenants: await em.execute('select * from tenants'),
      ormUsers: await em.find(User, {}, { filters: false }),
    }));
    expect(rows).toEqual({ users: [], keys: [], tenants: [], ormUsers: [] });
  });

  it('a plain transaction without set_config reads 0 rows and changes nothing', async () => {
    const p = await twoTenants();
    const before = await expectBExists(p);
    const rows = await h.orm.em.fork().transactional(async (em) => ({
      setting: await em.execute<{ v: string | null }[]>(`select current_setting('app.tenant_id', true) as v`),
      users: await em.execute('select * from users'),
      keys: await em.execute('select * from api_keys'),
      tenants: await em.execute('select * from tenants'),
      updated: await affected(em, `update users set email = 'pwned@example.com'`, []),
      deleted: await affected(em, 'delete from api_keys', []),
    }));
    expect([null, '']).toContain(rows.setting[0]?.v);
    expect(rows).toMatchObject({ users: [], keys: [], tenants: [], updated: 0, deleted: 0 });
    expect(await snapshot(p.b.id)).toEqual(before);
  });

  it('an empty app.tenant_id reads 0 rows, and inserting for B without a tenant is refused', async () => {
    const p = await twoTenants();
    const count = await h.orm.em.fork().transactional(async (em) => {
      await em.execute(`select set_config('app.tenant_id', '', true)`);
      return em.execute<{ n: number }[]>('select count(*)::int as n from users');
    });
    expect(count).toEqual([{ n: 0 }]);
    await expect(
      withoutTenant(h.orm, (em) =>
        em.execute(
          `insert into users (id, tenant_id, email, password_hash, role) values (?, ?, ?, 'x', 'owner')`,
          [uuidv7(), p.b.id, `${uniq('intruder')}@example.com`],
        ),
      ),
    ).rejects.toThrow(RLS_VIOLATION);
  });
});

describe('app.tenant_id does not leak across pooled connections', () => {
  let single: Orm;
  let pair: Orm;
  beforeAll(async () => {
    single = await createOrm(inject('appUrl'), { poolMax: 1 });
    pair = await createOrm(inject('appUrl'), { poolMax: 2 });
  });
  afterAll(async () => {
    await single?.close(true);
    await pair?.close(true);
  });

  const usersVisible = (em: TenantEm) =>
    em.execute<{ n: number; pid: number; setting: string | null }[]>(
      `select count(*)::int as n, pg_backend_pid() as pid, current_setting('app.tenant_id', true) as setting
         from users`,
    );

  it('withoutTenant on the very connection withTenant(A) just used sees 0 users, every time', async () => {
    const p = await twoTenants();
    const pids = new Set<number>();
    for (let i = 0; i < 25; i++) {
      const inA = await withTenant(single, p.a.id, usersVisible);
      expect(inA[0]?.n).toBe(1);
      expect(inA[0]?.setting).toBe(p.a.id);
      pids.add(inA[0]!.pid);

      const after = await withoutTenant(single, usersVisible);
      expect(after[0]?.n).toBe(0);
      expect([null, '']).toContain(after[0]?.setting);
      pids.add(after[0]!.pid);
    }
    // One physical connection served every call: the leak, if any, had every chance to show.
    expect(pids.size).toBe(1);
  });

  it('a withTenant(A) transaction that failed leaves nothing behind on its connection', async () => {
    const p = await twoTenants();
    for (let i = 0; i < 10; i++) {
      await expect(
        withTenant(single, p.a.id, async (em) => {
          await usersVisible(em);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      const after = await withoutTenant(single, usersVisible);
      expect(after[0]?.n).toBe(0);
    }
  });

  it('concurrent workers alternating withTenant(A), withTenant(B) and withoutTenant each see only their own rows', async () => {
    const p = await twoTenants();
    type Seen = { kind: 'A' | 'B' | 'none'; n: number | undefined; setting: string | null | undefined };
    // Four workers share two connections, so each call lands on a connection another tenant just used.
    const worker = async () => {
      const seen: Seen[] = [];
      for (let i = 0; i < 8; i++) {
        const a = await withTenant(pair, p.a.id, usersVisible);
        seen.push({ kind: 'A', n: a[0]?.n, setting: a[0]?.setting });
        const none = await withoutTenant(pair, usersVisible);
        seen.push({ kind: 'none', n: none[0]?.n, setting: none[0]?.setting });
        const b = await withTenant(pair, p.b.id, usersVisible);
        seen.push({ kind: 'B', n: b[0]?.n, setting: b[0]?.setting });
      }
      return seen;
    };
    const seen = (await Promise.all([worker(), worker(), worker(), worker()])).flat();
    expect(seen).toHaveLength(96);
    const wrong = seen.filter(({ kind, n, setting }) => {
      if (kind === 'A') return n !== 1 || setting !== p.a.id;
      if (kind === 'B') return n !== 1 || setting !== p.b.id;
      return n !== 0 || (setting !== null && setting !== '');
    });
    expect(wrong).toEqual([]);
  });
});
