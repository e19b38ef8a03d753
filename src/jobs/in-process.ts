import type { EnqueueOptions, JobDefinition, JobHandler, JobQueue, JobWorker } from './types.ts';

/**
 * The embedded default: jobs run in this process, soon after they are enqueued, with the same
 * retry policy as BullMQ. Nothing survives a restart; that is what REDIS_URL is for.
 */
export function inProcessJobs(onError: (err: unknown, job: string) => void = () => {}): {
  queue: JobQueue;
  worker: JobWorker;
} {
  const handlers = new Map<string, JobHandler<unknown>>();
  const pending = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  let closed = false;

  const run = <P>(job: JobDefinition<P>, payload: P, attempt: number, key: string | undefined) => {
    const handler = handlers.get(job.name) as JobHandler<P> | undefined;
    if (!handler || closed) {
      if (key) pending.delete(key);
      return;
    }
    const p = handler(payload, { attempt })
      .then(() => {
        if (key) pending.delete(key);
      })
      .catch((err) => {
        onError(err, job.name);
        if (attempt < job.retry.attempts) {
          schedule(job, payload, job.retry.backoffMs * 2 ** (attempt - 1), attempt + 1, key);
        } else if (key) pending.delete(key);
      })
      .finally(() => running.delete(p));
    running.add(p);
  };

  const schedule = <P>(job: JobDefinition<P>, payload: P, delayMs: number, attempt: number, key?: string) => {
    const t = setTimeout(() => {
      timers.delete(t);
      run(job, payload, attempt, key);
    }, delayMs);
    timers.add(t);
  };

  const queue: JobQueue = {
    async enqueue(job, payload, options: EnqueueOptions = {}) {
      const parsed = job.schema.parse(payload);
      const key = options.jobId ? `${job.queue}:${options.jobId}` : undefined;
      if (key) {
        if (pending.has(key)) return;
        pending.add(key);
      }
      schedule(job, parsed, options.delayMs ?? 0, 1, key);
    },
    async close() {},
  };
  const worker: JobWorker = {
    register(job, handler) {
      handlers.set(job.name, handler as JobHandler<unknown>);
    },
    async start() {},
    async close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await Promise.allSettled([...running]);
    },
  };
  return { queue, worker };
}
