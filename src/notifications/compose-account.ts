import { hashSecret } from '../auth/index.ts';
import type { Sql } from '../db/index.ts';
import type { Composition, MessageRow } from './compose.ts';
import { brandingOf } from './compose-schedule.ts';
import { brandedHtml, mailDate, textToHtml } from './layout.ts';
import type { MailRuntime } from './runtime.ts';

/**
 * Account mail, in the platform's own words (no tenant template): a member's invitation and a
 * password reset, each with its one-time link (made again from the token's id when sent; never
 * kept in the stored copy, not even in the outbox, where other admins could read it), and the
 * security notices owners get.
 */
export async function composeAccountMail(sql: Sql, row: MessageRow, mail: MailRuntime): Promise<Composition> {
  const branding = await brandingOf(sql, row.tenant_id);
  const company = branding.companyName;
  const from = { address: mail.from.address, name: mail.from.name ?? 'AI Interviewer' };

  if (row.kind === 'security_notice') {
    const [owner] = await sql<{ email: string; role: string }>(
      'select email, role from users where id = ? and tenant_id = ?',
      [row.user_id, row.tenant_id],
    );
    if (!owner) return { cancel: 'the member was removed' };
    const d = row.data as { summary?: string; details?: string[]; at?: string };
    const subject = `Security notice for ${company}: ${d.summary ?? 'account change'}`;
    const text = [
      'Hello,',
      `This is an automatic notice to the owners of ${company}: ${d.summary ?? 'an account change'}.`,
      ...(d.details ?? []).map((line) => `- ${line}`),
      `When: ${mailDate(d.at ? new Date(d.at) : new Date())}`,
      'If this was not expected, review the API keys and members in the dashboard and revoke what you do not recognise. The audit log shows who did it and from where.',
    ].join('\n\n');
    return {
      send: {
        to: { address: owner.email },
        from,
        subject,
        text,
        html: brandedHtml({
          branding,
          title: subject,
          paragraphs: textToHtml(text),
          action: { label: 'Open the audit log', url: `${mail.baseUrl}/audit` },
          footer: `You get this because you are an owner of ${company}.`,
        }),
        messageId: '',
        headers: {},
      },
      secrets: [],
    };
  }

  const [t] = await sql<{
    purpose: string;
    token_hash: string;
    expires_at: Date;
    used_at: Date | null;
    email: string;
    role: string;
  }>(
    `select t.purpose, t.token_hash, t.expires_at, t.used_at, u.email, u.role
       from account_tokens t join users u on u.id = t.user_id and u.tenant_id = t.tenant_id
      where t.id = ? and t.tenant_id = ?`,
    [row.account_token_id, row.tenant_id],
  );
  if (!t) return { cancel: 'the link or its member no longer exists' };
  if (t.used_at) return { cancel: 'the link was used already' };
  const expiresAt = new Date(t.expires_at);
  if (expiresAt.getTime() <= Date.now()) return { cancel: 'the link has expired' };
  const token = mail.links.accountToken(row.account_token_id!);
  if (hashSecret(token) !== t.token_hash)
    return { fail: 'the link cannot be made again (the signing secret changed): ask for a new one' };
  const invite = row.kind === 'member_invite';
  const url = `${mail.baseUrl}/set-password#token=${token}${invite ? '&for=invitation' : ''}`;
  const subject = invite
    ? `You are invited to ${company} on AI Interviewer`
    : `Reset your AI Interviewer password for ${company}`;
  const text = invite
    ? [
        'Hello,',
        `You have been invited to join ${company} on AI Interviewer as ${t.role === 'admin' || t.role === 'owner' ? 'an' : 'a'} ${t.role}.`,
        `Choose your password here (the link works once, until ${mailDate(expiresAt)}):\n${url}`,
        `Then sign in with this email address (${t.email}).`,
        'If you did not expect this invitation, ignore this message.',
      ].join('\n\n')
    : [
        'Hello,',
        `Someone (hopefully you) asked to reset the password of ${t.email} at ${company}.`,
        `Choose a new password here (the link works once, until ${mailDate(expiresAt)}):\n${url}`,
        'If you did not ask for this, ignore this message: your password stays as it is.',
      ].join('\n\n');
  return {
    send: {
      to: { address: t.email },
      from,
      subject,
      text,
      html: brandedHtml({
        branding,
        title: subject,
        paragraphs: textToHtml(text),
        action: { label: invite ? 'Choose your password' : 'Reset your password', url },
        footer: 'This link is personal and works once. Never forward it.',
      }),
      messageId: '',
      headers: {},
    },
    secrets: [{ value: token, visibleInOutbox: false }],
  };
}
