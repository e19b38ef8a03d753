import type { ApiKey, Orm, Sql, User } from '../db/index.ts';
import { withoutTenant } from '../db/index.ts';
import type { Principal } from './principal.ts';
import { hashSecret } from './secrets.ts';
import type { AccessClaims } from './tokens.ts';

/** The tenant an API key belongs to, looked up by its hash before any tenant is set. */
export async function findApiKeyTenant(
  orm: Orm,
  key: string,
): Promise<{ tenantId: string; apiKeyId: string } | undefined> {
  const rows = await withoutTenant(orm, (em) =>
    em.execute<{ tenant_id: string; api_key_id: string }[]>('select * from auth_api_key_tenant(?)', [
      hashSecret(key),
    ]),
  );
  const row = rows[0];
  return row ? { tenantId: row.tenant_id, apiKeyId: row.api_key_id } : undefined;
}

/** The user behind a token, read inside the tenant's transaction: a deleted user is no one. */
export async function userPrincipal(sql: Sql, claims: AccessClaims): Promise<Principal | undefined> {
  // Plain SQL: this runs on every staff request, and only three columns are needed.
  const [user] = await sql<Pick<User, 'id' | 'email' | 'role'>>(
    'select id, email, role from users where id = ? and tenant_id = ?',
    [claims.sub, claims.tid],
  );
  if (!user) return undefined;
  return { kind: 'user', tenantId: claims.tid, userId: user.id, email: user.email, role: user.role };
}

const LAST_USED_RESOLUTION_MS = 60_000;

export async function apiKeyPrincipal(
  sql: Sql,
  tenantId: string,
  apiKeyId: string,
): Promise<Principal | undefined> {
  const [key] = await sql<
    Pick<ApiKey, 'id' | 'role' | 'name' | 'prefix'> & { tenant_id: string; last_used_at: Date | null }
  >('select id, tenant_id, role, name, prefix, last_used_at from api_keys where id = ? and tenant_id = ?', [
    apiKeyId,
    tenantId,
  ]);
  if (!key) return undefined;
  // Record use at a coarse resolution so busy keys do not write on every request.
  if (!key.last_used_at || Date.now() - new Date(key.last_used_at).getTime() > LAST_USED_RESOLUTION_MS) {
    await sql('update api_keys set last_used_at = ? where id = ? and tenant_id = ?', [
      new Date(),
      key.id,
      tenantId,
    ]);
  }
  return {
    kind: 'api_key',
    tenantId: key.tenant_id,
    apiKeyId: key.id,
    role: key.role,
    name: key.name,
    prefix: key.prefix,
  };
}
