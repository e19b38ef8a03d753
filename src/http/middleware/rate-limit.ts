import { createMiddleware } from 'hono/factory';
import { AppError } from '../../errors/index.ts';
import type { AppEnv } from '../env.ts';
import { clientIp } from './client-ip.ts';

/** Limits a sensitive route per client address: sign-in and sign-up, or the public join routes. */
export function rateLimit(
  bucket: string,
  limiter: 'authRateLimiter' | 'joinRateLimiter' = 'authRateLimiter',
) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const services = c.get('services');
    const ip = clientIp(c, services.config.trustProxy);
    const result = await services[limiter].hit(`${bucket}:${ip}`);
    if (!result.allowed) {
      throw new AppError('rate_limited', 'Too many attempts; try again later', {
        retryAfterSeconds: result.retryAfterSeconds,
      });
    }
    await next();
  });
}
