import { APP_ROLE } from '../../migrations/rls.ts';
import { createOrm } from './orm.ts';

/** Arbitrary constant: the advisory lock that serialises concurrent migrators (several pods). */
const MIGRATION_LOCK = 7_340_114_221;

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
const quoteLiteral = (value: string) => `'${value.replaceAll("'", "''")}'`;

export interface MigrateResult {
  applied: string[];
}

/**
 * Apply pending migrations as the owner role, then make sure the login role of the app URL can
 * connect and holds the app role's grants. Safe to run from several processes at once.
 */
export async function migrate(ownerUrl: string, appUrl: string): Promise<MigrateResult> {
  const orm = await createOrm(ownerUrl, { poolMax: 1 });
  try {
    const em = orm.em.fork();
    await em.execute('select pg_advisory_lock(?)', [MIGRATION_LOCK]);
    try {
      const applied = await orm.getMigrator().up();
      await ensureAppLogin(orm.em.fork(), appUrl);
      return { applied: applied.map((m) => m.name) };
    } finally {
      await em.execute('select pg_advisory_unlock(?)', [MIGRATION_LOCK]);
    }
  } finally {
    await orm.close(true);
  }
}

type Executor = { execute: (sql: string, params?: unknown[]) => Promise<unknown> };

async function ensureAppLogin(em: Executor, appUrl: string): Promise<void> {
  const url = new URL(appUrl);
  const user = decodeURIComponent(url.username);
  const password = url.password ? decodeURIComponent(url.password) : undefined;
  const setPassword = password ? ` password ${quoteLiteral(password)}` : '';
  if (user === APP_ROLE) {
    await em.execute(`alter role ${APP_ROLE} login${setPassword}`);
  } else {
    // A separate login role (e.g. one per deployment) inherits the app role's grants.
    const rows = (await em.execute('select 1 from pg_roles where rolname = ?', [user])) as unknown[];
    if (rows.length === 0) {
      await em.execute(
        `create role ${quoteIdent(user)} login nosuperuser nobypassrls nocreatedb nocreaterole${setPassword}`,
      );
    }
    await em.execute(`grant ${APP_ROLE} to ${quoteIdent(user)}`);
  }
  await assertBoundByRls(em, user);
}

/**
 * Refuse to run when the app's login role (or any role it belongs to) could bypass RLS: a role
 * that pre-existed with SUPERUSER or BYPASSRLS would silently remove the wall between tenants.
 */
async function assertBoundByRls(em: Executor, user: string): Promise<void> {
  const rows = (await em.execute(
    `select r.rolname from pg_roles r
     where (r.rolsuper or r.rolbypassrls) and pg_has_role(?, r.oid, 'member')`,
    [user],
  )) as { rolname: string }[];
  if (rows.length > 0) {
    throw new Error(
      `The app database role "${user}" can bypass row-level security (via ${rows.map((r) => r.rolname).join(', ')}): ` +
        'it must be NOSUPERUSER NOBYPASSRLS. Fix the role, or point DATABASE_APP_URL at one that is.',
    );
  }
}

/** The app's connection URL: the configured one, or the owner URL with the app role as user. */
export function deriveAppUrl(ownerUrl: string, appUrl: string | undefined): string {
  if (appUrl) return appUrl;
  const url = new URL(ownerUrl);
  url.username = APP_ROLE;
  return url.toString();
}
