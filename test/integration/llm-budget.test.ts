import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { runInterview, startInterview } from '../helpers/interview.ts';
import { answerLlm, delimited, isTurnCall } from '../helpers/llm-turn-stand-in.ts';
import { type StandIn, startStandIn } from '../helpers/openai-stand-in.ts';

/**
 * What LLM mode sends and what it costs: a fixed prefix first (the response schema and the
 * prompt's own text, the same for every call, so providers cache it), earlier turns within
 * LLM_CONTEXT_TOKEN_BUDGET however long the interview, and every call's usage (prompt, cached,
 * completion) recorded per interview, in the report and in the metrics.
 */

const BUDGET = 300;
let api: StandIn;
let h: Harness;

beforeAll(async () => {
  api = await startStandIn();
  api.reply((req) => answerLlm(req, { level: 3, covered: true }));
  h = await createHarness({
    OPENAI_API_KEY: 'sk-test',
    OPENAI_BASE_URL: api.baseURL,
    OPENAI_MAX_RETRIES: '0',
    LLM_CONTEXT_TOKEN_BUDGET: String(BUDGET),
  });
});
afterAll(() => api.close());

/** A long answer, different each turn (about 450 tokens). */
const longAnswer = (turn: number) =>
  Array.from(
    { length: 12 },
    (_, i) =>
      `In project ${turn}-${i} I owned the ingestion service, measured its p99 at ${100 + turn * 7 + i} ms and cut it by batching writes.`,
  ).join(' ');

const tokens = (text: string) => Math.ceil(text.length / 4);

describe('the prompt and its budget', () => {
  it('a 30-turn interview: earlier turns stay within the budget, the prefix is fixed and cached, usage is recorded', async () => {
    const t = await h.signUp();
    const from = api.requests.length;
    const s = await startInterview(h, t, {
      candidate: { name: 'Yusuf Budgetson', email: 'yusuf.budget@example.com' },
      length: 30,
    });
    const { responses, state } = await runInterview(h, t, s.interviewId, (_, turn) => longAnswer(turn));
    expect(state.status).toBe('completed');
    expect(responses).toHaveLength(30);

    const requests = api.requests.slice(from);
    const usages = api.usages.slice(from);
    expect(usages).toHaveLength(requests.length);
    const turnCalls = requests.filter(isTurnCall);
    expect(turnCalls.length).toBe(30);
    const fixed = (turnCalls[0]!.body.messages[0].content as string).split('\n# This interview')[0]!;
    expect(tokens(fixed)).toBeGreaterThan(700);
    for (const [i, req] of turnCalls.entries()) {
      // the same prefix on every call: the schema, then the prompt's own text
      expect(req.body.response_format).toEqual(turnCalls[0]!.body.response_format);
      expect((req.body.messages[0].content as string).startsWith(fixed)).toBe(true);
      // earlier turns within the budget (a few tokens of labels aside)
      const earlier = delimited(req, 'earlier_answers') ?? '';
      expect(tokens(earlier), `turn ${i + 1}`).toBeLessThanOrEqual(BUDGET + 10);
      if (i >= 2) expect(earlier).not.toBe('');
    }
    // however long the interview grows, a call does not: the last is no larger than the early ones
    const prompt = usages.filter((_, i) => isTurnCall(requests[i]!)).map((u) => u.prompt_tokens);
    expect(Math.max(...prompt.slice(20))).toBeLessThanOrEqual(Math.max(...prompt.slice(2, 10)) + BUDGET);
    // the fixed prefix is served from the provider's cache after the first call
    const cached = usages
      .filter((_, i) => isTurnCall(requests[i]!))
      .map((u) => u.prompt_tokens_details.cached_tokens);
    expect(cached.slice(1).every((c) => c >= 1024)).toBe(true);

    // every call recorded for the interview, as the provider reported it
    const rows = await h.ownerOrm.em
      .fork()
      .execute<{ purpose: string; prompt: number; cached: number; completion: number; n: number }[]>(
        `select purpose, sum(prompt_tokens)::int as prompt, sum(cached_tokens)::int as cached,
                sum(completion_tokens)::int as completion, count(*)::int as n
           from llm_usage where interview_id = ? group by purpose order by purpose`,
        [s.interviewId],
      );
    const sum = (f: (u: (typeof usages)[number]) => number) => usages.reduce((n, u) => n + f(u), 0);
    expect(rows.reduce((n, r) => n + r.n, 0)).toBe(requests.length);
    expect(rows.find((r) => r.purpose === 'greeting')?.n).toBe(1);
    expect(rows.find((r) => r.purpose === 'turn')?.n).toBe(30);
    const totals = {
      calls: requests.length,
      promptTokens: sum((u) => u.prompt_tokens),
      cachedTokens: sum((u) => u.prompt_tokens_details.cached_tokens),
      completionTokens: sum((u) => u.completion_tokens),
    };
    expect(rows.reduce((n, r) => n + r.prompt, 0)).toBe(totals.promptTokens);

    // the report's metadata and the metrics show them
    const report = await h.request('GET', `/api/v1/report/${s.interviewId}`, { token: t.token });
    expect(report.status, report.text).toBe(200);
    expect(report.body.llmUsage).toEqual(totals);
    const metrics = await h.request('GET', '/metrics');
    const counted = (kind: string) =>
      Number(new RegExp(`^llm_tokens_total\\{kind="${kind}"\\} (\\d+)`, 'm').exec(metrics.text)?.[1] ?? 0);
    expect(counted('prompt')).toBeGreaterThanOrEqual(totals.promptTokens);
    expect(counted('cached')).toBeGreaterThanOrEqual(totals.cachedTokens);
    expect(metrics.text).toMatch(/^llm_calls_total\{purpose="turn",outcome="ok"\} \d+/m);

    // and the candidate's name and email are in none of them
    const raw = requests.map((r) => r.raw).join('\n');
    expect(raw).not.toContain('Yusuf');
    expect(raw).not.toContain('Budgetson');
    expect(raw).not.toContain('yusuf.budget@example.com');
  });
});
