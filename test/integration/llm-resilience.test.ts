import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness, type TestTenant } from '../helpers/harness.ts';
import { startInterview } from '../helpers/interview.ts';
import { answerLlm, isTurnCall } from '../helpers/llm-turn-stand-in.ts';
import {
  type CapturedRequest,
  type StandIn,
  type StandInReply,
  startStandIn,
} from '../helpers/openai-stand-in.ts';

/**
 * A turn's model calls ride out a bad moment of the provider within the turn's budget: a 429 waits
 * what its Retry-After asks (and is not waited for when that ends past the budget), 5xx and
 * timeouts are retried with backoff, and past the budget or the retries the built-in evaluation
 * and the templates answer, saying why. Against the local stand-in.
 */

let api: StandIn;
let h: Harness;
/** the reply to the n-th turn call of the current test (1-based); other calls are answered well */
let turnReply: (n: number, req: CapturedRequest) => StandInReply;
let turnCalls = 0;

const GOOD = { level: 1, covered: false };

beforeAll(async () => {
  api = await startStandIn();
  api.reply((req) => (isTurnCall(req) ? turnReply(++turnCalls, req) : answerLlm(req, GOOD)));
  h = await createHarness({
    OPENAI_API_KEY: 'sk-test',
    OPENAI_BASE_URL: api.baseURL,
    OPENAI_MAX_RETRIES: '2',
    OPENAI_TIMEOUT_MS: '2000',
    LLM_TURN_BUDGET_MS: '10000',
  });
});
afterAll(() => api.close());
beforeEach(() => {
  turnCalls = 0;
});

async function answered(t: TestTenant) {
  const s = await startInterview(h, t);
  const from = api.requests.length;
  const res = await h.request('POST', `/api/v1/interview/${s.interviewId}/answer`, {
    token: t.token,
    body: { answerText: 'Not sure, it depends.', turn: 1 },
  });
  expect(res.status, res.text).toBe(200);
  const [usage] = await h.ownerOrm.em
    .fork()
    .execute<{ attempts: number; outcome: string }[]>(
      `select attempts, outcome from llm_usage where interview_id = ? and purpose = 'turn'`,
      [s.interviewId],
    );
  return { res, requests: api.requests.slice(from).filter(isTurnCall), usage };
}

const ok = (req: CapturedRequest) => answerLlm(req, GOOD);

describe('the provider has a bad moment', () => {
  it('429 with Retry-After: waits, then the model answers', async () => {
    turnReply = (n, req) => (n === 1 ? { status: 429, headers: { 'retry-after': '1' } } : ok(req));
    const { res, requests, usage } = await answered(await h.signUp());
    expect(requests).toHaveLength(2);
    expect(res.body.evaluation.evaluator.name).toBe('llm-rubric');
    expect(usage).toEqual({ attempts: 2, outcome: 'ok' });
  });

  it('429 asking for a wait past the turn budget: the built-in evaluation at once, no retry', async () => {
    turnReply = () => ({ status: 429, headers: { 'retry-after': '60' } });
    const { res, requests, usage } = await answered(await h.signUp());
    expect(requests).toHaveLength(1);
    expect(res.body.evaluation.evaluator).toMatchObject({
      name: 'builtin-rubric',
      fallbackFrom: 'llm-rubric',
      fallbackReason: 'http_429',
    });
    expect(usage).toEqual({ attempts: 1, outcome: 'http_429' });
  });

  it.each([
    ['a 503', { status: 503 }],
    ['a 500', { status: 500 }],
    ['a timeout', { delayMs: 5_000, content: '{}' }],
  ])('%s, then an answer: retried with backoff', async (_, failure) => {
    turnReply = (n, req) => (n === 1 ? failure : ok(req));
    const { res, requests, usage } = await answered(await h.signUp());
    expect(requests).toHaveLength(2);
    expect(res.body.evaluation.evaluator.name).toBe('llm-rubric');
    expect(usage).toEqual({ attempts: 2, outcome: 'ok' });
  });

  it('5xx every time: the retries used up, then the built-in path, saying why', async () => {
    turnReply = () => ({ status: 502 });
    const { res, requests, usage } = await answered(await h.signUp());
    expect(requests).toHaveLength(3); // OPENAI_MAX_RETRIES = 2
    expect(res.body.evaluation.evaluator).toMatchObject({
      fallbackFrom: 'llm-rubric',
      fallbackReason: 'http_502',
    });
    expect(usage).toEqual({ attempts: 3, outcome: 'http_502' });
    expect(res.body.nextReply.length).toBeGreaterThan(10);
  });

  it('a 400 is not retried: the same request would fail the same way', async () => {
    turnReply = () => ({ status: 400 });
    const { res, requests } = await answered(await h.signUp());
    expect(requests).toHaveLength(1);
    expect(res.body.evaluation.evaluator.fallbackReason).toBe('http_400');
  });
});
