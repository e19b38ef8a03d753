import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_JWT_SECRET, uniq } from '../helpers/harness.ts';
import { type CapturedRequest, type StandIn, startStandIn } from '../helpers/openai-stand-in.ts';
import { type OwnRedis, startOwnRedis } from '../helpers/own-redis.ts';
import { freePort, type Started, startProcess } from '../helpers/processes.ts';

/**
 * Production shape on one machine: two API processes and a worker process sharing PostgreSQL and
 * Redis. The API only enqueues; the worker evaluates; every API process pushes live events.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
// A Redis of its own: flushing it disturbs no other test file, and no worker left over from
// another run (on the shared Redis) can take this file's jobs.
let ownRedis: OwnRedis;
let redisUrl: string;

let dataDir: string;
let apiA: { proc: Started; base: string };
let apiB: { proc: Started; base: string };
let worker: Started;
const sockets: Socket[] = [];

const env = (extra: Record<string, string>) => ({
  PATH: process.env['PATH'] ?? '',
  DATABASE_URL: inject('ownerUrl'),
  REDIS_URL: redisUrl,
  JWT_SECRET: TEST_JWT_SECRET,
  LOG_LEVEL: 'warn',
  DATA_DIR: dataDir,
  AUTH_RATE_LIMIT: '100000',
  JOB_LOCK_MS: '1500',
  SOCKET_RECHECK_MS: '300',
  ...extra,
});

async function startApi() {
  const port = await freePort();
  const proc = startProcess(
    'node',
    ['--import', 'tsx', 'apps/api/main.ts'],
    env({ PORT: String(port) }),
    ROOT,
  );
  await proc.waitFor(/AI Interviewer is running/, 60_000);
  return { proc, base: `http://127.0.0.1:${port}/api/v1` };
}

/**
 * The worker grades with the LLM evaluator against a local OpenAI stand-in that takes its time,
 * so evaluations are really in flight when the worker is killed.
 */
let llm: StandIn;
const LLM_DELAY_MS = 1500;

function gradeFromPrompt(req: CapturedRequest) {
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

async function startWorker() {
  const proc = startProcess(
    'node',
    ['--import', 'tsx', 'apps/worker/main.ts'],
    env({
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: llm.baseURL,
      OPENAI_MAX_RETRIES: '0',
      OPENAI_TIMEOUT_MS: '10000',
    }),
    ROOT,
  );
  await proc.waitFor(/worker ready/, 60_000);
  return proc;
}

async function call(base: string, method: string, url: string, body?: unknown, token?: string, headers = {}) {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected loosely
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as any };
}

async function signUp(base: string) {
  const res = await call(base, 'POST', '/tenants', {
    name: 'Multi Co',
    slug: uniq('multi'),
    ownerEmail: `${uniq('o')}@example.com`,
    ownerPassword: 'correct horse battery',
  });
  return { token: res.body.token as string, tenantId: res.body.tenant.id as string };
}

async function start(base: string, token: string, seed = 3) {
  const res = await call(
    base,
    'POST',
    '/interview/start',
    {
      candidate: { name: 'Multi Candidate', email: `${uniq('c')}@example.com` },
      role: 'backend-engineer',
      seed,
    },
    token,
  );
  expect(res.status).toBe(201);
  return res.body.interviewId as string;
}

const ANSWER =
  'I owned the ledger service: Go on PostgreSQL at about 2,000 requests a second. I added idempotency keys and cut duplicate charges to zero.';

async function until<T>(fn: () => Promise<T | undefined>, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'aii-multi-'));
  llm = await startStandIn();
  llm.reply((req) =>
    req.body.response_format?.json_schema?.name === 'answer_evaluation'
      ? { content: JSON.stringify(gradeFromPrompt(req)), delayMs: LLM_DELAY_MS }
      : { status: 500 },
  );
  ownRedis = await startOwnRedis();
  redisUrl = ownRedis.url;
  [apiA, apiB, worker] = await Promise.all([startApi(), startApi(), startWorker()]);
}, 120_000);

afterAll(async () => {
  for (const s of sockets) s.close();
  await Promise.all([apiA?.proc.stop(), apiB?.proc.stop(), worker?.stop()]);
  await llm?.close();
  await ownRedis?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('two API processes and a worker', () => {
  it('a client on API B hears interview.evaluated for an answer posted to API A', async () => {
    const t = await signUp(apiA.base);
    const interviewId = await start(apiA.base, t.token);
    const socket = io(apiB.base.replace('/api/v1', ''), {
      path: '/socket.io',
      auth: { token: t.token },
      transports: ['websocket'],
    });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.on('connect', () => resolve());
      socket.on('connect_error', reject);
    });
    const joined = await socket.timeout(5000).emitWithAck('join', { interviewId });
    expect(joined).toEqual({ ok: true });
    const evaluated = new Promise<{ interviewId: string; turn: number; score: number }>((resolve) =>
      socket.on('interview.evaluated', resolve),
    );
    const nextTurn = new Promise<{ turn: number }>((resolve) => socket.on('interview.turn', resolve));

    const res = await call(
      apiA.base,
      'POST',
      `/interview/${interviewId}/answer`,
      { answerText: ANSWER, turn: 1 },
      t.token,
    );
    expect(res.status).toBe(200);
    expect(res.body.evaluation.turn).toBe(1);
    const event = await evaluated;
    expect(event).toMatchObject({ interviewId, turn: 1, score: res.body.evaluation.score });
    expect((await nextTurn).turn).toBe(2);
  });

  it("a candidate's socket hears its next question but never its scores", async () => {
    const t = await signUp(apiA.base);
    const scheduled = await call(
      apiA.base,
      'POST',
      '/admin/schedule',
      {
        candidateEmail: `${uniq('c')}@example.com`,
        role: 'backend-engineer',
        scheduledAt: new Date(Date.now() + 60_000).toISOString(),
      },
      t.token,
    );
    const token = (scheduled.body.joinUrl as string).split('/join/')[1];
    const started = await call(apiA.base, 'POST', `/public/join/${token}/start`);
    const { interviewId, candidateToken } = started.body;
    const socket = io(apiB.base.replace('/api/v1', ''), {
      path: '/socket.io',
      auth: { token: candidateToken },
      transports: ['websocket'],
    });
    sockets.push(socket);
    await new Promise<void>((resolve) => socket.on('connect', () => resolve()));
    const heard: string[] = [];
    socket.onAny((event) => heard.push(event));
    const nextTurn = new Promise<{ turn: number }>((resolve) => socket.on('interview.turn', resolve));
    // a candidate cannot join rooms (not even its own staff room)
    expect(await socket.timeout(5000).emitWithAck('join', { interviewId })).toEqual({
      ok: false,
      error: 'not_found',
    });

    const res = await call(
      apiA.base,
      'POST',
      `/interview/${interviewId}/answer`,
      { answerText: ANSWER, turn: 1 },
      candidateToken,
    );
    expect(res.status).toBe(200);
    expect((await nextTurn).turn).toBe(2);
    await new Promise((r) => setTimeout(r, 500));
    expect(heard).toContain('interview.turn');
    expect(heard).not.toContain('interview.evaluated');
    expect(heard).not.toContain('report.ready');
  });

  it('a revoked API key loses its live sockets (every tab) within moments; others keep theirs', async () => {
    const t = await signUp(apiA.base);
    const key = await call(apiA.base, 'POST', '/api-keys', { name: 'dashboard-tv', role: 'viewer' }, t.token);
    const connect = async (token: string) => {
      const socket = io(apiB.base.replace('/api/v1', ''), {
        path: '/socket.io',
        auth: { token },
        transports: ['websocket'],
        reconnection: false,
      });
      sockets.push(socket);
      await new Promise<void>((resolve) => socket.on('connect', () => resolve()));
      return socket;
    };
    const tabs = [await connect(key.body.key), await connect(key.body.key)];
    const owner = await connect(t.token);
    const disconnected = tabs.map((s) => new Promise<string>((resolve) => s.on('disconnect', resolve)));
    expect((await call(apiA.base, 'DELETE', `/api-keys/${key.body.id}`, undefined, t.token)).status).toBe(
      204,
    );
    expect(await Promise.all(disconnected)).toEqual(['io server disconnect', 'io server disconnect']);
    await new Promise((r) => setTimeout(r, 700)); // two more re-check passes (300 ms)
    expect(owner.connected).toBe(true);
  });

  it('refuses a socket without a valid token, and a join to another tenant interview', async () => {
    const bad = io(apiB.base.replace('/api/v1', ''), {
      path: '/socket.io',
      auth: { token: 'nope' },
      transports: ['websocket'],
    });
    sockets.push(bad);
    const err = await new Promise<Error>((resolve) => bad.on('connect_error', resolve));
    expect(err.message).toBe('unauthorized');

    const [a, b] = [await signUp(apiA.base), await signUp(apiA.base)];
    const foreign = await start(apiA.base, a.token);
    const socket = io(apiB.base.replace('/api/v1', ''), {
      path: '/socket.io',
      auth: { token: b.token },
      transports: ['websocket'],
    });
    sockets.push(socket);
    await new Promise<void>((resolve) => socket.on('connect', () => resolve()));
    expect(await socket.timeout(5000).emitWithAck('join', { interviewId: foreign })).toEqual({
      ok: false,
      error: 'not_found',
    });
  });

  it("a position's private interview runs on the worker, and another tenant's socket hears none of it", async () => {
    const [a, b] = [await signUp(apiA.base), await signUp(apiA.base)];
    const position = await call(
      apiA.base,
      'POST',
      '/positions',
      {
        title: 'Ledger Engineer',
        description: 'Runs our ledger.',
        design: {
          banks: [{ pluginId: 'ai-interviewer.backend-engineer' }],
          questions: [
            {
              id: 'ledger-double-entry',
              phase: 'intro',
              text: 'What does double-entry bookkeeping guarantee in a ledger service?',
              competencies: ['ledgers'],
              rubric: 'ai-interviewer.backend-engineer/data-storage-rubric',
            },
          ],
          required: ['ledger-double-entry'],
        },
      },
      a.token,
    );
    expect(position.status).toBe(201);
    const started = await call(
      apiA.base,
      'POST',
      '/interview/start',
      {
        candidate: { name: 'Pos Candidate', email: `${uniq('p')}@example.com` },
        positionId: position.body.id,
      },
      a.token,
    );
    expect(started.status).toBe(201);
    const interviewId = started.body.interviewId as string;
    expect(started.body.firstReply).toContain('double-entry');

    const connect = async (token: string) => {
      const socket = io(apiB.base.replace('/api/v1', ''), {
        path: '/socket.io',
        auth: { token },
        transports: ['websocket'],
      });
      sockets.push(socket);
      await new Promise<void>((resolve) => socket.on('connect', () => resolve()));
      return socket;
    };
    const [ofA, ofB] = [await connect(a.token), await connect(b.token)];
    const heardByB: string[] = [];
    ofB.onAny((event) => heardByB.push(event));
    expect(await ofB.timeout(5000).emitWithAck('join', { interviewId })).toEqual({
      ok: false,
      error: 'not_found',
    });
    expect(await ofA.timeout(5000).emitWithAck('join', { interviewId })).toMatchObject({ ok: true });
    const evaluated = new Promise<{ turn: number }>((resolve) => ofA.on('interview.evaluated', resolve));
    const answered = await call(
      apiA.base,
      'POST',
      `/interview/${interviewId}/answer`,
      { answerText: 'Every debit has a matching credit, so the books always balance.', turn: 1 },
      a.token,
      { prefer: 'respond-async' },
    );
    expect(answered.status).toBe(202);
    expect((await evaluated).turn).toBe(1);
    expect(heardByB).toEqual([]);
  });

  it('kill -9 the worker mid-evaluation: every answer ends with exactly one evaluation and the interview completes', async () => {
    const t = await signUp(apiA.base);
    const ids = await Promise.all(Array.from({ length: 6 }, (_, i) => start(apiA.base, t.token, 10 + i)));
    // Fire answers without waiting, then kill the worker while they are in flight.
    const accepted = await Promise.all(
      ids.map((id) =>
        call(apiA.base, 'POST', `/interview/${id}/answer`, { answerText: ANSWER, turn: 1 }, t.token, {
          prefer: 'respond-async',
        }),
      ),
    );
    expect(accepted.map((r) => r.status)).toEqual(ids.map(() => 202));
    const graded = () =>
      llm.requests.filter((r) => r.body.response_format?.json_schema?.name === 'answer_evaluation');
    await until(async () => (graded().length > 0 ? true : undefined), 10_000, 'evaluations in flight');
    worker.child.kill('SIGKILL');
    const inFlightAtKill = graded().length;
    await worker.stop();
    worker = await startWorker();

    for (const id of ids) {
      await until(
        async () => {
          const s = await call(apiB.base, 'GET', `/interview/${id}/state`, undefined, t.token);
          return s.body.turn === 2 ? true : undefined;
        },
        30_000,
        `interview ${id} moves to turn 2`,
      );
    }
    const { createOrm } = await import('../../src/db/index.ts');
    const owner = await createOrm(inject('ownerUrl'), { poolMax: 1 });
    const rows = await owner.em
      .fork()
      .execute<{ interview_id: string; n: string }[]>(
        `select interview_id, count(*) n from evaluations where interview_id in (${ids.map(() => '?').join(',')}) group by interview_id`,
        ids,
      );
    await owner.close(true);
    expect(rows).toHaveLength(ids.length);
    expect(rows.every((r) => Number(r.n) === 1)).toBe(true);
    // the killed worker's evaluations were really re-run by the new one
    expect(inFlightAtKill).toBeGreaterThan(0);
    expect(graded().length).toBeGreaterThan(inFlightAtKill);

    // and one of them runs to completion on the restarted worker
    let state = (await call(apiA.base, 'GET', `/interview/${ids[0]}/state`, undefined, t.token)).body;
    while (state.status === 'in_progress') {
      const res = await call(
        apiA.base,
        'POST',
        `/interview/${ids[0]}/answer`,
        { answerText: ANSWER, turn: state.turn },
        t.token,
      );
      expect(res.status).toBe(200);
      state = res.body.state;
    }
    expect(state.status).toBe('completed');
  }, 90_000);

  it('Redis flushed mid-interview: the interview continues and loses nothing', async () => {
    const t = await signUp(apiA.base);
    const id = await start(apiA.base, t.token, 77);
    for (let turn = 1; turn <= 3; turn++) {
      const res = await call(
        apiA.base,
        'POST',
        `/interview/${id}/answer`,
        { answerText: ANSWER, turn },
        t.token,
      );
      expect(res.status).toBe(200);
    }
    const r = new Redis(redisUrl);
    await r.flushdb();
    await r.quit();
    let state = (await call(apiB.base, 'GET', `/interview/${id}/state`, undefined, t.token)).body;
    expect(state.turn).toBe(4);
    while (state.status === 'in_progress') {
      const res = await call(
        apiB.base,
        'POST',
        `/interview/${id}/answer`,
        { answerText: ANSWER, turn: state.turn },
        t.token,
      );
      expect(res.status).toBe(200);
      state = res.body.state;
    }
    expect(state.status).toBe('completed');
    const report = await call(apiA.base, 'GET', `/report/${id}`, undefined, t.token);
    expect(report.body.transcript.filter((x: { answer: string | null }) => x.answer)).toHaveLength(10);
  }, 60_000);
});
