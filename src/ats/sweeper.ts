import { type Orm, withoutTenant } from '../db/index.ts';
import type { JobQueue } from '../jobs/index.ts';
import type { Logger } from '../observability/index.ts';
import { pushJobId, pushToAtsJob } from './push.job.ts';

/** A push due this long without its job taking it lost that job (a crash between commit and enqueue, a flushed Redis). */
export const PUSH_STALLED_AFTER_SECONDS = 60;

export async function sweepAtsPushes(
  orm: Orm,
  jobs: JobQueue,
  olderThanSeconds = PUSH_STALLED_AFTER_SECONDS,
) {
  const rows = await withoutTenant(orm, (em) =>
    em.execute<{ tenant_id: string; push_id: string; attempts: number }[]>(
      'select * from stalled_ats_pushes(?)',
      [olderThanSeconds],
    ),
  );
  // the id of the attempt's own job: a planned retry still queued is not doubled
  for (const r of rows)
    await jobs.enqueue(
      pushToAtsJob,
      { tenantId: r.tenant_id, pushId: r.push_id },
      { jobId: pushJobId(r.push_id, r.attempts + 1) },
    );
  return rows.length;
}

export function startAtsSweeper(orm: Orm, jobs: JobQueue, logger: Logger, intervalMs = 30_000): () => void {
  const timer = setInterval(() => {
    sweepAtsPushes(orm, jobs).then(
      (n) => n > 0 && logger.warn({ requeued: n }, 'stalled ATS pushes enqueued again'),
      (err) => logger.error({ err }, 'ATS push sweep failed'),
    );
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
