import type { Redis } from 'ioredis';
import type { Config } from '../config/index.ts';
import type { Orm } from '../db/index.ts';
import {
  createInterviewDeps,
  type InterviewDeps,
  registerInterviewJobs,
  startSweeper,
} from '../interview/index.ts';
import { bullmqQueue, bullmqWorker, inProcessJobs, type JobQueue, type JobWorker } from '../jobs/index.ts';
import type { Logger } from '../observability/index.ts';
import {
  inProcessTurnSignals,
  type RealtimeEmitter,
  redisTurnSignals,
  type TurnSignals,
} from '../realtime/index.ts';
import { registerWebhookJobs } from '../webhooks/index.ts';

/** The adapters one process runs on, and the jobs it consumes. */
export interface Runtime {
  jobs: JobQueue;
  signals: TurnSignals;
  /** the interview engine's ports */
  interviews: InterviewDeps;
  /** the job consumer of this process: undefined when it only enqueues (the API with Redis) */
  worker: JobWorker | undefined;
  close(): Promise<void>;
}

/** Every job of the platform, registered with a consumer: the one list of what workers run. */
export function registerJobs(
  worker: JobWorker,
  deps: { interviews: InterviewDeps; orm: Orm; jobs: JobQueue; config: Config; logger: Logger },
): void {
  registerInterviewJobs(worker, deps.interviews);
  registerWebhookJobs(worker, {
    orm: deps.orm,
    jobs: deps.jobs,
    settings: deps.config.webhooks,
    logger: deps.logger,
  });
}

/**
 * What a process is: the API (serves requests, waits for turns; runs the jobs itself only without
 * Redis), the worker (runs the jobs, signals turns) or both at once (the test harness).
 */
export type ProcessRole = 'api' | 'worker' | 'api+worker';

/**
 * The one composition root of a process (the API, the worker, the test harness). With Redis:
 * BullMQ queues, Redis turn signals and live state, and a BullMQ worker where the role runs jobs.
 * Without Redis (the embedded default): everything in this process, which then always runs its
 * jobs itself. A process that runs jobs also runs the sweeper.
 */
export async function composeRuntime(input: {
  config: Config;
  orm: Orm;
  redis: Redis | undefined;
  logger: Logger;
  /** where live events go: the Socket.IO server (API) or the Redis emitter (worker) */
  events: RealtimeEmitter;
  role: ProcessRole;
}): Promise<Runtime> {
  const { config, orm, redis, logger } = input;
  let jobs: JobQueue;
  let worker: JobWorker | undefined;
  let signals: TurnSignals;
  if (redis && config.redisUrl) {
    jobs = bullmqQueue(config.redisUrl);
    // the API waits for turns, so it listens; a worker only signals them
    signals = await redisTurnSignals(redis, input.role === 'worker' ? undefined : redis.duplicate());
    worker =
      input.role === 'api'
        ? undefined
        : bullmqWorker(config.redisUrl, { concurrency: config.workerConcurrency, lockMs: config.jobLockMs });
  } else {
    const local = inProcessJobs((err, job) => logger.warn({ err, job }, 'job failed'));
    jobs = local.queue;
    worker = local.worker;
    signals = inProcessTurnSignals();
  }
  const interviews = createInterviewDeps({ config, orm, redis, logger, jobs, events: input.events, signals });
  let stopSweeper = () => {};
  if (worker) {
    registerJobs(worker, { interviews, orm, jobs, config, logger });
    await worker.start();
    stopSweeper = startSweeper(orm, jobs, logger);
  }
  return {
    jobs,
    signals,
    interviews,
    worker,
    async close() {
      stopSweeper();
      await worker?.close(); // finishes the jobs in hand, takes no new ones
      await jobs.close();
      await signals.close();
    },
  };
}
