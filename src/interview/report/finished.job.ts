import { z } from 'zod';
import { enqueueMeterUsage, recordUsage } from '../../billing/index.ts';
import { type Interview, type InterviewStatus, type Sql, withTenantSql } from '../../db/index.ts';
import type { Report } from '../../evaluation/index.ts';
import { defineJob } from '../../jobs/index.ts';
import { emitWebhookEvent, enqueueDeliveries } from '../../webhooks/index.ts';
import type { InterviewDeps } from '../deps.ts';
import { readInterviewRow } from '../turn/interview-row.ts';
import { interviewRef } from './webhook-ref.ts';

/**
 * What happens when an interview finishes, completed or ended (its report is already stored):
 * interview.completed and report.ready go to webhooks exactly once (guarded by the report row's
 * `announced_at`), the join link that started it is used up, and live clients hear it.
 */
export const announceReportJob = defineJob({
  name: 'interview.announce-report',
  queue: 'report',
  schema: z.object({ tenantId: z.uuid(), interviewId: z.uuid() }),
  retry: { attempts: 5, backoffMs: 1000 },
});

export const announceReportJobId = (interviewId: string) => `${interviewId}:report`;

export function handleAnnounceReport(deps: InterviewDeps) {
  return async (p: z.infer<typeof announceReportJob.schema>) => {
    const result = await withTenantSql(deps.orm, p.tenantId, async (sql) => {
      const [row] = await sql<{ report: Report; announced_at: Date | null }>(
        'select report, announced_at from reports where interview_id = ? and tenant_id = ? for update',
        [p.interviewId, p.tenantId],
      );
      if (!row) throw new Error(`no report for interview ${p.interviewId}`);
      const interview = await readInterviewRow(sql, p.tenantId, p.interviewId);
      // a completed interview is billable usage, recorded once with its announcement
      const billable = deps.billing !== undefined && interview.status === 'completed';
      if (row.announced_at)
        return {
          interview,
          report: row.report,
          deliveries: [] as string[],
          outcomes: [] as string[],
          billable,
        };
      if (billable) await recordUsage(sql, p.tenantId, p.interviewId, interview.endedAt ?? new Date());
      const deliveries = await emitFinished(sql, interview, row.report, deps.baseUrl);
      const outcomes = (await deps.outcomes?.finished(sql, p.tenantId, p.interviewId)) ?? [];
      await sql('update reports set announced_at = now() where interview_id = ? and tenant_id = ?', [
        p.interviewId,
        p.tenantId,
      ]);
      return { interview, report: row.report, deliveries, outcomes, billable };
    });
    await enqueueDeliveries(deps.jobs, p.tenantId, result.deliveries);
    if (result.outcomes.length > 0) await deps.outcomes?.send(p.tenantId, result.outcomes);
    // enqueued again on a re-run (its job id dedupes it): a lost enqueue is also reconciled later
    if (result.billable) await enqueueMeterUsage(deps.jobs, p.tenantId, p.interviewId);
    announceFinished(deps, p.tenantId, p.interviewId, result.interview.status, result.report);
  };
}

/**
 * Mark the join link completed, and record interview.completed and report.ready for delivery,
 * in the caller's transaction; the caller enqueues the returned delivery ids after it commits.
 */
async function emitFinished(
  sql: Sql,
  interview: Interview,
  report: Report,
  baseUrl: string,
): Promise<string[]> {
  await sql(
    `update schedules set status = 'completed', updated_at = now()
      where interview_id = ? and tenant_id = ? and status = 'started'`,
    [interview.id, interview.tenantId],
  );
  const ref = await interviewRef(sql, interview);
  const completed = await emitWebhookEvent(sql, interview.tenantId, 'interview.completed', {
    ...ref,
    status: interview.status === 'ended' ? 'ended' : 'completed',
    endedAt: (interview.endedAt ?? new Date()).toISOString(),
  });
  const ready = await emitWebhookEvent(sql, interview.tenantId, 'report.ready', {
    ...ref,
    overallScore: report.overall.effectiveScore,
    recommendation: report.recommendation,
    provisional: report.provisional,
    reportUrl: `${baseUrl}/api/v1/report/${interview.id}`,
  });
  return [...completed, ...ready];
}

/** Tell live clients the interview finished, and (staff only) that its report is ready. */
function announceFinished(
  deps: InterviewDeps,
  tenantId: string,
  interviewId: string,
  status: InterviewStatus,
  report: Report,
): void {
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
