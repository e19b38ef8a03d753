import {
  type ConnectionOptions,
  DelayedError,
  type JobsOptions,
  Queue,
  Worker,
  type WorkerOptions,
} from 'bullmq';
import { AppError } from '../errors/index.ts';
import type { EnqueueOptions, JobDefinition, JobHandler, JobQueue, JobWorker, QueueName } from './types.ts';

/** The key prefix of every queue (tools that inspect the queues use it too). */
export const BULLMQ_PREFIX = 'aii';

/** BullMQ's connection options for a Redis URL: a worker's, or a producer's. */
export const bullmqConnection = (redisUrl: string, forWorker: boolean): ConnectionOptions => {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    username: url.username || undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    // Workers block on Redis and must never give up on a command; producers should fail fast
    // (a producer's first command still waits for its connection: BullMQ awaits it being ready).
    maxRetriesPerRequest: forWorker ? null : 1,
    ...(forWorker ? {} : { enableOfflineQueue: false }),
  };
};

/** The options every job is added with: its retry policy, and how long BullMQ keeps it. */
export const bullmqJobOptions = (
  job: Pick<JobDefinition<unknown>, 'retry'>,
  options: EnqueueOptions = {},
): JobsOptions => ({
  // BullMQ reserves ':' in ids (its key separator); the port allows any string.
  jobId: options.jobId?.replaceAll(':', '_'),
  delay: options.delayMs,
  attempts: job.retry.attempts,
  backoff: { type: 'exponential', delay: job.retry.backoffMs },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
});

/** Where a queue's or worker's connection errors go (BullMQ prints them when nothing listens). */
export type QueueErrorListener = (err: Error) => void;

/** How long an enqueue waits for Redis before it gives up (the caller answers 503 or defers). */
export const ENQUEUE_TIMEOUT_MS = 2_000;

/** Redis did not take the job in time. The sweeper finds stored work whose job was lost. */
export class QueueUnavailableError extends AppError {
  constructor() {
    super('unavailable', 'The job queue is not reachable right now; retry shortly', { retryAfterSeconds: 1 });
  }
}

/** Producer: one BullMQ Queue per queue name, created on first use. */
export function bullmqQueue(redisUrl: string, onError: QueueErrorListener = console.error): JobQueue {
  const queues = new Map<QueueName, Queue>();
  const get = (name: QueueName) => {
    let q = queues.get(name);
    if (!q) {
      q = new Queue(name, { connection: bullmqConnection(redisUrl, false), prefix: BULLMQ_PREFIX });
      q.on('error', onError);
      queues.set(name, q);
    }
    return q;
  };
  return {
    async enqueue(job, payload, options: EnqueueOptions = {}) {
      const data = job.schema.parse(payload);
      const adding = get(job.queue).add(job.name, data, bullmqJobOptions(job, options));
      // A queue first used while Redis is away waits for it forever: bound the wait. An add that
      // completes later is harmless (job ids dedupe; handlers are idempotent).
      adding.catch(() => undefined);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new QueueUnavailableError()), ENQUEUE_TIMEOUT_MS);
      });
      try {
        await Promise.race([adding, late]);
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
    },
  };
}

/** How every worker consumes: its connection, concurrency, and the lock that detects a dead worker. */
export const bullmqWorkerOptions = (
  redisUrl: string,
  options: { concurrency?: number; lockMs?: number } = {},
): WorkerOptions => ({
  connection: bullmqConnection(redisUrl, true),
  prefix: BULLMQ_PREFIX,
  concurrency: options.concurrency ?? 8,
  // A worker killed mid-job stops renewing its lock; the job is retried once it lapses.
  lockDuration: options.lockMs ?? 30_000,
  stalledInterval: options.lockMs ?? 30_000,
});

/** How long a job deferred for fairness waits before it is taken again (others go first meanwhile). */
const FAIR_DEFER_MS = 25;

/** The tenant a job works for: every job of the platform carries `tenantId` in its payload. */
const tenantOf = (data: unknown): string | undefined => {
  const id = (data as { tenantId?: unknown } | null)?.tenantId;
  return typeof id === 'string' ? id : undefined;
};

/**
 * Consumer: one BullMQ Worker per queue that has handlers; dispatches by job name.
 *
 * Fair between tenants: one tenant holds at most half of this process's slots (`concurrency`, per
 * queue, counted across queues). A job of a tenant at its share is put back (delayed a moment,
 * which costs no attempt) so that every other tenant's waiting jobs are taken first: one tenant
 * flooding the queue with expensive answers cannot take every slot from the others.
 */
export function bullmqWorker(
  redisUrl: string,
  options: { concurrency?: number; lockMs?: number; onError?: QueueErrorListener } = {},
): JobWorker {
  const handlers = new Map<string, { job: JobDefinition<unknown>; handler: JobHandler<unknown> }>();
  const workers: Worker[] = [];
  const share = Math.max(1, Math.floor((options.concurrency ?? 8) / 2));
  const running = new Map<string, number>();
  return {
    register(job, handler) {
      handlers.set(job.name, { job: job as JobDefinition<unknown>, handler: handler as JobHandler<unknown> });
    },
    async start() {
      const queueNames = new Set([...handlers.values()].map((h) => h.job.queue));
      for (const name of queueNames) {
        const worker = new Worker(
          name,
          async (bullJob, token) => {
            const entry = handlers.get(bullJob.name);
            if (!entry) throw new Error(`no handler for job ${bullJob.name}`);
            const tenant = tenantOf(bullJob.data);
            if (tenant && (running.get(tenant) ?? 0) >= share) {
              await bullJob.moveToDelayed(Date.now() + FAIR_DEFER_MS, token);
              throw new DelayedError();
            }
            if (tenant) running.set(tenant, (running.get(tenant) ?? 0) + 1);
            try {
              const payload = entry.job.schema.parse(bullJob.data);
              await entry.handler(payload, { attempt: bullJob.attemptsMade + 1 });
            } finally {
              if (tenant) {
                const left = (running.get(tenant) ?? 1) - 1;
                if (left > 0) running.set(tenant, left);
                else running.delete(tenant);
              }
            }
          },
          bullmqWorkerOptions(redisUrl, options),
        );
        worker.on('error', options.onError ?? console.error);
        workers.push(worker);
      }
      await Promise.all(workers.map((w) => w.waitUntilReady()));
    },
    async close() {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
