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
import { createInterviewDeps, type InterviewDeps } from '../interview/index.ts';
import { createMetrics, type Logger, type Metrics } from '../observability/index.ts';

/** Everything a request handler may use, built once per process and passed to createApp. */
export interface Services {
  config: Config;
  orm: Orm;
  tokens: TokenService;
  authRateLimiter: RateLimiter;
  logger: Logger;
  metrics: Metrics;
  redis?: Redis | undefined;
  /** the interview engine's ports */
  interviews: InterviewDeps;
}

export function createServices(input: {
  config: Config;
  orm: Orm;
  logger: Logger;
  jwtSecret: string;
  redis?: Redis | undefined;
}): Services {
  const { config, redis } = input;
  const { max, windowSeconds } = config.authRateLimit;
  return {
    config,
    orm: input.orm,
    logger: input.logger,
    redis,
    tokens: createTokenService({ ...config.jwt, secret: input.jwtSecret }),
    authRateLimiter: redis
      ? redisRateLimiter(redis, max, windowSeconds)
      : memoryRateLimiter(max, windowSeconds),
    metrics: createMetrics(),
    interviews: createInterviewDeps({ config, orm: input.orm, redis, logger: input.logger }),
  };
}
