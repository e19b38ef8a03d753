import { emSql, type Orm, type Sql, uuidv7, withoutTenant, withTenant } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import type { LinkTokens } from './link-tokens.ts';
import { hashPassword } from './password.ts';
import { hashSecret } from './secrets.ts';

/**
 * One-time account links: a member's invitation (they choose their password) and a password
 * reset. The token is made from the row's id with the server's link key (see link-tokens.ts), so
 * the mail job can put it in the message when it sends; only its SHA-256 is stored. A link works
 * once, until it expires, and only the latest of its kind for a member: issuing a new one, or
 * using any, ends the others.
 */

export type AccountTokenPurpose = 'invitation' | 'password_reset';

export const ACCOUNT_TOKEN_TTL_MS: Record<AccountTokenPurpose, number> = {
  invitation: 7 * 24 * 3_600_000,
  password_reset: 30 * 60_000,
};

export async function issueAccountToken(
  sql: Sql,
  tenantId: string,
  userId: string,
  purpose: AccountTokenPurpose,
  links: LinkTokens,
): Promise<{ id: string; token: string; expiresAt: Date }> {
  await sql(
    `update account_tokens set expires_at = least(expires_at, now())
      where tenant_id = ? and user_id = ? and purpose = ? and used_at is null`,
    [tenantId, userId, purpose],
  );
  const id = uuidv7();
  const token = links.accountToken(id);
  const expiresAt = new Date(Date.now() + ACCOUNT_TOKEN_TTL_MS[purpose]);
  await sql(
    'insert into account_tokens (id, tenant_id, user_id, purpose, token_hash, expires_at) values (?, ?, ?, ?, ?, ?)',
    [id, tenantId, userId, purpose, hashSecret(token), expiresAt],
  );
  return { id, token, expiresAt };
}

export interface RedeemedToken {
  tenantId: string;
  userId: string;
  email: string;
  purpose: AccountTokenPurpose;
}

const invalid = () =>
  new AppError(
    'account_link_invalid',
    'This link is not valid: it was used, has expired or never existed. Ask for a new one.',
  );

/**
 * Set the member's password from a one-time link. Unknown, used and expired links get the same
 * answer. Every outstanding link of the member ends with it. `record` runs in the same transaction
 * (the audit entry).
 */
export async function redeemAccountToken(
  orm: Orm,
  token: string,
  password: string,
  record?: (sql: Sql, redeemed: RedeemedToken) => Promise<void>,
): Promise<RedeemedToken> {
  if (token.length < 20 || token.length > 200) throw invalid();
  const found = await withoutTenant(orm, (em) =>
    em.execute<{ tenant_id: string; token_id: string }[]>('select * from account_token_tenant(?)', [
      hashSecret(token),
    ]),
  );
  const link = found[0];
  if (!link) {
    await hashPassword(password); // the same work as a valid link: timing says nothing
    throw invalid();
  }
  const passwordHash = await hashPassword(password);
  return withTenant(orm, link.tenant_id, async (em) => {
    const sql = emSql(em);
    const [t] = await sql<{ user_id: string; purpose: AccountTokenPurpose; email: string }>(
      `select t.user_id, t.purpose, u.email from account_tokens t
         join users u on u.id = t.user_id and u.tenant_id = t.tenant_id
        where t.id = ? and t.tenant_id = ? and t.used_at is null and t.expires_at > now()
        for update of t, u`,
      [link.token_id, link.tenant_id],
    );
    if (!t) throw invalid();
    await sql('update users set password_hash = ?, updated_at = now() where id = ? and tenant_id = ?', [
      passwordHash,
      t.user_id,
      link.tenant_id,
    ]);
    await sql(
      'update account_tokens set used_at = now() where tenant_id = ? and user_id = ? and used_at is null',
      [link.tenant_id, t.user_id],
    );
    const redeemed = { tenantId: link.tenant_id, userId: t.user_id, email: t.email, purpose: t.purpose };
    await record?.(sql, redeemed);
    return redeemed;
  });
}

/** The accounts an email address has (one per tenant), found before any tenant is known. */
export async function accountsOf(
  orm: Orm,
  email: string,
  tenantSlug?: string | undefined,
): Promise<{ tenantId: string; userId: string }[]> {
  const rows = await withoutTenant(orm, (em) =>
    em.execute<{ tenant_id: string; user_id: string }[]>(
      'select tenant_id, user_id from auth_login_candidates(?, ?)',
      [email.toLowerCase(), tenantSlug ?? null],
    ),
  );
  return rows.map((r) => ({ tenantId: r.tenant_id, userId: r.user_id }));
}
