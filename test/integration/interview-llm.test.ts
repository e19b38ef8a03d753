import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { startInterview } from '../helpers/interview.ts';
import { type CapturedRequest, type StandIn, startStandIn } from '../helpers/openai-stand-in.ts';

/**
 * The interview engine configured with OPENAI_API_KEY, against a local stand-in that speaks the
 * OpenAI chat-completions wire format: the LLM evaluator is used when its output is valid, and the
 * built-in one takes over (saying so) when it is not. The candidate's name and email never reach it.
 */
let api: StandIn;
let h: Harness;
let evaluationReply: 'good' | 'malformed' = 'good';
/** set: run once when the interviewer voice is first asked to word a reply (while it waits) */
let probe: (() => Promise<string>) | undefined;
let probed: Promise<string> | undefined;

/** Whether another transaction can take a row's lock right now (no waiting). */
async function probeRowLock(table: 'interviews' | 'schedules', id: string): Promise<'free' | 'locked'> {
  try {
    await h.ownerOrm.em
      .fork()
      .transactional((em) => em.execute(`select id from ${table} where id = ? for update nowait`, [id]));
    return 'free';
  } catch {
    return 'locked';
  }
}

/** A valid structured evaluation for whatever rubric the request's system prompt lists. */
function gradeFromPrompt(req: CapturedRequest) {
  const system: string = req.body.messages[0].content;
  const criteria = [...system.matchAll(/^## ([a-z0-9_-]+): /gm)].map((m) => m[1]);
  const pointsSection = system.slice(system.indexOf('# Expected points'), system.indexOf('# Rubric'));
  const points = [...pointsSection.matchAll(/^- ([a-z0-9_-]+): /gm)].map((m) => m[1]);
  return {
    redFlags: [],
    coverage: points.map((pointId) => ({ pointId, covered: false, evidence: null })),
    criteria: criteria.map((criterionId) => ({
      criterionId,
      evidence: [],
      rationale: 'Level 4 anchor matched.',
      level: 4,
    })),
    summary: 'Solid answer.',
  };
}

beforeAll(async () => {
  api = await startStandIn();
  api.reply((req) => {
    if (req.body.response_format?.json_schema?.name === 'answer_evaluation') {
      return {
        content: evaluationReply === 'good' ? JSON.stringify(gradeFromPrompt(req)) : '{"criteria": [',
      };
    }
    if (probe && !probed && req.raw.includes('interviewer_draft')) {
      probed = probe();
      return { status: 500, delayMs: 300 }; // the probe runs while the voice waits
    }
    return { status: 500 }; // the interviewer voice and summaries fall back to their templates
  });
  h = await createHarness({
    OPENAI_API_KEY: 'sk-test',
    OPENAI_BASE_URL: api.baseURL,
    OPENAI_MODEL: 'gpt-test',
    OPENAI_TIMEOUT_MS: '2000',
    OPENAI_MAX_RETRIES: '0',
  });
});
afterAll(() => api.close());

describe('interview with the LLM evaluator configured', () => {
  it('uses the LLM evaluation when it is valid, and never sends the candidate name or email', async () => {
    evaluationReply = 'good';
    const t = await h.signUp();
    const s = await startInterview(h, t, {
      candidate: { name: 'Zelda Quixote', email: 'zelda.q@example.com' },
    });
    expect(s.firstReply).toContain('Zelda'); // the template voice (the LLM voice failed over)
    const res = await h.request('POST', `/api/v1/interview/${s.interviewId}/answer`, {
      token: t.token,
      body: { answerText: 'I built the payments backend in Go and cut p99 latency by 40%.', turn: 1 },
    });
    expect(res.status).toBe(200);
    expect(res.body.evaluation.evaluator).toMatchObject({ name: 'llm-rubric' });
    expect(res.body.evaluation.evaluator.fallbackFrom).toBeUndefined();
    expect(res.body.evaluation.evaluator.version).toContain('gpt-test');
    expect(res.body.evaluation.criteria.every((c: { level: number }) => c.level === 4)).toBe(true);
    const raw = api.requests.map((r) => r.raw).join('\n');
    expect(raw).toContain('payments backend');
    expect(raw).not.toContain('Quixote');
    expect(raw).not.toContain('zelda.q@example.com');
  });

  it('words the next reply with no transaction open: the interview row is not locked meanwhile', async () => {
    evaluationReply = 'good';
    const t = await h.signUp();
    const s = await startInterview(h, t);
    probed = undefined;
    probe = () => probeRowLock('interviews', s.interviewId);
    const res = await h.request('POST', `/api/v1/interview/${s.interviewId}/answer`, {
      token: t.token,
      body: { answerText: 'I built the payments backend in Go and cut p99 latency by 40%.', turn: 1 },
    });
    probe = undefined;
    expect(res.status).toBe(200);
    expect(res.body.state.turn).toBe(2);
    expect(probed).toBeDefined(); // the voice was asked
    expect(await probed).toBe('free');
  });

  it('a plan made from a stale read never commits: an evaluation stored meanwhile wins, on the retry', async () => {
    evaluationReply = 'good';
    const t = await h.signUp();
    const answerText = 'I built the payments backend in Go and cut p99 latency by 40%.';
    const donor = await startInterview(h, t);
    const first = await h.request('POST', `/api/v1/interview/${donor.interviewId}/answer`, {
      token: t.token,
      body: { answerText, turn: 1 },
    });
    expect(first.status).toBe(200);
    const s = await startInterview(h, t);
    probed = undefined;
    // While the remote path words its reply (outside any transaction), another run stores its
    // evaluation of the same turn (score 7): the plan this run made is stale.
    probe = async () => {
      await h.ownerOrm.em.fork().execute(
        `insert into evaluations (id, tenant_id, interview_id, turn, answer_id, score, result, evaluator_name,
           evaluator_version, rubric_id, plugin_id, plugin_version)
         select gen_random_uuid(), a.tenant_id, a.interview_id, 1, a.id, 7, jsonb_set(e.result, '{score}', '7'),
                e.evaluator_name, e.evaluator_version, e.rubric_id, e.plugin_id, e.plugin_version
           from answers a, evaluations e
          where a.interview_id = ? and a.turn = 1 and e.interview_id = ? and e.turn = 1`,
        [s.interviewId, donor.interviewId],
      );
      return 'stored';
    };
    const res = await h.request('POST', `/api/v1/interview/${s.interviewId}/answer`, {
      token: t.token,
      body: { answerText, turn: 1 },
    });
    probe = undefined;
    expect(await probed).toBe('stored');
    expect(res.status, res.text).toBe(200);
    expect(res.body.evaluation.score).toBe(7);
    expect(res.body.state.turn).toBe(2);
    const [row] = await h.ownerOrm.em
      .fork()
      .execute<{ evaluations: number; turns: number; scores: number[] }[]>(
        `select (select count(*)::int from evaluations where interview_id = i.id) as evaluations,
                (select count(*)::int from interview_turns where interview_id = i.id) as turns,
                (select array_agg(score::int) from evaluations where interview_id = i.id) as scores
           from interviews i where i.id = ?`,
        [s.interviewId],
      );
    expect(row).toEqual({ evaluations: 1, turns: 2, scores: [7] });
  });

  it('words the greeting after the commit: the interview exists and a join link is not locked meanwhile', async () => {
    const t = await h.signUp();
    probed = undefined;
    probe = async () => {
      const rows = await h.ownerOrm.em
        .fork()
        .execute<{ n: string }[]>('select count(*) n from interviews where tenant_id = ?', [t.id]);
      return `interviews: ${rows[0]!.n}`;
    };
    const s = await startInterview(h, t);
    expect(await probed).toBe('interviews: 1');
    expect(s.firstReply.length).toBeGreaterThan(10);

    const scheduled = await h.request('POST', '/api/v1/admin/schedule', {
      token: t.token,
      body: {
        candidateEmail: 'joiner@example.com',
        candidateName: 'Joan Joiner',
        role: 'backend-engineer',
        scheduledAt: new Date(Date.now() + 3600_000).toISOString(),
      },
    });
    expect(scheduled.status, scheduled.text).toBe(201);
    const linkToken = (scheduled.body.joinUrl as string).split('/join/')[1]!;
    probed = undefined;
    probe = () => probeRowLock('schedules', scheduled.body.id);
    const joined = await h.request('POST', `/api/v1/public/join/${linkToken}/start`);
    probe = undefined;
    expect(joined.status, joined.text).toBe(200);
    expect(await probed).toBe('free');
    expect(joined.body.conversation).toEqual([{ from: 'interviewer', text: joined.body.firstReply }]);
  });

  it('falls back to the built-in evaluator on malformed output and records that it did', async () => {
    evaluationReply = 'malformed';
    const t = await h.signUp();
    const s = await startInterview(h, t);
    const res = await h.request('POST', `/api/v1/interview/${s.interviewId}/answer`, {
      token: t.token,
      body: { answerText: 'I have five years of backend work with Java and Kafka.', turn: 1 },
    });
    expect(res.status).toBe(200);
    expect(res.body.evaluation.evaluator).toMatchObject({
      name: 'builtin-rubric',
      fallbackFrom: 'llm-rubric',
    });
    const [row] = await h.ownerOrm.em
      .fork()
      .execute<{ evaluator_name: string }[]>(
        'select evaluator_name from evaluations where interview_id = ?',
        [s.interviewId],
      );
    expect(row!.evaluator_name).toBe('builtin-rubric');
  });
});
