import type { InterviewStatus } from '../db/index.ts';
import type { Report } from '../evaluation/report.ts';
import type { InterviewDeps } from './deps.ts';

/** Tell everyone an interview finished: live clients now; webhooks once they are wired. */
export async function announceFinished(
  deps: InterviewDeps,
  tenantId: string,
  interviewId: string,
  status: InterviewStatus,
  report: Report,
): Promise<void> {
  deps.events.emit(tenantId, 'interview.completed', {
    interviewId,
    status: status === 'ended' ? 'ended' : 'completed',
  });
  deps.events.emit(tenantId, 'report.ready', {
    interviewId,
    overall: report.overall.effectiveScore,
    recommendation: report.recommendation,
  });
}
