import { hashSecret, type LinkTokens, newLinkSecret } from '../auth/index.ts';
import type { Sql } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { type QueuedMail, recordMail } from './outbox.ts';

/**
 * A candidate's invitation to a scheduled interview and its reminder before the link expires.
 * Recorded in the transaction that schedules (or resends), enqueued after its commit; one
 * invitation and one reminder per schedule (a resend is an invitation of its own). What they say
 * is composed when they are sent, from the schedule as it is then.
 */

export interface InvitedSchedule {
  id: string;
  candidateId: string;
  candidateEmail: string;
  expiresAt: Date;
}

/** When a link's reminder is due: `hours` before it expires; none when that is already past. */
export function reminderDue(expiresAt: Date, hours: number): Date | undefined {
  if (hours <= 0) return undefined;
  const due = new Date(expiresAt.getTime() - hours * 3_600_000);
  return due.getTime() > Date.now() ? due : undefined;
}

/** Record the invitation and (when its time is ahead) the reminder of a new schedule. */
export async function recordInvitation(
  sql: Sql,
  tenantId: string,
  schedule: InvitedSchedule,
  reminderHours: number,
): Promise<QueuedMail[]> {
  const invitation = await recordMail(sql, tenantId, {
    kind: 'invitation',
    dedupeKey: `schedule:${schedule.id}:invitation`,
    to: schedule.candidateEmail,
    scheduleId: schedule.id,
    candidateId: schedule.candidateId,
  });
  const reminder = await recordReminder(sql, tenantId, schedule, reminderHours);
  return [invitation, reminder].filter((m): m is QueuedMail => m !== undefined);
}

function recordReminder(sql: Sql, tenantId: string, schedule: InvitedSchedule, reminderHours: number) {
  const due = reminderDue(schedule.expiresAt, reminderHours);
  if (!due) return Promise.resolve(undefined);
  return recordMail(sql, tenantId, {
    kind: 'reminder',
    dedupeKey: `schedule:${schedule.id}:reminder`,
    to: schedule.candidateEmail,
    scheduleId: schedule.id,
    candidateId: schedule.candidateId,
    sendAfter: due,
  });
}

/**
 * Send the invitation (again) now: while the link is unused and unexpired. The same link when the
 * server can make it again; otherwise (a link from before invitations, or a changed signing
 * secret) a new one, and the old one stops working (`newLink`). An earlier invitation still
 * waiting (a retry after a failure) is superseded, so the candidate gets one.
 */
export async function resendInvitation(
  sql: Sql,
  tenantId: string,
  scheduleId: string,
  links: LinkTokens,
  reminderHours: number,
): Promise<{ queued: QueuedMail[]; newLink: boolean }> {
  const [s] = await sql<{
    id: string;
    status: string;
    expires_at: Date;
    token_hash: string;
    link_secret: string | null;
    candidate_id: string;
    email: string;
    erased_at: Date | null;
  }>(
    `select s.id, s.status, s.expires_at, s.token_hash, s.link_secret, s.candidate_id, c.email, c.erased_at
       from schedules s join candidates c on c.id = s.candidate_id and c.tenant_id = s.tenant_id
      where s.id = ? and s.tenant_id = ? for update of s`,
    [scheduleId, tenantId],
  );
  if (!s) throw new AppError('not_found', 'No such schedule');
  const expiresAt = new Date(s.expires_at);
  if (s.status !== 'scheduled' || expiresAt.getTime() <= Date.now() || s.erased_at) {
    const state = s.status === 'scheduled' ? 'expired' : s.status;
    throw new AppError('schedule_locked', `The interview is ${state}: there is no invitation to send`);
  }
  let newLink = false;
  if (!s.link_secret || hashSecret(links.joinToken(s.link_secret)) !== s.token_hash) {
    const secret = newLinkSecret();
    await sql(
      'update schedules set link_secret = ?, token_hash = ?, updated_at = now() where id = ? and tenant_id = ?',
      [secret, hashSecret(links.joinToken(secret)), scheduleId, tenantId],
    );
    newLink = true;
  }
  await sql(
    `update mail_messages set status = 'cancelled', last_error = 'superseded by a resend', updated_at = now()
      where tenant_id = ? and schedule_id = ? and kind = 'invitation' and status = 'queued'`,
    [tenantId, scheduleId],
  );
  const [count] = await sql<{ n: number }>(
    `select count(*)::int as n from mail_messages where tenant_id = ? and schedule_id = ? and kind = 'invitation'`,
    [tenantId, scheduleId],
  );
  const n = count?.n ?? 0;
  const schedule: InvitedSchedule = {
    id: scheduleId,
    candidateId: s.candidate_id,
    candidateEmail: s.email,
    expiresAt,
  };
  const invitation = await recordMail(sql, tenantId, {
    kind: 'invitation',
    dedupeKey: n === 0 ? `schedule:${scheduleId}:invitation` : `schedule:${scheduleId}:invitation:${n + 1}`,
    to: s.email,
    scheduleId,
    candidateId: s.candidate_id,
  });
  const reminder = await recordReminder(sql, tenantId, schedule, reminderHours);
  return { queued: [invitation, reminder].filter((m): m is QueuedMail => m !== undefined), newLink };
}

/** A rescheduled link moves its waiting reminder with its expiry; returns it to enqueue. */
export async function rescheduleReminder(
  sql: Sql,
  tenantId: string,
  scheduleId: string,
  expiresAt: Date,
  reminderHours: number,
): Promise<QueuedMail[]> {
  if (reminderHours <= 0) return [];
  const due = new Date(Math.max(Date.now(), expiresAt.getTime() - reminderHours * 3_600_000));
  const rows = await sql<{ id: string }>(
    `update mail_messages set send_after = ?, updated_at = now()
      where tenant_id = ? and schedule_id = ? and kind = 'reminder' and status = 'queued' returning id`,
    [due, tenantId, scheduleId],
  );
  return rows.map((r) => ({ tenantId, id: r.id, sendAfter: due }));
}

/** A cancelled interview's waiting mail is not sent. */
export async function cancelScheduleMail(sql: Sql, tenantId: string, scheduleId: string): Promise<void> {
  await sql(
    `update mail_messages set status = 'cancelled', last_error = 'the interview was cancelled', updated_at = now()
      where tenant_id = ? and schedule_id = ? and status = 'queued'`,
    [tenantId, scheduleId],
  );
}
