import type { Redis } from 'ioredis';
import {
  createTokenService,
  memoryRateLimiter,
  type RateLimiter,
  redisRateLimiter,
  type TokenService,
} from '../auth/index.ts';
import type { Config } from '../config/index.ts';
import type { Orm } from '../db/index.ts';
import {
  createInterviewDeps,
  type InterviewDeps,
  registerInterviewJobs,
  startSweeper,
} from '../interview/index.ts';
import { bullmqQueue, inProcessJobs, type JobQueue, type JobWorker } from '../jobs/index.ts';
import { createMetrics, type Logger, type Metrics } from '../observability/index.ts';
import {
  inProcessTurnSignals,
  type RealtimeEmitter,
  redisTurnSignals,
  switchableEmitter,
  type TurnSignals,
} from '../realtime/index.ts';
import { registerWebhookJobs } from '../webhooks/index.ts';

/** Everything a request handler may use, built once per process and passed to createApp. */
export interface Services {
  config: Config;
  orm: Orm;
  tokens: TokenService;
  authRateLimiter: RateLimiter;
  /** the public join routes' limiter (higher: a candidate page makes several calls) */
  joinRateLimiter: RateLimiter;
  logger: Logger;
  metrics: Metrics;
  redis?: Redis | undefined;
  /** the interview engine's ports */
  interviews: InterviewDeps;
  jobs: JobQueue;
  /** set once the Socket.IO server is attached to the HTTP server */
  realtime: RealtimeEmitter & { target: RealtimeEmitter };
  signals: TurnSignals;
  /** the in-process job consumer on the embedded default (no Redis); undefined with Redis */
  localWorker: JobWorker | undefined;
  close(): Promise<void>;
}

/**
 * The API process's services. With Redis: BullMQ producer (workers consume, never the API),
 * Redis live state, rate limits and turn signals. Without: everything in this process,
 * including running the jobs.
 */
export async function createServices(input: {
  config: Config;
  orm: Orm;
  logger: Logger;
  jwtSecret: string;
  redis?: Redis | undefined;
}): Promise<Services> {
  const { config, redis, logger } = input;
  const { max, windowSeconds } = config.authRateLimit;
  const realtime = switchableEmitter();
  let jobs: JobQueue;
  let localWorker: JobWorker | undefined;
  let stopSweeper: () => void = () => {};
  let signals: TurnSignals;
  if (redis && config.redisUrl) {
    jobs = bullmqQueue(config.redisUrl);
    signals = await redisTurnSignals(redis, redis.duplicate());
  } else {
    const local = inProcessJobs((err, job) => logger.warn({ err, job }, 'job failed'));
    jobs = local.queue;
    localWorker = local.worker;
    signals = inProcessTurnSignals();
  }
  const interviews = createInterviewDeps({
    config,
    orm: input.orm,
    redis,
    logger,
    jobs,
    events: realtime,
    signals,
  });
  if (localWorker) {
    registerInterviewJobs(localWorker, interviews);
    registerWebhookJobs(localWorker, { orm: input.orm, jobs, settings: config.webhooks, logger });
    await localWorker.start();
    stopSweeper = startSweeper(input.orm, jobs, logger);
  }
  return {
    config,
    orm: input.orm,
    logger,
    redis,
    tokens: createTokenService({ ...config.jwt, secret: input.jwtSecret }),
    authRateLimiter: redis
      ? redisRateLimiter(redis, max, windowSeconds)
      : memoryRateLimiter(max, windowSeconds),
    joinRateLimiter: redis
      ? redisRateLimiter(redis, config.joinRateLimit, windowSeconds, 'rl:join:')
      : memoryRateLimiter(config.joinRateLimit, windowSeconds),
    metrics: createMetrics(),
    interviews,
    jobs,
    realtime,
    signals,
    localWorker,
    async close() {
      stopSweeper();
      await localWorker?.close();
      await jobs.close();
      await signals.close();
    },
  };
}
