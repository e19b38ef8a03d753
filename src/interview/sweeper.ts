import type { Redis } from 'ioredis';
import { type Orm, withoutTenant } from '../db/index.ts';
import type { JobQueue } from '../jobs/index.ts';
import type { Logger } from '../observability/index.ts';
import { deliverWebhookJob, deliverWebhookJobId } from '../webhooks/index.ts';
import { announceReportJob, announceReportJobId } from './report/finished.job.ts';
import { evaluateAnswerJob, evaluateAnswerJobId } from './turn/evaluate-answer.job.ts';

/** Work untouched for this long is presumed to have lost its job. */
export const STALLED_AFTER_SECONDS = 60;

interface Stalled {
  kind: 'evaluate' | 'announce' | 'deliver';
  tenant_id: string;
  subject_id: string;
  turn: number | null;
}

/**
 * One pass: enqueue again every answer without its evaluation, unannounced report and overdue
 * webhook delivery (a flushed Redis or a crash between commit and enqueue lost its job). Job ids
 * carry the minute, so a pass never collides with a failed job a queue still keeps; the handlers'
 * unique keys make a duplicate run harmless. Returns how many were re-enqueued.
 */
export async function sweepStalledWork(orm: Orm, jobs: JobQueue, olderThanSeconds = STALLED_AFTER_SECONDS) {
  const rows = await withoutTenant(orm, (em) =>
    em.execute<Stalled[]>('select * from stalled_work(?)', [olderThanSeconds]),
  );
  const minute = Math.floor(Date.now() / 60_000);
  for (const r of rows) {
    if (r.kind === 'evaluate') {
      await jobs.enqueue(
        evaluateAnswerJob,
        { tenantId: r.tenant_id, interviewId: r.subject_id, turn: r.turn! },
        { jobId: `${evaluateAnswerJobId(r.subject_id, r.turn!)}:sweep:${minute}` },
      );
    } else if (r.kind === 'announce') {
      await jobs.enqueue(
        announceReportJob,
        { tenantId: r.tenant_id, interviewId: r.subject_id },
        { jobId: `${announceReportJobId(r.subject_id)}:sweep:${minute}` },
      );
    } else {
      // The same id as the attempt's own job: a delayed retry still queued is not doubled.
      await jobs.enqueue(
        deliverWebhookJob,
        { tenantId: r.tenant_id, deliveryId: r.subject_id },
        { jobId: deliverWebhookJobId(r.subject_id, (r.turn ?? 0) + 1) },
      );
    }
  }
  return rows.length;
}

/** How long a stored `Idempotency-Key` response is replayed; after that the key may be used again. */
export const IDEMPOTENCY_RETENTION_SECONDS = 24 * 3600;
/** Expired keys deleted per pass, so a pass stays short however many have piled up. */
const FORGET_BATCH = 1000;

/** Delete a batch of stored `Idempotency-Key` responses older than the retention. Returns how many. */
export async function forgetExpiredIdempotencyKeys(
  orm: Orm,
  olderThanSeconds = IDEMPOTENCY_RETENTION_SECONDS,
): Promise<number> {
  const [row] = await withoutTenant(orm, (em) =>
    em.execute<{ n: number }[]>('select forget_idempotent_responses(?, ?) as n', [
      olderThanSeconds,
      FORGET_BATCH,
    ]),
  );
  return row?.n ?? 0;
}

/** The age a sweep uses right after Redis comes back: what was enqueued while it was away, or lost with it. */
export const RESWEEP_AFTER_REDIS_SECONDS = 0;

/**
 * When a Redis connection comes back after an error, sweep at once (a second later, once the
 * queues have reconnected too) rather than at the next pass for work 60 s old: a Redis restarted
 * empty lost every queued job, and an answer stored while it was away could not enqueue its own.
 * A job that was not lost runs twice at worst, which its unique keys make harmless.
 */
export function sweepWhenRedisReturns(
  redis: Pick<Redis, 'on' | 'off'>,
  orm: Orm,
  jobs: JobQueue,
  logger: Logger,
): () => void {
  let lost = false;
  const onError = () => {
    lost = true;
  };
  const onReady = () => {
    if (!lost) return;
    lost = false;
    setTimeout(() => {
      sweepStalledWork(orm, jobs, RESWEEP_AFTER_REDIS_SECONDS).then(
        (n) => logger.warn({ requeued: n }, 'redis is back: stalled work enqueued again'),
        (err) => logger.error({ err }, 'sweep after redis returned failed'),
      );
    }, 1_000).unref();
  };
  redis.on('error', onError);
  redis.on('ready', onReady);
  return () => {
    redis.off('error', onError);
    redis.off('ready', onReady);
  };
}

/** Sweep every `intervalMs` (worker processes, and the API on the embedded default). */
export function startSweeper(orm: Orm, jobs: JobQueue, logger: Logger, intervalMs = 30_000): () => void {
  const timer = setInterval(() => {
    sweepStalledWork(orm, jobs).then(
      (n) => n > 0 && logger.warn({ requeued: n }, 'stalled work enqueued again'),
      (err) => logger.error({ err }, 'sweep failed'),
    );
    forgetExpiredIdempotencyKeys(orm).then(
      (n) => n > 0 && logger.info({ forgotten: n }, 'expired idempotency keys deleted'),
      (err) => logger.error({ err }, 'idempotency key sweep failed'),
    );
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
