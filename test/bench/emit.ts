/**
 * Section `emit`: emit-to-client latency of live events, in-memory adapter next to Redis adapter.
 *
 * Both use the product's own server: createApp(services) on an HTTP server with attachRealtime
 * (the staff/candidate authorizer apps/api/main.ts uses). Each has one socket.io-client
 * (websocket transport) that authenticates with a real staff token and joins an interview's staff
 * room (`join`). Events are `interview.evaluated` payloads carrying their send time:
 * - in-memory: no Redis adapter, emitted in the same process through the server's emitter
 *   (socketEmitter: the embedded default, where the API runs the jobs itself);
 * - Redis: the server runs the Redis adapter and the event goes through @socket.io/redis-emitter
 *   (redisEmitter: what the worker process uses), i.e. Redis pub/sub, then the adapter.
 * Sender and clients share this process, hence the clock. Events go out at a steady EMIT_RATE,
 * to one path at a time, alternating every second, so all are measured over the same
 * stretch of time and a passing disturbance of the machine hits them alike. A third path, taking
 * its turn the same way, is the floor of the Redis one: a bare publish heard by a subscriber.
 */
import type { Server as HttpServer } from 'node:http';
import { io } from 'socket.io-client';
import { createApp } from '../../src/http/index.ts';
import {
  attachRealtime,
  candidateAuthorizer,
  type RealtimeEmitter,
  redisEmitter,
  SOCKET_PATH,
  staffAuthorizer,
} from '../../src/realtime/index.ts';
import {
  type BenchEnv,
  done,
  listen,
  percentile,
  progress,
  type Row,
  SECONDS,
  type SectionResult,
  say,
  sleep,
  startInterview,
} from './lib.ts';

export const EMIT_RATE = 200;
/** measured seconds per path, whole (the three paths take turns by the second: the phase lasts 3× this) */
const EMIT_SECONDS = Math.max(3, Math.ceil(SECONDS / 2));
const EMIT_WARMUP_SECONDS = 1;
/** events in a row to one path before switching to the other (a second) */
const BLOCK = EMIT_RATE;
/** how long to wait for the last events after the sending stops */
const DRAIN_MS = 1_000;

const now = () => performance.timeOrigin + performance.now();

type Mode = 'in-memory' | 'redis';

interface Path {
  emit(sentAt: number): void;
  sent: number;
  latencies: number[];
  close(): Promise<void>;
}

/** An `interview.evaluated` payload as the product sends it, plus the send time. */
const eventPayload = (interviewId: string, sentAt: number) => ({
  interviewId,
  turn: 1,
  score: 3,
  summary: 'Clear structure, a concrete example and a measurable outcome.',
  evaluator: 'builtin',
  unscorable: null,
  sentAt,
});

/** A server for one path, its client connected and joined, and how to emit to it. */
async function openPath(env: BenchEnv, mode: Mode, interviewId: string, measuring: () => boolean) {
  const { port, server } = await listen(createApp(env.services).fetch);
  const realtime = await attachRealtime({
    httpServer: server as unknown as HttpServer,
    orm: env.orm,
    authorizer: staffAuthorizer(env.orm, env.services.tokens, candidateAuthorizer(env.services.tokens)),
    redis: mode === 'redis' ? env.redis : undefined,
    recheckMs: env.config.socketRecheckMs,
  });
  const publisher = mode === 'redis' ? env.redis.duplicate() : undefined;
  const emitter: RealtimeEmitter = publisher ? redisEmitter(publisher) : realtime.emitter;
  const socket = io(`http://127.0.0.1:${port}`, {
    path: SOCKET_PATH,
    transports: ['websocket'],
    auth: { token: env.bench.token },
    forceNew: true,
    reconnection: false,
  });
  const path: Path = {
    sent: 0,
    latencies: [],
    emit(sentAt) {
      if (measuring()) path.sent++;
      emitter.emit(env.bench.tenantId, 'interview.evaluated', eventPayload(interviewId, sentAt));
    },
    async close() {
      socket.close();
      await publisher?.quit();
      await realtime.close(); // closes the HTTP server too
    },
  };
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const joined = await socket.timeout(5_000).emitWithAck('join', { interviewId });
    if (!(joined as { ok?: boolean }).ok) throw new Error(`join: ${JSON.stringify(joined)}`);
    socket.on('interview.evaluated', (payload: { sentAt: number }) => {
      const ms = now() - payload.sentAt;
      if (measuring()) path.latencies.push(ms);
    });
  } catch (err) {
    await path.close();
    throw err;
  }
  return path;
}

/**
 * The floor of the Redis path: the same event payload, as JSON, published on one ioredis
 * connection and heard on a subscribed one in this process, with no Socket.IO, no msgpack and no
 * adapter: the hop through Redis alone, which the product's Redis path cannot undercut.
 */
async function openRedisHop(env: BenchEnv, interviewId: string, measuring: () => boolean): Promise<Path> {
  const publisher = env.redis.duplicate();
  const subscriber = env.redis.duplicate();
  const channel = `bench:emit-floor:${crypto.randomUUID()}`;
  const path: Path = {
    sent: 0,
    latencies: [],
    emit(sentAt) {
      if (measuring()) path.sent++;
      void publisher.publish(channel, JSON.stringify(eventPayload(interviewId, sentAt)));
    },
    async close() {
      await subscriber.quit();
      await publisher.quit();
    },
  };
  subscriber.on('message', (_channel, message: string) => {
    const ms = now() - (JSON.parse(message) as { sentAt: number }).sentAt;
    if (measuring()) path.latencies.push(ms);
  });
  try {
    await subscriber.subscribe(channel);
  } catch (err) {
    await path.close();
    throw err;
  }
  return path;
}

/** Send `seconds` × EMIT_RATE events at a steady rate, alternating paths every BLOCK events. */
async function run(paths: Path[], seconds: number, label: string) {
  const total = Math.round(seconds * EMIT_RATE) * paths.length;
  const startedAt = performance.now();
  let count = 0;
  const sendDue = () => {
    const due = Math.min(total, Math.floor(((performance.now() - startedAt) / 1000) * EMIT_RATE));
    for (; count < due; count++) paths[Math.floor(count / BLOCK) % paths.length]!.emit(now());
  };
  const timer = setInterval(sendDue, 5);
  while (count < total) {
    await sleep(500);
    progress(`${label}: ${count}/${total} events sent`);
  }
  clearInterval(timer);
  done();
}

export async function benchEmit(env: BenchEnv): Promise<SectionResult> {
  const section = 'emit';
  const interview = await startInterview(env.api, env.bench.token, 0);
  say(
    `Phase: emit-to-client latency, in-memory adapter, Redis adapter + redis-emitter, and the bare Redis hop ` +
      `(${EMIT_RATE}/s, alternating every ${BLOCK} events, ${EMIT_SECONDS}s each, one client per server)`,
  );
  let measuring = false;
  const memory = await openPath(env, 'in-memory', interview.id, () => measuring);
  try {
    const redis = await openPath(env, 'redis', interview.id, () => measuring);
    const hop = await openRedisHop(env, interview.id, () => measuring).catch(async (err) => {
      await redis.close();
      throw err;
    });
    try {
      await run([memory, redis, hop], EMIT_WARMUP_SECONDS, 'warm-up');
      await sleep(DRAIN_MS);
      measuring = true;
      await run([memory, redis, hop], EMIT_SECONDS, 'emit');
      await sleep(DRAIN_MS);
      measuring = false;
    } finally {
      await hop.close();
      await redis.close();
    }
    const row = (run: string, p: Path): Row => {
      const sorted = [...p.latencies].sort((a, b) => a - b);
      return {
        section,
        run,
        count: p.latencies.length,
        perSecond: EMIT_RATE,
        p50: percentile(sorted, 0.5),
        p99: percentile(sorted, 0.99),
      };
    };
    const a = row('emit → client, in-memory adapter', memory);
    const b = row('emit → client, Redis adapter + redis-emitter', redis);
    const floor = row('floor: Redis publish → subscriber, no Socket.IO', hop);
    const diff = b.p99! - a.p99!;
    const complete = [memory, redis, hop].every((p) => p.latencies.length === p.sent);
    return {
      rows: [a, b, floor],
      notes: [
        `events received/sent: in-memory ${memory.latencies.length}/${memory.sent}, ` +
          `Redis ${redis.latencies.length}/${redis.sent}, Redis hop ${hop.latencies.length}/${hop.sent}`,
        `emit floor: the Redis hop alone (publish → subscriber in one process) has a p99 of ${floor.p99!.toFixed(2)} ms, ` +
          `already ${(floor.p99! - a.p99!).toFixed(2)} ms above the in-memory path's ${a.p99!.toFixed(2)} ms ` +
          '(the budget is 2 ms) before Socket.IO, msgpack and the adapter do anything',
      ],
      targets: [
        {
          label: 'emit-to-client p99, Redis adapter − in-memory',
          measured: `${diff >= 0 ? '+' : ''}${diff.toFixed(2)} ms${complete ? '' : ' (events lost)'}`,
          target: '<= 2 ms',
          ok: diff <= 2 && complete,
        },
      ],
    };
  } finally {
    await memory.close();
  }
}
