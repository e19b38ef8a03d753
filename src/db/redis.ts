import { Redis, type RedisOptions } from 'ioredis';

/**
 * How long a command may wait for Redis. A request must not hang while Redis is away: on a lost
 * connection a command fails at once, and on a silent server after this long; the request then
 * answers `503 unavailable` (see `toAppError`).
 */
export const REDIS_COMMAND_TIMEOUT_MS = 2_000;

/** Told once when a connection is lost (with the error) and once when it is back. */
export type RedisHealthListener = (event: 'lost' | 'restored', err?: Error) => void;

/**
 * The one way the API and worker processes connect to Redis (live state, rate limits, turn
 * signals, Socket.IO events). No auto-pipelining: it holds every command until setImmediate,
 * behind pending I/O, which lengthened the emit-to-client tail (p99 +0.4 ms) and, measured
 * side by side, did not make evaluation jobs faster. BullMQ's own connections are set up in
 * src/jobs/bullmq.ts (a worker's must never give up). Duplicates (pub/sub) report to the same
 * listener: a client without an 'error' listener prints every failed reconnect.
 */
export function createRedis(url: string, onHealth: RedisHealthListener = () => {}): Redis {
  const watch = (client: Redis) => {
    let healthy = true;
    client.on('error', (err: Error) => {
      if (healthy) onHealth('lost', err);
      healthy = false;
    });
    client.on('ready', () => {
      if (!healthy) onHealth('restored');
      healthy = true;
      // Once connected, a command while the connection is down fails at once instead of waiting
      // for the next reconnect attempt (up to 2 s each, several per request). Before the first
      // connection commands still queue, so start-up needs no wait for Redis.
      client.options.enableOfflineQueue = false;
    });
    const duplicate = client.duplicate.bind(client);
    // a duplicate queues its commands until its own first connection, like the original did
    client.duplicate = (override?: Partial<RedisOptions>) =>
      watch(duplicate({ enableOfflineQueue: true, ...override }));
    return client;
  };
  return watch(
    new Redis(url, {
      maxRetriesPerRequest: 1,
      commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
      connectTimeout: REDIS_COMMAND_TIMEOUT_MS,
    }),
  );
}

/** The health listener of the API and worker processes: one log line per outage and recovery. */
export const logRedisHealth =
  (logger: { warn(obj: object, msg: string): void; info(msg: string): void }): RedisHealthListener =>
  (event, err) =>
    event === 'lost'
      ? logger.warn({ err }, 'redis connection lost')
      : logger.info('redis connection restored');
