import { LockMode } from '@mikro-orm/core';
import { z } from 'zod';
import { Interview, ReportRecord, withTenant } from '../db/index.ts';
import type { Report } from '../evaluation/report.ts';
import { defineJob } from '../jobs/index.ts';
import { enqueueDeliveries } from '../webhooks/index.ts';
import { announceFinished } from './announce.ts';
import type { InterviewDeps } from './deps.ts';
import { emitFinished } from './webhook-events.ts';

/**
 * After an interview completes or is ended (its report is already stored): send
 * interview.completed and report.ready to webhooks exactly once (guarded by the report row's
 * `announced_at`), mark the join link used, and push the live events.
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
    const result = await withTenant(deps.orm, p.tenantId, async (em) => {
      const row = await em.findOneOrFail(
        ReportRecord,
        { interviewId: p.interviewId },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      const interview = await em.findOneOrFail(Interview, { id: p.interviewId });
      const report = row.report as Report;
      if (row.announcedAt) return { interview, report, deliveries: [] as string[] };
      const deliveries = await emitFinished(em, interview, report, deps.baseUrl);
      row.announcedAt = new Date();
      await em.flush();
      return { interview, report, deliveries };
    });
    await enqueueDeliveries(deps.jobs, p.tenantId, result.deliveries);
    await announceFinished(deps, p.tenantId, p.interviewId, result.interview.status, result.report);
  };
}
