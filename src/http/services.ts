import type { Redis } from 'ioredis';
import type { AtsRuntime } from '../ats/index.ts';
import {
  createTokenService,
  memoryRateLimiter,
  type RateLimiter,
  redisRateLimiter,
  type TokenService,
} from '../auth/index.ts';
import type { Config } from '../config/index.ts';
import type { Orm } from '../db/index.ts';
import type { InterviewDeps } from '../interview/index.ts';
import type { JobQueue } from '../jobs/index.ts';
import type { MailRuntime } from '../notifications/index.ts';
import { createMetrics, type Logger, type Metrics } from '../observability/index.ts';
import { type RealtimeEmitter, switchableEmitter, type TurnSignals } from '../realtime/index.ts';
import { type BillingRuntime, composeRuntime, type ProcessRole } from '../runtime/index.ts';

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
  /** Stripe and the billing settings; undefined with billing off */
  billing: BillingRuntime | undefined;
  /** mail: SMTP or the outbox, the link key, the reminder setting */
  mail: MailRuntime;
  /** the ATS adapters: credentials keyring, ATS API addresses, outbound call settings */
  ats: AtsRuntime;
  /** password-reset requests per email address per hour */
  passwordResetLimiter: RateLimiter;
  jobs: JobQueue;
  /** set once the Socket.IO server is attached to the HTTP server */
  realtime: RealtimeEmitter & { target: RealtimeEmitter };
  signals: TurnSignals;
  close(): Promise<void>;
}

/**
 * The API process's services on its runtime (src/runtime): with Redis the API only enqueues and
 * workers run the jobs; without Redis everything, the jobs too, runs in this process. The test
 * harness asks for `api+worker` to run both in one process.
 */
export async function createServices(input: {
  config: Config;
  orm: Orm;
  logger: Logger;
  jwtSecret: string;
  redis?: Redis | undefined;
  role?: ProcessRole;
}): Promise<Services> {
  const { config, redis, logger } = input;
  const { max, windowSeconds } = config.authRateLimit;
  const realtime = switchableEmitter();
  const metrics = createMetrics();
  const runtime = await composeRuntime({
    config,
    orm: input.orm,
    redis,
    logger,
    events: realtime,
    role: input.role ?? 'api',
    metrics,
    jwtSecret: input.jwtSecret,
  });
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
    metrics,
    interviews: runtime.interviews,
    billing: runtime.billing,
    mail: runtime.mail,
    ats: runtime.ats,
    passwordResetLimiter: redis
      ? redisRateLimiter(redis, config.mail.passwordResetRateLimit, 3600, 'rl:reset:')
      : memoryRateLimiter(config.mail.passwordResetRateLimit, 3600),
    jobs: runtime.jobs,
    realtime,
    signals: runtime.signals,
    close: () => runtime.close(),
  };
}
