import { randomUUID } from 'node:crypto';
import type { OwnPgbouncer } from '../../helpers/pgbouncer.ts';
import { startProcess } from '../../helpers/processes.ts';
import { send } from '../lib/http.ts';
import type { ChaosRow } from '../lib/outcome.ts';
import { percentile, sleep, waitUntil } from '../lib/outcome.ts';
import { acceptableInOutage, Prober } from '../lib/probe.ts';
import {
  ANSWER,
  checkRecord,
  driveInterview,
  schedule,
  signUp,
  startInterview,
  Tally,
  waitAnnounced,
} from '../lib/product.ts';
import { loggedErrors, type OwnPostgres, ROOT, type Stack } from '../lib/stack.ts';
import { HANG_MS } from './redis.ts';

/** What killed a process, from its last output. */
function crashReason(output: string, code: number | null): string {
  const tail = output.split("Unhandled 'error' event")[1];
  const m = tail ? /\n\s*(\w*[Ee]rror: [^\n]+)/.exec(tail) : null;
  return m ? `unhandled 'error' event: ${m[1]}` : `exit code ${code}`;
}

const bounded = <T>(p: Promise<T>, ms: number, value: T) => Promise.race([p, sleep(ms).then(() => value)]);

/** A way the database goes away and comes back (PostgreSQL stopped or crashed, pgbouncer killed). */
export interface DatabaseOutage {
  /** what the fault table calls it, e.g. "PostgreSQL fast shutdown" */
  label: string;
  down(): Promise<void>;
  up(): Promise<void>;
}

/** The stack's own PostgreSQL stopped (fast shutdown) or crashed (immediate: crash recovery on start). */
export const postgresStopped = (pg: OwnPostgres, mode: 'stop' | 'crash'): DatabaseOutage => ({
  label: mode === 'stop' ? 'PostgreSQL fast shutdown' : 'PostgreSQL crash (immediate shutdown)',
  down: () => (mode === 'stop' ? pg.stop() : pg.crash()),
  up: () => pg.start(),
});

/** The pgbouncer in front of PostgreSQL killed (every client and server connection cut), then started again. */
export const pgbouncerKilled = (bouncer: OwnPgbouncer): DatabaseOutage => ({
  label: 'pgbouncer (transaction mode) killed',
  down: () => bouncer.kill(),
  up: () => bouncer.start(),
});

/**
 * Take the database away (`outage`) for `downMs` under a steady mix of reads and writes, then
 * bring it back.
 * Promise: while it is down each request gets 503 `unavailable` problem+json quickly (or its normal
 * answer), never a 500 or a hang; after it the same API and worker processes recover without a
 * restart; every write the API acknowledged (201 schedule, 200/202 answer) is still there; every
 * interview completes with nothing lost or doubled.
 */
export async function postgresOutage(
  stack: Stack,
  outage: DatabaseOutage,
  opts: { downMs: number; interviews: number; boundMs: number },
): Promise<ChaosRow> {
  const api = stack.apis[0]!;
  // the current API process: when it dies it is started again (as Kubernetes would) and reported
  const cur = () => stack.apis[0]!;
  const c = {
    get: (...a: Parameters<Stack['apis'][0]['client']['get']>) => cur().client.get(...a),
    post: (...a: Parameters<Stack['apis'][0]['client']['post']>) => cur().client.post(...a),
  };
  const t = await signUp(api.client);
  const ids = await Promise.all(
    Array.from({ length: opts.interviews }, (_, i) => startInterview(api.client, t.token, 900 + i)),
  );
  const link = await schedule(api.client, t.token);
  const apiPid = api.pid;
  const workerPid = stack.worker?.child.pid;

  const acked = { schedules: [] as string[], answers: [] as { id: string; turn: number }[] };
  const answerProbe = await startInterview(api.client, t.token, 990);
  let probeTurn = 1;
  const probes = [
    { name: 'readyz', run: () => send(`${cur().origin}/readyz`, { timeoutMs: 30_000 }), plain503: true },
    { name: 'state', run: () => c.get(`/interview/${ids[0]}/state`, { token: t.token, timeoutMs: 30_000 }) },
    { name: 'interviews', run: () => c.get('/interviews', { token: t.token, timeoutMs: 30_000 }) },
    {
      name: 'login',
      run: () => c.post('/admin/login', { email: t.email, password: t.password }, { timeoutMs: 30_000 }),
    },
    { name: 'join page', run: () => c.get(`/public/join/${link.joinToken}`, { timeoutMs: 30_000 }) },
    {
      name: 'schedule (write)',
      run: () =>
        c.post(
          '/admin/schedule',
          {
            candidateEmail: `${randomUUID()}@example.com`,
            role: 'backend-engineer',
            scheduledAt: new Date(Date.now() + 3_600_000).toISOString(),
          },
          { token: t.token, timeoutMs: 30_000 },
        ),
      onReply: (r: { status: number; body: { id?: string } }) => {
        if (r.status === 201 && r.body?.id) acked.schedules.push(r.body.id);
      },
    },
    {
      name: 'answer (write)',
      run: () =>
        c.post(
          `/interview/${answerProbe}/answer`,
          { answerText: ANSWER, turn: probeTurn },
          { token: t.token, timeoutMs: 30_000 },
        ),
      onReply: (r: {
        status: number;
        body: { state?: { turn: number }; code?: string; expectedTurn?: number };
      }) => {
        if (r.status === 200 || r.status === 202) acked.answers.push({ id: answerProbe, turn: probeTurn });
        if (r.status === 200 && r.body.state) probeTurn = r.body.state.turn;
        if (r.status === 409 && r.body.code === 'turn_mismatch' && r.body.expectedTurn)
          probeTurn = r.body.expectedTurn;
      },
    },
  ];
  const logFrom = api.proc.output().length;
  const prober = new Prober(probes, 100);
  // the interviews are answered throughout; their drivers retry through the outage
  const tally = new Tally();
  const drives = Promise.all(
    ids.map((id) =>
      driveInterview(id, {
        apis: () => [cur().client],
        token: t.token,
        tally,
        allow503: true,
        turnBoundMs: opts.boundMs,
      }),
    ),
  );
  prober.start();
  await sleep(3_000);
  const downAt = Date.now();
  await outage.down();
  await sleep(opts.downMs);
  const upAt = Date.now();
  await outage.up();
  const alive = (pid: number | undefined) => {
    try {
      return pid !== undefined && process.kill(pid, 0);
    } catch {
      return false;
    }
  };
  const died: string[] = [];
  const apiOutput = api.proc.output();
  if (!alive(apiPid)) {
    died.push(`the API process died (${crashReason(apiOutput, api.proc.child.exitCode)}); started again`);
    await stack.restartApi(0);
  }
  if (!alive(workerPid)) {
    died.push('the worker process died; started again');
    await stack.startWorker();
  }
  const recoveredAt = await waitUntil(() => prober.recoveredAt(upAt) ?? undefined, 60_000, 250);
  await sleep(2_000);
  await prober.stop();
  const ends = await bounded(drives, opts.boundMs, ['test bound reached']);
  await waitAnnounced(stack.db, ids, 100_000);

  const during = prober.within(downAt, upAt);
  const bad = during.map((s) => acceptableInOutage(s, HANG_MS)).filter((x): x is string => x !== undefined);
  const badAfter = prober
    .within(recoveredAt ?? upAt, Date.now())
    .filter((s) => s.status === 0 || s.status >= 500);
  const unavailable = during.filter((s) => s.status === 503 && s.code === 'unavailable');
  const outageMs = during.map((s) => s.ms);

  // nothing acknowledged is lost
  const { rows: found } = await stack.db.query<{ id: string }>(
    'select id from schedules where id = any($1::uuid[])',
    [acked.schedules],
  );
  const lostSchedules = acked.schedules.length - found.length;
  let lostAnswers = 0;
  for (const a of acked.answers) {
    const { rows } = await stack.db.query('select 1 from answers where interview_id = $1 and turn = $2', [
      a.id,
      a.turn,
    ]);
    if (!rows.length) lostAnswers++;
  }
  const record = await checkRecord(stack.db, ids);
  const distinct = [...new Set(bad.map((b) => b.replace(/\d+ ms/, 'N ms')))];
  const violations = [
    ...distinct.slice(0, 8).map((b) => `during the outage ${b}`),
    ...(unavailable.length === 0 ? ['no request got 503 unavailable during the outage'] : []),
    ...(recoveredAt ? [] : ['not every route answered well again within 60 s of the database returning']),
    ...badAfter.slice(0, 3).map((s) => `after recovery ${s.kind} got ${s.status || s.error} ${s.code ?? ''}`),
    ...died,
    ...(lostSchedules ? [`${lostSchedules} acknowledged schedules are gone`] : []),
    ...(lostAnswers ? [`${lostAnswers} acknowledged answers are gone`] : []),
    ...record.violations,
    ...tally.errors
      .filter((e) => !e.startsWith('503'))
      .slice(0, 3)
      .map((e) => `client saw ${e}`),
    ...ends.filter((e) => e !== 'completed').map((e) => `a drive ended ${e}`),
  ];
  return {
    fault: `${outage.label}, down ${opts.downMs / 1000} s under load`,
    requests: prober.samples.length + tally.requests,
    errors: bad.length + badAfter.length,
    lost: lostSchedules + lostAnswers + record.lost,
    duplicated: record.duplicated,
    recoveryMs: recoveredAt ? recoveredAt - upAt : null,
    notes: `API logged ${loggedErrors(apiOutput, logFrom) || 'nothing'}; during the outage ${during.length} requests, p50 ${Math.round(percentile(outageMs, 50))} ms, max ${Math.round(Math.max(0, ...outageMs))} ms, 503 unavailable ${unavailable.length}; acknowledged and kept: ${found.length}/${acked.schedules.length} schedules, ${acked.answers.length - lostAnswers}/${acked.answers.length} answers; ${prober.describe(downAt, upAt)}`,
    violations,
  };
}

/**
 * The deterministic core of a PostgreSQL restart: the server terminates (57P01) a connection that
 * a hot-path transaction (`withTenantSql`) holds between two statements. Promise: that request
 * fails and the process lives on. Runs test/chaos/lib/held-connection.ts as a child process.
 */
export async function heldConnectionTerminated(ownerUrl: string): Promise<ChaosRow> {
  const child = startProcess(
    'node',
    ['--import', 'tsx', 'test/chaos/lib/held-connection.ts', ownerUrl],
    { PATH: process.env['PATH'] ?? '' },
    ROOT,
  );
  const code = await Promise.race([
    new Promise<number | null>((resolve) => child.child.once('close', (c) => resolve(c))),
    sleep(60_000).then(() => 'timeout' as const),
  ]);
  if (code === 'timeout') await child.stop();
  const out = child.output();
  const survived = /survived/.test(out);
  return {
    fault: 'PostgreSQL terminates a connection a request holds between two statements',
    requests: 1,
    errors: survived ? 0 : 1,
    lost: 0,
    duplicated: 0,
    recoveryMs: null,
    notes: survived
      ? 'the transaction failed, the process lived on'
      : `the process died (exit ${code}): ${crashReason(out, typeof code === 'number' ? code : null)}`,
    violations: survived
      ? []
      : [
          "a pooled connection checked out by withTenantSql has no 'error' listener: its termination kills the process",
        ],
  };
}
