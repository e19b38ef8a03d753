/**
 * Shared by the sections of `npm run bench`: settings, progress on stderr, the load loop,
 * percentiles, child processes, and the bench environment (its own database with migrations and
 * the bundled plugins, the API with Socket.IO on the Redis adapter in this process, the worker in
 * its own, two tenants).
 */
import { type ChildProcessByStdio, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { type ServerType, serve } from '@hono/node-server';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { type Config, loadConfig } from '../../src/config/index.ts';
import { createOrm, createRedis, deriveAppUrl, migrate, type Orm } from '../../src/db/index.ts';
import { createApp, createServices, type Services } from '../../src/http/index.ts';
import { BULLMQ_PREFIX, bullmqConnection, QUEUES } from '../../src/jobs/index.ts';
import { createLogger } from '../../src/observability/index.ts';
import { syncBundledPlugins } from '../../src/plugins/index.ts';
import {
  attachRealtime,
  candidateAuthorizer,
  type RealtimeServer,
  type SocketAuthorizer,
  staffAuthorizer,
} from '../../src/realtime/index.ts';
import { type BareKind, goldenInputs } from './floors.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const ADMIN_URL = process.env['BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env['BENCH_REDIS_URL'] ?? 'redis://127.0.0.1:6379/8';
export const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 15);
export const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 32);
export const WARMUP_SECONDS = 6;
/** the API's database pool, and the baseline's */
export const POOL = 20;
/** the product worker's job concurrency in the bench (and the bare workers') */
export const WORKER_CONCURRENCY = 16;
/** BullMQ's key prefix in the product (src/jobs/bullmq.ts) */
export const BULL_PREFIX = BULLMQ_PREFIX;

// ---------------------------------------------------------------------------------------------
// Results

/** One line of the results table. */
export interface Row {
  section: string;
  run: string;
  count: number;
  perSecond?: number | undefined;
  p50?: number | undefined;
  p99?: number | undefined;
}

/** A target of the issue, checked against a baseline measured in the same run. */
export interface Target {
  label: string;
  /** the measured figure, e.g. "0.42x" or "+0.8 ms" */
  measured: string;
  target: string;
  ok: boolean;
}

export interface SectionResult {
  rows: Row[];
  targets: Target[];
  notes: string[];
}

// ---------------------------------------------------------------------------------------------
// Progress and measurement

/** A line on stderr (phase titles, notes while running). */
export const say = (msg: string) => process.stderr.write(`${msg}\n`);
/** A progress line on stderr, rewritten in place; end it with `done()`. */
export const progress = (msg: string) => process.stderr.write(`\r  ${msg}    `);
export const done = () => process.stderr.write('\n');

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

export interface Phase {
  latencies: number[];
  count: number;
  seconds: number;
}

/** Run `op` from CONCURRENCY loops for SECONDS after a warm-up, with a progress line. */
export async function load(
  label: string,
  op: (worker: number) => Promise<number | undefined>,
  extra: () => string = () => '',
): Promise<Phase> {
  const latencies: number[] = [];
  let measuring = false;
  let stop = false;
  const workers = Array.from({ length: CONCURRENCY }, async (_, i) => {
    while (!stop) {
      const ms = await op(i);
      if (measuring && ms !== undefined) latencies.push(ms);
    }
  });
  let failed: unknown;
  const guard = Promise.all(workers).catch((err) => {
    failed = err;
    stop = true;
  });
  for (let s = 1; s <= WARMUP_SECONDS && !stop; s++) {
    await sleep(1000);
    progress(`${label}: warm-up ${s}/${WARMUP_SECONDS}s`);
  }
  measuring = true;
  const startedAt = performance.now();
  for (let s = 1; s <= SECONDS && !stop; s++) {
    await sleep(1000);
    progress(`${label}: ${s}/${SECONDS}s, ${latencies.length} requests${extra()}`);
  }
  measuring = false;
  const seconds = (performance.now() - startedAt) / 1000;
  stop = true;
  await guard;
  done();
  if (failed) throw failed;
  return { latencies: [...latencies].sort((a, b) => a - b), count: latencies.length, seconds };
}

export const phaseRow = (section: string, run: string, p: Phase): Row => ({
  section,
  run,
  count: p.count,
  perSecond: p.count / p.seconds,
  p50: percentile(p.latencies, 0.5),
  p99: percentile(p.latencies, 0.99),
});

export async function timed(fn: () => Promise<Response>): Promise<{ ms: number; res: Response }> {
  const t = performance.now();
  const res = await fn();
  return { ms: performance.now() - t, res };
}

/** `fn` over `count` items from `concurrency` loops, with a progress line. */
export async function forEach(
  label: string,
  count: number,
  concurrency: number,
  fn: (i: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  let finished = 0;
  const tick = setInterval(() => progress(`${label}: ${finished}/${count}`), 250);
  try {
    await Promise.all(
      Array.from({ length: Math.min(concurrency, count) }, async () => {
        while (next < count) {
          await fn(next++);
          finished++;
        }
      }),
    );
  } finally {
    clearInterval(tick);
  }
  progress(`${label}: ${finished}/${count}`);
  done();
}

export function listen(fetchHandler: (req: Request) => Response | Promise<Response>) {
  return new Promise<{ port: number; server: ServerType }>((resolve) => {
    const server = serve({ fetch: fetchHandler, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve({ port: info.port, server }),
    );
  });
}

/** The open-files limit of this process (children inherit it). */
export function fdLimit(): number {
  const out = execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim();
  return out === 'unlimited' ? Number.POSITIVE_INFINITY : Number(out);
}

// ---------------------------------------------------------------------------------------------
// Child processes

export interface Child {
  proc: ChildProcessByStdio<null, Readable, null>;
  /** every stdout line after the ready line goes here */
  onLine: (fn: (line: string) => void) => void;
  /** SIGTERM, and wait for the exit */
  stop(): Promise<void>;
}

/**
 * `node --import tsx <script>` in the repository root with only `env` (and PATH), resolved once a
 * stdout line contains `readyText`. Lines before it may be shown through `onEarlyLine`.
 */
export async function spawnNode(
  script: string,
  env: Record<string, string>,
  readyText: string,
  options: { nodeArgs?: string[]; onEarlyLine?: (line: string) => void } = {},
): Promise<Child> {
  const proc = spawn('node', [...(options.nodeArgs ?? []), '--import', 'tsx', script], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const listeners: ((line: string) => void)[] = [];
  let ready = false;
  // 'close': exited and its stdout drained (its last lines read)
  const exited = new Promise<void>((r) => proc.once('close', () => r()));
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: proc.stdout }).on('line', (line) => {
      if (!ready && line.includes(readyText)) {
        ready = true;
        resolve();
      } else if (!ready) {
        options.onEarlyLine?.(line);
      } else {
        for (const fn of listeners) fn(line);
      }
    });
    proc.once('exit', (code) => {
      if (!ready) reject(new Error(`${script} exited with ${code} before it was ready`));
    });
  });
  return {
    proc,
    onLine: (fn) => listeners.push(fn),
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      await exited;
    },
  };
}

/** BullMQ connection options as the product builds them. */
export const bullConnection = bullmqConnection;

/** A BullMQ worker process with the product's worker options, on `queue`, running a floor handler. */
export const spawnBareWorker = (env: BenchEnv, kind: BareKind, queue: string) =>
  spawnNode(
    'test/bench/bare-worker.ts',
    {
      BARE_KIND: kind,
      BARE_QUEUE: queue,
      BARE_DATABASE_URL: env.appUrl,
      BARE_REDIS_URL: REDIS_URL,
      WORKER_CONCURRENCY: String(WORKER_CONCURRENCY),
      JOB_LOCK_MS: String(env.config.jobLockMs),
    },
    'bare worker ready',
  );

/** A producer on one of the bench's queues (the product's prefix and producer connection). */
export const benchQueue = (name: string) =>
  new Queue(name, { connection: bullConnection(REDIS_URL, false), prefix: BULL_PREFIX });

/** Remove a bench-only queue and everything in it, then close it; never throws. */
export async function disposeQueue(queue: Queue): Promise<void> {
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close().catch(() => undefined);
}

// ---------------------------------------------------------------------------------------------
// The bench environment

export interface Tenant {
  tenantId: string;
  /** an owner's access token (staff) */
  token: string;
}

export interface BenchEnv {
  config: Config;
  orm: Orm;
  redis: Redis;
  services: Services;
  jwtSecret: string;
  ownerUrl: string;
  appUrl: string;
  /** the API (createApp + Socket.IO with the Redis adapter), as `npm start` runs it */
  apiPort: number;
  /** `http://127.0.0.1:<port>/api/v1` */
  api: string;
  realtime: RealtimeServer;
  /** how many times sockets' credentials were checked (handshakes and the periodic re-check) */
  socketAuthCount: () => number;
  /** the tenant whose interviews the load runs */
  bench: Tenant;
  /** another tenant (idle sockets: they hear nothing of the bench tenant's traffic) */
  other: Tenant;
  /** the bundled golden answers, strong to weak */
  answers: string[];
  worker: Child;
  /**
   * Wait (up to a minute) until no autovacuum worker runs and the worker has no job left: after a
   * load phase PostgreSQL vacuums and analyses what it wrote and the worker finishes summaries and
   * reports, and that background work would land in the next section's figures.
   * Returns how long it waited, in seconds.
   */
  settle(): Promise<number>;
  close(): Promise<void>;
}

export async function signUp(api: string, name: string): Promise<Tenant> {
  const res = await fetch(`${api}/tenants`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name,
      slug: `bench-${randomBytes(4).toString('hex')}`,
      ownerEmail: 'bench@example.com',
      ownerPassword: 'benchmark password',
    }),
  });
  const body = (await res.json()) as { token: string; tenant: { id: string } };
  if (res.status !== 201) throw new Error(`sign-up ${res.status} ${JSON.stringify(body)}`);
  return { tenantId: body.tenant.id, token: body.token };
}

export const ROLES = ['backend-engineer', 'data-analyst', 'product-manager', 'frontend-engineer'];

/** POST /interview/start; returns the interview and the turn to answer. */
export async function startInterview(
  api: string,
  token: string,
  i: number,
  length?: number,
): Promise<{ id: string; turn: number }> {
  const res = await fetch(`${api}/interview/start`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      candidate: { name: `Candidate ${i}`, email: `c${i}-${randomBytes(4).toString('hex')}@example.com` },
      role: ROLES[i % ROLES.length],
      ...(length ? { length } : {}),
    }),
  });
  const body = (await res.json()) as { interviewId: string; state: { turn: number } };
  if (res.status !== 201) throw new Error(`start ${res.status} ${JSON.stringify(body)}`);
  return { id: body.interviewId, turn: body.state.turn };
}

/** Wraps an authorizer to count its calls (it decides exactly as the wrapped one). */
function counting(inner: SocketAuthorizer): SocketAuthorizer & { count: number } {
  return {
    count: 0,
    authenticate(token) {
      this.count++;
      return inner.authenticate(token);
    },
  };
}

/**
 * A fresh database (migrations, bundled plugins, a `bench_rows` table for the baseline), Redis db
 * flushed, the API with Socket.IO in this process as apps/api/main.ts builds it (Redis adapter),
 * the worker in its own process as `npm run worker` runs it, and two tenants.
 */
export async function createBenchEnv(): Promise<BenchEnv> {
  const jwtSecret = randomBytes(32).toString('hex');
  const redis = createRedis(REDIS_URL); // as apps/api/main.ts
  // BullMQ workers name their connections `aii:<queue>`: one on this db belongs to someone else
  // (another bench?). It would take this run's jobs, and flushing would break its run.
  const db = Number(new URL(REDIS_URL).pathname.slice(1) || 0);
  const foreign = ((await redis.client('LIST')) as string)
    .split('\n')
    .filter((line) => line.includes(` db=${db} `) && line.includes(' name=aii:'));
  if (foreign.length) {
    await redis.quit();
    throw new Error(
      `Redis db ${db} has ${foreign.length} BullMQ worker connections of another process (another bench?); ` +
        'set BENCH_REDIS_URL to a free database, e.g. redis://127.0.0.1:6379/11',
    );
  }
  const name = `aii_bench_${randomBytes(4).toString('hex')}`;
  const admin = await createOrm(ADMIN_URL, { poolMax: 1 });
  await admin.em.fork().execute(`create database ${name}`);
  const owner = new URL(ADMIN_URL);
  owner.pathname = `/${name}`;
  const ownerUrl = owner.toString();
  const appUrl = deriveAppUrl(ownerUrl, undefined);
  await redis.flushdb();

  const closers: (() => Promise<unknown>)[] = [
    async () => {
      await redis.flushdb();
      await redis.quit();
      await admin.em.fork().execute(`drop database if exists ${name} with (force)`);
      await admin.close(true);
    },
  ];
  const productQueues = QUEUES.map(benchQueue);
  closers.push(() => Promise.all(productQueues.map((q) => q.close())));
  const settle = async () => {
    const startedAt = performance.now();
    for (;;) {
      const [row] = await admin.em
        .fork()
        .execute<{ n: number }[]>(
          `select count(*)::int as n from pg_stat_activity where backend_type = 'autovacuum worker'`,
        );
      let jobs = 0;
      for (const q of productQueues) {
        const counts = await q.getJobCounts('active', 'waiting', 'prioritized');
        jobs += Object.values(counts).reduce((a, b) => a + b, 0);
      }
      const waited = (performance.now() - startedAt) / 1000;
      if ((!row?.n && jobs === 0) || waited > 60) return waited;
      progress(`settling: ${row?.n ?? 0} autovacuum worker(s), ${jobs} jobs left, ${waited.toFixed(0)}s`);
      await sleep(500);
    }
  };
  const close = async () => {
    for (const fn of closers.reverse()) {
      await fn().catch((err) => say(`  cleanup: ${err instanceof Error ? err.message : err}`));
    }
  };
  try {
    say('Setting up: database, migrations, bundled plugins, API, worker');
    await migrate(ownerUrl, appUrl);
    const ownerOrm = await createOrm(ownerUrl, { poolMax: 1 });
    await ownerOrm.em
      .fork()
      .execute(
        'create table bench_rows (id uuid primary key, payload jsonb not null, created_at timestamptz default now())',
      );
    await ownerOrm.em.fork().execute('grant select, insert on bench_rows to ai_interviewer_app');
    await ownerOrm.close(true);

    const orm = await createOrm(appUrl, { poolMax: POOL });
    closers.push(() => orm.close(true));
    await syncBundledPlugins(orm);
    const config = loadConfig({
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      JWT_SECRET: jwtSecret,
      REDIS_URL,
      AUTH_RATE_LIMIT: '1000000',
    });
    const services = await createServices({ config, orm, logger: createLogger('silent'), jwtSecret, redis });
    closers.push(() => services.close());

    // The worker that evaluates: its own process, as in production (`npm run worker`).
    const worker = await spawnNode(
      'apps/worker/main.ts',
      {
        DATABASE_URL: ownerUrl,
        REDIS_URL,
        JWT_SECRET: jwtSecret,
        LOG_LEVEL: 'silent',
        WORKER_CONCURRENCY: String(WORKER_CONCURRENCY),
      },
      'worker ready',
      {
        nodeArgs: process.env['BENCH_WORKER_PROF'] ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof-worker'] : [],
      },
    );
    closers.push(() => worker.stop());

    // The API as apps/api/main.ts serves it: Hono, and Socket.IO with the Redis adapter.
    const { port: apiPort, server } = await listen(createApp(services).fetch);
    const authorizer = counting(staffAuthorizer(orm, services.tokens, candidateAuthorizer(services.tokens)));
    const realtime = await attachRealtime({
      httpServer: server as unknown as HttpServer,
      orm,
      authorizer,
      redis,
      recheckMs: config.socketRecheckMs,
    });
    services.realtime.target = realtime.emitter;
    closers.push(() => realtime.close()); // closes the HTTP server too

    const api = `http://127.0.0.1:${apiPort}/api/v1`;
    const bench = await signUp(api, 'Bench Co');
    const other = await signUp(api, 'Idle Co');
    const answers = goldenInputs().map((g) => g.answer);
    return {
      config,
      orm,
      redis,
      services,
      jwtSecret,
      ownerUrl,
      appUrl,
      apiPort,
      api,
      realtime,
      socketAuthCount: () => authorizer.count,
      bench,
      other,
      answers,
      worker,
      settle,
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
