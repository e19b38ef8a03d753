import type { Redis } from 'ioredis';

export interface RateLimitResult {
  allowed: boolean;
  /** seconds until the window resets */
  retryAfterSeconds: number;
}

/** Fixed-window counter per key; in memory for one process, in Redis across processes. */
export interface RateLimiter {
  /** count one more for `key`, and say whether it is still within the limit */
  hit(key: string): Promise<RateLimitResult>;
  /** whether one more would be within the limit, counting nothing */
  peek(key: string): Promise<RateLimitResult>;
}

export function memoryRateLimiter(max: number, windowSeconds: number): RateLimiter {
  const windows = new Map<string, { count: number; resetAt: number }>();
  return {
    async hit(key) {
      const now = Date.now();
      let w = windows.get(key);
      if (!w || w.resetAt <= now) {
        w = { count: 0, resetAt: now + windowSeconds * 1000 };
        windows.set(key, w);
        if (windows.size > 100_000) {
          for (const [k, v] of windows) if (v.resetAt <= now) windows.delete(k);
        }
      }
      w.count += 1;
      return { allowed: w.count <= max, retryAfterSeconds: Math.ceil((w.resetAt - now) / 1000) };
    },
    async peek(key) {
      const now = Date.now();
      const w = windows.get(key);
      if (!w || w.resetAt <= now) return { allowed: true, retryAfterSeconds: 0 };
      return { allowed: w.count < max, retryAfterSeconds: Math.ceil((w.resetAt - now) / 1000) };
    },
  };
}

export function redisRateLimiter(
  redis: Redis,
  max: number,
  windowSeconds: number,
  prefix = 'rl:',
): RateLimiter {
  return {
    async hit(key) {
      const k = prefix + key;
      const [[, count], [, ttl]] = (await redis.multi().incr(k).pttl(k).exec()) as [
        [null, number],
        [null, number],
      ];
      if (ttl < 0) await redis.pexpire(k, windowSeconds * 1000);
      const retry = ttl > 0 ? Math.ceil(ttl / 1000) : windowSeconds;
      return { allowed: count <= max, retryAfterSeconds: retry };
    },
    async peek(key) {
      const k = prefix + key;
      const [[, count], [, ttl]] = (await redis.multi().get(k).pttl(k).exec()) as [
        [null, string | null],
        [null, number],
      ];
      return { allowed: Number(count ?? 0) < max, retryAfterSeconds: ttl > 0 ? Math.ceil(ttl / 1000) : 0 };
    },
  };
}
