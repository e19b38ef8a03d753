import {
  Answer,
  EvaluationRecord,
  Interview,
  InterviewTurn,
  ReportRecord,
  ScoreOverride,
  Tenant,
  type TenantEm,
} from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { buildReport, type Report } from '../evaluation/report.ts';
import type { Evaluation } from '../evaluation/types.ts';
import { loadManifest } from '../plugins/index.ts';

export async function getInterview(em: TenantEm, id: string): Promise<Interview> {
  const interview = await em.findOne(Interview, { id });
  if (!interview) throw new AppError('not_found', 'No such interview');
  return interview;
}

/** The report computed from the stored rows (turns, answers, evaluations, overrides). */
export async function assembleReport(em: TenantEm, interview: Interview): Promise<Report> {
  // Sequential on purpose: one transaction is one connection, which runs one query at a time.
  const turns = await em.find(InterviewTurn, { interviewId: interview.id }, { orderBy: { turn: 'asc' } });
  const answers = await em.find(Answer, { interviewId: interview.id });
  const evaluations = await em.find(EvaluationRecord, { interviewId: interview.id });
  const overrides = await em.find(ScoreOverride, { interviewId: interview.id }, { orderBy: { id: 'asc' } });
  const tenant = await em.findOneOrFail(Tenant, { id: interview.tenantId });
  const manifest = await loadManifest(em, interview.pluginId, interview.pluginVersion);
  const answerByTurn = new Map(answers.map((a) => [a.turn, a.text]));
  const evalByTurn = new Map(evaluations.map((e) => [e.turn, e.result as Evaluation]));
  return buildReport({
    interview,
    manifest,
    thresholds: tenant.recommendationThresholds,
    turns: turns.map((t) => ({
      turn: t.turn,
      kind: t.kind,
      phase: t.phase,
      questionId: t.questionId,
      prompt: t.prompt,
      answer: answerByTurn.get(t.turn) ?? null,
      evaluation: evalByTurn.get(t.turn) ?? null,
    })),
    overrides: overrides.map((o) => ({
      competency: o.competency,
      score: o.score,
      originalScore: o.originalScore,
      reason: o.reason,
      by: o.createdByLabel,
      at: o.createdAt.toISOString(),
    })),
  });
}

/** Persist the report once (a re-run after a crash is a no-op through the unique key). */
export async function persistReport(em: TenantEm, interview: Interview): Promise<Report> {
  const report = await assembleReport(em, interview);
  await em.execute(
    `insert into reports (id, tenant_id, interview_id, overall, recommendation, report)
     values (?, ?, ?, ?, ?, ?::jsonb) on conflict (interview_id) do nothing`,
    [
      new ReportRecord().id,
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
  return assembleReport(em, interview);
}
