import { type Orm, withoutTenant } from '../db/index.ts';
import type { JobQueue } from '../jobs/index.ts';
import type { Logger } from '../observability/index.ts';
import { sendMailJob } from './send-mail.job.ts';

/** A message due this long without being claimed is presumed to have lost its job. */
export const MAIL_STALLED_AFTER_SECONDS = 60;

/**
 * One pass: enqueue again every message that is due and untouched for a minute, or whose claim's
 * lease ran out (a worker died mid-send): its job was lost (the in-process runner restarted, Redis
 * was flushed, the enqueue after the commit failed). The job id carries the minute, so a pass
 * never collides with a job a queue still keeps; the claim makes a duplicate harmless.
 */
export async function sweepMail(orm: Orm, jobs: JobQueue, olderThanSeconds = MAIL_STALLED_AFTER_SECONDS) {
  const rows = await withoutTenant(orm, (em) =>
    em.execute<{ tenant_id: string; id: string }[]>('select tenant_id, id from mail_due(?, ?)', [
      olderThanSeconds,
      500,
    ]),
  );
  const minute = Math.floor(Date.now() / 60_000);
  for (const r of rows) {
    await jobs.enqueue(
      sendMailJob,
      { tenantId: r.tenant_id, messageId: r.id },
      { jobId: `mail:${r.id}:sweep:${minute}` },
    );
  }
  return rows.length;
}

/** Sweep every `intervalMs` in each process that runs jobs. */
export function startMailSweeper(orm: Orm, jobs: JobQueue, logger: Logger, intervalMs = 30_000): () => void {
  const timer = setInterval(() => {
    sweepMail(orm, jobs).then(
      (n) => n > 0 && logger.warn({ requeued: n }, 'mail whose job was lost enqueued again'),
      (err) => logger.error({ err }, 'mail sweep failed'),
    );
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
