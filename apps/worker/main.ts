import { ConfigError, loadConfig } from '../../src/config/index.ts';
import { createOrm, createRedis, deriveAppUrl } from '../../src/db/index.ts';
import { warmUpEvaluator } from '../../src/evaluation/index.ts';
import { createInterviewDeps, registerInterviewJobs, startSweeper } from '../../src/interview/index.ts';
import { bullmqQueue, bullmqWorker } from '../../src/jobs/index.ts';
import { createLogger, onShutdownSignal } from '../../src/observability/index.ts';
import { redisEmitter, redisTurnSignals } from '../../src/realtime/index.ts';
import { registerWebhookJobs } from '../../src/webhooks/index.ts';

/**
 * The worker process: consumes the BullMQ queues (evaluation, reports, webhooks) and pushes live
 * events to every API process through Redis. The embedded default has no worker: the API runs
 * its jobs itself.
 */
async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
    const missing = [
      ...(config.redisUrl ? [] : ['REDIS_URL: required (without Redis the API runs jobs itself)']),
      ...(config.databaseUrl ? [] : ['DATABASE_URL: required']),
    ];
    if (missing.length) throw new ConfigError(missing);
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(1);
  }
  const logger = createLogger(config.logLevel).child({ process: 'worker' });
  const orm = await createOrm(deriveAppUrl(config.databaseUrl!, config.databaseAppUrl), {
    poolMax: config.databasePoolMax,
  });
  const redis = createRedis(config.redisUrl!);
  const jobs = bullmqQueue(config.redisUrl!);
  const signals = await redisTurnSignals(redis);
  const deps = createInterviewDeps({
    config,
    orm,
    redis,
    logger,
    jobs,
    events: redisEmitter(redis),
    signals,
  });
  const worker = bullmqWorker(config.redisUrl!, {
    concurrency: config.workerConcurrency,
    lockMs: config.jobLockMs,
  });
  registerInterviewJobs(worker, deps);
  // before the first job: a fresh process evaluates its first long answers several times slower
  logger.info({ ms: Math.round(warmUpEvaluator()) }, 'evaluator warmed up');
  registerWebhookJobs(worker, { orm, jobs, settings: config.webhooks, logger });
  await worker.start();
  const stopSweeper = startSweeper(orm, jobs, logger);
  logger.info({ concurrency: config.workerConcurrency }, 'worker ready');
  console.log(`AI Interviewer worker ready (concurrency ${config.workerConcurrency})`);

  onShutdownSignal(logger, 'worker stopped', () => [
    ['sweeper', async () => stopSweeper()],
    ['jobs in hand', () => worker.close()], // finishes the jobs in hand, takes no new ones
    ['queues', () => jobs.close()],
    ['turn signals', () => signals.close()],
    ['redis', () => redis.quit()],
    ['database pool', () => orm.close()],
  ]);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
