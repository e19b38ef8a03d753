import type { Interview, Sql } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';

interface InterviewColumns {
  id: string;
  tenant_id: string;
  candidate_id: string;
  role_id: string;
  role_title: string;
  position_id: string | null;
  position_version: number | null;
  plugin_id: string;
  plugin_version: string;
  plugin_sha256: string;
  status: Interview['status'];
  seed: number;
  length: number;
  turn: number;
  summary: string | null;
  summary_through_turn: number;
  closing_reply: string | null;
  created_by: string | null;
  started_at: Date;
  ended_at: Date | null;
}

// Columns named, never `*`: this is a named prepared statement, kept per pooled connection, and
// PostgreSQL refuses a cached plan whose result type changed (a migration adding a column).
const READ = `select id, tenant_id, candidate_id, role_id, role_title, position_id, position_version, plugin_id, plugin_version,
    plugin_sha256, status, seed, length, turn, summary, summary_through_turn, closing_reply, created_by,
    started_at, ended_at
  from interviews where id = ? and tenant_id = ?`;
const LOCK = `${READ} for update`;

/**
 * The interview row, locked for this transaction, as a plain object with the entity's fields:
 * the turn and the other paths that write an interview speak SQL; nothing here is tracked.
 */
export const lockInterviewRow = (sql: Sql, tenantId: string, id: string) =>
  interviewRow(sql, LOCK, tenantId, id);

/** The same, without a lock: for reading before work done outside the transaction. */
export const readInterviewRow = (sql: Sql, tenantId: string, id: string) =>
  interviewRow(sql, READ, tenantId, id);

async function interviewRow(sql: Sql, statement: string, tenantId: string, id: string): Promise<Interview> {
  const [r] = await sql<InterviewColumns>(statement, [id, tenantId]);
  if (!r) throw new AppError('not_found', 'No such interview');
  return {
    id: r.id,
    tenantId: r.tenant_id,
    candidateId: r.candidate_id,
    roleId: r.role_id,
    roleTitle: r.role_title,
    positionId: r.position_id,
    positionVersion: r.position_version,
    pluginId: r.plugin_id,
    pluginVersion: r.plugin_version,
    pluginSha256: r.plugin_sha256,
    status: r.status,
    seed: r.seed,
    length: r.length,
    turn: r.turn,
    summary: r.summary,
    summaryThroughTurn: r.summary_through_turn,
    closingReply: r.closing_reply,
    createdBy: r.created_by,
    startedAt: r.started_at,
    endedAt: r.ended_at,
  };
}

/** Finish an interview: its status, when, and (completed) what the interviewer said last. */
export async function finishInterviewRow(
  sql: Sql,
  interview: Interview,
  status: 'completed' | 'ended',
  closingReply: string | null = interview.closingReply,
): Promise<void> {
  const [row] = await sql<{ ended_at: Date }>(
    `update interviews set status = ?, ended_at = now(), closing_reply = ?
      where id = ? and tenant_id = ? returning ended_at`,
    [status, closingReply, interview.id, interview.tenantId],
  );
  interview.status = status;
  interview.endedAt = row!.ended_at;
  interview.closingReply = closingReply;
}
