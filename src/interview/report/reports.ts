import {
  emSql,
  Interview,
  type RecommendationThresholds,
  type Sql,
  type TenantEm,
  uuidv7,
} from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import { buildReport, type Report } from '../../evaluation/index.ts';
import { loadManifest } from '../../plugins/index.ts';
import { positionRef } from '../../positions/index.ts';
import { readTranscript } from '../conversation/transcript.ts';
import { llmUsageTotals } from '../turn/llm-usage.ts';

export async function getInterview(em: TenantEm, id: string): Promise<Interview> {
  const interview = await em.findOne(Interview, { id });
  if (!interview) throw new AppError('not_found', 'No such interview');
  return interview;
}

/**
 * The report computed from the stored rows (turns with their answers and evaluations, overrides,
 * the tenant's thresholds), in plain SQL: three statements, one transaction's connection.
 */
export async function assembleReport(sql: Sql, interview: Interview): Promise<Report> {
  const args = [interview.id, interview.tenantId];
  const turns = await readTranscript(sql, interview, { evaluations: 'all' });
  const overrides = await sql<OverrideRow>(
    `select competency, score, original_score, reason, created_by_label, created_at
       from score_overrides where interview_id = ? and tenant_id = ? order by id`,
    args,
  );
  const [tenant] = await sql<{ recommendation_thresholds: RecommendationThresholds | null }>(
    'select recommendation_thresholds from tenants where id = ?',
    [interview.tenantId],
  );
  const manifest = await loadManifest(sql, interview.pluginId, interview.pluginVersion);
  return buildReport({
    interview,
    manifest,
    thresholds: tenant?.recommendation_thresholds ?? null,
    position: await positionRef(sql, interview.positionId, interview.positionVersion),
    humanReview: await humanReviewOf(sql, interview.id),
    llmUsage: await llmUsageTotals(sql, interview),
    turns,
    overrides: overrides.map((o) => ({
      competency: o.competency,
      score: o.score,
      originalScore: o.original_score,
      reason: o.reason,
      by: o.created_by_label,
      at: new Date(o.created_at).toISOString(),
    })),
  });
}

interface OverrideRow {
  competency: string | null;
  score: number;
  original_score: number;
  reason: string;
  created_by_label: string;
  created_at: Date;
}

/** Persist the report once (a re-run after a crash is a no-op through the unique key). */
export async function persistReport(sql: Sql, interview: Interview): Promise<Report> {
  const report = await assembleReport(sql, interview);
  await sql(
    `insert into reports (id, tenant_id, interview_id, overall, recommendation, report)
     values (?, ?, ?, ?, ?, ?::jsonb) on conflict (interview_id) do nothing`,
    [
      uuidv7(),
      interview.tenantId,
      interview.id,
      report.overall.score,
      report.recommendation,
      JSON.stringify(report),
    ],
  );
  return report;
}

/**
 * The report of a finished interview: recomputed from the rows so the latest overrides show,
 * alongside the original evaluated scores.
 */
export async function getReport(em: TenantEm, interviewId: string): Promise<Report> {
  const interview = await getInterview(em, interviewId);
  if (interview.status === 'in_progress') {
    throw new AppError(
      'report_not_ready',
      'The interview is still in progress; end it or wait for the last answer',
    );
  }
  return assembleReport(emSql(em), interview);
}

/** The candidate's review request, as the report shows it (read here: the interview engine knows no compliance code). */
async function humanReviewOf(sql: Sql, interviewId: string) {
  const [row] = await sql<{ requested_at: Date; resolved_at: Date | null; resolution_note: string | null }>(
    'select requested_at, resolved_at, resolution_note from review_requests where interview_id = ?',
    [interviewId],
  );
  if (!row) return null;
  return {
    status: row.resolved_at ? ('resolved' as const) : ('open' as const),
    requestedAt: new Date(row.requested_at).toISOString(),
    resolvedAt: row.resolved_at ? new Date(row.resolved_at).toISOString() : null,
    resolutionNote: row.resolution_note,
  };
}
