import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { START_DIFFICULTY } from '../../src/interview/next-question/strategy.ts';
import { BUNDLED_PLUGINS_DIR, type Manifest } from '../../src/plugins/index.ts';
import type { RealtimeEmitter } from '../../src/realtime/index.ts';
import { createHarness, type Harness, TEST_REDIS_URL } from '../helpers/harness.ts';
import { runInterview, startInterview } from '../helpers/interview.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});

const manifests = readdirSync(BUNDLED_PLUGINS_DIR).map(
  (dir) => JSON.parse(readFileSync(path.join(BUNDLED_PLUGINS_DIR, dir, 'plugin.json'), 'utf8')) as Manifest,
);
const questionByText = new Map(
  manifests.flatMap((m) =>
    m.questions.flatMap((q) => [[q.text, q] as const, ...q.followUps.map((f) => [f.text, q] as const)]),
  ),
);

/** A competent answer: it speaks to every expected point of the question, in sentences. */
function goodAnswer(questionText: string): string {
  const q = questionByText.get(questionText);
  if (!q) return 'I would start by clarifying the goal, then measure, decide and follow up on the result.';
  const points = q.expectedPoints.map(
    (p) => `${p.text}; in practice I used ${p.keywords?.slice(0, 2).join(' and ') ?? 'this'}.`,
  );
  return `In my last role I owned this. ${points.join(' ')} As a result we cut the error rate by 30% in two months.`;
}

const count = async (sql: string, params: unknown[]) =>
  Number((await h.ownerOrm.em.fork().execute<{ n: string }[]>(sql, params))[0]?.n);

describe('a whole interview for each bundled role', () => {
  it.each(manifests.map((m) => [m.roles[0]!.title, m] as const))('%s', async (title, manifest) => {
    const t = await h.signUp();
    const started = await startInterview(h, t, { role: title, seed: 7 });
    expect(started.firstReply).toContain(title);
    expect(started.firstReply).toMatch(/AI/);
    expect(started.state).toMatchObject({ status: 'in_progress', turn: 1, phase: 'intro', totalTurns: 10 });

    const { responses, state } = await runInterview(h, t, started.interviewId, goodAnswer);
    expect(state.status).toBe('completed');
    expect(responses).toHaveLength(10);
    const last = responses.at(-1);
    expect(last.report).toBeDefined();
    expect(last.nextReply).toMatch(/thank/i);
    for (const r of responses) {
      expect(r.evaluation.score).toBeGreaterThanOrEqual(0);
      expect(r.evaluation.score).toBeLessThanOrEqual(100);
      expect(r.evaluation.plugin).toEqual({ id: manifest.id, version: manifest.version });
    }

    // The interview records the exact plugin version and content hash it used.
    const [row] = await h.ownerOrm.em
      .fork()
      .execute<{ plugin_id: string; plugin_version: string; plugin_sha256: string; sha256: string }[]>(
        `select i.plugin_id, i.plugin_version, i.plugin_sha256, v.sha256 from interviews i
         join plugin_versions v on v.plugin_id = i.plugin_id and v.version = i.plugin_version where i.id = ?`,
        [started.interviewId],
      );
    expect(row).toMatchObject({ plugin_id: manifest.id, plugin_version: manifest.version });
    expect(row!.plugin_sha256).toBe(row!.sha256);

    const report = await h.request('GET', `/api/v1/report/${started.interviewId}`, { token: t.token });
    expect(report.status).toBe(200);
    expect(report.body.transcript).toHaveLength(10);
    expect(report.body.transcript.every((x: { answer: string | null }) => x.answer)).toBe(true);
    expect(report.body.competencies.length).toBeGreaterThanOrEqual(2);
    expect(['strong_hire', 'hire', 'lean_no', 'no_hire']).toContain(report.body.recommendation);
    expect(report.body.overall.score).toBe(last.report.overall.score);
    expect(report.body.plugin).toEqual({ id: manifest.id, version: manifest.version, sha256: row!.sha256 });
  });
});

describe('the record', () => {
  it('stores one answer and one evaluation per turn, naming the evaluator, rubric and plugin version', async () => {
    const t = await h.signUp();
    const s = await startInterview(h, t);
    await runInterview(h, t, s.interviewId, goodAnswer);
    const rows = await h.ownerOrm.em.fork().execute<
      {
        turn: number;
        evaluator_name: string;
        evaluator_version: string;
        rubric_id: string;
        plugin_version: string;
      }[]
    >(
      'select turn, evaluator_name, evaluator_version, rubric_id, plugin_version from evaluations where interview_id = ? order by turn',
      [s.interviewId],
    );
    expect(rows.map((r) => r.turn)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const r of rows) {
      expect(r.evaluator_name).toBe('builtin-rubric');
      expect(r.evaluator_version).toMatch(/^\d+\.\d+\.\d+/);
      expect(r.rubric_id).toMatch(/-/);
      expect(r.plugin_version).toBe('1.1.0');
    }
    expect(await count('select count(*) n from answers where interview_id = ?', [s.interviewId])).toBe(10);
  });

  it('the same seed and answers give the same interview', async () => {
    const t = await h.signUp();
    const a = await startInterview(h, t, { seed: 123 });
    const b = await startInterview(h, t, { seed: 123 });
    const ra = await runInterview(h, t, a.interviewId, goodAnswer);
    const rb = await runInterview(h, t, b.interviewId, goodAnswer);
    const questions = (r: typeof ra) => r.responses.map((x) => x.state.currentQuestion?.questionId ?? null);
    expect(questions(ra)).toEqual(questions(rb));
    expect(ra.responses.map((x) => x.evaluation.score)).toEqual(rb.responses.map((x) => x.evaluation.score));
  });

  it('weak answers get follow-ups and lower the difficulty', async () => {
    const t = await h.signUp();
    const s = await startInterview(h, t, { seed: 5 });
    const { responses } = await runInterview(h, t, s.interviewId, () => 'Not sure, it depends.');
    const kinds = responses.map((r) => r.state.currentQuestion?.kind).filter(Boolean);
    expect(kinds).toContain('follow_up');
    expect(responses.at(-2).state.difficulty).toBe(1);
  });
});

describe('answers the evaluator cannot judge', () => {
  const MASH = 'asdfgh jkl qwerty zxcvb asdf '.repeat(6).trim();
  /** Every realtime event raised while `run` runs. */
  async function hearing<T>(run: () => Promise<T>) {
    const heard: { event: string; payload: Record<string, unknown> }[] = [];
    const previous = h.services.realtime.target;
    const capture: RealtimeEmitter = {
      emit: (_tenantId, event, payload) => {
        heard.push({ event, payload: payload as Record<string, unknown> });
      },
    };
    h.services.realtime.target = capture;
    try {
      return { result: await run(), heard };
    } finally {
      h.services.realtime.target = previous;
    }
  }

  it('move the interview neither way, show as unscorable live, and go to review in the report', async () => {
    const t = await h.signUp();
    const s = await startInterview(h, t, { seed: 5 });
    const { result, heard } = await hearing(() => runInterview(h, t, s.interviewId, () => MASH));
    const { responses, state } = result;
    expect(state.status).toBe('completed');
    // neutral: no follow-up and no difficulty change (weak answers would give both)
    expect(responses).toHaveLength(10);
    expect(responses.map((r) => r.state.currentQuestion?.kind).filter(Boolean)).not.toContain('follow_up');
    expect(responses.every((r) => r.state.difficulty === START_DIFFICULTY)).toBe(true);
    for (const r of responses) expect(r.evaluation.unscorable.reason).toBe('not language: keyboard mash');

    const evaluated = heard.filter(
      (e) => e.event === 'interview.evaluated' && e.payload['interviewId'] === s.interviewId,
    );
    expect(evaluated.map((e) => e.payload['turn'])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const e of evaluated) {
      expect(e.payload).toMatchObject({ score: 0, unscorable: { reason: 'not language: keyboard mash' } });
    }

    const detail = await h.request('GET', `/api/v1/interviews/${s.interviewId}`, { token: t.token });
    expect(detail.status).toBe(200);
    for (const turn of detail.body.turns) {
      expect(turn.unscorable).toEqual({ reason: 'not language: keyboard mash' });
    }

    const report = await h.request('GET', `/api/v1/report/${s.interviewId}`, { token: t.token });
    expect(report.body.review).toHaveLength(10);
    expect(report.body.review[0]).toEqual({
      turn: 1,
      questionId: detail.body.turns[0].questionId,
      reason: 'not language: keyboard mash',
    });
    expect(report.body.competencies).toEqual([]);
    expect(report.body.redFlags).toEqual([]);
    expect(report.body.transcript.every((x: { score: number | null }) => x.score === null)).toBe(true);
  });

  it('a judged answer says so: unscorable null in the event and the live detail, no review', async () => {
    const t = await h.signUp();
    const s = await startInterview(h, t);
    const { result: res, heard } = await hearing(() =>
      h.request('POST', `/api/v1/interview/${s.interviewId}/answer`, {
        token: t.token,
        body: { answerText: goodAnswer(s.state.currentQuestion.text), turn: 1 },
      }),
    );
    expect(res.status, res.text).toBe(200);
    expect(res.body.evaluation.unscorable).toBeUndefined();
    const evaluated = heard.find((e) => e.event === 'interview.evaluated')!;
    expect(evaluated.payload).toMatchObject({ turn: 1, unscorable: null });
    expect(evaluated.payload['score']).toBe(res.body.evaluation.score);
    const detail = await h.request('GET', `/api/v1/interviews/${s.interviewId}`, { token: t.token });
    expect(detail.body.turns[0]).toMatchObject({ score: res.body.evaluation.score, unscorable: null });
    expect(detail.body.turns[1]).toMatchObject({ score: null, unscorable: null });
  });
});

describe("the README's curl walk-through", () => {
  it('gives exactly what the README shows for its seeded start and first answer', async () => {
    const readme = readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');
    const walk = readme.slice(readme.indexOf('### A whole interview with curl'));
    const bodies = [...walk.matchAll(/-d '(\{.*\})'/g)].map((m) => JSON.parse(m[1]!));
    const startBody = bodies.find((b) => b.seed !== undefined)!;
    const answerBody = bodies.find((b) => b.answerText !== undefined)!;
    const shown = walk.slice(walk.indexOf('# -> '), walk.indexOf('curl', walk.indexOf('# -> ')));
    const figure = (re: RegExp) => shown.match(re)?.[1];

    const t = await h.signUp();
    const started = await h.request('POST', '/api/v1/interview/start', { token: t.token, body: startBody });
    expect(started.status).toBe(201);
    expect(walk).toContain(started.body.state.currentQuestion.text.slice(0, 60));
    const res = await h.request('POST', `/api/v1/interview/${started.body.interviewId}/answer`, {
      token: t.token,
      body: answerBody,
    });
    expect(res.status).toBe(200);
    expect(res.body.state).toMatchObject({
      turn: Number(figure(/"turn":(\d+)/)),
      phase: figure(/"phase":"(\w+)"/),
      difficulty: Number(figure(/"difficulty":(\d+)/)),
    });
    expect(res.body.nextReply.startsWith(figure(/"nextReply":"([^"…]+)/)!)).toBe(true);
    expect(res.body.evaluation.score).toBe(Number(figure(/"score":(\d+)/)));
    expect(res.body.evaluation.summary).toBe(figure(/"summary":"([^"]+)"/));
    const [criterionId, level] = [figure(/"criterionId":"([\w-]+)"/), Number(figure(/"level":(\d)/))];
    expect(
      res.body.evaluation.criteria.find((c: { criterionId: string }) => c.criterionId === criterionId),
    ).toMatchObject({
      level,
    });
    expect(res.body.evaluation.evaluator.version).toBe(figure(/"version":"([\d.]+)"/));
  });
});

describe('answers: the seed contract and bad input', () => {
  it('a repeated Idempotency-Key returns the first response and stores one answer', async () => {
    const t = await h.signUp();
    const s = await startInterview(h, t);
    const send = (text: string) =>
      h.request('POST', `/api/v1/interview/${s.interviewId}/answer`, {
        token: t.token,
        headers: { 'idempotency-key': 'key-1' },
        body: { answerText: text, turn: 1 },
      });
    const first = await send('I build payment APIs in Go and PostgreSQL.');
    const again = await send('I build payment APIs in Go and PostgreSQL.');
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await count('select count(*) n from answers where interview_id = ?', [s.interviewId])).toBe(1);
    const reused = await send('Something else entirely.');
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('idempotency_key_reused');
  });

  it('stored Idempotency-Key responses are kept a day: the sweeper deletes older ones, of every tenant', async () => {
    const { forgetExpiredIdempotencyKeys, IDEMPOTENCY_RETENTION_SECONDS } = await import(
      '../../src/interview/index.ts'
    );
    expect(IDEMPOTENCY_RETENTION_SECONDS).toBe(24 * 3600);
    const [a, b] = [await h.signUp(), await h.signUp()];
    const keys = async (tenantId: string) =>
      (
        await h.ownerOrm.em
          .fork()
          .execute<{ key: string }[]>(
            'select key from idempotent_responses where tenant_id = ? order by key',
            [tenantId],
          )
      ).map((r) => r.key);
    for (const [t, key] of [
      [a, 'old-a'],
      [a, 'new-a'],
      [b, 'old-b'],
    ] as const) {
      const s = await startInterview(h, t);
      const res = await h.request('POST', `/api/v1/interview/${s.interviewId}/answer`, {
        token: t.token,
        headers: { 'idempotency-key': key },
        body: { answerText: 'I build payment APIs in Go and PostgreSQL.', turn: 1 },
      });
      expect(res.status).toBe(200);
    }
    // two keys of two tenants a day and a minute old, one fresh
    await h.ownerOrm.em
      .fork()
      .execute(
        `update idempotent_responses set created_at = now() - interval '1 day 1 minute' where key in ('old-a', 'old-b')`,
      );
    expect(await forgetExpiredIdempotencyKeys(h.orm)).toBeGreaterThanOrEqual(2);
    expect(await keys(a.id)).toEqual(['new-a']);
    expect(await keys(b.id)).toEqual([]);
  });

  it('concurrent duplicate submissions store one answer', async () => {
    const t = await h.signUp();
    const s = await startInterview(h, t);
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        h.request('POST', `/api/v1/interview/${s.interviewId}/answer`, {
          token: t.token,
          body: { answerText: `Answer number ${i} about my backend work.`, turn: 1 },
        }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((x) => x === 200)).toHaveLength(1);
    expect(statuses.filter((x) => x === 409)).toHaveLength(4);
    expect(await count('select count(*) n from answers where interview_id = ?', [s.interviewId])).toBe(1);
    expect(await count('select count(*) n from evaluations where interview_id = ?', [s.interviewId])).toBe(1);
    expect(
      await count('select count(*) n from interview_turns where interview_id = ?', [s.interviewId]),
    ).toBe(2);
  });

  it('the wrong turn is 409 naming the expected turn; nothing is stored', async () => {
    const t = await h.signUp();
    const s = await startInterview(h, t);
    const res = await h.request('POST', `/api/v1/interview/${s.interviewId}/answer`, {
      token: t.token,
      body: { answerText: 'hello', turn: 3 },
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'turn_mismatch', expectedTurn: 1 });
    expect(await count('select count(*) n from answers where interview_id = ?', [s.interviewId])).toBe(0);
  });

  it('an empty answer is 400 and an answer over 20,000 characters is 413', async () => {
    const t = await h.signUp();
    const s = await startInterview(h, t);
    const empty = await h.request('POST', `/api/v1/interview/${s.interviewId}/answer`, {
      token: t.token,
      body: { answerText: '   ' },
    });
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].path).toBe('/body/answerText');
    const long = await h.request('POST', `/api/v1/interview/${s.interviewId}/answer`, {
      token: t.token,
      body: { answerText: 'a'.repeat(20_001) },
    });
    expect(long.status).toBe(413);
    expect(long.body.code).toBe('answer_too_long');
    expect(await count('select count(*) n from answers where interview_id = ?', [s.interviewId])).toBe(0);
  });

  it('an unknown role is 422 listing the installed roles', async () => {
    const t = await h.signUp();
    const res = await h.request('POST', '/api/v1/interview/start', {
      token: t.token,
      body: { candidate: { name: 'X', email: 'x@example.com' }, role: 'astronaut' },
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('unknown_role');
    expect(res.body.roles.map((r: { id: string }) => r.id)).toEqual(
      expect.arrayContaining(['backend-engineer', 'data-analyst', 'product-manager']),
    );
    expect(await count('select count(*) n from interviews where tenant_id = ?', [t.id])).toBe(0);
  });

  it('an ended interview takes no more answers (409) and ending twice returns the same report', async () => {
    const t = await h.signUp();
    const s = await startInterview(h, t);
    await h.request('POST', `/api/v1/interview/${s.interviewId}/answer`, {
      token: t.token,
      body: { answerText: 'I have six years of backend experience with Java and Kafka.', turn: 1 },
    });
    const ended = await h.request('POST', `/api/v1/interview/${s.interviewId}/end`, { token: t.token });
    expect(ended.status).toBe(200);
    expect(ended.body.state.status).toBe('ended');
    expect(ended.body.report.transcript).toHaveLength(2);
    const after = await h.request('POST', `/api/v1/interview/${s.interviewId}/answer`, {
      token: t.token,
      body: { answerText: 'more', turn: 2 },
    });
    expect(after.status).toBe(409);
    expect(after.body.code).toBe('interview_not_active');
    const again = await h.request('POST', `/api/v1/interview/${s.interviewId}/end`, { token: t.token });
    expect(again.body.report.overall).toEqual(ended.body.report.overall);
    expect(await count('select count(*) n from reports where interview_id = ?', [s.interviewId])).toBe(1);
  });

  it("another tenant's interview is a 404", async () => {
    const [a, b] = [await h.signUp(), await h.signUp()];
    const s = await startInterview(h, a);
    for (const [method, url] of [
      ['GET', `/api/v1/interview/${s.interviewId}/state`],
      ['POST', `/api/v1/interview/${s.interviewId}/end`],
      ['GET', `/api/v1/report/${s.interviewId}`],
    ] as const) {
      const res = await h.request(method, url, { token: b.token });
      expect(res.status).toBe(404);
    }
    const answer = await h.request('POST', `/api/v1/interview/${s.interviewId}/answer`, {
      token: b.token,
      body: { answerText: 'hijack' },
    });
    expect(answer.status).toBe(404);
    expect(await count('select count(*) n from answers where interview_id = ?', [s.interviewId])).toBe(0);
  });

  it('checks the caller in the transaction that stores the answer: a removed user or a viewer stores nothing', async () => {
    const t = await h.signUp();
    const s = await startInterview(h, t);
    const password = 'correct horse battery';
    const email = `${Math.random().toString(36).slice(2)}@example.com`;
    const created = await h.request('POST', '/api/v1/users', {
      token: t.token,
      body: { email, role: 'recruiter', password },
    });
    expect(created.status, created.text).toBe(201);
    const login = await h.request('POST', '/api/v1/admin/login', { body: { email, password } });
    const { body: viewer } = await h.request('POST', '/api/v1/api-keys', {
      token: t.token,
      body: { name: 'read only', role: 'viewer' },
    });
    const answerAs = (token: string) =>
      h.request('POST', `/api/v1/interview/${s.interviewId}/answer`, {
        token,
        body: { answerText: 'I build payment APIs in Go and PostgreSQL.', turn: 1 },
      });

    const badBodyAs = (token: string) =>
      h.request('POST', `/api/v1/interview/${s.interviewId}/answer`, { token, body: { answerText: 42 } });

    const forbidden = await answerAs(viewer.key);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.code).toBe('forbidden');
    // access is refused before the body is judged, as on every route
    expect((await badBodyAs(viewer.key)).status).toBe(403);
    expect((await badBodyAs(login.body.token)).status).toBe(400);
    expect((await h.request('DELETE', `/api/v1/users/${created.body.id}`, { token: t.token })).status).toBe(
      204,
    );
    const gone = await answerAs(login.body.token);
    expect(gone.status).toBe(401);
    expect(gone.body.code).toBe('unauthorized');
    const goneBadBody = await badBodyAs(login.body.token);
    expect(goneBadBody.status).toBe(401);
    expect(goneBadBody.body.code).toBe('unauthorized');
    expect(await count('select count(*) n from answers where interview_id = ?', [s.interviewId])).toBe(0);
    // the owner still answers turn 1: nothing was taken by the refused attempts
    expect((await answerAs(t.token)).status).toBe(200);
  });

  it('the report is not ready while the interview runs', async () => {
    const t = await h.signUp();
    const s = await startInterview(h, t);
    const res = await h.request('GET', `/api/v1/report/${s.interviewId}`, { token: t.token });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('report_not_ready');
  });
});

describe('live state', () => {
  it('is rebuilt from PostgreSQL when the session store loses it', async () => {
    const t = await h.signUp();
    const s = await startInterview(h, t);
    for (let turn = 1; turn <= 3; turn++) {
      const state = (await h.request('GET', `/api/v1/interview/${s.interviewId}/state`, { token: t.token }))
        .body;
      await h.request('POST', `/api/v1/interview/${s.interviewId}/answer`, {
        token: t.token,
        body: { answerText: goodAnswer(state.currentQuestion.text), turn },
      });
    }
    const before = (await h.request('GET', `/api/v1/interview/${s.interviewId}/state`, { token: t.token }))
      .body;
    await h.services.interviews.sessions.delete(t.id, s.interviewId);
    const after = (await h.request('GET', `/api/v1/interview/${s.interviewId}/state`, { token: t.token }))
      .body;
    expect(after).toEqual(before);
    const { state } = await runInterview(h, t, s.interviewId, goodAnswer);
    expect(state.status).toBe('completed');
  });
});

describe('Redis as the live-state store', () => {
  it('an interview continues after Redis is flushed mid-way, losing nothing', async () => {
    // A database index of its own, so flushing it cannot disturb other test files.
    const url = new URL(TEST_REDIS_URL);
    url.pathname = '/7';
    const r = await createHarness({ REDIS_URL: url.toString() });
    const t = await r.signUp();
    const s = await startInterview(r, t, { seed: 99 });
    const reference = await startInterview(h, t, { seed: 99 }); // same seed on the memory store
    const answerTurns = async (hh: Harness, id: string, n: number) => {
      for (let i = 0; i < n; i++) {
        const state = (await hh.request('GET', `/api/v1/interview/${id}/state`, { token: t.token })).body;
        const res = await hh.request('POST', `/api/v1/interview/${id}/answer`, {
          token: t.token,
          body: { answerText: goodAnswer(state.currentQuestion.text), turn: state.turn },
        });
        expect(res.status).toBe(200);
      }
    };
    await answerTurns(r, s.interviewId, 4);
    const { Redis } = await import('ioredis');
    const client = new Redis(url.toString());
    expect(await client.keys(`interview:${t.id}:${s.interviewId}:*`)).toHaveLength(1);
    await client.flushdb();
    await client.quit();

    const { responses, state } = await runInterview(r, t, s.interviewId, goodAnswer);
    expect(state.status).toBe('completed');
    expect(await count('select count(*) n from answers where interview_id = ?', [s.interviewId])).toBe(10);
    // Same seed, same answers: the flushed interview asked exactly what the unflushed one asks.
    await answerTurns(h, reference.interviewId, 4);
    const ref = await runInterview(h, t, reference.interviewId, goodAnswer);
    expect(responses.map((x) => x.state.currentQuestion?.questionId ?? null)).toEqual(
      ref.responses.map((x) => x.state.currentQuestion?.questionId ?? null),
    );
  });
});

describe('score overrides', () => {
  it('keep the original, record who/when/why, and the report shows both', async () => {
    const t = await h.signUp();
    const s = await startInterview(h, t);
    await runInterview(h, t, s.interviewId, goodAnswer);
    const before = (await h.request('GET', `/api/v1/report/${s.interviewId}`, { token: t.token })).body;
    const competency = before.competencies[0];

    const res = await h.request('POST', `/api/v1/report/${s.interviewId}/overrides`, {
      token: t.token,
      body: { competency: competency.id, score: 91, reason: 'Strong system design in the follow-up call' },
    });
    expect(res.status).toBe(201);
    expect(res.body.override).toMatchObject({
      competency: competency.id,
      originalScore: competency.score,
      score: 91,
      by: t.ownerEmail,
    });
    const after = res.body.report.competencies.find((c: { id: string }) => c.id === competency.id);
    expect(after).toMatchObject({ score: competency.score, effectiveScore: 91, override: { score: 91 } });

    const overall = await h.request('POST', `/api/v1/report/${s.interviewId}/overrides`, {
      token: t.token,
      body: { score: 12, reason: 'Failed the reference check' },
    });
    expect(overall.body.report.overall).toMatchObject({ score: before.overall.score, effectiveScore: 12 });
    expect(overall.body.report.recommendation).toBe('no_hire');
    expect(overall.body.report.evaluatedRecommendation).toBe(before.evaluatedRecommendation);

    const trail = await h.request('GET', `/api/v1/report/${s.interviewId}/overrides`, { token: t.token });
    expect(trail.body.items.map((o: { reason: string }) => o.reason)).toEqual([
      'Strong system design in the follow-up call',
      'Failed the reference check',
    ]);
    // the stored report row (as evaluated) is unchanged
    const [stored] = await h.ownerOrm.em
      .fork()
      .execute<{ overall: number }[]>('select overall from reports where interview_id = ?', [s.interviewId]);
    expect(stored!.overall).toBe(before.overall.score);
  });

  it('an unknown competency is 400 and a viewer cannot override (403)', async () => {
    const t = await h.signUp();
    const s = await startInterview(h, t);
    await h.request('POST', `/api/v1/interview/${s.interviewId}/end`, { token: t.token });
    const bad = await h.request('POST', `/api/v1/report/${s.interviewId}/overrides`, {
      token: t.token,
      body: { competency: 'juggling', score: 50, reason: 'because' },
    });
    expect(bad.status).toBe(400);
    const { body: key } = await h.request('POST', '/api/v1/api-keys', {
      token: t.token,
      body: { name: 'v', role: 'viewer' },
    });
    const denied = await h.request('POST', `/api/v1/report/${s.interviewId}/overrides`, {
      token: key.key,
      body: { score: 50, reason: 'because' },
    });
    expect(denied.status).toBe(403);
  });
});

describe('candidates', () => {
  it('are created, listed, reused by email, and show their interviews', async () => {
    const t = await h.signUp();
    const created = await h.request('POST', '/api/v1/candidates', {
      token: t.token,
      body: { name: 'Grace Hopper', email: 'Grace@Example.com', externalId: 'ats-42' },
    });
    expect(created.status).toBe(201);
    const dup = await h.request('POST', '/api/v1/candidates', {
      token: t.token,
      body: { name: 'Grace H', email: 'grace@example.com' },
    });
    expect(dup.status).toBe(409);
    const byId = await startInterview(h, t, { candidate: undefined, candidateId: created.body.id });
    const byEmail = await startInterview(h, t, {
      candidate: { name: 'Grace Hopper', email: 'grace@example.com' },
    });
    const detail = await h.request('GET', `/api/v1/candidates/${created.body.id}`, { token: t.token });
    expect(detail.body.interviews.map((i: { id: string }) => i.id).sort()).toEqual(
      [byId.interviewId, byEmail.interviewId].sort(),
    );
    const list = await h.request('GET', '/api/v1/candidates', { token: t.token });
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ email: 'grace@example.com', externalId: 'ats-42' });
  });
});

describe('recommendation thresholds per tenant', () => {
  it('reports use the tenant thresholds; bad thresholds are 400', async () => {
    const t = await h.signUp();
    const s = await startInterview(h, t);
    await runInterview(h, t, s.interviewId, goodAnswer);
    const set = (th: Record<string, number>) =>
      h.request('PATCH', '/api/v1/tenant/settings', {
        token: t.token,
        body: { recommendationThresholds: th },
      });
    expect((await set({ strongHire: 3, hire: 2, leanNo: 1 })).status).toBe(200);
    const lenient = (await h.request('GET', `/api/v1/report/${s.interviewId}`, { token: t.token })).body;
    expect(lenient.thresholds).toEqual({ strongHire: 3, hire: 2, leanNo: 1 });
    expect(lenient.overall.score).toBeGreaterThanOrEqual(3);
    const capped = lenient.redFlags.some((f: { kind: string }) =>
      ['steering', 'contradiction'].includes(f.kind),
    );
    expect(lenient.recommendation).toBe(capped ? 'lean_no' : 'strong_hire');

    expect((await set({ strongHire: 100, hire: 99, leanNo: 98 })).status).toBe(200);
    const strict = (await h.request('GET', `/api/v1/report/${s.interviewId}`, { token: t.token })).body;
    expect(strict.recommendation).toBe('no_hire');

    const bad = await set({ strongHire: 50, hire: 60, leanNo: 10 });
    expect(bad.status).toBe(400);
    expect(
      (await h.request('GET', '/api/v1/tenant', { token: t.token })).body.recommendationThresholds,
    ).toEqual({
      strongHire: 100,
      hire: 99,
      leanNo: 98,
    });
  });
});

describe('roles', () => {
  it('any member can list the roles of the installed plugins, at their pinned versions', async () => {
    const t = await h.signUp();
    const { body: key } = await h.request('POST', '/api/v1/api-keys', {
      token: t.token,
      body: { name: 'v', role: 'viewer' },
    });
    const res = await h.request('GET', '/api/v1/roles', { token: key.key });
    expect(res.status).toBe(200);
    const ids = res.body.items.map((r: { id: string }) => r.id);
    expect(ids).toEqual(expect.arrayContaining(['backend-engineer', 'data-analyst', 'product-manager']));
    expect(res.body.items[0].plugin.version).toBe('1.1.0');
    await h.request('DELETE', '/api/v1/tenant/plugins/ai-interviewer.data-analyst', { token: t.token });
    const after = await h.request('GET', '/api/v1/roles', { token: key.key });
    expect(after.body.items.map((r: { id: string }) => r.id)).not.toContain('data-analyst');
  });
});
