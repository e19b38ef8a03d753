/**
 * `npm run bench`: answer-turn throughput and latency of the interview engine at 32 concurrent
 * interviews, against real PostgreSQL and Redis, next to a baseline measured in the same run: a
 * bare Hono route that inserts one row in a transaction through pg. Prints both and the ratios.
 * The API runs in this process, the worker in its own (as `npm start` and `npm run worker` do).
 *
 * Env: BENCH_DATABASE_URL (a role that may create databases; default the local postgres),
 * BENCH_REDIS_URL (default redis://127.0.0.1:6379/8, flushed), BENCH_SECONDS (per phase, default 15),
 * BENCH_CONCURRENCY (default 32).
 */
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { Redis } from 'ioredis';
import pg from 'pg';
import { loadConfig } from '../../src/config/index.ts';
import { createOrm, deriveAppUrl, migrate } from '../../src/db/index.ts';
import { createApp, createServices } from '../../src/http/index.ts';
import { createLogger } from '../../src/observability/index.ts';
import { BUNDLED_PLUGINS_DIR, type Manifest, syncBundledPlugins } from '../../src/plugins/index.ts';

const ADMIN_URL = process.env['BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env['BENCH_REDIS_URL'] ?? 'redis://127.0.0.1:6379/8';
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 15);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 32);
const WARMUP_SECONDS = 3;
const POOL = 20;
const JWT_SECRET = randomBytes(32).toString('hex');

interface Phase {
  latencies: number[];
  count: number;
  seconds: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

/** Run `op` from CONCURRENCY loops for SECONDS after a warm-up, with a progress line. */
async function load(label: string, op: (worker: number) => Promise<number | undefined>): Promise<Phase> {
  const latencies: number[] = [];
  let measuring = false;
  let stop = false;
  const started = { at: 0 };
  const workers = Array.from({ length: CONCURRENCY }, async (_, i) => {
    while (!stop) {
      const ms = await op(i);
      if (measuring && ms !== undefined) latencies.push(ms);
    }
  });
  await new Promise((r) => setTimeout(r, WARMUP_SECONDS * 1000));
  measuring = true;
  started.at = performance.now();
  for (let s = 1; s <= SECONDS; s++) {
    await new Promise((r) => setTimeout(r, 1000));
    process.stderr.write(`\r  ${label}: ${s}/${SECONDS}s, ${latencies.length} requests`);
  }
  measuring = false;
  const seconds = (performance.now() - started.at) / 1000;
  stop = true;
  await Promise.all(workers);
  process.stderr.write('\n');
  return { latencies: [...latencies].sort((a, b) => a - b), count: latencies.length, seconds };
}

async function timed(fn: () => Promise<Response>): Promise<{ ms: number; res: Response }> {
  const t = performance.now();
  const res = await fn();
  return { ms: performance.now() - t, res };
}

async function main() {
  console.log(
    `Benchmark: ${CONCURRENCY} concurrent clients, ${SECONDS}s per phase (+${WARMUP_SECONDS}s warm-up)`,
  );
  const name = `aii_bench_${randomBytes(4).toString('hex')}`;
  const admin = await createOrm(ADMIN_URL, { poolMax: 1 });
  await admin.em.fork().execute(`create database ${name}`);
  const ownerUrl = new URL(ADMIN_URL);
  ownerUrl.pathname = `/${name}`;
  const appUrl = deriveAppUrl(ownerUrl.toString(), undefined);
  const redis = new Redis(REDIS_URL);
  await redis.flushdb();
  const servers: { close: () => void }[] = [];
  const closers: (() => Promise<void>)[] = [];
  let orm: Awaited<ReturnType<typeof createOrm>> | undefined;
  let pool: pg.Pool | undefined;
  try {
    console.log('  setting up: database, migrations, bundled plugins');
    await migrate(ownerUrl.toString(), appUrl);
    const owner = await createOrm(ownerUrl.toString(), { poolMax: 1 });
    await owner.em
      .fork()
      .execute(
        'create table bench_rows (id uuid primary key, payload jsonb not null, created_at timestamptz default now())',
      );
    await owner.em.fork().execute('grant select, insert on bench_rows to ai_interviewer_app');
    await owner.close(true);

    orm = await createOrm(appUrl, { poolMax: POOL });
    await syncBundledPlugins(orm);
    const config = loadConfig({
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      JWT_SECRET,
      REDIS_URL,
      AUTH_RATE_LIMIT: '1000000',
    });
    const services = await createServices({
      config,
      orm,
      logger: createLogger('silent'),
      jwtSecret: JWT_SECRET,
      redis,
    });
    closers.push(() => services.close());
    // The worker that evaluates: its own process, as in production (`npm run worker`).
    const worker = spawn('node', ['--import', 'tsx', 'apps/worker/main.ts'], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: {
        PATH: process.env['PATH'] ?? '',
        DATABASE_URL: ownerUrl.toString(),
        REDIS_URL,
        JWT_SECRET,
        LOG_LEVEL: 'silent',
        WORKER_CONCURRENCY: '16',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      worker.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('worker ready') && resolve());
      worker.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
    });
    closers.push(async () => {
      const exited = new Promise((r) => worker.once('exit', r));
      worker.kill('SIGTERM');
      await exited;
    });
    const app = createApp(services);
    const appPort = await listen(app.fetch, servers);

    // The baseline: the least a transactional write route can do, on the same machine and pool size.
    pool = new pg.Pool({ connectionString: appUrl, max: POOL });
    const baselinePool = pool;
    const baseline = new Hono();
    baseline.post('/baseline', async (c) => {
      const body = await c.req.json();
      const client = await baselinePool.connect();
      try {
        await client.query('begin');
        await client.query('insert into bench_rows (id, payload) values ($1, $2)', [randomUUID(), body]);
        await client.query('commit');
      } finally {
        client.release();
      }
      return c.json({ ok: true }, 201);
    });
    const basePort = await listen(baseline.fetch, servers);

    const api = `http://127.0.0.1:${appPort}/api/v1`;
    const signUp = await fetch(`${api}/tenants`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Bench Co',
        slug: `bench-${randomBytes(3).toString('hex')}`,
        ownerEmail: 'bench@example.com',
        ownerPassword: 'benchmark password',
      }),
    });
    const { token } = (await signUp.json()) as { token: string };
    const auth = { 'content-type': 'application/json', authorization: `Bearer ${token}` };

    // Realistic answers: the bundled golden answers, strong to weak, in rotation.
    const answers = readdirSync(BUNDLED_PLUGINS_DIR).flatMap((dir) =>
      (
        JSON.parse(readFileSync(path.join(BUNDLED_PLUGINS_DIR, dir, 'plugin.json'), 'utf8')) as Manifest
      ).goldenAnswers.map((g) => g.answer),
    );

    console.log('Phase 1/2: baseline (bare Hono route, one INSERT in a transaction through pg)');
    const base = await load('baseline', async () => {
      const { ms, res } = await timed(() =>
        fetch(`http://127.0.0.1:${basePort}/baseline`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ answerText: answers[0], turn: 1 }),
        }),
      );
      await res.arrayBuffer();
      if (res.status !== 201) throw new Error(`baseline ${res.status}`);
      return ms;
    });

    console.log(
      'Phase 2/2: interview answer turns (auth, RLS transactions, evaluation, next question, Redis state)',
    );
    const current = new Map<number, { id: string; turn: number } | null>();
    let interviewsCompleted = 0;
    let answerIndex = 0;
    const turns = await load('answers', async (worker) => {
      let iv = current.get(worker) ?? null;
      if (!iv) {
        const res = await fetch(`${api}/interview/start`, {
          method: 'POST',
          headers: auth,
          body: JSON.stringify({
            candidate: {
              name: `Candidate ${worker}`,
              email: `c${worker}-${randomBytes(3).toString('hex')}@example.com`,
            },
            role: ['backend-engineer', 'data-analyst', 'product-manager', 'frontend-engineer'][worker % 4],
          }),
        });
        const body = (await res.json()) as { interviewId: string; state: { turn: number } };
        if (res.status !== 201) throw new Error(`start ${res.status} ${JSON.stringify(body)}`);
        iv = { id: body.interviewId, turn: body.state.turn };
        current.set(worker, iv);
        return undefined; // starting is not an answer turn
      }
      const text = answers[answerIndex++ % answers.length]!;
      const { ms, res } = await timed(() =>
        fetch(`${api}/interview/${iv!.id}/answer`, {
          method: 'POST',
          headers: auth,
          body: JSON.stringify({ answerText: text, turn: iv!.turn }),
        }),
      );
      const body = (await res.json()) as { state: { status: string; turn: number | null } };
      if (res.status !== 200) throw new Error(`answer ${res.status} ${JSON.stringify(body)}`);
      if (body.state.status !== 'in_progress') {
        interviewsCompleted++;
        current.set(worker, null);
      } else {
        iv.turn = body.state.turn!;
      }
      return ms;
    });

    const row = (label: string, p: Phase) => {
      const rps = p.count / p.seconds;
      return {
        label,
        rps,
        p50: percentile(p.latencies, 0.5),
        p99: percentile(p.latencies, 0.99),
        count: p.count,
      };
    };
    const b = row('baseline insert', base);
    const a = row('answer turn', turns);
    console.log('');
    console.log('| run | requests | per second | p50 ms | p99 ms |');
    console.log('| --- | ---: | ---: | ---: | ---: |');
    for (const r of [b, a]) {
      console.log(
        `| ${r.label} | ${r.count} | ${r.rps.toFixed(1)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} |`,
      );
    }
    const throughputRatio = a.rps / b.rps;
    const p99Ratio = a.p99 / b.p99;
    console.log('');
    console.log(
      `throughput: answer turns / baseline = ${throughputRatio.toFixed(2)}x (target >= 0.5x) ${throughputRatio >= 0.5 ? '✔' : '✘'}`,
    );
    console.log(
      `p99 latency: answer turns / baseline = ${p99Ratio.toFixed(2)}x (target <= 3x) ${p99Ratio <= 3 ? '✔' : '✘'}`,
    );
    console.log(`interviews completed during the run: ${interviewsCompleted}`);
  } finally {
    for (const s of servers) s.close();
    for (const close of closers.reverse()) await close();
    await pool?.end();
    await orm?.close(true);
    await redis.flushdb();
    await redis.quit();
    await admin.em.fork().execute(`drop database if exists ${name} with (force)`);
    await admin.close(true);
  }
}

function listen(
  fetchHandler: (req: Request) => Response | Promise<Response>,
  servers: { close: () => void }[],
) {
  return new Promise<number>((resolve) => {
    const server = serve({ fetch: fetchHandler, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve(info.port),
    );
    servers.push(server);
  });
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
