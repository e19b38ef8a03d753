import { Redis } from 'ioredis';

/**
 * The one way the API and worker processes connect to Redis (live state, rate limits, turn
 * signals, Socket.IO events). Auto-pipelining sends the commands issued in one tick in one write:
 * a finished turn publishes two events and a signal back to back, and on a busy machine each
 * socket write is a measurable share of a turn. Duplicates (subscribers) inherit it.
 */
export function createRedis(url: string): Redis {
  return new Redis(url, { enableAutoPipelining: true });
}
