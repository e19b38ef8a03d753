import { createMiddleware } from 'hono/factory';
import { AppError } from '../../errors/index.ts';
import type { AppEnv } from '../env.ts';
import { clientIp } from './client-ip.ts';

/** Limits a sensitive route (login, sign-up) per client address with the auth rate limiter. */
export function rateLimit(bucket: string) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const services = c.get('services');
    const ip = clientIp(c, services.config.trustProxy);
    const result = await services.authRateLimiter.hit(`${bucket}:${ip}`);
    if (!result.allowed) {
      throw new AppError('rate_limited', 'Too many attempts; try again later', {
        retryAfterSeconds: result.retryAfterSeconds,
      });
    }
    await next();
  });
}
