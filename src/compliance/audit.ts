import type { Principal } from '../auth/index.ts';
import { decodeCursor, type Page, pageOfRows, type Sql, uuidv7 } from '../db/index.ts';

/**
 * The tenant's audit log: who did what, append-only. Written in the transaction of the change it
 * records (so a change that rolls back leaves no row, and none happens unrecorded); the app role
 * may insert and read its tenant's rows, never update or delete them (grants, plus RLS).
 */

export const AUDIT_ACTIONS = [
  'report.viewed',
  'candidate.exported',
  'candidate.erased',
  'score.overridden',
  'user.invited',
  'user.role_changed',
  'user.removed',
  'api_key.created',
  'api_key.revoked',
  'webhook.created',
  'webhook.changed',
  'webhook.deleted',
  'plugin.installed',
  'plugin.pinned',
  'plugin.uninstalled',
  'billing.plan_changed',
  'position.created',
  'position.changed',
  'tenant.exported',
  'tenant.settings_changed',
  'tenant.deletion_requested',
  'tenant.deletion_cancelled',
  'review.requested',
  'review.resolved',
  'schedule.notice_overridden',
  'adverse_impact.viewed',
  'user.invitation_accepted',
  'user.password_reset',
  'mail_template.changed',
  'schedule.invitation_resent',
  'ats.connected',
  'ats.connection_changed',
  'ats.credentials_rotated',
  'ats.inbound_key_rotated',
  'ats.disconnected',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditActorKind = 'user' | 'api_key' | 'candidate' | 'system' | 'stripe';

export interface AuditActor {
  kind: AuditActorKind;
  id: string | null;
  /** what a person reads: an email, a key's name, "stripe", "retention" */
  label: string;
}

/** Where the request came from, when a request made the change. */
export interface AuditOrigin {
  requestId?: string | undefined;
  ip?: string | undefined;
}

export interface AuditEntry {
  action: AuditAction;
  /** what was acted on: an id, or a readable name */
  target?: string | null | undefined;
  /** what changed (never a candidate's answer text or a secret) */
  data?: Record<string, unknown> | undefined;
}

/** The actor of an authenticated request. */
export function actorOf(principal: Principal): AuditActor {
  return principal.kind === 'user'
    ? { kind: 'user', id: principal.userId, label: principal.email }
    : { kind: 'api_key', id: principal.apiKeyId, label: `API key ${principal.name} (${principal.prefix}…)` };
}

export async function recordAudit(
  sql: Sql,
  tenantId: string,
  actor: AuditActor,
  entry: AuditEntry,
  origin: AuditOrigin = {},
): Promise<void> {
  await sql(
    `insert into audit_events (id, tenant_id, actor, actor_kind, actor_id, action, target, data, request_id, ip)
     values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)`,
    [
      uuidv7(),
      tenantId,
      actor.label.slice(0, 200),
      actor.kind,
      actor.id,
      entry.action,
      entry.target?.slice(0, 200) ?? null,
      JSON.stringify(entry.data ?? {}),
      origin.requestId?.slice(0, 100) ?? null,
      origin.ip?.slice(0, 64) ?? null,
    ],
  );
}

export interface AuditEvent {
  id: string;
  at: string;
  actor: { kind: string; id: string | null; label: string };
  action: string;
  target: string | null;
  data: Record<string, unknown>;
  requestId: string | null;
  ip: string | null;
}

export interface AuditFilters {
  action?: string | undefined;
  actorId?: string | undefined;
  target?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

export interface AuditQuery extends AuditFilters {
  limit: number;
  cursor?: string | undefined;
}

/** The `where` of the filters (the time window is `from` inclusive, `to` exclusive). */
function whereOf(q: AuditFilters & { cursor?: string | undefined }): { where: string; args: unknown[] } {
  const clauses: string[] = [];
  const args: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    clauses.push(clause);
    args.push(value);
  };
  if (q.action) add('action = ?', q.action);
  if (q.actorId) add('actor_id = ?', q.actorId);
  if (q.target) add('target = ?', q.target);
  if (q.from) add('created_at >= ?', q.from);
  if (q.to) add('created_at < ?', q.to);
  if (q.cursor) add('id < ?', decodeCursor(q.cursor));
  return { where: clauses.length ? `where ${clauses.join(' and ')}` : '', args };
}

/** Newest first, keyset-paged by id (time-ordered), filtered by action, actor, target and time. */
export async function listAudit(sql: Sql, q: AuditQuery): Promise<Page<AuditEvent>> {
  const { where, args } = whereOf(q);
  const rows = await sql<{
    id: string;
    created_at: Date;
    actor: string;
    actor_kind: string;
    actor_id: string | null;
    action: string;
    target: string | null;
    data: Record<string, unknown>;
    request_id: string | null;
    ip: string | null;
  }>(
    `select id, created_at, actor, actor_kind, actor_id, action, target, data, request_id, ip from audit_events
      ${where} order by id desc limit ?`,
    [...args, q.limit + 1],
  );
  return pageOfRows(rows, q.limit, (r) => ({
    id: r.id,
    at: new Date(r.created_at).toISOString(),
    actor: { kind: r.actor_kind, id: r.actor_id, label: r.actor },
    action: r.action,
    target: r.target,
    data: r.data,
    requestId: r.request_id,
    ip: r.ip,
  }));
}

export interface AuditDayCount {
  /** YYYY-MM-DD in the time zone asked for */
  day: string;
  action: string;
  count: number;
}

/**
 * How many entries each day had, per action, with the list's filters: the days in `timeZone` (an
 * IANA name the caller has checked), oldest first; days without entries are left out.
 */
export async function countAuditPerDay(
  sql: Sql,
  q: AuditFilters & { timeZone: string },
): Promise<AuditDayCount[]> {
  const { where, args } = whereOf(q);
  const rows = await sql<{ day: string; action: string; count: string }>(
    `select to_char(created_at at time zone ?, 'YYYY-MM-DD') as day, action, count(*) as count
       from audit_events ${where} group by 1, 2 order by 1, 2`,
    [q.timeZone, ...args],
  );
  return rows.map((r) => ({ day: r.day, action: r.action, count: Number(r.count) }));
}
