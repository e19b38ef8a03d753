import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRedis } from '../../src/db/index.ts';
import { redisEmitter } from '../../src/realtime/index.ts';
import { createHarness, type Harness, type TestTenant } from '../helpers/harness.ts';
import { startInterview } from '../helpers/interview.ts';
import { type OwnRedis, startOwnRedis } from '../helpers/own-redis.ts';

/**
 * Redis going away while the API runs: the requests that need it answer `503 unavailable` with
 * `Retry-After` at once (they waited through ~10 s of reconnects, then answered 500), and the
 * same process serves them again once Redis is back. Found by the fault suite
 * (docs/reliability.md, finding 5). The Redis is the test's own, so stopping it disturbs no one.
 */

let redis: OwnRedis;
let h: Harness;
let t: TestTenant;
let interviewId: string;
let untouched: string;

beforeAll(async () => {
  redis = await startOwnRedis();
  h = await createHarness({ REDIS_URL: redis.url });
  t = await h.signUp();
  interviewId = (await startInterview(h, t)).interviewId;
  untouched = (await startInterview(h, t)).interviewId;
}, 60_000);

afterAll(async () => {
  await redis?.close();
});

const login = () =>
  h.request('POST', '/api/v1/admin/login', { body: { email: t.ownerEmail, password: t.ownerPassword } });
const state = () => h.request('GET', `/api/v1/interview/${interviewId}/state`, { token: t.token });

describe('Redis down', () => {
  it('answers 503 unavailable with Retry-After while it is down, and recovers without a restart', async () => {
    expect((await login()).status).toBe(200);
    expect((await state()).status).toBe(200);

    await redis.stop();
    for (const res of [await login(), await h.request('GET', '/readyz')]) {
      expect(res.status, res.text).toBe(503);
    }
    const refused = await login();
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(refused.body).toMatchObject({ code: 'unavailable', status: 503 });
    expect(refused.headers.get('retry-after')).toBe('1');
    // a route that needs only PostgreSQL keeps working, and live state is read from PostgreSQL
    expect((await h.request('GET', '/api/v1/interviews', { token: t.token })).status).toBe(200);
    expect((await state()).status).toBe(200);
    const answer = await h.request('POST', `/api/v1/interview/${interviewId}/answer`, {
      token: t.token,
      body: { answerText: 'I built the billing service and its queue consumers.', turn: 1 },
    });
    // the answer needs the job queue: refused with 503, but stored, and a retry later completes the turn
    expect(answer.status, answer.text).toBe(503);
    expect(answer.body).toMatchObject({ code: 'unavailable' });

    // an answer whose client never retries: stored, its job never enqueued
    const abandoned = await h.request('POST', `/api/v1/interview/${untouched}/answer`, {
      token: t.token,
      body: { answerText: 'I ran the on-call rotation and wrote the incident runbooks.', turn: 1 },
    });
    expect(abandoned.status, abandoned.text).toBe(503);

    await redis.start(); // empty: anything queued before is gone too
    await vi.waitFor(async () => expect((await login()).status).toBe(200), {
      timeout: 15_000,
      interval: 100,
    });
    const retried = await h.request('POST', `/api/v1/interview/${interviewId}/answer`, {
      token: t.token,
      body: { answerText: 'I built the billing service and its queue consumers.', turn: 1 },
    });
    expect(retried.status, retried.text).toBe(200);
    expect(retried.body.state).toMatchObject({ answered: 1, turn: 2 });
    // the worker sweeps as soon as Redis is back, not a minute later: the abandoned answer is evaluated
    await vi.waitFor(
      async () => {
        const s = await h.request('GET', `/api/v1/interview/${untouched}/state`, { token: t.token });
        expect(s.body).toMatchObject({ answered: 1, turn: 2 });
      },
      { timeout: 20_000, interval: 200 },
    );
  }, 60_000);

  it('a worker publishing live events while Redis is away drops them instead of dying', async () => {
    const client = createRedis(redis.url);
    const events = redisEmitter(client);
    await client.ping();
    await redis.stop();
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      events.emit(t.id, 'interview.turn', {
        interviewId,
        turn: 2,
        kind: 'question',
        phase: 'technical',
        questionId: 'q',
        reply: 'x',
      });
      await new Promise((r) => setTimeout(r, 1_500)); // past a failed reconnect
      expect(rejections).toEqual([]);
    } finally {
      process.off('unhandledRejection', onRejection);
      client.disconnect();
      await redis.start();
    }
  }, 30_000);
});
