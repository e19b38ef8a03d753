import { hashSecret } from '../auth/index.ts';
import type { Sql } from '../db/index.ts';
import { loadManifest } from '../plugins/index.ts';
import { aiNotice } from '../scheduling/index.ts';
import type { Composition, MessageRow } from './compose.ts';
import { brandedHtml, type MailBranding, mailDate } from './layout.ts';
import type { MailRuntime } from './runtime.ts';
import { renderHtmlParagraphs, renderSubject, renderText, type TemplateValues } from './template.ts';
import { templateFor } from './templates.ts';

/** The tenant's name and branding as mail shows them. */
export async function brandingOf(sql: Sql, tenantId: string): Promise<MailBranding> {
  const [t] = await sql<{
    name: string;
    display_name: string | null;
    logo_url: string | null;
    primary_color: string | null;
  }>('select name, display_name, logo_url, primary_color from tenants where id = ?', [tenantId]);
  return {
    companyName: t?.display_name || t?.name || 'AI Interviewer',
    logoUrl: t?.logo_url ?? null,
    primaryColor: t?.primary_color ?? null,
  };
}

/**
 * A position's own AI notice (its design's), else the platform's in the company's name; undefined
 * when the position is closed (its unused links are gone, so nothing is sent for them).
 */
async function noticeFor(sql: Sql, positionId: string | null, company: string): Promise<string | undefined> {
  if (positionId) {
    const [p] = await sql<{ status: string; plugin_id: string; plugin_version: string }>(
      'select status, plugin_id, plugin_version from positions where id = ?',
      [positionId],
    );
    if (p && p.status !== 'open') return undefined;
    if (p) {
      const manifest = await loadManifest(sql, p.plugin_id, p.plugin_version);
      if (manifest.interview?.aiNotice) return manifest.interview.aiNotice;
    }
  }
  return aiNotice(company);
}

/**
 * An invitation or reminder, from the schedule as it is when it is sent: its times, the
 * candidate's name, the company's branding, the AI notice and the join link (made again from the
 * schedule's link secret). Not sent to a link that is used, cancelled, expired or erased; a
 * reminder waits until its time before the link's expiry (it moves with a reschedule).
 */
export async function composeScheduleMail(
  sql: Sql,
  row: MessageRow,
  mail: MailRuntime,
): Promise<Composition> {
  const [s] = await sql<{
    status: string;
    scheduled_at: Date;
    expires_at: Date;
    role_title: string;
    position_id: string | null;
    token_hash: string;
    link_secret: string | null;
    name: string;
    email: string;
    erased_at: Date | null;
  }>(
    `select s.status, s.scheduled_at, s.expires_at, s.role_title, s.position_id, s.token_hash, s.link_secret,
            c.name, c.email, c.erased_at
       from schedules s join candidates c on c.id = s.candidate_id and c.tenant_id = s.tenant_id
      where s.id = ? and s.tenant_id = ?`,
    [row.schedule_id, row.tenant_id],
  );
  if (!s) return { cancel: 'the schedule no longer exists' };
  if (s.erased_at) return { cancel: "the candidate's data was erased" };
  const expiresAt = new Date(s.expires_at);
  if (s.status !== 'scheduled') return { cancel: `the interview is ${s.status}` };
  if (expiresAt.getTime() <= Date.now()) return { cancel: 'the link has expired' };
  if (row.kind === 'reminder') {
    const due = new Date(expiresAt.getTime() - mail.reminderHours * 3_600_000);
    if (mail.reminderHours === 0) return { cancel: 'reminders are off (MAIL_REMINDER_HOURS=0)' };
    if (due.getTime() > Date.now() + 1_000) return { notBefore: due };
  }
  const token = s.link_secret ? mail.links.joinToken(s.link_secret) : undefined;
  if (!token || hashSecret(token) !== s.token_hash)
    return {
      fail: 'the join link cannot be made again (it was replaced, or the signing secret changed): resend the invitation for a new link',
    };
  const branding = await brandingOf(sql, row.tenant_id);
  const notice = await noticeFor(sql, s.position_id, branding.companyName);
  if (notice === undefined) return { cancel: 'the position is closed' };
  const joinUrl = `${mail.baseUrl}/join/${token}`;
  const values: TemplateValues = {
    candidateName: s.name,
    companyName: branding.companyName,
    roleTitle: s.role_title,
    joinUrl,
    scheduledAt: mailDate(new Date(s.scheduled_at)),
    expiresAt: mailDate(expiresAt),
    aiNotice: notice,
  };
  const template = await templateFor(sql, row.tenant_id, row.kind as 'invitation' | 'reminder');
  const subject = renderSubject(template.subject, values);
  return {
    send: {
      to: { address: s.email, name: s.name },
      from: { address: mail.from.address, name: branding.companyName },
      subject,
      text: renderText(template.body, values),
      html: brandedHtml({
        branding,
        title: subject,
        paragraphs: renderHtmlParagraphs(template.body, values),
        action: { label: 'Open your interview', url: joinUrl },
        footer: `Sent on behalf of ${branding.companyName}. This link is personal: please do not forward this message.`,
      }),
      messageId: '',
      headers: {},
    },
    secrets: [{ value: token, visibleInOutbox: true }],
  };
}
