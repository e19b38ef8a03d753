import type { ChaosRow } from '../lib/outcome.ts';
import { sleep, waitUntil } from '../lib/outcome.ts';
import {
  checkRecord,
  checkWebhooks,
  driveInterview,
  join,
  type Receiver,
  schedule,
  signUp,
  startInterview,
  startReceiver,
  Tally,
  type TenantLogin,
  waitAnnounced,
} from '../lib/product.ts';
import type { Stack } from '../lib/stack.ts';

/** Settings the worker-kill scenarios need in every process of their stack. */
export const WORKER_KILL_ENV = {
  // a failed webhook attempt comes back within seconds, not minutes
  WEBHOOK_RETRY_SCHEDULE: '1s,2s,4s,8s',
  WEBHOOK_TIMEOUT_MS: '10000',
};

const clients = (stack: Stack) => () => stack.apis.map((a) => a.client);

async function unevaluated(stack: Stack, ids: string[]): Promise<string[]> {
  const { rows } = await stack.db.query<{ k: string }>(
    `select a.interview_id || ':' || a.turn k from answers a
      where a.interview_id = any($1::uuid[])
        and not exists (select 1 from evaluations e where e.interview_id = a.interview_id and e.turn = a.turn)`,
    [ids],
  );
  return rows.map((r) => r.k);
}

async function evaluationCount(stack: Stack, ids: string[]): Promise<number> {
  const { rows } = await stack.db.query<{ n: number }>(
    'select count(*)::int n from evaluations where interview_id = any($1::uuid[])',
    [ids],
  );
  return rows[0]!.n;
}

/** Resolves with `value` after `ms`, so a drive that hangs cannot hold the test past its bound. */
const bounded = <T>(p: Promise<T>, ms: number, value: T) => Promise.race([p, sleep(ms).then(() => value)]);

/**
 * SIGKILL the worker while LLM evaluations are in flight (the stand-in holds each for a while),
 * `kills` times during `interviews` interviews answered to their end (half waiting for the
 * result, half with Prefer: respond-async). Promise: every answer ends with exactly one
 * evaluation, no turn is lost or repeated, every interview completes with one report.
 */
export async function workerKillMidEvaluation(
  stack: Stack,
  opts: { interviews: number; kills: number; boundMs: number },
): Promise<ChaosRow> {
  const t0 = Date.now();
  const tally = new Tally();
  const t = await signUp(stack.apis[0]!.client);
  const ids = await Promise.all(
    Array.from({ length: opts.interviews }, (_, i) =>
      startInterview(stack.apis[0]!.client, t.token, 100 + i),
    ),
  );
  const drives = Promise.all(
    ids.map((id, i) =>
      driveInterview(id, {
        apis: clients(stack),
        token: t.token,
        async: i % 2 === 1,
        tally,
        turnBoundMs: 90_000,
      }),
    ),
  );
  const kills: { inFlight: number; pending: number; recoveryMs: number | null }[] = [];
  let asked = 0;
  for (let k = 0; k < opts.kills; k++) {
    // the next kill waits for some progress after the previous restart
    // several evaluations in flight if they come within a few seconds, else at least one
    const since = Date.now();
    const want = () => (Date.now() - since < 8_000 ? Math.min(3, Math.ceil(opts.interviews / 2)) : 1);
    const seen = await waitUntil(
      () =>
        stack.evaluationsInFlight() >= want() && stack.evaluationRequests.length >= asked + 4 * k
          ? true
          : undefined,
      60_000,
      20,
    );
    if (!seen) break;
    const inFlight = stack.evaluationsInFlight();
    const killedAt = Date.now();
    await stack.killWorker();
    const pending = await unevaluated(stack, ids);
    await stack.startWorker();
    asked = stack.evaluationRequests.length;
    // recovery: every answer stored before the kill has its evaluation
    const done = await waitUntil(
      async () => ((await unevaluated(stack, ids)).some((x) => pending.includes(x)) ? undefined : Date.now()),
      opts.boundMs,
      100,
    );
    kills.push({ inFlight, pending: pending.length, recoveryMs: done ? done - killedAt : null });
  }
  const ended = await bounded(drives, Math.max(10_000, opts.boundMs - (Date.now() - t0)), [
    'test bound reached',
  ]);
  await waitAnnounced(stack.db, ids, 100_000);
  const record = await checkRecord(stack.db, ids);
  const evaluations = await evaluationCount(stack, ids);
  const violations = [...record.violations, ...tally.errors.slice(0, 5).map((e) => `client saw ${e}`)];
  if (kills.length < opts.kills)
    violations.push(`only ${kills.length} of ${opts.kills} kills found work in flight`);
  if (kills.some((k) => k.inFlight === 0)) violations.push('a kill found no evaluation in flight');
  const notStopped = ended.filter((s) => s !== 'completed');
  if (notStopped.length) violations.push(`drives ended: ${notStopped.join(', ')}`);
  const recoveries = kills.map((k) => k.recoveryMs);
  return {
    fault: `worker SIGKILL mid-evaluation (×${opts.kills}, ${opts.interviews} interviews, LLM evaluator)`,
    requests: tally.requests,
    errors: tally.errors.length,
    lost: record.lost,
    duplicated: record.duplicated,
    recoveryMs: recoveries.includes(null) ? null : Math.max(0, ...(recoveries as number[])),
    notes: `in flight at each kill ${kills.map((k) => k.inFlight).join(', ')}; evaluations asked ${stack.evaluationRequests.length} for ${evaluations} stored (re-runs after kills); completed ${record.completed}/${ids.length}; JOB_LOCK_MS 2000`,
    violations,
  };
}

async function addEndpoint(stack: Stack, t: TenantLogin, receiver: Receiver) {
  const res = await stack.apis[0]!.client.post(
    '/webhooks',
    {
      url: receiver.url,
      events: ['interview.scheduled', 'interview.started', 'interview.completed', 'report.ready'],
    },
    { token: t.token },
  );
  if (res.status !== 201) throw new Error(`webhook endpoint refused: ${res.status} ${res.text}`);
  return { id: res.body.id as string, secret: res.body.secret as string };
}

async function deliveriesFinal(stack: Stack, endpointId: string) {
  const { rows } = await stack.db.query<{ n: number }>(
    `select count(*)::int n from webhook_deliveries where endpoint_id = $1 and status = 'pending'`,
    [endpointId],
  );
  return rows[0]!.n === 0;
}

/**
 * SIGKILL the worker in the middle of announcing a finished interview: a transaction of the test
 * holds the interview's schedule row, so the announce job (which marks the link completed, records
 * usage and the interview.completed / report.ready deliveries) is caught half-way, its transaction
 * open. Promise: after a restart the report is announced exactly once and each event reaches the
 * receiver at least once under one webhook-id.
 */
export async function workerKillMidAnnounce(stack: Stack, opts: { boundMs: number }): Promise<ChaosRow> {
  const tally = new Tally();
  const receiver = await startReceiver(0);
  try {
    const t = await signUp(stack.apis[0]!.client);
    const endpoint = await addEndpoint(stack, t, receiver);
    const api = stack.apis[0]!.client;
    const joined = await Promise.all(
      [0, 1].map(async () => {
        const s = await schedule(api, t.token);
        return { ...s, ...(await join(api, s.joinToken)) };
      }),
    );
    const ids = joined.map((j) => j.interviewId);
    const held = joined[0]!;
    const lock = await stack.db.connect();
    let recoveryMs: number | null = null;
    let caught = false;
    try {
      await lock.query('begin');
      await lock.query('select id from schedules where id = $1 for update', [held.scheduleId]);
      const drives = Promise.all(
        joined.map((j) =>
          driveInterview(j.interviewId, {
            apis: clients(stack),
            token: j.candidateToken,
            tally,
            turnBoundMs: 60_000,
          }),
        ),
      );
      caught =
        (await waitUntil(
          async () => {
            const { rows } = await stack.db.query(
              `select 1 from pg_stat_activity where wait_event_type = 'Lock' and query ilike 'update schedules%'`,
            );
            return rows.length > 0 ? true : undefined;
          },
          opts.boundMs / 2,
          50,
        )) === true;
      const killedAt = Date.now();
      await stack.killWorker();
      await lock.query('rollback');
      await stack.startWorker();
      const announced = await waitUntil(async () => {
        const { rows } = await stack.db.query(
          'select 1 from reports where interview_id = $1 and announced_at is not null',
          [held.interviewId],
        );
        return rows.length ? Date.now() : undefined;
      }, opts.boundMs / 2);
      recoveryMs = announced ? announced - killedAt : null;
      await bounded(drives, 30_000, []);
    } finally {
      await lock.query('rollback').catch(() => undefined);
      lock.release();
    }
    await waitAnnounced(stack.db, ids, 100_000);
    await waitUntil(
      async () => ((await deliveriesFinal(stack, endpoint.id)) ? true : undefined),
      30_000,
      250,
    );
    const record = await checkRecord(stack.db, ids);
    const hooks = await checkWebhooks(stack.db, endpoint.id, endpoint.secret, receiver);
    const violations = [
      ...record.violations,
      ...hooks.violations,
      ...tally.errors.slice(0, 5).map((e) => `client saw ${e}`),
      ...(caught ? [] : ['the announce job was never caught holding its transaction']),
    ];
    return {
      fault: 'worker SIGKILL mid-announce (report stored, webhooks being recorded)',
      requests: tally.requests,
      errors: tally.errors.length,
      lost: record.lost + hooks.lost,
      duplicated: record.duplicated + hooks.duplicated,
      recoveryMs,
      notes: `announce caught mid-transaction: ${caught ? 'yes' : 'no'}; deliveries ${hooks.deliveries}, receipts ${hooks.receipts}; completed ${record.completed}/${ids.length}`,
      violations,
    };
  } finally {
    await receiver.close();
  }
}

/**
 * SIGKILL the worker while a webhook receiver (slow: it answers after `receiverDelayMs`) holds an
 * attempt: the worker has claimed the attempt and sent the request, and dies before recording its
 * outcome. Promise: every event reaches the receiver at least once, always under one webhook-id,
 * and every delivery ends final (`succeeded`) in the tenant's record.
 */
export async function workerKillMidWebhook(
  stack: Stack,
  opts: { schedules: number; receiverDelayMs: number; boundMs: number },
): Promise<ChaosRow> {
  const tally = new Tally();
  const receiver = await startReceiver(opts.receiverDelayMs);
  try {
    const t = await signUp(stack.apis[0]!.client);
    const endpoint = await addEndpoint(stack, t, receiver);
    const api = stack.apis[0]!.client;
    const scheduled = await Promise.all(Array.from({ length: opts.schedules }, () => schedule(api, t.token)));
    const caught = await waitUntil(
      () => (receiver.inFlight() > 0 ? receiver.inFlight() : undefined),
      30_000,
      20,
    );
    const killedAt = Date.now();
    await stack.killWorker();
    await stack.startWorker();
    // more events after the restart: each link is opened (interview.started)
    const joined = await Promise.all(scheduled.map((s) => join(api, s.joinToken)));
    const final = await waitUntil(
      async () => ((await deliveriesFinal(stack, endpoint.id)) ? Date.now() : undefined),
      opts.boundMs,
      250,
    );
    const hooks = await checkWebhooks(stack.db, endpoint.id, endpoint.secret, receiver);
    // Would the sweeper ever pick the stuck ones up? Ask it with no age limit at all.
    const { rows: stuck } = await stack.db.query<{
      id: string;
      attempts: number;
      next_attempt_at: Date | null;
    }>(
      `select id, attempts, next_attempt_at from webhook_deliveries where endpoint_id = $1 and status = 'pending'`,
      [endpoint.id],
    );
    const { rows: sweepable } = await stack.db.query<{ subject_id: string }>(
      `select subject_id from stalled_work(0) where kind = 'deliver'`,
    );
    const unsweepable = stuck.filter((d) => !sweepable.some((s) => s.subject_id === d.id));
    const violations = [
      ...hooks.violations,
      ...tally.errors.map((e) => `client saw ${e}`),
      ...(caught ? [] : ['no attempt was in flight at the kill']),
      ...(unsweepable.length
        ? [
            `${unsweepable.length} pending deliveries (attempts ${unsweepable.map((d) => d.attempts).join(',')}, next_attempt_at ${unsweepable.map((d) => d.next_attempt_at ?? 'null').join(',')}) are invisible to stalled_work(0): nothing will ever retry them`,
          ]
        : []),
    ];
    void joined;
    return {
      fault: `worker SIGKILL mid-webhook delivery (receiver answers after ${opts.receiverDelayMs / 1000} s)`,
      requests: tally.requests + opts.schedules * 2 + 2,
      errors: tally.errors.length,
      lost: hooks.lost,
      duplicated: hooks.duplicated,
      recoveryMs: final ? final - killedAt : null,
      notes: `attempts in flight at the kill ${caught ?? 0}; deliveries ${hooks.deliveries}, receipts ${hooks.receipts}, still pending after ${opts.boundMs / 1000} s: ${hooks.pending}`,
      violations,
    };
  } finally {
    await receiver.close();
  }
}
