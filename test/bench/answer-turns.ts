/**
 * Section `turns`: answer-turn throughput and latency of the interview engine at BENCH_CONCURRENCY
 * concurrent interviews, next to a baseline measured in the same run (a bare Hono route that
 * inserts one row in a transaction through pg); then the answer turns again while 5,000 idle
 * Socket.IO clients stay connected to the API, and once more after they closed: the idle-socket run
 * is compared with the mean of the runs before and after it, so drift cancels out.
 *
 * The idle clients run in a child process (test/bench/idle-sockets.ts), as real clients live
 * outside the API; they authenticate as staff of another tenant, so no event of the load reaches
 * them (the child counts what they hear, and how many dropped).
 */
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import pg from 'pg';
import {
  type BenchEnv,
  type Child,
  done,
  fdLimit,
  listen,
  load,
  POOL,
  phaseRow,
  progress,
  type Row,
  type SectionResult,
  say,
  spawnNode,
  startInterview,
  type Target,
  timed,
} from './lib.ts';

export const IDLE_SOCKETS = 5_000;
const IDLE_BATCH = 250;

/** One answer-turn load: each loop runs its own interview, starting the next when one finishes. */
function answerTurns(env: BenchEnv) {
  const auth = { 'content-type': 'application/json', authorization: `Bearer ${env.bench.token}` };
  const current = new Map<number, { id: string; turn: number } | null>();
  let answerIndex = 0;
  const stats = { interviewsCompleted: 0 };
  const op = async (worker: number) => {
    const iv = current.get(worker) ?? null;
    if (!iv) {
      current.set(worker, await startInterview(env.api, env.bench.token, worker));
      return undefined; // starting is not an answer turn
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
    const body = await c.req.json();
    const client = await pool.connect();
    try {
      await client.query('begin');
      await client.query('insert into bench_rows (id, payload) values ($1, $2)', [randomUUID(), body]);
      await client.query('commit');
    } finally {
      client.release();
    }
    return c.json({ ok: true }, 201);
  });
  const { port: basePort, server: baseServer } = await listen(baseline.fetch);
  let base: ReturnType<typeof phaseRow>;
  try {
    say('Phase: baseline (bare Hono route, one INSERT in a transaction through pg)');
    base = phaseRow(
      section,
      'baseline insert',
      await load('baseline', async () => {
        const { ms, res } = await timed(() =>
          fetch(`http://127.0.0.1:${basePort}/baseline`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ answerText: env.answers[0], turn: 1 }),
          }),
        );
        await res.arrayBuffer();
        if (res.status !== 201) throw new Error(`baseline ${res.status}`);
        return ms;
      }),
    );
  } finally {
    baseServer.close();
    await pool.end();
  }
  rows.push(base);

  say('Phase: answer turns (auth, RLS transactions, evaluation in the worker, next question, Redis state)');
  const plain = answerTurns(env);
  const turns = phaseRow(section, 'answer turn', await load('answers', plain.op));
  rows.push(turns);
  notes.push(`interviews completed during the answer-turn phase: ${plain.stats.interviewsCompleted}`);

  const throughput = turns.perSecond! / base.perSecond!;
  const p99 = turns.p99! / base.p99!;
  const targets: Target[] = [
    {
      label: 'answer-turn throughput / baseline insert',
      measured: `${throughput.toFixed(2)}x`,
      target: '>= 0.5x',
      ok: throughput >= 0.5,
    },
    {
      label: 'answer-turn p99 / baseline insert p99',
      measured: `${p99.toFixed(2)}x`,
      target: '<= 3x',
      ok: p99 <= 3,
    },
  ];
  const idleLabel = `answer-turn throughput with ${IDLE_SOCKETS} idle sockets / without (mean of before and after)`;
  try {
    say(`Phase: answer turns with ${IDLE_SOCKETS} idle Socket.IO clients connected`);
    const idle = await withIdleSockets(env);
    rows.push(idle.row);
    notes.push(...idle.notes);
    // Without them once more, so drift over the run (warm-up, other load) cancels out.
    say('Phase: answer turns again, the idle sockets closed');
    const again = answerTurns(env);
    const after = phaseRow(section, 'answer turn, sockets closed again', await load('answers', again.op));
    rows.push(after);
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

/** The answer-turn load with the idle sockets connected (they are closed when it returns). */
async function withIdleSockets(env: BenchEnv): Promise<{ row: Row; notes: string[]; allIdle: boolean }> {
  const notes: string[] = [];
  const idle = await connectIdleSockets(env);
  let row: Row;
  let idleReport = '';
  const authBefore = env.socketAuthCount();
  try {
    const loaded = answerTurns(env);
    row = phaseRow(
      'turns',
      `answer turn, ${IDLE_SOCKETS} idle sockets`,
      await load('answers + idle sockets', loaded.op),
    );
    notes.push(
      `interviews completed during the idle-socket phase: ${loaded.stats.interviewsCompleted}; ` +
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
