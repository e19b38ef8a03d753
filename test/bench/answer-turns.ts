/**
 * Section `turns`: answer-turn throughput and latency of the interview engine at BENCH_CONCURRENCY
 * concurrent interviews, next to a baseline measured in the same run (a bare Hono route that
 * inserts one row in a transaction through pg) and a floor (`bareTurnFloor`: the least any turn
 * of this design does, with nothing of the product's routes, handlers or ORM); then the answer
 * turns again while 5,000 idle Socket.IO clients stay connected to the API, and once more after
 * they closed: the idle-socket run is compared with the mean of the runs before and after it, so
 * drift cancels out.
 *
 * The idle clients run in a child process (test/bench/idle-sockets.ts), as real clients live
 * outside the API; they authenticate as staff of another tenant, so no event of the load reaches
 * them (the child counts what they hear, and how many dropped).
 */
import { randomUUID } from 'node:crypto';
import type { ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import pg from 'pg';
import { evaluateAnswerJob } from '../../src/interview/turn/evaluate-answer.job.ts';
import { bullmqJobOptions } from '../../src/jobs/index.ts';
import { storeRow } from './floors.ts';
import {
  type BenchEnv,
  benchQueue,
  type Child,
  CONCURRENCY,
  disposeQueue,
  done,
  fdLimit,
  forEach,
  listen,
  load,
  POOL,
  phaseRow,
  progress,
  type Row,
  SECONDS,
  type SectionResult,
  say,
  spawnBareWorker,
  spawnNode,
  startInterview,
  type Target,
  timed,
  WARMUP_SECONDS,
} from './lib.ts';

export const IDLE_SOCKETS = 5_000;
const IDLE_BATCH = 250;

type Started = { id: string; turn: number };

/**
 * Interviews started before a load phase, so the phase times answer turns only (starting one is
 * not a turn, and the baseline does nothing else either). Lengths 8-12 (10 on average, the
 * default) so the concurrent interviews do not all finish, and report, in the same second.
 */
async function startPool(env: BenchEnv, count: number): Promise<Started[]> {
  const pool: Started[] = [];
  await forEach('starting interviews for the phase', count, CONCURRENCY, async (i) => {
    pool.push(await startInterview(env.api, env.bench.token, i, 8 + (i % 5)));
  });
  return pool;
}

/** Interviews one phase needs: its expected turns (from the rate seen so far), with room to spare. */
function poolSize(turnsPerSecond: number): number {
  const turnsPerInterview = 9; // a 10-turn interview has 9 answers after the greeting
  return Math.ceil(((turnsPerSecond * (WARMUP_SECONDS + SECONDS)) / turnsPerInterview) * 1.5) + CONCURRENCY;
}

/** One answer-turn load: each loop answers its interview, taking the next started one when it ends. */
async function answerTurns(env: BenchEnv, expectedPerSecond: number) {
  const auth = { 'content-type': 'application/json', authorization: `Bearer ${env.bench.token}` };
  const pool = await startPool(env, poolSize(expectedPerSecond));
  const current = new Map<number, Started | null>();
  let answerIndex = 0;
  const stats = { interviewsCompleted: 0, startedDuringLoad: 0 };
  const op = async (worker: number) => {
    let iv = current.get(worker) ?? null;
    if (!iv) {
      iv = pool.pop() ?? null;
      if (!iv) {
        // The pool ran out (a faster machine than sized for): start one here, outside the timing
        // but not outside the load; the note says how often.
        stats.startedDuringLoad++;
        current.set(worker, await startInterview(env.api, env.bench.token, worker, 8 + (worker % 5)));
        return undefined;
      }
      current.set(worker, iv);
    }
    const text = env.answers[answerIndex++ % env.answers.length]!;
    const { ms, res } = await timed(() =>
      fetch(`${env.api}/interview/${iv!.id}/answer`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ answerText: text, turn: iv!.turn }),
      }),
    );
    const body = (await res.json()) as { state: { status: string; turn: number | null } };
    if (res.status !== 200) throw new Error(`answer ${res.status} ${JSON.stringify(body)}`);
    if (body.state.status !== 'in_progress') {
      stats.interviewsCompleted++;
      current.set(worker, null);
    } else {
      iv.turn = body.state.turn!;
    }
    return ms;
  };
  return { op, stats };
}

const loadNote = (phase: string, stats: { interviewsCompleted: number; startedDuringLoad: number }) =>
  `interviews completed during the ${phase}: ${stats.interviewsCompleted}` +
  (stats.startedDuringLoad
    ? `; started during it (the pre-started ones ran out): ${stats.startedDuringLoad}`
    : '');

/** 5,000 idle clients in a child process, connected in batches; resolves once all are in. */
async function connectIdleSockets(env: BenchEnv): Promise<{ child: Child; report: () => Promise<string> }> {
  const limit = fdLimit();
  if (limit < IDLE_SOCKETS + 1_000) {
    throw new Error(
      `open-files limit ${limit} is too low for ${IDLE_SOCKETS} sockets (the API holds one file per ` +
        `socket): raise it (ulimit -n 65536), as the npm script tries to`,
    );
  }
  const startedAt = performance.now();
  const child = await spawnNode(
    'test/bench/idle-sockets.ts',
    {
      IDLE_URL: `http://127.0.0.1:${env.apiPort}`,
      IDLE_TOKEN: env.other.token,
      IDLE_COUNT: String(IDLE_SOCKETS),
      IDLE_BATCH: String(IDLE_BATCH),
    },
    'ready',
    { onEarlyLine: (line) => progress(`idle sockets: ${line}`) },
  );
  done();
  say(
    `  ${IDLE_SOCKETS} idle sockets connected in ${((performance.now() - startedAt) / 1000).toFixed(1)}s ` +
      `(batches of ${IDLE_BATCH}, websocket transport, staff of another tenant)`,
  );
  let last = '';
  child.onLine((line) => {
    last = line;
  });
  return {
    child,
    async report() {
      await child.stop();
      return last;
    },
  };
}

export async function benchTurns(env: BenchEnv): Promise<SectionResult> {
  const section = 'turns';
  const rows: Row[] = [];
  const notes: string[] = [];

  // The baseline: the least a transactional write route can do, on the same machine and pool size.
  const pool = new pg.Pool({ connectionString: env.appUrl, max: POOL });
  const baseline = new Hono();
  baseline.post('/baseline', async (c) => {
    const payload = await c.req.json();
    const client = await pool.connect();
    try {
      await client.query('begin');
      await client.query('insert into bench_rows (id, payload) values ($1, $2)', [randomUUID(), payload]);
      await client.query('commit');
    } finally {
      client.release();
    }
    return c.json({ ok: true }, 201);
  });
  let base: Row;
  let floor: Row | undefined;
  const { port: basePort, server: baseServer } = await listen(baseline.fetch);
  try {
    say('Phase: baseline (bare Hono route, one INSERT in a transaction through pg)');
    base = phaseRow(
      section,
      'baseline insert',
      await load('baseline', postAnswer(env, basePort, '/baseline', 201)),
    );
    rows.push(base);
    await env.settle();
    const measured = await bareTurnFloor(env, pool, base);
    if (measured.row) rows.push(measured.row);
    notes.push(measured.note);
    floor = measured.row;
  } finally {
    baseServer.close();
    await pool.end();
  }
  await env.settle();

  say('Phase: answer turns (auth, RLS transactions, evaluation in the worker, next question, Redis state)');
  // Sized from a first guess of a tenth of the baseline rate; later phases from the measured one.
  const plain = await answerTurns(env, base.perSecond! / 10);
  const turns = phaseRow(section, 'answer turn', await load('answers', plain.op));
  rows.push(turns);
  notes.push(loadNote('answer-turn phase', plain.stats));

  notes.push(
    `turns: answer turn / baseline insert: ${(turns.perSecond! / base.perSecond!).toFixed(2)}x throughput, ` +
      `${(turns.p99! / base.p99!).toFixed(2)}x p99 (for reference: the design's floor is below the baseline)`,
  );
  // The targets are against the floor: the least a turn of this design does, measured in this run.
  const targets: Target[] = floor
    ? [
        {
          label: 'answer-turn throughput / bare-turn floor',
          measured: `${(turns.perSecond! / floor.perSecond!).toFixed(2)}x`,
          target: '>= 0.6x',
          ok: turns.perSecond! / floor.perSecond! >= 0.6,
        },
        {
          label: 'answer-turn p99 / bare-turn floor p99',
          measured: `${(turns.p99! / floor.p99!).toFixed(2)}x`,
          target: '<= 2x',
          ok: turns.p99! / floor.p99! <= 2,
        },
      ]
    : [
        {
          label: 'answer turn against the bare-turn floor',
          measured: 'floor failed',
          target: '-',
          ok: false,
        },
      ];
  const idleLabel = `answer-turn throughput with ${IDLE_SOCKETS} idle sockets / without (mean of before and after)`;
  try {
    say(`Phase: answer turns with ${IDLE_SOCKETS} idle Socket.IO clients connected`);
    const idle = await withIdleSockets(env, turns.perSecond!);
    rows.push(idle.row);
    notes.push(...idle.notes);
    // Without them once more, so drift over the run (warm-up, other load) cancels out.
    say('Phase: answer turns again, the idle sockets closed');
    const again = await answerTurns(env, turns.perSecond!);
    const after = phaseRow(section, 'answer turn, sockets closed again', await load('answers', again.op));
    rows.push(after);
    notes.push(loadNote('phase after the idle sockets closed', again.stats));
    const ratio = idle.row.perSecond! / ((turns.perSecond! + after.perSecond!) / 2);
    targets.push({
      label: idleLabel,
      measured: `${ratio.toFixed(2)}x${idle.allIdle ? '' : ' (not all sockets stayed connected and idle)'}`,
      target: '>= 0.9x',
      ok: ratio >= 0.9 && idle.allIdle,
    });
  } catch (err) {
    // keep the phases measured so far
    say(`  idle-socket phase failed: ${err instanceof Error ? (err.stack ?? err.message) : err}`);
    targets.push({
      label: idleLabel,
      measured: `failed: ${err instanceof Error ? err.message : err}`,
      target: '>= 0.9x',
      ok: false,
    });
  }
  return { rows, notes, targets };
}

/** A load op: POST an answer-shaped body to a route of a bare server, expecting `status`. */
const postAnswer = (env: BenchEnv, port: number, route: string, status: number) => async () => {
  const { ms, res } = await timed(() =>
    fetch(`http://127.0.0.1:${port}${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ answerText: env.answers[0], turn: 1 }),
    }),
  );
  await res.arrayBuffer();
  if (res.status !== status) throw new Error(`${route} ${res.status}`);
  return ms;
};

/**
 * The floor of a turn as the design must run it: the route stores the answer (`storeRow`, one
 * INSERT), listens for the product's turn signal and hands one BullMQ job (the product's options)
 * to a worker process (test/bench/bare-worker.ts, kind `turn`: the built-in evaluator on a golden
 * answer, its result stored with one INSERT, then the signal), as the answer route waits for the
 * evaluation. Nothing else: no auth, no RLS, no row lock, no history, no next question, no live
 * state, no events. A failure costs only this row: the product phases still run.
 */
async function bareTurnFloor(env: BenchEnv, pool: pg.Pool, base: Row): Promise<{ row?: Row; note: string }> {
  const queue = benchQueue('bench-turn');
  let worker: Child | undefined;
  let server: ServerType | undefined;
  try {
    worker = await spawnBareWorker(env, 'turn', queue.name);
    const app = new Hono();
    app.post('/turn', async (c) => {
      await storeRow(pool, await c.req.json());
      const id = randomUUID();
      const waiting = env.services.signals.wait(id, 1, 30_000); // before the enqueue, as the route does
      try {
        await queue.add('bench.turn', { id }, bullmqJobOptions(evaluateAnswerJob, { jobId: id }));
      } catch (err) {
        waiting.cancel();
        throw err;
      }
      const message = await waiting.done;
      if (message === null) throw new Error('bare turn: no signal within 30s');
      return c.json({ evaluation: JSON.parse(message) }, 200);
    });
    const listening = await listen(app.fetch);
    server = listening.server;
    say(
      'Phase: bare turn (store, a BullMQ hop to a worker process that evaluates and stores, a pub/sub reply)',
    );
    const row = phaseRow(
      'turns',
      'floor: bare turn',
      await load('bare turn', postAnswer(env, listening.port, '/turn', 200)),
    );
    const note =
      `turns floor: bare turn / baseline: ${(row.perSecond! / base.perSecond!).toFixed(2)}x throughput, ` +
      `${(row.p99! / base.p99!).toFixed(2)}x p99: the answer stored (one INSERT), one BullMQ job to a worker ` +
      'process that evaluates it with the built-in evaluator and stores the result (one INSERT), a Redis signal ' +
      'back; no auth, RLS, row lock, history, next question, state or events';
    return { row, note };
  } catch (err) {
    say(`  bare-turn floor failed: ${err instanceof Error ? (err.stack ?? err.message) : err}`);
    return { note: `turns floor: bare turn failed (${err instanceof Error ? err.message : err})` };
  } finally {
    server?.close();
    await worker?.stop();
    await disposeQueue(queue);
  }
}

/** The answer-turn load with the idle sockets connected (they are closed when it returns). */
async function withIdleSockets(
  env: BenchEnv,
  expectedPerSecond: number,
): Promise<{ row: Row; notes: string[]; allIdle: boolean }> {
  const notes: string[] = [];
  const loaded = await answerTurns(env, expectedPerSecond);
  const idle = await connectIdleSockets(env);
  let row: Row;
  let idleReport = '';
  const authBefore = env.socketAuthCount();
  try {
    row = phaseRow(
      'turns',
      `answer turn, ${IDLE_SOCKETS} idle sockets`,
      await load('answers + idle sockets', loaded.op),
    );
    notes.push(
      `${loadNote('idle-socket phase', loaded.stats)}; ` +
        `socket credential checks during it (the API re-checks every socket each ${env.config.socketRecheckMs / 1000}s): ` +
        `${env.socketAuthCount() - authBefore}`,
    );
  } finally {
    idleReport = await idle.report();
  }
  const idleEnd = JSON.parse(idleReport || '{}') as {
    connected?: number;
    events?: number;
    disconnects?: number;
  };
  notes.push(
    `idle sockets at the end of the phase: ${idleEnd.connected ?? '?'} connected, ` +
      `${idleEnd.events ?? '?'} events heard, ${idleEnd.disconnects ?? '?'} disconnects`,
  );
  return { row, notes, allIdle: idleEnd.connected === IDLE_SOCKETS && idleEnd.events === 0 };
}
