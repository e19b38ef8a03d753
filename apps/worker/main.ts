import { ConfigError, loadConfig } from '../../src/config/index.ts';
import { createOrm, createRedis, deriveAppUrl, logRedisHealth } from '../../src/db/index.ts';
import { warmUpEvaluator } from '../../src/evaluation/index.ts';
import { createLogger, onShutdownSignal } from '../../src/observability/index.ts';
import { bundledManifests } from '../../src/plugins/index.ts';
import { redisEmitter } from '../../src/realtime/index.ts';
import { composeRuntime } from '../../src/runtime/index.ts';

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
      ...(config.jwt.secret ? [] : ['JWT_SECRET: required (links in mail are derived from it)']),
    ];
    if (missing.length) throw new ConfigError(missing);
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(1);
  }
  const logger = createLogger(config.logLevel).child({ process: 'worker' });
  const orm = await createOrm(deriveAppUrl(config.databaseUrl!, config.databaseAppUrl), {
    poolMax: config.databasePoolMax,
    preparedStatements: config.databasePreparedStatements,
  });
  const redis = createRedis(config.redisUrl!, logRedisHealth(logger));
  // before the first job: a fresh process evaluates its first long answers several times slower
  logger.info({ ms: Math.round(warmUpEvaluator(await bundledManifests(orm))) }, 'evaluator warmed up');
  const runtime = await composeRuntime({
    config,
    orm,
    redis,
    logger,
    events: redisEmitter(redis),
    role: 'worker',
  });
  logger.info({ concurrency: config.workerConcurrency }, 'worker ready');
  console.log(`AI Interviewer worker ready (concurrency ${config.workerConcurrency})`);

  onShutdownSignal(logger, 'worker stopped', () => [
    ['jobs, sweeper and queues', () => runtime.close()], // finishes the jobs in hand, takes no new ones
    ['redis', () => redis.quit()],
    ['database pool', () => orm.close()],
  ]);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
