import { accountsOf, issueAccountToken } from '../auth/index.ts';
import { emSql, type Orm, type Sql, uuidv7, withTenant } from '../db/index.ts';
import { type QueuedMail, recordMail } from './outbox.ts';
import type { MailRuntime } from './runtime.ts';

/**
 * Account mail through the same path as candidate mail: a member's invitation with a one-time
 * link to choose their password, a password reset, and notices to the owners when an API key or
 * the owner role changes.
 */

/** Record the invitation of a member created without a password; returns the link (outbox mode shows it to the inviter). */
export async function recordMemberInvite(
  sql: Sql,
  tenantId: string,
  member: { id: string; email: string },
  mail: MailRuntime,
): Promise<{ queued: QueuedMail | undefined; url: string; expiresAt: Date }> {
  const link = await issueAccountToken(sql, tenantId, member.id, 'invitation', mail.links);
  const queued = await recordMail(sql, tenantId, {
    kind: 'member_invite',
    dedupeKey: `account:${link.id}`,
    to: member.email,
    userId: member.id,
    accountTokenId: link.id,
  });
  return {
    queued,
    url: `${mail.baseUrl}/set-password#token=${link.token}&for=invitation`,
    expiresAt: link.expiresAt,
  };
}

/**
 * A password reset for every account the address has (one per tenant; or the one of `tenantSlug`):
 * a new one-time link each, mailed, at most PASSWORD_RESET_RATE_LIMIT an hour per account. Nothing
 * for an address without an account; the caller answers the same either way. Returns the messages
 * to enqueue.
 */
export async function requestPasswordReset(
  orm: Orm,
  mail: MailRuntime,
  email: string,
  tenantSlug?: string | undefined,
): Promise<QueuedMail[]> {
  const queued: QueuedMail[] = [];
  for (const account of await accountsOf(orm, email, tenantSlug)) {
    const m = await withTenant(orm, account.tenantId, async (em) => {
      const sql = emSql(em);
      // per account as well as per address (the route's limiter): held in the database, so no
      // restart, replica or spelling of the address gets an account more resets an hour
      const [recent] = await sql<{ n: string }>(
        `select count(*) as n from account_tokens
          where tenant_id = ? and user_id = ? and purpose = 'password_reset' and created_at > now() - interval '1 hour'`,
        [account.tenantId, account.userId],
      );
      if (Number(recent?.n ?? 0) >= mail.passwordResetRateLimit) return undefined;
      const link = await issueAccountToken(
        sql,
        account.tenantId,
        account.userId,
        'password_reset',
        mail.links,
      );
      return recordMail(sql, account.tenantId, {
        kind: 'password_reset',
        dedupeKey: `account:${link.id}`,
        to: email,
        userId: account.userId,
        accountTokenId: link.id,
      });
    });
    if (m) queued.push(m);
  }
  return queued;
}

/** What a security notice says: a one-line summary and details (never a secret). */
export interface SecurityNotice {
  summary: string;
  details: string[];
}

/** Record a notice to every owner of the tenant, in the transaction of the change it reports. */
export async function recordSecurityNotice(
  sql: Sql,
  tenantId: string,
  notice: SecurityNotice,
): Promise<QueuedMail[]> {
  const owners = await sql<{ id: string; email: string }>(
    `select id, email from users where tenant_id = ? and role = 'owner' order by id`,
    [tenantId],
  );
  const event = uuidv7();
  const at = new Date().toISOString();
  const queued: QueuedMail[] = [];
  for (const owner of owners) {
    const m = await recordMail(sql, tenantId, {
      kind: 'security_notice',
      dedupeKey: `notice:${event}:${owner.id}`,
      to: owner.email,
      userId: owner.id,
      data: { ...notice, at },
    });
    if (m) queued.push(m);
  }
  return queued;
}
