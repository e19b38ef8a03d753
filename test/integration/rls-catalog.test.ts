import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createOrm, type Orm } from '../../src/db/index.ts';

/**
 * What the database itself says about tenant isolation, read from pg_catalog as the owner. These
 * guard the migrations: a new tenant-owned table without the RLS wall, or an app role that could
 * step around it, fails here before any data test has to notice.
 */

let owner: Orm;
let app: Orm;
beforeAll(async () => {
  owner = await createOrm(inject('ownerUrl'), { poolMax: 1 });
  app = await createOrm(inject('appUrl'), { poolMax: 1 });
});
afterAll(async () => {
  await owner?.close(true);
  await app?.close(true);
});

const ownerSql = <T>(sql: string, params: unknown[] = []) => owner.em.fork().execute<T[]>(sql, params);

interface ScopedTable {
  table: string;
  /** the column the policy must compare with app.tenant_id */
  column: string;
  rowSecurity: boolean;
  forceRowSecurity: boolean;
}

interface Policy {
  table: string;
  name: string;
  permissive: boolean;
  /** the policy applies to the app role (PUBLIC, the app role, or a role it belongs to) */
  appliesToApp: boolean;
  command: string;
  using: string | null;
  withCheck: string | null;
}

/** Every ordinary or partitioned table in public with a tenant_id column, plus tenants (by id). */
async function tenantScopedTables(): Promise<ScopedTable[]> {
  return ownerSql<ScopedTable>(
    `select c.relname as "table",
            case when c.relname = 'tenants' then 'id' else 'tenant_id' end as "column",
            c.relrowsecurity as "rowSecurity",
            c.relforcerowsecurity as "forceRowSecurity"
       from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public'
        and c.relkind in ('r', 'p')
        and (c.relname = 'tenants'
             or exists (select 1 from pg_attribute a
                         where a.attrelid = c.oid and a.attname = 'tenant_id'
                           and a.attnum > 0 and not a.attisdropped))
      order by c.relname`,
  );
}

async function policiesOf(table: string): Promise<Policy[]> {
  return ownerSql<Policy>(
    `select c.relname as "table", p.polname as "name", p.polpermissive as "permissive",
                        p.polcmd::text as "command",
            (0 = any(p.polroles) or exists (
               select 1 from unnest(p.polroles) r where pg_has_role('ai_interviewer_app', r, 'member')
             )) as "appliesToApp",pg_get_expr(p.polqual, p.polrelid) as "using",
            pg_get_expr(p.polwithcheck, p.polrelid) as "withCheck"
       from pg_policy p
       join pg_class c on c.oid = p.polrelid
       join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relname = ?
      order by p.polname`,
    [table],
  );
}

/** The expression mentions both the scope column and app.tenant_id. */
function comparesTenant(expr: string | null, column: string): boolean {
  if (expr === null) return false;
  return expr.includes('app.tenant_id') && new RegExp(`\\b${column}\\b`).test(expr);
}

describe('row-level security on every tenant-scoped table', () => {
  it('finds the tenant-scoped tables (tenants, users, api_keys at least), so the checks are not vacuous', async () => {
    const tables = (await tenantScopedTables()).map((t) => t.table);
    expect(tables).toEqual(expect.arrayContaining(['tenants', 'users', 'api_keys']));
  });

  it('enables and forces RLS on each of them (FORCE binds the table owner too)', async () => {
    const tables = await tenantScopedTables();
    expect(tables.length).toBeGreaterThanOrEqual(3);
    const unprotected = tables
      .filter((t) => !t.rowSecurity || !t.forceRowSecurity)
      .map((t) => `${t.table} (enabled=${t.rowSecurity}, forced=${t.forceRowSecurity})`);
    expect(unprotected).toEqual([]);
  });

  it('gives each of them a policy whose USING and WITH CHECK both compare the scope column with app.tenant_id', async () => {
    const tables = await tenantScopedTables();
    expect(tables.length).toBeGreaterThanOrEqual(3);
    const missing: string[] = [];
    for (const { table, column } of tables) {
      const policies = await policiesOf(table);
      const guarding = policies.filter(
        (p) =>
          p.command === '*' &&
          p.using !== null &&
          p.withCheck !== null &&
          comparesTenant(p.using, column) &&
          comparesTenant(p.withCheck, column),
      );
      if (guarding.length === 0) missing.push(`${table}: ${JSON.stringify(policies)}`);
    }
    expect(missing).toEqual([]);
  });

  it('has no permissive policy that ignores app.tenant_id (permissive policies are OR-ed, one would open the table)', async () => {
    const tables = await tenantScopedTables();
    expect(tables.length).toBeGreaterThanOrEqual(3);
    const loose: string[] = [];
    for (const { table, column } of tables) {
      for (const p of await policiesOf(table)) {
        // Policies for other roles only (the owner's security-definer lookups) cannot widen the app's view.
        if (!p.permissive || !p.appliesToApp) continue;
        // A permissive policy widens access through USING (and WITH CHECK, which defaults to USING).
        const check = p.withCheck ?? p.using;
        const usingOk = p.command === 'a' || comparesTenant(p.using, column);
        const checkOk = p.command === 'r' || p.command === 'd' || comparesTenant(check, column);
        if (!usingOk || !checkOk) loose.push(`${table}.${p.name}: using=${p.using} check=${p.withCheck}`);
      }
    }
    expect(loose).toEqual([]);
  });

  it('the only policies not scoped by tenant are read-only ones for the owner, never the app role', async () => {
    const tables = await tenantScopedTables();
    const ownerOnly: string[] = [];
    for (const { table } of tables) {
      for (const p of await policiesOf(table)) {
        if (p.appliesToApp) continue;
        expect(p.command, `${table}.${p.name}`).toBe('r'); // select only
        ownerOnly.push(`${table}.${p.name}`);
      }
    }
    expect(ownerOnly.sort()).toEqual(
      [
        'account_tokens', // a one-time link's tenant, by its token's hash
        'answers',
        'api_keys',
        'ats_connections', // an ATS's key or webhook URL names its tenant
        'ats_pushes', // the ATS push sweeper's lookup
        'billing_accounts',
        'candidates', // the retention sweeper's lookup
        'evaluations',
        'interviews',
        'mail_messages', // the mail sweeper's lookup
        'reports',
        'schedules',
        'tenants',
        'usage_records',
        'users',
        'webhook_deliveries',
      ].map((t) => `${t}.owner_lookup`),
    );
  });
});

describe('the role the app connects as cannot step around RLS', () => {
  let appUser: string;
  beforeAll(async () => {
    const rows = await app.em.fork().execute<{ user: string }[]>('select current_user::text as "user"');
    appUser = rows[0]!.user;
  });

  it('is a different role from the owner connection', async () => {
    const rows = await ownerSql<{ user: string }>('select current_user::text as "user"');
    expect(appUser).toBeTruthy();
    expect(appUser).not.toBe(rows[0]!.user);
  });

  it('is neither superuser nor BYPASSRLS, nor a member of a role that is', async () => {
    const self = await ownerSql<{ rolsuper: boolean; rolbypassrls: boolean }>(
      'select rolsuper, rolbypassrls from pg_roles where rolname = ?',
      [appUser],
    );
    expect(self).toEqual([{ rolsuper: false, rolbypassrls: false }]);

    // Any role it can SET ROLE to (membership, inherited or not) counts as the app role too.
    const privileged = await ownerSql<{ rolname: string }>(
      `select rolname from pg_roles
        where pg_has_role(?, oid, 'MEMBER') and (rolsuper or rolbypassrls)`,
      [appUser],
    );
    expect(privileged).toEqual([]);
  });

  it('owns no table, sequence, view or function, nor the schema or database (an owner can disable RLS)', async () => {
    const owned = await ownerSql<{ kind: string; name: string; owner: string }>(
      `with app_roles as (select oid from pg_roles where pg_has_role(?, oid, 'MEMBER'))
       select 'relation:' || c.relkind::text as kind, n.nspname || '.' || c.relname as name,
              pg_get_userbyid(c.relowner) as owner
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relowner in (select oid from app_roles)
       union all
       select 'function', n.nspname || '.' || p.proname::text, pg_get_userbyid(p.proowner)
         from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where p.proowner in (select oid from app_roles)
       union all
       select 'schema', n.nspname::text, pg_get_userbyid(n.nspowner)
         from pg_namespace n where n.nspowner in (select oid from app_roles)
       union all
       select 'database', d.datname::text, pg_get_userbyid(d.datdba)
         from pg_database d where d.datname = current_database() and d.datdba in (select oid from app_roles)`,
      [appUser],
    );
    expect(owned).toEqual([]);
  });

  it('owns nothing while the tenant tables do exist and have an owner (the ownership query is not vacuous)', async () => {
    const rows = await ownerSql<{ relname: string; owner: string }>(
      `select c.relname, pg_get_userbyid(c.relowner) as owner
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relname in ('tenants', 'users', 'api_keys')
        order by c.relname`,
    );
    expect(rows.map((r) => r.relname)).toEqual(['api_keys', 'tenants', 'users']);
    for (const r of rows) expect(r.owner).not.toBe(appUser);
  });
});
