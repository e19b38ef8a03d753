import { beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../src/db/index.ts';
import { createHarness, type Harness, type TestTenant } from '../helpers/harness.ts';
import { runInterview, startInterview } from '../helpers/interview.ts';

/**
 * Positions: a tenant's own interview design (banks, own questions, settings) compiled into a
 * tenant-private plugin version that interviews pin. Each test creates its own tenants.
 */

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});

const BACKEND = 'ai-interviewer.backend-engineer';
const OWN_QUESTION =
  'Our checkout calls three payment providers. How would you make it survive one of them going down?';

const ownRubric = {
  id: 'payments-resilience',
  competency: 'payments-resilience',
  criteria: [
    {
      id: 'design',
      name: 'Resilience design',
      weight: 1,
      levels: {
        '1': 'No plan for a provider outage.',
        '2': 'Retries blindly.',
        '3': 'Fails over to another provider.',
        '4': 'Fails over with timeouts and a circuit breaker.',
        '5': 'Fails over safely with idempotency keys, timeouts, a circuit breaker and alerts.',
      },
    },
  ],
};

/** A design: a few backend questions, one own technical question (required), 6 turns. */
const design = (questionText = OWN_QUESTION) => ({
  banks: [
    {
      pluginId: BACKEND,
      include: [
        'intro-background',
        'tech-index-basics',
        'tech-transactions',
        'beh-hardest-bug',
        'sit-vague-ticket',
        'close-questions-for-us',
      ],
    },
  ],
  questions: [
    {
      id: 'payments-failover',
      phase: 'technical',
      text: questionText,
      competencies: ['payments-resilience'],
      difficulty: 3,
      expectedPoints: [
        { id: 'failover', text: 'Fails over to another provider when one is down.', keywords: ['failover'] },
        { id: 'idempotency', text: 'Uses idempotency keys so a retried payment is not charged twice.' },
      ],
      referenceAnswer:
        'I would put each provider behind a timeout and a circuit breaker, fail over to the next provider when one trips, and send an idempotency key with every charge so a retry never charges twice; an alert tells us when a provider is down.',
      rubric: 'payments-resilience',
    },
  ],
  rubrics: [ownRubric],
  length: 6,
  quotas: { intro: 1, technical: 2, behavioral: 1, situational: 1, closing: 1 },
  required: ['payments-failover'],
  thresholds: { strongHire: 85, hire: 70, leanNo: 50 },
  aiNotice: 'An AI interviewer asks the questions; a recruiter reads every report.',
});

async function createPosition(t: TestTenant, body: Record<string, unknown> = {}) {
  const res = await h.request('POST', '/api/v1/positions', {
    token: t.token,
    body: { title: 'Payments Engineer', description: 'Builds our checkout.', design: design(), ...body },
  });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${res.text}`);
  return res;
}

const questionsAsked = async (t: TestTenant, interviewId: string): Promise<string[]> => {
  const res = await h.request('GET', `/api/v1/interviews/${interviewId}`, { token: t.token });
  return res.body.turns.map((turn: { question: string }) => turn.question);
};

describe('positions: create, read, edit', () => {
  it('creates version 1 compiled into a private plugin version, with an ETag', async () => {
    const t = await h.signUp();
    const res = await createPosition(t);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.body).toMatchObject({
      title: 'Payments Engineer',
      status: 'open',
      designVersion: 1,
      plugin: { id: `position.${res.body.id}`, version: '1.0.0' },
      interviews: 0,
    });
    // the bank's version was pinned at save time
    expect(res.body.design.banks[0].version).toMatch(/^\d+\.\d+\.\d+$/);
    const got = await h.request('GET', `/api/v1/positions/${res.body.id}`, { token: t.token });
    expect(got.status).toBe(200);
    expect(got.body.design.questions[0].text).toBe(OWN_QUESTION);
    const list = await h.request('GET', '/api/v1/positions?status=open', { token: t.token });
    expect(list.body.items.map((p: { id: string }) => p.id)).toEqual([res.body.id]);
  });

  it('an edit needs If-Match: a stale one is 409 with the current version, none is 428, and nothing is lost', async () => {
    const t = await h.signUp();
    const { body: p } = await createPosition(t);
    const edit = (ifMatch: string | undefined, text: string) =>
      h.request('PUT', `/api/v1/positions/${p.id}`, {
        token: t.token,
        headers: ifMatch ? { 'if-match': ifMatch } : {},
        body: { title: p.title, description: p.description, design: design(text) },
      });
    const first = await edit('"1"', `${OWN_QUESTION} (first edit)`);
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe('"2"');
    const second = await edit('"1"', `${OWN_QUESTION} (second edit)`);
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'version_conflict', currentVersion: 2 });
    const none = await edit(undefined, 'no precondition');
    expect(none.status).toBe(428);
    expect(none.body.code).toBe('precondition_required');
    const now = await h.request('GET', `/api/v1/positions/${p.id}`, { token: t.token });
    expect(now.body.designVersion).toBe(2);
    expect(now.body.design.questions[0].text).toBe(`${OWN_QUESTION} (first edit)`);
    const v1 = await h.request('GET', `/api/v1/positions/${p.id}/designs/1`, { token: t.token });
    expect(v1.body.design.questions[0].text).toBe(OWN_QUESTION);
  });

  it('a viewer reads positions but cannot create one', async () => {
    const t = await h.signUp();
    await createPosition(t);
    const invite = await h.request('POST', '/api/v1/users', {
      token: t.token,
      body: { email: `viewer-${Date.now()}@example.com`, role: 'viewer', password: 'correct horse battery' },
    });
    expect(invite.status).toBe(201);
    const login = await h.request('POST', '/api/v1/admin/login', {
      body: { email: invite.body.email, password: 'correct horse battery', tenant: t.slug },
    });
    const viewer = login.body.token as string;
    expect((await h.request('GET', '/api/v1/positions', { token: viewer })).status).toBe(200);
    const denied = await h.request('POST', '/api/v1/positions', {
      token: viewer,
      body: { title: 'X', description: '', design: design() },
    });
    expect(denied.status).toBe(403);
  });
});

describe('draft from a job description', () => {
  const JD = `We are hiring a backend engineer to design and run our REST APIs on PostgreSQL.
You will tune slow queries and indexes, design caching, keep services reliable on call,
write integration tests and review pull requests.`;

  it('proposes the installed banks’ closest questions, says why, saves nothing, and the draft saves as is', async () => {
    const t = await h.signUp();
    const res = await h.request('POST', '/api/v1/positions/draft', {
      token: t.token,
      body: { title: 'Backend Engineer', description: JD, length: 8 },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.source).toBe('banks');
    const technical = res.body.picks.filter((p: { phase: string }) => p.phase === 'technical');
    expect(technical.length).toBeGreaterThan(0);
    expect(technical.every((p: { pluginId: string }) => p.pluginId === BACKEND)).toBe(true);
    for (const pick of res.body.picks) expect(pick.why.length).toBeGreaterThan(10);
    expect((await h.request('GET', '/api/v1/positions', { token: t.token })).body.items).toHaveLength(0);

    const saved = await h.request('POST', '/api/v1/positions', {
      token: t.token,
      body: { title: 'Backend Engineer', description: JD, design: res.body.design },
    });
    expect(saved.status, saved.text).toBe(201);
    const preview = await h.request('GET', `/api/v1/positions/${saved.body.id}/preview`, { token: t.token });
    expect(preview.body.turns).toHaveLength(8);
    const drafted = new Set(res.body.picks.map((p: { questionId: string }) => p.questionId));
    for (const turn of preview.body.turns) expect(drafted.has(turn.questionId), turn.questionId).toBe(true);
  });
});

describe('interviews on a position', () => {
  it('asks the required question, reports the position, and keeps the design it started on after an edit', async () => {
    const t = await h.signUp();
    const { body: p } = await createPosition(t);
    const before = await startInterview(h, t, { positionId: p.id, role: undefined });
    expect(before.state.role.title).toBe('Payments Engineer');

    const edited = await h.request('PUT', `/api/v1/positions/${p.id}`, {
      token: t.token,
      headers: { 'if-match': '"1"' },
      body: {
        title: p.title,
        description: p.description,
        design: design('How do you test a payment failover?'),
      },
    });
    expect(edited.status).toBe(200);
    const after = await startInterview(h, t, { positionId: p.id, role: undefined });

    const ranBefore = await runInterview(
      h,
      t,
      before.interviewId,
      () => 'I would fail over to another provider.',
    );
    expect(ranBefore.state.status).toBe('completed');
    await runInterview(h, t, after.interviewId, () => 'I would fail over to another provider.');
    const askedBefore = await questionsAsked(t, before.interviewId);
    const askedAfter = await questionsAsked(t, after.interviewId);
    expect(askedBefore).toHaveLength(6);
    expect(askedBefore).toContain(OWN_QUESTION);
    expect(askedBefore).not.toContain('How do you test a payment failover?');
    expect(askedAfter).toContain('How do you test a payment failover?');

    const report = await h.request('GET', `/api/v1/report/${before.interviewId}`, { token: t.token });
    expect(report.status).toBe(200);
    expect(report.body.position).toEqual({ id: p.id, title: 'Payments Engineer', designVersion: 1 });
    expect(report.body.plugin).toMatchObject({ id: `position.${p.id}`, version: '1.0.0' });
    expect(report.body.thresholds).toEqual({ strongHire: 85, hire: 70, leanNo: 50 });
    const reportAfter = await h.request('GET', `/api/v1/report/${after.interviewId}`, { token: t.token });
    expect(reportAfter.body.position.designVersion).toBe(2);

    const listed = await h.request('GET', `/api/v1/interviews?positionId=${p.id}`, { token: t.token });
    expect(listed.body.items.map((i: { id: string }) => i.id).sort()).toEqual(
      [before.interviewId, after.interviewId].sort(),
    );
    const count = await h.request('GET', `/api/v1/positions/${p.id}`, { token: t.token });
    expect(count.body.interviews).toBe(2);
  });

  it('webhooks name the position and the design version, from scheduling to the report', async () => {
    const t = await h.signUp();
    const hook = await h.request('POST', '/api/v1/webhooks', {
      token: t.token,
      body: {
        url: 'http://hooks.invalid/hook',
        events: ['interview.scheduled', 'interview.started', 'interview.completed', 'report.ready'],
      },
    });
    expect(hook.status, hook.text).toBe(201);
    const { body: p } = await createPosition(t);
    await h.request('POST', '/api/v1/admin/schedule', {
      token: t.token,
      body: {
        candidateEmail: `hook-${Date.now()}@example.com`,
        positionId: p.id,
        scheduledAt: new Date(Date.now() + 60_000).toISOString(),
      },
    });
    const started = await startInterview(h, t, { positionId: p.id, role: undefined });
    await runInterview(h, t, started.interviewId, () => 'I would fail over to another provider.');
    const deliveries = () =>
      withTenant(h.orm, t.id, (em) =>
        em.execute<{ event_type: string; payload: { data: Record<string, unknown> } }[]>(
          'select event_type, payload from webhook_deliveries order by id',
        ),
      );
    // completed and report.ready are announced by a job once the report is stored
    let payloads = await deliveries();
    for (let i = 0; i < 100 && payloads.length < 4; i++) {
      await new Promise((r) => setTimeout(r, 100));
      payloads = await deliveries();
    }
    expect(payloads.map((d) => d.event_type).sort()).toEqual(
      ['interview.completed', 'interview.scheduled', 'interview.started', 'report.ready'].sort(),
    );
    const position = { id: p.id, title: 'Payments Engineer', designVersion: 1 };
    for (const d of payloads)
      expect(d.payload.data, d.event_type).toMatchObject({ positionId: p.id, position });
  });

  it('a required question is asked whatever the seed', async () => {
    const t = await h.signUp();
    const { body: p } = await createPosition(t);
    for (const seed of [1, 2, 3, 4, 5]) {
      const preview = await h.request('GET', `/api/v1/positions/${p.id}/preview?seed=${seed}`, {
        token: t.token,
      });
      expect(preview.status).toBe(200);
      expect(preview.body.turns).toHaveLength(6);
      const technical = preview.body.turns.filter((x: { phase: string }) => x.phase === 'technical');
      expect(technical[0]).toMatchObject({ questionId: 'payments-failover', required: true });
    }
  });

  it('a closed position starts nothing (409 position_closed), neither directly nor by schedule', async () => {
    const t = await h.signUp();
    const { body: p } = await createPosition(t);
    const closed = await h.request('PATCH', `/api/v1/positions/${p.id}`, {
      token: t.token,
      body: { status: 'closed' },
    });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
    const start = await h.request('POST', '/api/v1/interview/start', {
      token: t.token,
      body: { candidate: { name: 'Bo', email: `bo-${Date.now()}@example.com` }, positionId: p.id },
    });
    expect(start.status).toBe(409);
    expect(start.body.code).toBe('position_closed');
    const schedule = await h.request('POST', '/api/v1/admin/schedule', {
      token: t.token,
      body: {
        candidateEmail: `cy-${Date.now()}@example.com`,
        positionId: p.id,
        scheduledAt: new Date(Date.now() + 3_600_000).toISOString(),
      },
    });
    expect(schedule.status).toBe(409);
    const list = await h.request('GET', '/api/v1/interviews', { token: t.token });
    expect(list.body.items).toHaveLength(0);
  });

  it('a schedule for a position starts the position’s interview from the join link', async () => {
    const t = await h.signUp();
    const { body: p } = await createPosition(t);
    const scheduled = await h.request('POST', '/api/v1/admin/schedule', {
      token: t.token,
      body: {
        candidateEmail: `dee-${Date.now()}@example.com`,
        positionId: p.id,
        scheduledAt: new Date(Date.now() + 60_000).toISOString(),
      },
    });
    expect(scheduled.status).toBe(201);
    const token = new URL(scheduled.body.joinUrl).pathname.split('/').at(-1)!;
    const info = await h.request('GET', `/api/v1/public/join/${token}`);
    expect(info.body.aiNotice).toBe(design().aiNotice);
    expect(info.body.role.title).toBe('Payments Engineer');
    const started = await h.request('POST', `/api/v1/public/join/${token}/start`, {});
    expect(started.status).toBe(200);
    expect(started.body.interviewId).toBeTruthy();
    const schedules = await h.request('GET', '/api/v1/admin/schedules', { token: t.token });
    expect(schedules.body.items[0]).toMatchObject({ positionId: p.id, role: { title: 'Payments Engineer' } });
  });
});

describe('closing a position with links out', () => {
  it('an unused link says the position is closed (410 linkStatus closed); a started interview goes on', async () => {
    const t = await h.signUp();
    const { body: p } = await createPosition(t);
    const schedule = async () => {
      const res = await h.request('POST', '/api/v1/admin/schedule', {
        token: t.token,
        body: {
          candidateEmail: `link-${Math.random().toString(36).slice(2)}@example.com`,
          positionId: p.id,
          scheduledAt: new Date(Date.now() + 60_000).toISOString(),
        },
      });
      expect(res.status, res.text).toBe(201);
      return new URL(res.body.joinUrl).pathname.split('/').at(-1)!;
    };
    const unused = await schedule();
    const used = await schedule();
    const started = await h.request('POST', `/api/v1/public/join/${used}/start`, {});
    expect(started.status).toBe(200);
    await h.request('PATCH', `/api/v1/positions/${p.id}`, { token: t.token, body: { status: 'closed' } });

    for (const res of [
      await h.request('GET', `/api/v1/public/join/${unused}`),
      await h.request('POST', `/api/v1/public/join/${unused}/start`, {}),
    ]) {
      expect(res.status).toBe(410);
      expect(res.body).toMatchObject({ code: 'link_gone', linkStatus: 'closed' });
      expect(res.body.branding).toBeDefined();
    }
    const resumed = await h.request('POST', `/api/v1/public/join/${used}/start`, {});
    expect(resumed.status).toBe(200);
    expect(resumed.body.interviewId).toBe(started.body.interviewId);
  });
});

describe('private designs stay with their tenant', () => {
  it('another tenant cannot read, start, install or find the position or its private plugin', async () => {
    const a = await h.signUp();
    const b = await h.signUp();
    const { body: p } = await createPosition(a);
    const pluginId = `position.${p.id}`;
    expect((await h.request('GET', `/api/v1/positions/${p.id}`, { token: b.token })).status).toBe(404);
    expect((await h.request('GET', `/api/v1/positions/${p.id}/preview`, { token: b.token })).status).toBe(
      404,
    );
    const start = await h.request('POST', '/api/v1/interview/start', {
      token: b.token,
      body: { candidate: { name: 'Eve', email: `eve-${Date.now()}@example.com` }, positionId: p.id },
    });
    expect(start.status).toBe(404);
    const edit = await h.request('PUT', `/api/v1/positions/${p.id}`, {
      token: b.token,
      headers: { 'if-match': '"1"' },
      body: { title: 'Mine now', description: '', design: design() },
    });
    expect(edit.status).toBe(404);
    for (const t of [a, b]) {
      // not in the catalog, not even for its own tenant, and never installable
      const catalog = await h.request('GET', '/api/v1/plugins?limit=100', { token: t.token });
      expect(catalog.body.items.map((x: { id: string }) => x.id)).not.toContain(pluginId);
      expect((await h.request('GET', `/api/v1/plugins/${pluginId}`, { token: t.token })).status).toBe(404);
      const install = await h.request('POST', '/api/v1/tenant/plugins', {
        token: t.token,
        body: { pluginId },
      });
      expect(install.status).toBe(404);
    }
    // a design of B that names A's private plugin as a bank: 404, not a hint that it exists
    const borrow = await h.request('POST', '/api/v1/positions', {
      token: b.token,
      body: { title: 'Copycat', description: '', design: { ...design(), banks: [{ pluginId }] } },
    });
    expect(borrow.status).toBe(404);
    // and at the database, as the app role: B's transaction sees none of A's private rows, A's does
    const visible = (tenantId: string) =>
      withTenant(h.orm, tenantId, async (em) => {
        const rows = await em.execute<{ n: string }[]>(
          'select (select count(*) from plugin_versions where plugin_id = ?) + (select count(*) from plugins where id = ?) n',
          [pluginId, pluginId],
        );
        return Number(rows[0]!.n);
      });
    expect(await visible(b.id)).toBe(0);
    expect(await visible(a.id)).toBe(2);
  });
});

describe('what bad input gets', () => {
  const post = async (t: TestTenant, d: Record<string, unknown>) =>
    h.request('POST', '/api/v1/positions', {
      token: t.token,
      body: { title: 'Bad', description: '', design: d },
    });

  it('names the field: unknown bank, unknown question, unknown rubric, a phase with nothing to ask, a required question that does not fit', async () => {
    const t = await h.signUp();
    const cases: [Record<string, unknown>, string][] = [
      [{ ...design(), banks: [{ pluginId: 'acme.not-installed' }] }, '/design/banks/0/pluginId'],
      [
        { ...design(), banks: [{ pluginId: BACKEND, include: ['no-such-question'] }] },
        '/design/banks/0/include/0',
      ],
      [
        { ...design(), questions: [{ ...design().questions[0], rubric: 'no-such-rubric' }] },
        '/design/questions/0/rubric',
      ],
      [
        {
          ...design(),
          quotas: { intro: 1, technical: 1, behavioral: 1, situational: 1, closing: 2 },
          banks: [],
          required: [],
        },
        '/design/quotas/intro',
      ],
      [{ ...design(), required: ['tech-not-here'] }, '/design/required/0'],
    ];
    for (const [d, path] of cases) {
      const res = await post(t, d);
      expect(res.status, path).toBe(422);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.code).toBe('invalid_design');
      expect(
        res.body.errors.map((e: { path: string }) => e.path),
        JSON.stringify(res.body.errors),
      ).toContain(path);
    }
    // a reference answer over the size limit is a schema error naming the field
    const long = await post(t, {
      ...design(),
      questions: [{ ...design().questions[0], referenceAnswer: 'x'.repeat(4001) }],
    });
    expect(long.status).toBe(400);
    expect(JSON.stringify(long.body.errors)).toContain('referenceAnswer');
    // nothing was stored
    expect((await h.request('GET', '/api/v1/positions', { token: t.token })).body.items).toHaveLength(0);
  });

  it('an unknown position is 404 at start and schedule', async () => {
    const t = await h.signUp();
    const unknown = '0193a1b2-0000-7000-8000-00000000abcd';
    const start = await h.request('POST', '/api/v1/interview/start', {
      token: t.token,
      body: { candidate: { name: 'Flo', email: `flo-${Date.now()}@example.com` }, positionId: unknown },
    });
    expect(start.status).toBe(404);
    const schedule = await h.request('POST', '/api/v1/admin/schedule', {
      token: t.token,
      body: {
        candidateEmail: `gus-${Date.now()}@example.com`,
        positionId: unknown,
        scheduledAt: new Date(Date.now() + 60_000).toISOString(),
      },
    });
    expect(schedule.status).toBe(404);
  });
});
