import { emSql, Interview, type Sql, type TenantEm, tenantOf } from '../db/index.ts';
import { AppError } from '../errors/index.ts';

interface InterviewColumns {
  id: string;
  tenant_id: string;
  candidate_id: string;
  role_id: string;
  role_title: string;
  position_id: string | null;
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
const LOCK = `select id, tenant_id, candidate_id, role_id, role_title, position_id, plugin_id, plugin_version,
    plugin_sha256, status, seed, length, turn, summary, summary_through_turn, closing_reply, created_by,
    started_at, ended_at
  from interviews where id = ? and tenant_id = ? for update`;

async function lockedRow(sql: Sql, tenantId: string, id: string): Promise<InterviewColumns> {
  const [row] = await sql<InterviewColumns>(LOCK, [id, tenantId]);
  if (!row) throw new AppError('not_found', 'No such interview');
  return row;
}

/**
 * The interview row, locked for this transaction, as a plain (unmanaged) `Interview`: for the
 * hot path, which speaks SQL; nothing written to it is saved.
 */
export async function lockInterviewRow(sql: Sql, tenantId: string, id: string): Promise<Interview> {
  const r = await lockedRow(sql, tenantId, id);
  return Object.assign(Object.create(Interview.prototype) as Interview, {
    id: r.id,
    tenantId: r.tenant_id,
    candidateId: r.candidate_id,
    roleId: r.role_id,
    roleTitle: r.role_title,
    positionId: r.position_id,
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
  });
}

/** The interview row, locked for this transaction, as an entity the ORM tracks (rare paths). */
export const lockInterview = async (em: TenantEm, id: string) =>
  em.map(Interview, await lockedRow(emSql(em), tenantOf(em), id));
