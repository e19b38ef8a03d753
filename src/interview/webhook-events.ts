import { Candidate, type Interview, Schedule, type TenantEm } from '../db/index.ts';
import type { Report } from '../evaluation/report.ts';
import { emitWebhookEvent, type WebhookInterviewRef } from '../webhooks/index.ts';

/** The ids an ATS matches an interview by: ours, and its own (external candidate id, position). */
export async function interviewRef(em: TenantEm, interview: Interview): Promise<WebhookInterviewRef> {
  const candidate = await em.findOneOrFail(Candidate, { id: interview.candidateId });
  return {
    interviewId: interview.id,
    candidateId: candidate.id,
    candidateExternalId: candidate.externalId,
    positionId: interview.positionId,
    roleId: interview.roleId,
  };
}

/**
 * When an interview finishes: mark its join link completed, and record interview.completed and
 * report.ready for delivery, in the caller's transaction; the caller enqueues the returned
 * delivery ids after it commits.
 */
export async function emitFinished(
  em: TenantEm,
  interview: Interview,
  report: Report,
  baseUrl: string,
): Promise<string[]> {
  // The join link that started it (if any) is used up.
  await em.nativeUpdate(Schedule, { interviewId: interview.id, status: 'started' }, { status: 'completed' });
  const ref = await interviewRef(em, interview);
  const completed = await emitWebhookEvent(em, interview.tenantId, 'interview.completed', {
    ...ref,
    status: interview.status === 'ended' ? 'ended' : 'completed',
    endedAt: (interview.endedAt ?? new Date()).toISOString(),
  });
  const ready = await emitWebhookEvent(em, interview.tenantId, 'report.ready', {
    ...ref,
    overallScore: report.overall.effectiveScore,
    recommendation: report.recommendation,
    provisional: report.provisional,
    reportUrl: `${baseUrl}/api/v1/report/${interview.id}`,
  });
  return [...completed, ...ready];
}
