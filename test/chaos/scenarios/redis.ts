import { apiClient, send } from '../lib/http.ts';
import type { ChaosRow } from '../lib/outcome.ts';
import { sleep, waitUntil } from '../lib/outcome.ts';
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
import { loggedErrors, type Stack } from '../lib/stack.ts';

/** A request that takes longer than this while a dependency is down counts as a hang. */
export const HANG_MS = 5_000;

async function unevaluated(stack: Stack, ids: string[]): Promise<string[]> {
  const { rows } = await stack.db.query<{ k: string }>(
    `select a.interview_id || ':' || a.turn k from answers a
      where a.interview_id = any($1::uuid[])
        and not exists (select 1 from evaluations e where e.interview_id = a.interview_id and e.turn = a.turn)`,
    [ids],
  );
  return rows.map((r) => r.k);
}

const bounded = <T>(p: Promise<T>, ms: number, value: T) => Promise.race([p, sleep(ms).then(() => value)]);

/**
 * FLUSHALL the stack's Redis while `interviews` interviews are answered (evaluations queued and in
 * flight: the worker runs few at once): queued jobs, live state and rate counters are gone.
 * Promise: nothing is lost (the sweeper finds answers without an evaluation again), nothing is
 * doubled, every interview completes. Recovery: from the flush until every answer stored before
 * it has its evaluation (the sweeper's 60 s age + 30 s period bound it).
 */
export async function redisFlushMidLoad(
  stack: Stack,
  opts: { interviews: number; boundMs: number },
): Promise<ChaosRow> {
  const tally = new Tally();
  const t = await signUp(stack.apis[0]!.client);
  const ids = await Promise.all(
    Array.from({ length: opts.interviews }, (_, i) =>
      startInterview(stack.apis[0]!.client, t.token, 500 + i),
    ),
  );
  const drives = Promise.all(
    ids.map((id, i) =>
      driveInterview(id, {
        apis: () => stack.apis.map((a) => a.client),
        token: t.token,
        async: i % 2 === 0,
        tally,
        turnBoundMs: opts.boundMs,
      }),
    ),
  );
  // flush once answers are waiting in the queue, not only in the worker's hands
  await waitUntil(
    async () => ((await unevaluated(stack, ids)).length >= Math.ceil(opts.interviews / 2) ? true : undefined),
    60_000,
    20,
  );
  const pending = await unevaluated(stack, ids);
  const flushedAt = Date.now();
  await stack.redis.flushall();
  const recovered = await waitUntil(
    async () => ((await unevaluated(stack, ids)).some((k) => pending.includes(k)) ? undefined : Date.now()),
    opts.boundMs,
    250,
  );
  const ended = await bounded(drives, opts.boundMs, ['test bound reached']);
  await waitAnnounced(stack.db, ids, 120_000);
  const record = await checkRecord(stack.db, ids);
  const violations = [
    ...record.violations,
    ...tally.errors.slice(0, 5).map((e) => `client saw ${e}`),
    ...ended.filter((e) => e !== 'completed').map((e) => `a drive ended ${e}`),
    ...(recovered
      ? []
      : [`answers stored before the flush still unevaluated after ${opts.boundMs / 1000} s`]),
  ];
  return {
    fault: `Redis FLUSHALL mid-load (${opts.interviews} interviews, ${pending.length} answers awaiting evaluation)`,
    requests: tally.requests,
    errors: tally.errors.length,
    lost: record.lost,
    duplicated: record.duplicated,
    recoveryMs: recovered ? recovered - flushedAt : null,
    notes: `completed ${record.completed}/${ids.length}; recovery is the sweeper (work older than 60 s, every 30 s)`,
    violations,
  };
}

/**
 * Stop the stack's Redis for `downMs` under a steady mix of requests, then start it again (empty:
 * no persistence). Promise: while it is down each request gets 503 problem+json or its normal
 * answer within HANG_MS, never a 500, a hang or a broken connection; afterwards the API recovers
 * without a restart and every interview completes with nothing lost.
 */
export async function redisRestart(
  stack: Stack,
  opts: { downMs: number; interviews: number; boundMs: number },
): Promise<ChaosRow> {
  const api = stack.apis[0]!.client;
  const t = await signUp(api);
  const ids = await Promise.all(
    Array.from({ length: opts.interviews }, (_, i) => startInterview(api, t.token, 700 + i)),
  );
  const probeId = await startInterview(api, t.token, 799);
  const link = await schedule(api, t.token);
  const probes = stack.apis.flatMap((a, i) => {
    const c = apiClient(a.origin);
    const tag = stack.apis.length > 1 ? `@${i}` : '';
    return [
      { name: `readyz${tag}`, run: () => send(`${a.origin}/readyz`, { timeoutMs: 30_000 }), plain503: true },
      {
        name: `state${tag}`,
        run: () => c.get(`/interview/${probeId}/state`, { token: t.token, timeoutMs: 30_000 }),
      },
      {
        name: `answer${tag}`,
        run: () =>
          c.post(
            `/interview/${probeId}/answer`,
            { answerText: ANSWER },
            { token: t.token, headers: { prefer: 'respond-async' }, timeoutMs: 30_000 },
          ),
      },
      { name: `interviews${tag}`, run: () => c.get('/interviews', { token: t.token, timeoutMs: 30_000 }) },
      {
        name: `login${tag}`,
        run: () => c.post('/admin/login', { email: t.email, password: t.password }, { timeoutMs: 30_000 }),
      },
      { name: `join page${tag}`, run: () => c.get(`/public/join/${link.joinToken}`, { timeoutMs: 30_000 }) },
    ];
  });
  const logFrom = stack.apis.map((a) => a.proc.output().length);
  const prober = new Prober(probes, 150);
  prober.start();
  await sleep(2_000);
  const downAt = Date.now();
  await stack.redis.stop();
  await sleep(opts.downMs);
  const upAt = Date.now();
  await stack.redis.start();
  const recoveredAt = await waitUntil(() => prober.recoveredAt(upAt) ?? undefined, 60_000, 250);
  await sleep(1_000);
  await prober.stop();

  const during = prober.within(downAt, upAt);
  const bad = during.map((s) => acceptableInOutage(s, HANG_MS)).filter((x): x is string => x !== undefined);
  const after = prober.within(recoveredAt ?? upAt, Date.now());
  const badAfter = after.filter((s) => s.status === 0 || s.status >= 500);

  // the interviews still finish (the queue was emptied: the sweeper re-enqueues what was lost)
  const tally = new Tally();
  const ends = await bounded(
    Promise.all(
      ids.map((id) =>
        driveInterview(id, {
          apis: () => stack.apis.map((a) => a.client),
          token: t.token,
          tally,
          turnBoundMs: opts.boundMs,
        }),
      ),
    ),
    opts.boundMs + 30_000,
    ['test bound reached'],
  );
  const announceMs = await waitAnnounced(stack.db, ids, 120_000);
  const record = await checkRecord(stack.db, ids);
  const distinct = [...new Set(bad.map((b) => b.replace(/\d+ ms/, 'N ms')))];
  const violations = [
    ...distinct.slice(0, 8).map((b) => `during the outage ${b}`),
    ...(recoveredAt ? [] : ['not every route answered well again within 60 s of Redis returning']),
    ...badAfter.slice(0, 3).map((s) => `after recovery ${s.kind} got ${s.status || s.error}`),
    ...record.violations,
    ...tally.errors.slice(0, 3).map((e) => `client saw ${e}`),
    ...ends.filter((e) => e !== 'completed').map((e) => `a drive ended ${e}`),
  ];
  return {
    fault: `Redis stopped ${opts.downMs / 1000} s under load, then restarted empty`,
    requests: prober.samples.length + tally.requests,
    errors: bad.length + badAfter.length + tally.errors.length,
    lost: record.lost,
    duplicated: record.duplicated,
    recoveryMs: recoveredAt ? recoveredAt - upAt : null,
    notes: `API logged ${stack.apis.map((a, i) => loggedErrors(a.proc.output(), logFrom[i]) || 'nothing').join(' | ')}; reports announced ${announceMs === null ? 'NOT within 120 s' : `${Math.round(announceMs / 1000)} s`} after the interviews ended; during the outage: ${prober.describe(downAt, upAt)}`,
    violations,
  };
}
