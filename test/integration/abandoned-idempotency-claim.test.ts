import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/db/index.ts';
import { CLAIM_MARGIN_SECONDS } from '../../src/interview/turn/record-answer.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { startInterview } from '../helpers/interview.ts';

/**
 * An API process killed after storing an answer and its Idempotency-Key claim, before answering:
 * the claim must not block the client's retry for the key's whole lifetime. Found by the fault
 * suite (docs/reliability.md, finding 2).
 */

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});

const ANSWER = 'I would read the query plan, add an index for the filter, and measure again.';
const hashOf = (text: string, turn: number) =>
  createHash('sha256')
    .update(JSON.stringify([text, turn]))
    .digest('hex');

/** What a killed request leaves: the answer stored and the key claimed, `ageSeconds` ago. */
async function leftBehind(tenantId: string, interviewId: string, key: string, ageSeconds: number) {
  const db = h.ownerOrm.em.fork();
  await db.execute(`insert into answers (id, tenant_id, interview_id, turn, text) values (?, ?, ?, 1, ?)`, [
    uuidv7(),
    tenantId,
    interviewId,
    ANSWER,
  ]);
  await db.execute(
    `insert into idempotent_responses (id, tenant_id, scope, key, request_hash, status, body, created_at)
     values (?, ?, ?, ?, ?, 0, '{}'::jsonb, now() - make_interval(secs => ?))`,
    [uuidv7(), tenantId, `interview:${interviewId}:answer`, key, hashOf(ANSWER, 1), ageSeconds],
  );
}

describe('an Idempotency-Key claim left by a killed API process', () => {
  it('a retry once no request could still hold the claim (the answer wait plus a margin) takes it over: evaluated once, answered', async () => {
    const t = await h.signUp();
    const { interviewId } = await startInterview(h, t);
    const abandonedAfter = Math.ceil(h.services.config.answerWaitMs / 1000) + CLAIM_MARGIN_SECONDS;
    expect(abandonedAfter).toBeLessThan(60); // a client retrying for a minute gets its answer
    await leftBehind(t.id, interviewId, 'retry-me', abandonedAfter + 1);
    const retry = await h.request('POST', `/api/v1/interview/${interviewId}/answer`, {
      token: t.token,
      headers: { 'idempotency-key': 'retry-me' },
      body: { answerText: ANSWER, turn: 1 },
    });
    expect(retry.status, retry.text).toBe(200);
    expect(retry.body.evaluation.score).toEqual(expect.any(Number));
    const counts = await h.ownerOrm.em.fork().execute<{ answers: string; evaluations: string }[]>(
      `select (select count(*) from answers where interview_id = ?) as answers,
                (select count(*) from evaluations where interview_id = ?) as evaluations`,
      [interviewId, interviewId],
    );
    expect(counts[0]).toEqual({ answers: '1', evaluations: '1' });
    // and the key now replays that answer
    const again = await h.request('POST', `/api/v1/interview/${interviewId}/answer`, {
      token: t.token,
      headers: { 'idempotency-key': 'retry-me' },
      body: { answerText: ANSWER, turn: 1 },
    });
    expect(again.status).toBe(200);
    expect(again.body.evaluation).toEqual(retry.body.evaluation);
  });

  it('a taken-over claim whose answer was processed before the process died replays that turn (not turn_mismatch)', async () => {
    const t = await h.signUp();
    const { interviewId } = await startInterview(h, t);
    // the killed request stored its answer and the worker processed it: the interview moved on
    const first = await h.request('POST', `/api/v1/interview/${interviewId}/answer`, {
      token: t.token,
      body: { answerText: ANSWER, turn: 1 },
    });
    expect(first.status, first.text).toBe(200);
    const abandonedAfter = Math.ceil(h.services.config.answerWaitMs / 1000) + CLAIM_MARGIN_SECONDS;
    await h.ownerOrm.em.fork().execute(
      `insert into idempotent_responses (id, tenant_id, scope, key, request_hash, status, body, created_at)
       values (?, ?, ?, 'cut-off', ?, 0, '{}'::jsonb, now() - make_interval(secs => ?))`,
      [uuidv7(), t.id, `interview:${interviewId}:answer`, hashOf(ANSWER, 1), abandonedAfter + 1],
    );
    const retry = await h.request('POST', `/api/v1/interview/${interviewId}/answer`, {
      token: t.token,
      headers: { 'idempotency-key': 'cut-off' },
      body: { answerText: ANSWER, turn: 1 },
    });
    expect(retry.status, retry.text).toBe(200);
    expect(retry.body.evaluation).toMatchObject({ turn: 1, score: first.body.evaluation.score });
    expect(retry.body.state.turn).toBe(2);
    const [counts] = await h.ownerOrm.em.fork().execute<{ answers: string; evaluations: string }[]>(
      `select (select count(*) from answers where interview_id = ?) as answers,
              (select count(*) from evaluations where interview_id = ?) as evaluations`,
      [interviewId, interviewId],
    );
    expect(counts).toEqual({ answers: '1', evaluations: '1' });
  });

  it('a fresh claim is still a request in progress (409)', async () => {
    const t = await h.signUp();
    const { interviewId } = await startInterview(h, t);
    await leftBehind(t.id, interviewId, 'in-flight', 1);
    const res = await h.request('POST', `/api/v1/interview/${interviewId}/answer`, {
      token: t.token,
      headers: { 'idempotency-key': 'in-flight' },
      body: { answerText: ANSWER, turn: 1 },
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('idempotency_in_progress');
    expect(res.headers.get('retry-after')).toBe('1');
  });
});
