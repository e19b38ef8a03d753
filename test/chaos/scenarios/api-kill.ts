import { randomUUID } from 'node:crypto';
import type { Reply } from '../lib/http.ts';
import type { ChaosRow } from '../lib/outcome.ts';
import { sleep, waitUntil } from '../lib/outcome.ts';
import {
  ANSWER,
  checkRecord,
  driveInterview,
  signUp,
  startInterview,
  Tally,
  waitAnnounced,
} from '../lib/product.ts';
import type { Stack } from '../lib/stack.ts';

interface Retrier {
  /** statuses the client saw, in order */
  seen: string[];
  /** ms from the kill to its 200, or null */
  okAfterKillMs: number | null;
  body: Reply['body'];
}

/**
 * SIGKILL API process A while `inFlight` answers wait on it for their evaluation (the LLM stand-in
 * holds each for a while). Each client retries the same request (same Idempotency-Key, same
 * text) on API B until it gets its 200, for up to `retryMs`. Meanwhile a bystander's interview on
 * B carries on. Promise: B keeps serving; each retried answer is stored exactly once with one
 * evaluation; each client gets its result with its key; every interview can finish.
 */
export async function apiKillMidRequest(
  stack: Stack,
  opts: { inFlight: number; retryMs: number; boundMs: number },
): Promise<ChaosRow> {
  const tally = new Tally();
  const bystanderTally = new Tally();
  const [a, b] = [stack.apis[0]!, stack.apis[1]!];
  const t = await signUp(b.client);
  const ids = await Promise.all(
    Array.from({ length: opts.inFlight }, (_, i) => startInterview(b.client, t.token, 300 + i)),
  );
  const bystanderId = await startInterview(b.client, t.token, 399);
  const bystander = driveInterview(bystanderId, {
    apis: () => [b.client],
    token: t.token,
    tally: bystanderTally,
    turnBoundMs: 60_000,
  });

  let killedAt = 0;
  const retriers = ids.map(async (id): Promise<Retrier> => {
    const key = randomUUID();
    const r: Retrier = { seen: [], okAfterKillMs: null, body: undefined };
    const post = (api: typeof a) =>
      api.client.post(
        `/interview/${id}/answer`,
        { answerText: ANSWER, turn: 1 },
        { token: t.token, headers: { 'idempotency-key': key }, timeoutMs: 30_000 },
      );
    let res = tally.note(await post(a));
    r.seen.push(res.status === 0 ? `ERR:${res.error}` : String(res.status));
    const deadline = Date.now() + opts.retryMs;
    while (res.status !== 200 && Date.now() < deadline) {
      await sleep(250);
      res = tally.note(await post(b));
      r.seen.push(
        res.status === 0 ? `ERR:${res.error}` : `${res.status}${res.body?.code ? ` ${res.body.code}` : ''}`,
      );
    }
    if (res.status === 200) {
      r.okAfterKillMs = killedAt ? Date.now() - killedAt : 0;
      r.body = res.body;
    }
    return r;
  });

  await waitUntil(
    () => (stack.evaluationsInFlight() >= Math.ceil(opts.inFlight / 2) ? true : undefined),
    20_000,
    20,
  );
  const inFlightAtKill = stack.evaluationsInFlight();
  killedAt = Date.now();
  await stack.killApi(0);
  const results = await Promise.all(retriers);
  const bystanderEnd = await bystander;
  await stack.restartApi(0);

  // every interview can still finish (fresh keys from turn 2 on; the driver reads the state)
  const driveTally = new Tally();
  const ends = await Promise.all(
    ids.map((id) =>
      driveInterview(id, {
        apis: () => stack.apis.map((x) => x.client),
        token: t.token,
        tally: driveTally,
        turnBoundMs: 60_000,
      }),
    ),
  );
  await waitAnnounced(stack.db, [...ids, bystanderId], 100_000);
  const record = await checkRecord(stack.db, [...ids, bystanderId]);
  const { rows: claims } = await stack.db.query<{ n: number }>(
    `select count(*)::int n from idempotent_responses where tenant_id = $1 and status = 0`,
    [t.tenantId],
  );

  const ok = results.filter((r) => r.okAfterKillMs !== null);
  const stuck = results.filter((r) => r.okAfterKillMs === null);
  const sawBroken = results.filter((r) => r.seen[0]?.startsWith('ERR')).length;
  const violations = [
    ...record.violations,
    ...bystanderTally.errors.map((e) => `bystander on API B saw ${e}`),
    ...(bystanderEnd === 'completed' ? [] : [`bystander interview ended ${bystanderEnd}`]),
    ...ends.filter((e) => e !== 'completed').map((e) => `an interview ended ${e} after the kill`),
    ...(stuck.length
      ? [
          `${stuck.length} of ${results.length} clients retrying with the same Idempotency-Key never got their answer in ${opts.retryMs / 1000} s (saw ${[...new Set(stuck.flatMap((r) => r.seen.slice(1)))].join(', ')}); ${claims[0]!.n} claims of the killed process stay in idempotent_responses (status 0)`,
        ]
      : []),
    ...(sawBroken === 0 ? ['no request was cut by the kill'] : []),
  ];
  const retryErrors = tally.errors.filter((e) => !e.startsWith('no answer')).length;
  return {
    fault: `API SIGKILL with ${opts.inFlight} answers in flight (clients retry on the 2nd API)`,
    requests: tally.requests + bystanderTally.requests + driveTally.requests,
    errors: bystanderTally.errors.length + retryErrors + driveTally.errors.length,
    lost: record.lost,
    duplicated: record.duplicated,
    recoveryMs: stuck.length ? null : Math.max(0, ...ok.map((r) => r.okAfterKillMs!)),
    notes: `evaluations in flight at the kill ${inFlightAtKill}; requests cut ${sawBroken}; same-key retries answered 200: ${ok.length}/${results.length}; bystander on B: ${bystanderTally.requests} requests, ${bystanderTally.errors.length} errors`,
    violations,
  };
}
