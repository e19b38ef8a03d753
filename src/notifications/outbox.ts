import { decodeCursor, type Page, pageOfRows, type Sql, uuidv7 } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import type { JobQueue } from '../jobs/index.ts';
import type { MailKind, MailStatus } from './kinds.ts';
import { MAX_MAIL_DELAY_MS, sendMailJob, sendMailJobId } from './send-mail.job.ts';

/**
 * The mail_messages table: every message the tenant's mail path made, with its state. A message
 * is recorded (queued) in the transaction of what caused it, so a change that rolls back sends
 * nothing, and its job is enqueued after the commit. `dedupe_key` is unique per tenant: the same
 * cause recorded twice (a retried request, a job run again) is one message, sent once.
 */

export interface NewMail {
  kind: MailKind;
  /** one message per key and tenant (e.g. `schedule:<id>:invitation`) */
  dedupeKey: string;
  to: string;
  scheduleId?: string | null | undefined;
  candidateId?: string | null | undefined;
  userId?: string | null | undefined;
  accountTokenId?: string | null | undefined;
  /** what composing it needs beyond the rows it names (never a secret) */
  data?: Record<string, unknown> | undefined;
  /** not before (a reminder); default now */
  sendAfter?: Date | undefined;
}

/** A recorded message to enqueue once its transaction committed. */
export interface QueuedMail {
  tenantId: string;
  id: string;
  sendAfter: Date;
}

/** Record a message; undefined when one with its key exists already (nothing to enqueue). */
export async function recordMail(sql: Sql, tenantId: string, mail: NewMail): Promise<QueuedMail | undefined> {
  const [row] = await sql<{ id: string; send_after: Date }>(
    `insert into mail_messages (id, tenant_id, kind, dedupe_key, to_address, schedule_id, candidate_id, user_id,
       account_token_id, data, send_after)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)
     on conflict (tenant_id, dedupe_key) do nothing
     returning id, send_after`,
    [
      uuidv7(),
      tenantId,
      mail.kind,
      mail.dedupeKey,
      mail.to.toLowerCase(),
      mail.scheduleId ?? null,
      mail.candidateId ?? null,
      mail.userId ?? null,
      mail.accountTokenId ?? null,
      JSON.stringify(mail.data ?? {}),
      mail.sendAfter ?? new Date(),
    ],
  );
  return row ? { tenantId, id: row.id, sendAfter: new Date(row.send_after) } : undefined;
}

/**
 * Enqueue the send job of each message, delayed until it is due. A job lost (Redis flushed, the
 * in-process runner restarted) is found again by the mail sweeper; an enqueue that fails is
 * logged by the caller's process and left to it.
 */
export async function enqueueMail(
  jobs: JobQueue,
  queued: readonly (QueuedMail | undefined)[],
): Promise<void> {
  for (const m of queued) {
    if (!m) continue;
    await jobs.enqueue(
      sendMailJob,
      { tenantId: m.tenantId, messageId: m.id },
      {
        jobId: sendMailJobId(m.id, m.sendAfter),
        delayMs: Math.min(MAX_MAIL_DELAY_MS, Math.max(0, m.sendAfter.getTime() - Date.now())),
      },
    );
  }
}

export interface MailMessageView {
  id: string;
  kind: MailKind;
  to: string;
  subject: string | null;
  status: MailStatus;
  transport: 'outbox' | 'smtp' | null;
  attempts: number;
  error: string | null;
  /** the first characters of the text, as sent (links the outbox may not show are masked) */
  preview: string | null;
  scheduleId: string | null;
  candidateId: string | null;
  userId: string | null;
  sendAfter: string;
  sentAt: string | null;
  failedAt: string | null;
  createdAt: string;
}

export interface MailMessageDetail extends MailMessageView {
  text: string | null;
  html: string | null;
}

interface Row {
  id: string;
  kind: MailKind;
  to_address: string;
  subject: string | null;
  status: MailStatus;
  transport: 'outbox' | 'smtp' | null;
  attempts: number;
  last_error: string | null;
  text_body: string | null;
  html_body: string | null;
  schedule_id: string | null;
  candidate_id: string | null;
  user_id: string | null;
  send_after: Date;
  sent_at: Date | null;
  failed_at: Date | null;
  created_at: Date;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

function view(r: Row): MailMessageView {
  return {
    id: r.id,
    kind: r.kind,
    to: r.to_address,
    subject: r.subject,
    status: r.status,
    transport: r.transport,
    attempts: r.attempts,
    error: r.last_error,
    preview: r.text_body ? r.text_body.slice(0, 280) : null,
    scheduleId: r.schedule_id,
    candidateId: r.candidate_id,
    userId: r.user_id,
    sendAfter: iso(r.send_after)!,
    sentAt: iso(r.sent_at),
    failedAt: iso(r.failed_at),
    createdAt: iso(r.created_at)!,
  };
}

const COLUMNS = `id, kind, to_address, subject, status, transport, attempts, last_error, text_body, html_body,
  schedule_id, candidate_id, user_id, send_after, sent_at, failed_at, created_at`;

export interface MailQuery {
  limit: number;
  cursor?: string | undefined;
  kind?: MailKind | undefined;
  status?: MailStatus | undefined;
  scheduleId?: string | undefined;
}

/** The tenant's messages, newest first (ids are time-ordered), filtered by kind, status or schedule. */
export async function listMail(sql: Sql, tenantId: string, q: MailQuery): Promise<Page<MailMessageView>> {
  const clauses = ['tenant_id = ?'];
  const args: unknown[] = [tenantId];
  const add = (clause: string, value: unknown) => {
    clauses.push(clause);
    args.push(value);
  };
  if (q.kind) add('kind = ?', q.kind);
  if (q.status) add('status = ?', q.status);
  if (q.scheduleId) add('schedule_id = ?', q.scheduleId);
  if (q.cursor) add('id < ?', decodeCursor(q.cursor));
  const rows = await sql<Row>(
    `select ${COLUMNS} from mail_messages where ${clauses.join(' and ')} order by id desc limit ?`,
    [...args, q.limit + 1],
  );
  return pageOfRows(rows, q.limit, view);
}

/** One message with its text and HTML; another tenant's is a 404 like a missing one. */
export async function getMail(sql: Sql, tenantId: string, id: string): Promise<MailMessageDetail> {
  const [row] = await sql<Row>(`select ${COLUMNS} from mail_messages where id = ? and tenant_id = ?`, [
    id,
    tenantId,
  ]);
  if (!row) throw new AppError('not_found', 'No such message');
  return { ...view(row), text: row.text_body, html: row.html_body };
}

/** Where a schedule's mail stands: its latest invitation and its reminder. */
export interface DeliveryStatus {
  messageId: string;
  status: MailStatus;
  /** when it was sent, failed, or (queued) is due */
  at: string;
  error: string | null;
  attempts: number;
}

export interface ScheduleDelivery {
  invitation: DeliveryStatus | null;
  reminder: DeliveryStatus | null;
}

/** The delivery of each schedule's invitation (the latest, resends included) and reminder. */
export async function deliveryOf(
  sql: Sql,
  tenantId: string,
  scheduleIds: readonly string[],
): Promise<Map<string, ScheduleDelivery>> {
  const out = new Map<string, ScheduleDelivery>();
  if (scheduleIds.length === 0) return out;
  const rows = await sql<{
    schedule_id: string;
    kind: 'invitation' | 'reminder';
    id: string;
    status: MailStatus;
    send_after: Date;
    sent_at: Date | null;
    failed_at: Date | null;
    last_error: string | null;
    attempts: number;
  }>(
    `select distinct on (schedule_id, kind) schedule_id, kind, id, status, send_after, sent_at, failed_at,
            last_error, attempts
       from mail_messages
      where tenant_id = ? and kind in ('invitation', 'reminder')
        and schedule_id in (select jsonb_array_elements_text(?::jsonb)::uuid)
      order by schedule_id, kind, id desc`,
    [tenantId, JSON.stringify(scheduleIds)],
  );
  for (const r of rows) {
    const entry = out.get(r.schedule_id) ?? { invitation: null, reminder: null };
    entry[r.kind] = {
      messageId: r.id,
      status: r.status,
      at: iso(r.sent_at ?? r.failed_at ?? r.send_after)!,
      error: r.last_error,
      attempts: r.attempts,
    };
    out.set(r.schedule_id, entry);
  }
  return out;
}
