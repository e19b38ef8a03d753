import { emSql, withTenant, withTenantSql } from '../../db/index.ts';
import type { Report } from '../../evaluation/index.ts';
import { loadManifest } from '../../plugins/index.ts';
import type { InterviewDeps } from '../deps.ts';
import { announceReportJob, announceReportJobId } from '../report/finished.job.ts';
import { getInterview, persistReport } from '../report/reports.ts';
import { finishInterviewRow, lockInterviewRow } from '../turn/interview-row.ts';
import { loadLiveState, type StateView, stateView } from './live-state.ts';

/**
 * End an interview early (or confirm a finished one): status `ended`, the report built from the
 * answers evaluated so far and persisted. Ending twice returns the same report.
 */
export async function endInterview(
  deps: InterviewDeps,
  tenantId: string,
  interviewId: string,
): Promise<{ state: StateView; report: Report }> {
  const result = await withTenantSql(deps.orm, tenantId, async (sql) => {
    const interview = await lockInterviewRow(sql, tenantId, interviewId);
    const justEnded = interview.status === 'in_progress';
    if (justEnded) await finishInterviewRow(sql, interview, 'ended');
    const report = await persistReport(sql, interview);
    const live = await loadLiveState(sql, deps.sessions, interview);
    const manifest = await loadManifest(sql, interview.pluginId, interview.pluginVersion);
    return { live, state: stateView(live, interview, manifest), report, justEnded };
  });
  await deps.sessions.set(result.live).catch(() => undefined);
  if (result.justEnded) {
    await deps.jobs.enqueue(
      announceReportJob,
      { tenantId, interviewId },
      { jobId: announceReportJobId(interviewId) },
    );
  }
  return { state: result.state, report: result.report };
}

/** The live state of an interview, as clients see it. */
export async function getInterviewState(
  deps: InterviewDeps,
  tenantId: string,
  interviewId: string,
): Promise<StateView> {
  return withTenant(deps.orm, tenantId, async (em) => {
    const interview = await getInterview(em, interviewId);
    const live = await loadLiveState(emSql(em), deps.sessions, interview);
    return stateView(
      live,
      interview,
      await loadManifest(emSql(em), interview.pluginId, interview.pluginVersion),
    );
  });
}
