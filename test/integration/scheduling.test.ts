import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_PLUGINS_DIR } from '../../src/plugins/index.ts';
import { createHarness, type Harness, type TestTenant } from '../helpers/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ WEBHOOK_ALLOWED_HOSTS: '127.0.0.1', WEBHOOK_RETRY_SCHEDULE: '50ms,50ms' });
});

const inAnHour = () => new Date(Date.now() + 3600_000).toISOString();

async function schedule(t: TestTenant, body: Record<string, unknown> = {}) {
  const res = await h.request('POST', '/api/v1/admin/schedule', {
    token: t.token,
    body: {
      candidateEmail: `cand-${Math.random().toString(36).slice(2)}@example.com`,
      candidateName: 'Ada Lovelace',
      role: 'backend-engineer',
      scheduledAt: inAnHour(),
      ...body,
    },
  });
  expect(res.status, res.text).toBe(201);
  return { ...res.body, token: (res.body.joinUrl as string).split('/join/')[1]! };
}

describe('scheduling and join links', () => {
  it('a scheduled link shows branding and the AI notice, starts once, and resumes the same interview', async () => {
    const t = await h.signUp({ name: 'Initech' });
    await h.request('PATCH', '/api/v1/tenant/branding', {
      token: t.token,
      body: { primaryColor: '#336699', welcomeMessage: 'Welcome to Initech!' },
    });
    const s = await schedule(t);
    expect(s.joinUrl).toMatch(/\/join\/[A-Za-z0-9_-]{43}$/);
    const rows = await h.ownerOrm.em
      .fork()
      .execute<{ token_hash: string }[]>('select token_hash from schedules where id = ?', [s.id]);
    expect(rows[0]!.token_hash).not.toContain(s.token);

    const page = await h.request('GET', `/api/v1/public/join/${s.token}`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({
      status: 'scheduled',
      role: { title: 'Backend Engineer' },
      branding: { displayName: 'Initech', primaryColor: '#336699', welcomeMessage: 'Welcome to Initech!' },
      interviewId: null,
    });
    expect(page.body.aiNotice).toMatch(/AI interviewer on behalf of Initech/);

    const first = await h.request('POST', `/api/v1/public/join/${s.token}/start`);
    expect(first.status).toBe(200);
    expect(first.body.firstReply).toContain('Ada');
    const again = await h.request('POST', `/api/v1/public/join/${s.token}/start`);
    expect(again.body.interviewId).toBe(first.body.interviewId);
    expect(again.body.firstReply).toBe(first.body.firstReply);

    const list = await h.request('GET', '/api/v1/admin/schedules?status=started', { token: t.token });
    expect(list.body.items.map((x: { id: string }) => x.id)).toContain(s.id);
    expect(list.body.items[0]).toMatchObject({
      interviewId: first.body.interviewId,
      candidate: { name: 'Ada Lovelace' },
    });
  });

  it('the candidate token answers and reads only its own interview, and never sees scores', async () => {
    const t = await h.signUp();
    const s = await schedule(t);
    const other = await schedule(t);
    const started = await h.request('POST', `/api/v1/public/join/${s.token}/start`);
    const otherStarted = await h.request('POST', `/api/v1/public/join/${other.token}/start`);
    const { candidateToken, interviewId } = started.body;

    const answer = await h.request('POST', `/api/v1/interview/${interviewId}/answer`, {
      token: candidateToken,
      body: {
        answerText: 'I run the payments backend in Go on PostgreSQL; I own the ledger service.',
        turn: 1,
      },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.evaluation).toBeUndefined();
    expect(answer.body.state.lastEvaluated).toBeNull();
    expect(answer.body.nextReply.length).toBeGreaterThan(10);
    const state = await h.request('GET', `/api/v1/interview/${interviewId}/state`, { token: candidateToken });
    expect(state.status).toBe(200);
    expect(state.body.lastEvaluated).toBeNull();
    expect(state.body.difficulty).toBeNull(); // it moves with the scores
    // nor the bank's model answers: a candidate gets a question's text only
    const bank = JSON.parse(
      readFileSync(path.join(BUNDLED_PLUGINS_DIR, 'backend-engineer', 'plugin.json'), 'utf8'),
    ) as { questions: { referenceAnswer?: string }[] };
    const modelAnswers = bank.questions.map((q) => q.referenceAnswer).filter((a) => a !== undefined);
    expect(modelAnswers.length).toBe(bank.questions.length);
    const page = await h.request('GET', `/api/v1/public/join/${s.token}`);
    for (const seen of [started.body, answer.body, state.body, page.body].map((b) => JSON.stringify(b))) {
      expect(seen).not.toContain('referenceAnswer');
      for (const model of modelAnswers) expect(seen).not.toContain(model.slice(0, 60));
    }

    // another interview of the same tenant: not found; staff routes: a genuine token, not allowed there
    const foreign = await h.request('GET', `/api/v1/interview/${otherStarted.body.interviewId}/state`, {
      token: candidateToken,
    });
    expect(foreign.status).toBe(404);
    for (const [method, url] of [
      ['GET', '/api/v1/interviews'],
      ['GET', `/api/v1/interviews/${interviewId}`],
      ['GET', `/api/v1/report/${interviewId}`],
      ['POST', `/api/v1/interview/${interviewId}/end`],
    ] as const) {
      const refused = await h.request(method, url, { token: candidateToken });
      expect(refused.status, `${method} ${url}`).toBe(403);
      expect(refused.body.code).toBe('forbidden');
      expect(refused.body.detail).toMatch(/candidate's join token/);
    }
    // a forged or expired token is still plainly unauthorized
    const at = candidateToken.lastIndexOf('.') + 5; // a character inside the signature, changed
    const forgedToken =
      candidateToken.slice(0, at) + (candidateToken[at] === 'A' ? 'B' : 'A') + candidateToken.slice(at + 1);
    const forged = await h.request('GET', '/api/v1/interviews', { token: forgedToken });
    expect(forged.status).toBe(401);
    // staff still see the evaluation
    const detail = await h.request('GET', `/api/v1/interviews/${interviewId}`, { token: t.token });
    expect(detail.body.turns[0]).toMatchObject({ turn: 1, score: expect.any(Number) });
  });

  it('a resume (another device) gets the whole conversation in order while it runs, and only the closing after', async () => {
    const t = await h.signUp();
    const s = await schedule(t);
    const started = await h.request('POST', `/api/v1/public/join/${s.token}/start`);
    expect(started.body.conversation).toEqual([{ from: 'interviewer', text: started.body.firstReply }]);
    const { candidateToken, interviewId } = started.body;
    const answers = [
      'I run the payments backend in Go on PostgreSQL; I own the ledger service.',
      'We cut p99 latency from 800 ms to 120 ms by adding an index and batching writes.',
    ];
    const replies: string[] = [];
    for (const [i, answerText] of answers.entries()) {
      const res = await h.request('POST', `/api/v1/interview/${interviewId}/answer`, {
        token: candidateToken,
        body: { answerText, turn: i + 1 },
      });
      expect(res.status, res.text).toBe(200);
      replies.push(res.body.nextReply);
    }

    const resumed = await h.request('POST', `/api/v1/public/join/${s.token}/start`);
    expect(resumed.body.interviewId).toBe(interviewId);
    expect(resumed.body.conversation).toEqual([
      { from: 'interviewer', text: started.body.firstReply },
      { from: 'candidate', text: answers[0] },
      { from: 'interviewer', text: replies[0] },
      { from: 'candidate', text: answers[1] },
      { from: 'interviewer', text: replies[1] },
    ]);

    // answered to the end: the closing is the last message
    let last = resumed.body.state;
    for (let turn = 3; last.status === 'in_progress'; turn++) {
      const res = await h.request('POST', `/api/v1/interview/${interviewId}/answer`, {
        token: candidateToken,
        body: { answerText: `Turn ${turn}: I measured the result and wrote down what I would change.`, turn },
      });
      expect(res.status, res.text).toBe(200);
      last = res.body.state;
      if (last.status !== 'in_progress') replies.push(res.body.nextReply);
    }
    const after = await h.request('POST', `/api/v1/public/join/${s.token}/start`);
    expect(after.body.state.status).toBe('completed');
    // over: the closing only, the transcript is not handed out through the link any more
    expect(after.body.conversation).toEqual([{ from: 'interviewer', text: replies.at(-1) }]);
  });

  it('an expired or cancelled link is 410 with the branding; an unknown link is 404', async () => {
    const t = await h.signUp({ name: 'Globex' });
    const s = await schedule(t, {
      expiresAt: new Date(Date.now() + 1500).toISOString(),
      scheduledAt: new Date(Date.now() + 500).toISOString(),
    });
    await new Promise((r) => setTimeout(r, 1600));
    const expired = await h.request('GET', `/api/v1/public/join/${s.token}`);
    expect(expired.status).toBe(410);
    expect(expired.body).toMatchObject({
      code: 'link_gone',
      status: 410,
      linkStatus: 'expired',
      branding: { displayName: 'Globex' },
    });
    expect((await h.request('POST', `/api/v1/public/join/${s.token}/start`)).status).toBe(410);

    const c = await schedule(t);
    const cancelled = await h.request('POST', `/api/v1/admin/schedules/${c.id}/cancel`, { token: t.token });
    expect(cancelled.body.status).toBe('cancelled');
    expect((await h.request('GET', `/api/v1/public/join/${c.token}`)).status).toBe(410);
    expect((await h.request('GET', '/api/v1/public/join/not-a-real-token-at-all')).status).toBe(404);
    const listed = await h.request('GET', '/api/v1/admin/schedules?status=expired', { token: t.token });
    expect(listed.body.items.map((x: { id: string }) => x.id)).toEqual([s.id]);
  });

  it('bad input: a past time or bad email names the field; an unknown role is 422; nothing stored', async () => {
    const t = await h.signUp();
    const past = await h.request('POST', '/api/v1/admin/schedule', {
      token: t.token,
      body: {
        candidateEmail: 'a@example.com',
        role: 'backend-engineer',
        scheduledAt: '2020-01-01T00:00:00Z',
      },
    });
    expect(past.status).toBe(400);
    expect(past.body.errors[0].path).toBe('/body/scheduledAt');
    const email = await h.request('POST', '/api/v1/admin/schedule', {
      token: t.token,
      body: { candidateEmail: 'nope', role: 'backend-engineer', scheduledAt: inAnHour() },
    });
    expect(email.body.errors[0].path).toBe('/body/candidateEmail');
    const role = await h.request('POST', '/api/v1/admin/schedule', {
      token: t.token,
      body: { candidateEmail: 'a@example.com', role: 'astronaut', scheduledAt: inAnHour() },
    });
    expect(role.status).toBe(422);
    const rows = await h.ownerOrm.em
      .fork()
      .execute<{ n: string }[]>('select count(*) n from schedules where tenant_id = ?', [t.id]);
    expect(Number(rows[0]!.n)).toBe(0);
  });

  it('cancelling a started link ends its interview: the candidate token can answer no more', async () => {
    const t = await h.signUp();
    const s = await schedule(t);
    const { body: started } = await h.request('POST', `/api/v1/public/join/${s.token}/start`);
    const cancelled = await h.request('POST', `/api/v1/admin/schedules/${s.id}/cancel`, { token: t.token });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    const answer = await h.request('POST', `/api/v1/interview/${started.interviewId}/answer`, {
      token: started.candidateToken,
      body: { answerText: 'Still here?', turn: 1 },
    });
    expect(answer.status).toBe(409);
    expect(answer.body.code).toBe('interview_not_active');
    expect((await h.request('POST', `/api/v1/public/join/${s.token}/start`)).status).toBe(410);
  });

  it('reschedules an unused link; a started one is locked', async () => {
    const t = await h.signUp();
    const s = await schedule(t);
    const later = new Date(Date.now() + 2 * 3600_000).toISOString();
    const moved = await h.request('PATCH', `/api/v1/admin/schedules/${s.id}`, {
      token: t.token,
      body: { scheduledAt: later },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.scheduledAt).toBe(later);
    await h.request('POST', `/api/v1/public/join/${s.token}/start`);
    const locked = await h.request('PATCH', `/api/v1/admin/schedules/${s.id}`, {
      token: t.token,
      body: { scheduledAt: later },
    });
    expect(locked.status).toBe(409);
    expect(locked.body.code).toBe('schedule_locked');
  });
});

describe('webhooks from the interview lifecycle', () => {
  const received: { headers: Record<string, string>; body: string }[] = [];
  let url = '';
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      received.push({ headers: req.headers as Record<string, string>, body });
      res.writeHead(204).end();
    });
  });
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hooks`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('scheduled, started, completed, report.ready and score.overridden arrive signed, with ids an ATS can match', async () => {
    const t = await h.signUp();
    const endpoint = await h.request('POST', '/api/v1/webhooks', {
      token: t.token,
      body: {
        url,
        events: [
          'interview.scheduled',
          'interview.started',
          'interview.completed',
          'report.ready',
          'score.overridden',
        ],
      },
    });
    expect(endpoint.status, endpoint.text).toBe(201);
    const verifier = new Webhook(endpoint.body.secret);

    const s = await schedule(t);
    const started = await h.request('POST', `/api/v1/public/join/${s.token}/start`);
    const interviewId = started.body.interviewId;
    await h.request('POST', `/api/v1/interview/${interviewId}/end`, { token: t.token });
    await h.request('POST', `/api/v1/report/${interviewId}/overrides`, {
      token: t.token,
      body: { score: 70, reason: 'Panel decision' },
    });

    const deadline = Date.now() + 10_000;
    while (received.length < 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const events = received.map(
      (r) => verifier.verify(r.body, r.headers) as { type: string; data: Record<string, unknown> },
    );
    expect(events.map((e) => e.type).sort()).toEqual(
      [
        'interview.completed',
        'interview.scheduled',
        'interview.started',
        'report.ready',
        'score.overridden',
      ].sort(),
    );
    const byType = new Map(events.map((e) => [e.type, e.data]));
    expect(byType.get('interview.scheduled')).toMatchObject({ scheduleId: s.id, interviewId: null });
    expect(byType.get('interview.started')).toMatchObject({ interviewId, roleId: 'backend-engineer' });
    expect(byType.get('interview.completed')).toMatchObject({ interviewId, status: 'ended' });
    expect(byType.get('report.ready')).toMatchObject({
      interviewId,
      provisional: false,
      reportUrl: expect.stringContaining(interviewId),
    });
    expect(byType.get('score.overridden')).toMatchObject({ interviewId, score: 70, competency: null });
    // the link is used up once its interview finished
    const list = await h.request('GET', '/api/v1/admin/schedules?status=completed', { token: t.token });
    expect(list.body.items.map((x: { id: string }) => x.id)).toContain(s.id);
  });
});
