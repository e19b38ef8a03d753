import type { Redis } from 'ioredis';
import type Stripe from 'stripe';
import { type AtsRuntime, atsOutcomes, atsRuntime, registerAtsJobs, startAtsSweeper } from '../ats/index.ts';
import {
  type BillingSettings,
  cancelTenantSubscription,
  createStripe,
  handleMeterUsage,
  meterUsageJob,
  reconcileUsage,
} from '../billing/index.ts';
import { startComplianceSweeper } from '../compliance/index.ts';
import type { Config } from '../config/index.ts';
import type { Orm } from '../db/index.ts';
import {
  createInterviewDeps,
  type InterviewDeps,
  registerInterviewJobs,
  startSweeper,
  sweepWhenRedisReturns,
} from '../interview/index.ts';
import { bullmqQueue, bullmqWorker, inProcessJobs, type JobQueue, type JobWorker } from '../jobs/index.ts';
import { type MailRuntime, mailRuntime, registerMailJobs, startMailSweeper } from '../notifications/index.ts';
import { type Logger, type Metrics, onceEvery } from '../observability/index.ts';
import {
  inProcessTurnSignals,
  type RealtimeEmitter,
  redisTurnSignals,
  type TurnSignals,
} from '../realtime/index.ts';
import { registerWebhookJobs } from '../webhooks/index.ts';

/** Billing's adapters, when STRIPE_SECRET_KEY is set. */
export interface BillingRuntime {
  settings: BillingSettings;
  stripe: Stripe;
  webhookSecret: string;
  meterEventName: string;
}

/** One Stripe client per process, or none with billing off. */
export function billingRuntime(config: Config): BillingRuntime | undefined {
  const b = config.billing;
  if (!b) return undefined;
  return {
    settings: { trialDays: b.trialDays, pastDueGraceDays: b.pastDueGraceDays },
    stripe: createStripe({ secretKey: b.secretKey, apiUrl: b.apiUrl }),
    webhookSecret: b.webhookSecret,
    meterEventName: b.meterEventName,
  };
}

/** The adapters one process runs on, and the jobs it consumes. */
export interface Runtime {
  jobs: JobQueue;
  signals: TurnSignals;
  /** the interview engine's ports */
  interviews: InterviewDeps;
  billing: BillingRuntime | undefined;
  /** mail: SMTP or the outbox, and the key that makes mailed links again */
  mail: MailRuntime;
  /** the ATS adapters: the credentials keyring, the ATS API addresses, outbound call settings */
  ats: AtsRuntime;
  /** the job consumer of this process: undefined when it only enqueues (the API with Redis) */
  worker: JobWorker | undefined;
  close(): Promise<void>;
}

/** Every job of the platform, registered with a consumer: the one list of what workers run. */
export function registerJobs(
  worker: JobWorker,
  deps: {
    interviews: InterviewDeps;
    orm: Orm;
    jobs: JobQueue;
    config: Config;
    logger: Logger;
    billing: BillingRuntime | undefined;
    mail: MailRuntime;
    ats: AtsRuntime;
  },
): void {
  registerInterviewJobs(worker, deps.interviews);
  if (deps.billing)
    worker.register(
      meterUsageJob,
      handleMeterUsage({
        orm: deps.orm,
        stripe: deps.billing.stripe,
        meterEventName: deps.billing.meterEventName,
        logger: deps.logger,
      }),
    );
  registerWebhookJobs(worker, {
    orm: deps.orm,
    jobs: deps.jobs,
    settings: deps.config.webhooks,
    logger: deps.logger,
  });
  registerMailJobs(worker, { orm: deps.orm, jobs: deps.jobs, mail: deps.mail, logger: deps.logger });
  registerAtsJobs(worker, { orm: deps.orm, jobs: deps.jobs, ats: deps.ats, logger: deps.logger });
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
  /** the process's metrics (the compliance sweeper counts what it erases and deletes) */
  metrics?: Metrics | undefined;
  /** the signing secret (JWT_SECRET, or the embedded default's): mailed links are derived from it */
  jwtSecret?: string | undefined;
}): Promise<Runtime> {
  const { config, orm, redis, logger } = input;
  let jobs: JobQueue;
  let worker: JobWorker | undefined;
  let signals: TurnSignals;
  if (redis && config.redisUrl) {
    // one line per outage and queue, not one per reconnect attempt
    const onQueueError = onceEvery(10_000, (err: Error) =>
      logger.warn({ err }, 'job queue connection error'),
    );
    jobs = bullmqQueue(config.redisUrl, onQueueError);
    // the API waits for turns, so it listens; a worker only signals them
    signals = await redisTurnSignals(redis, input.role === 'worker' ? undefined : redis.duplicate());
    worker =
      input.role === 'api'
        ? undefined
        : bullmqWorker(config.redisUrl, {
            concurrency: config.workerConcurrency,
            lockMs: config.jobLockMs,
            onError: onQueueError,
          });
  } else {
    const local = inProcessJobs((err, job) => logger.warn({ err, job }, 'job failed'));
    jobs = local.queue;
    worker = local.worker;
    signals = inProcessTurnSignals();
  }
  const interviews = createInterviewDeps({
    config,
    orm,
    redis,
    logger,
    jobs,
    events: input.events,
    signals,
    metrics: input.metrics,
  });
  const billing = billingRuntime(config);
  const signingSecret = input.jwtSecret ?? config.jwt.secret;
  if (!signingSecret) throw new Error('JWT_SECRET is required: mailed links are derived from it');
  const mail = mailRuntime(config, signingSecret);
  const ats = atsRuntime(config, signingSecret);
  interviews.outcomes = atsOutcomes(jobs);
  let stopMailSweeper = () => {};
  let stopAtsSweeper = () => {};
  let stopSweeper = () => {};
  let stopReconciling = () => {};
  let stopCompliance = async () => {};
  if (worker) {
    registerJobs(worker, { interviews, orm, jobs, config, logger, billing, mail, ats });
    await worker.start();
    const stopPeriodic = startSweeper(orm, jobs, logger);
    const stopOnReturn = redis ? sweepWhenRedisReturns(redis, orm, jobs, logger) : () => {};
    stopSweeper = () => {
      stopPeriodic();
      stopOnReturn();
    };
    if (billing) stopReconciling = startUsageReconciliation(orm, jobs, logger);
    stopMailSweeper = startMailSweeper(orm, jobs, logger);
    stopAtsSweeper = startAtsSweeper(orm, jobs, logger);
    stopCompliance = startComplianceSweeper({
      orm,
      sessions: interviews.sessions,
      events: input.events,
      redis,
      redisUrl: redis ? config.redisUrl : undefined,
      cancelSubscription: billing && ((tenantId) => cancelTenantSubscription(orm, billing.stripe, tenantId)),
      logger,
      metrics: input.metrics,
    });
  }
  return {
    jobs,
    signals,
    interviews,
    billing,
    mail,
    ats,
    worker,
    async close() {
      stopSweeper();
      stopMailSweeper();
      stopAtsSweeper();
      stopReconciling();
      await stopCompliance();
      await worker?.close(); // finishes the jobs in hand, takes no new ones
      await jobs.close();
      await signals.close();
      mail.transport.close();
    },
  };
}

/** Every few minutes: usage recorded and not reported to Stripe is sent again. */
function startUsageReconciliation(
  orm: Orm,
  jobs: JobQueue,
  logger: Logger,
  intervalMs = 300_000,
): () => void {
  const timer = setInterval(() => {
    reconcileUsage(orm, jobs).then(
      (n) => n > 0 && logger.warn({ resent: n }, 'unreported usage sent to Stripe again'),
      (err) => logger.error({ err }, 'usage reconciliation failed'),
    );
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
