import { beforeAll, describe, expect, it } from 'vitest';
import { handleAnnounceReport } from '../../src/interview/index.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { runInterview, startInterview } from '../helpers/interview.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});

const rows = <T>(sql: string, params: unknown[]) => h.ownerOrm.em.fork().execute<T[]>(sql, params);

/** A long, specific answer, so a long interview outgrows the evaluator's context budget. */
const LONG = (turn: number) =>
  `In my role at a payments company (turn ${turn}) I owned the ledger service, written in Go on PostgreSQL. ` +
  'I designed idempotency keys for every write, added a reconciliation job and cut duplicate charges to zero. '.repeat(
    6,
  );

describe('interview jobs', () => {
  it('the summarising job folds older turns into a stored summary that only moves forward', async () => {
    const t = await h.signUp();
    const s = await startInterview(h, t, { length: 14 });
    await runInterview(h, t, s.interviewId, (_q, turn) => LONG(turn));
    // jobs run in this process (no Redis): give the last ones a moment
    let summary: { summary: string | null; summary_through_turn: number } | undefined;
    for (let i = 0; i < 50 && !summary?.summary; i++) {
      [summary] = await rows<{ summary: string | null; summary_through_turn: number }>(
        'select summary, summary_through_turn from interviews where id = ?',
        [s.interviewId],
      );
      if (!summary?.summary) await new Promise((r) => setTimeout(r, 100));
    }
    expect(summary!.summary).toBeTruthy();
    expect(summary!.summary_through_turn).toBeGreaterThan(0);
    expect(summary!.summary_through_turn).toBeLessThan(14);
  });

  it('a finished interview is announced once, however often its job runs', async () => {
    const t = await h.signUp();
    const endpoint = await h.request('POST', '/api/v1/webhooks', {
      token: t.token,
      // port 9 (discard): deliveries are recorded; whether they succeed does not matter here
      body: { url: 'http://hooks.invalid/hooks', events: ['interview.completed', 'report.ready'] },
    });
    expect(endpoint.status).toBe(201);
    const s = await startInterview(h, t);
    await h.request('POST', `/api/v1/interview/${s.interviewId}/end`, { token: t.token });
    const handler = handleAnnounceReport(h.services.interviews);
    await handler({ tenantId: t.id, interviewId: s.interviewId });
    await handler({ tenantId: t.id, interviewId: s.interviewId });
    const deliveries = await rows<{ event_type: string }>(
      'select event_type from webhook_deliveries where tenant_id = ? order by event_type',
      [t.id],
    );
    expect(deliveries.map((d) => d.event_type)).toEqual(['interview.completed', 'report.ready']);
    const [report] = await rows<{ announced_at: Date | null }>(
      'select announced_at from reports where interview_id = ?',
      [s.interviewId],
    );
    expect(report!.announced_at).not.toBeNull();
  });
});

describe('the sweeper', () => {
  it('re-enqueues an answer whose evaluation job was lost; the interview moves on', async () => {
    const { sweepStalledWork } = await import('../../src/interview/index.ts');
    const t = await h.signUp();
    const s = await startInterview(h, t);
    // An answer stored a while ago whose job never ran (as after a Redis flush).
    await h.ownerOrm.em.fork().execute(
      `insert into answers (id, tenant_id, interview_id, turn, text, created_at)
         values (gen_random_uuid(), ?, ?, 1, 'I run the payments backend in Go.', now() - interval '5 minutes')`,
      [t.id, s.interviewId],
    );
    const requeued = await sweepStalledWork(h.orm, h.services.jobs);
    expect(requeued).toBeGreaterThanOrEqual(1);
    let turn = 1;
    for (let i = 0; i < 50 && turn === 1; i++) {
      await new Promise((r) => setTimeout(r, 100));
      turn = (await h.request('GET', `/api/v1/interview/${s.interviewId}/state`, { token: t.token })).body
        .turn;
    }
    expect(turn).toBe(2);
    const evaluations = await rows<{ n: string }>(
      'select count(*) n from evaluations where interview_id = ?',
      [s.interviewId],
    );
    expect(Number(evaluations[0]!.n)).toBe(1);
    // nothing stalled is left for this interview
    const again = await h.orm.em
      .fork()
      .execute<{ subject_id: string }[]>('select subject_id from stalled_work(60)');
    expect(again.map((r) => r.subject_id)).not.toContain(s.interviewId);
  });
});

describe('processing a turn (the evaluation job)', () => {
  const answerText =
    'I own the payments ledger in Go on PostgreSQL; I added idempotency keys and cut duplicate charges to zero.';
  const counts = async (interviewId: string) => {
    const [c] = await rows<{ evaluations: number; turns: number; turn: number }>(
      `select (select count(*)::int from evaluations where interview_id = i.id) as evaluations,
              (select count(*)::int from interview_turns where interview_id = i.id) as turns, i.turn
         from interviews i where i.id = ?`,
      [interviewId],
    );
    return c!;
  };

  it('a second run of a processed turn changes nothing and answers as the first did', async () => {
    const { processAnswer } = await import('../../src/interview/turn/process-answer.ts');
    const t = await h.signUp();
    const s = await startInterview(h, t);
    const first = await h.request('POST', `/api/v1/interview/${s.interviewId}/answer`, {
      token: t.token,
      body: { answerText, turn: 1 },
    });
    expect(first.status, first.text).toBe(200);
    expect(await counts(s.interviewId)).toEqual({ evaluations: 1, turns: 2, turn: 2 });

    const again = await processAnswer(h.services.interviews, t.id, s.interviewId, 1);
    expect(again.rerun).toBe(true);
    expect(again.reply).toBe(first.body.nextReply);
    expect(again.evaluation.score).toBe(first.body.evaluation.score);
    expect(await counts(s.interviewId)).toEqual({ evaluations: 1, turns: 2, turn: 2 });
  });

  it('an evaluation already stored for the current turn is used, never a second opinion', async () => {
    const { processAnswer } = await import('../../src/interview/turn/process-answer.ts');
    const t = await h.signUp();
    // A real evaluation to copy, from another interview for the same role.
    const donor = await startInterview(h, t);
    const answered = await h.request('POST', `/api/v1/interview/${donor.interviewId}/answer`, {
      token: t.token,
      body: { answerText, turn: 1 },
    });
    expect(answered.status, answered.text).toBe(200);
    const s = await startInterview(h, t);
    // The answer and an evaluation of it (score 7) stored as by a run that did not get further.
    await h.ownerOrm.em.fork().execute(
      `with answer as (
         insert into answers (id, tenant_id, interview_id, turn, text) values (gen_random_uuid(), ?, ?, 1, ?)
         returning id
       )
       insert into evaluations (id, tenant_id, interview_id, turn, answer_id, score, result, evaluator_name,
         evaluator_version, rubric_id, plugin_id, plugin_version)
       select gen_random_uuid(), e.tenant_id, ?, 1, answer.id, 7, jsonb_set(e.result, '{score}', '7'),
              e.evaluator_name, e.evaluator_version, e.rubric_id, e.plugin_id, e.plugin_version
         from evaluations e, answer where e.interview_id = ? and e.turn = 1`,
      [t.id, s.interviewId, answerText, s.interviewId, donor.interviewId],
    );

    const result = await processAnswer(h.services.interviews, t.id, s.interviewId, 1);
    expect(result.rerun).toBe(false);
    expect(result.evaluation.score).toBe(7);
    expect(result.next?.turn).toBe(2);
    expect(await counts(s.interviewId)).toEqual({ evaluations: 1, turns: 2, turn: 2 });
    const [stored] = await rows<{ score: number }>('select score from evaluations where interview_id = ?', [
      s.interviewId,
    ]);
    expect(stored!.score).toBe(7);
  });
});
