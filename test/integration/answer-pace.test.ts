import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryAnswerPace, PACE_BURST_CHARS, redisAnswerPace } from '../../src/interview/turn/answer-pace.ts';
import { evaluateAnswerJobId } from '../../src/interview/turn/evaluate-answer.job.ts';
import { BULLMQ_PREFIX, bullmqConnection } from '../../src/jobs/index.ts';
import { createHarness, type Harness, TEST_REDIS_URL } from '../helpers/harness.ts';
import { startInterview } from '../helpers/interview.ts';

/**
 * An interview's answers are evaluated at a human pace (src/interview/turn/answer-pace.ts): an
 * interview sending maximal answers back to back is held after its burst and its evaluation is
 * put off, while another tenant's interview answers at once. On the production adapters: the
 * pace in Redis, BullMQ on a Redis database of its own (/12, flushed first), PostgreSQL.
 */

const REDIS_URL = (() => {
  const url = new URL(TEST_REDIS_URL);
  url.pathname = '/12';
  return url.toString();
})();

const MAXIMAL = 'I measured the slow query first, then added an index and checked the plan again. '
  .repeat(300)
  .slice(0, 20_000);

let h: Harness;
let redis: Redis;
let queue: Queue;

beforeAll(async () => {
  redis = new Redis(REDIS_URL);
  await redis.flushdb();
  queue = new Queue('evaluation', { connection: bullmqConnection(REDIS_URL, false), prefix: BULLMQ_PREFIX });
  h = await createHarness({
    REDIS_URL,
    // one character a second: an answer past the burst is due hours later
    ANSWER_CHARS_PER_SECOND: '1',
    // … and is held this long before its request answers 202
    ANSWER_WAIT_MS: '300',
  });
});

afterAll(async () => {
  await queue.close();
  await redis.flushdb();
  await redis.quit();
});

describe('the pace of one interview’s answers', () => {
  it('books two maximal answers at once, and puts off the third, per interview', async () => {
    for (const pace of [memoryAnswerPace(1), redisAnswerPace(redis, 1)]) {
      const id = crypto.randomUUID();
      expect(await pace.reserve(id, 20_000)).toBe(0);
      expect(await pace.reserve(id, PACE_BURST_CHARS - 20_000)).toBe(0);
      expect(await pace.reserve(id, 20_000)).toBeGreaterThan(3_600_000);
      // another interview is not held by this one's
      expect(await pace.reserve(crypto.randomUUID(), 20_000)).toBe(0);
    }
  });

  it('holds an interview flooding maximal answers and delays their evaluation; another tenant answers at once', async () => {
    const [a, b] = [await h.signUp(), await h.signUp()];
    const noisy = await startInterview(h, a);
    const answer = (id: string, token: string, turn: number) =>
      h.request('POST', `/api/v1/interview/${id}/answer`, {
        token,
        body: { answerText: MAXIMAL, turn },
        headers: { prefer: 'respond-async' },
      });
    const evaluated = async (id: string, token: string, turn: number) => {
      for (let i = 0; i < 400; i++) {
        const state = await h.request('GET', `/api/v1/interview/${id}/state`, { token });
        if (state.body.turn > turn) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`turn ${turn} of ${id} was not evaluated`);
    };
    const jobState = async (id: string, turn: number) =>
      (await queue.getJob(evaluateAnswerJobId(id, turn).replaceAll(':', '_')))?.getState();

    // within the burst: evaluated at once
    for (const turn of [1, 2]) {
      expect((await answer(noisy.interviewId, a.token, turn)).status).toBe(202);
      await evaluated(noisy.interviewId, a.token, turn);
    }
    // past it: accepted (stored), its evaluation put off
    expect((await answer(noisy.interviewId, a.token, 3)).status).toBe(202);
    expect(await jobState(noisy.interviewId, 3)).toBe('delayed');
    const [stored] = await h.ownerOrm.em
      .fork()
      .execute<{ n: number }[]>('select count(*)::int n from answers where interview_id = ?', [
        noisy.interviewId,
      ]);
    expect(stored!.n).toBe(3);

    // another tenant's interview: its maximal answer is evaluated at once
    const quiet = await startInterview(h, b);
    expect((await answer(quiet.interviewId, b.token, 1)).status).toBe(202);
    expect(await jobState(quiet.interviewId, 1)).not.toBe('delayed');
    await evaluated(quiet.interviewId, b.token, 1);
  }, 60_000);
});
