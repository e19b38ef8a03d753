import type { Principal } from '../../auth/index.ts';
import { ApiKey, ScoreOverride, type TenantEm } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import { getReport } from './reports.ts';

export interface OverrideInput {
  competency?: string | undefined;
  score: number;
  reason: string;
}

async function actorLabel(em: TenantEm, actor: Principal): Promise<string> {
  if (actor.kind === 'user') return actor.email;
  const key = await em.findOne(ApiKey, { id: actor.apiKeyId });
  return `API key ${key?.name ?? actor.apiKeyId} (${key?.prefix ?? ''}…)`;
}

/**
 * A recruiter's override of a competency score (or the overall score): the evaluated score is
 * kept, the override is recorded with who, when and why, and the report shows both.
 */
export async function addOverride(
  em: TenantEm,
  actor: Principal,
  interviewId: string,
  input: OverrideInput,
): Promise<ScoreOverride> {
  const report = await getReport(em, interviewId);
  let original: number;
  if (input.competency) {
    const competency = report.competencies.find((c) => c.id === input.competency);
    if (!competency) {
      throw new AppError('validation_failed', `The report has no competency "${input.competency}"`, {
        errors: [
          { path: '/body/competency', message: `one of: ${report.competencies.map((c) => c.id).join(', ')}` },
        ],
      });
    }
    original = competency.score;
  } else {
    original = report.overall.score;
  }
  const override = em.create(ScoreOverride, {
    tenantId: actor.tenantId,
    interviewId,
    competency: input.competency ?? null,
    originalScore: original,
    score: input.score,
    reason: input.reason,
    createdBy: actor.kind === 'user' ? actor.userId : actor.apiKeyId,
    createdByLabel: await actorLabel(em, actor),
  });
  await em.flush();
  return override;
}

/** The audit trail of overrides on an interview, oldest first. */
export async function listOverrides(em: TenantEm, interviewId: string): Promise<ScoreOverride[]> {
  await getReport(em, interviewId).catch((err) => {
    if (err instanceof AppError && err.code === 'report_not_ready') return;
    throw err;
  });
  return em.find(ScoreOverride, { interviewId }, { orderBy: { id: 'asc' } });
}
