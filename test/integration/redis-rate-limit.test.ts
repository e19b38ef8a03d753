import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { redisRateLimiter } from '../../src/auth/index.ts';

const redis = new Redis(process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379');
afterAll(() => redis.quit());

describe('Redis rate limiter (shared by every API process)', () => {
  it('counts hits from two limiter instances against one window', async () => {
    const prefix = `test:rl:${randomBytes(6).toString('hex')}:`;
    const a = redisRateLimiter(redis, 3, 60, prefix);
    const b = redisRateLimiter(redis, 3, 60, prefix);
    const results = [await a.hit('ip'), await b.hit('ip'), await a.hit('ip'), await b.hit('ip')];
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results[3]!.retryAfterSeconds).toBeGreaterThan(0);
    expect(results[3]!.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect((await a.hit('other-ip')).allowed).toBe(true);
    const ttl = await redis.pttl(`${prefix}ip`);
    expect(ttl).toBeGreaterThan(0);
  });

  it('a window expires and the counter starts again', async () => {
    const prefix = `test:rl:${randomBytes(6).toString('hex')}:`;
    const limiter = redisRateLimiter(redis, 1, 1, prefix);
    expect((await limiter.hit('k')).allowed).toBe(true);
    expect((await limiter.hit('k')).allowed).toBe(false);
    await redis.pexpire(`${prefix}k`, 1); // end the window without sleeping
    await new Promise((r) => setTimeout(r, 5));
    expect((await limiter.hit('k')).allowed).toBe(true);
  });
});
