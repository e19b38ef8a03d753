import { beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, type TestTenant, uniq } from '../helpers/harness.ts';
import { runInterview, startInterview } from '../helpers/interview.ts';

/**
 * Plan limits where the work starts, with billing on. No Stripe call is needed for any of this
 * (the configured Stripe address is closed): the account's state is what Stripe last said, and
 * these tests set it directly in the database.
 */

let h: Harness;
let off: Harness;
beforeAll(async () => {
  h = await createHarness({
    STRIPE_SECRET_KEY: 'sk_test_quota',
    STRIPE_WEBHOOK_SECRET: 'whsec_quota',
    STRIPE_API_URL: 'http://127.0.0.1:9',
    BILLING_PAST_DUE_GRACE_DAYS: '7',
  });
  off = await createHarness();
});

/** Put the tenant's account in a state (after reading it once, which creates it as a trial). */
async function setAccount(t: TestTenant, fields: Record<string, unknown>) {
  expect((await h.request('GET', '/api/v1/billing', { token: t.token })).status).toBe(200);
  const sets = Object.keys(fields).map((k) => `${k} = ?`);
  await h.ownerOrm.em
    .fork()
    .execute(`update billing_accounts set ${sets.join(', ')} where tenant_id = ?`, [
      ...Object.values(fields),
      t.id,
    ]);
}

const DAY = 86_400_000;
const candidate = () => ({ name: 'Quota Candidate', email: `${uniq('q')}@example.com` });
const start = (t: TestTenant) =>
  h.request('POST', '/api/v1/interview/start', {
    token: t.token,
    body: { candidate: candidate(), role: 'backend-engineer', seed: 1, length: 5 },
  });
const countRows = async (table: string, tenantId: string) =>
  Number(
    (
      await h.ownerOrm.em
        .fork()
        .execute<{ n: string }[]>(`select count(*) n from ${table} where tenant_id = ?`, [tenantId])
    )[0]!.n,
  );

describe('a new tenant', () => {
  it('starts on the free trial, from its sign-up, with its usage against every limit', async () => {
    const t = await h.signUp();
    const res = await h.request('GET', '/api/v1/billing', { token: t.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      enabled: true,
      plan: { id: 'trial' },
      status: 'trialing',
      nextInvoiceAt: null,
    });
    const trialDays = (Date.parse(res.body.trialEnd) - Date.now()) / DAY;
    expect(trialDays).toBeGreaterThan(13.9);
    expect(trialDays).toBeLessThanOrEqual(14);
    const usage = Object.fromEntries(res.body.usage.map((u: { quota: string }) => [u.quota, u]));
    expect(usage.seats).toEqual({ quota: 'seats', used: 1, limit: 3 });
    expect(usage.banks).toEqual({ quota: 'banks', used: 5, limit: 10 });
    expect(res.body.plans.map((p: { id: string }) => p.id)).toEqual(['starter', 'growth', 'enterprise']);
    const plan = await h.request('GET', '/api/v1/billing/plan', { token: t.token });
    expect(plan.body).toEqual({
      enabled: true,
      plan: { id: 'trial', name: 'Free trial' },
      status: 'trialing',
    });
  });

  it('a trial that ended without a subscription falls back to the free plan', async () => {
    const t = await h.signUp();
    await setAccount(t, { trial_end: new Date(Date.now() - DAY) });
    const res = await h.request('GET', '/api/v1/billing', { token: t.token });
    expect(res.body).toMatchObject({ plan: { id: 'free' }, status: 'canceled' });
  });
});

describe('quotas', () => {
  it('seats: the member over the limit is refused (402 with limit, used, plan) and not created', async () => {
    const t = await h.signUp();
    const invite = () =>
      h.request('POST', '/api/v1/users', {
        token: t.token,
        body: { email: `${uniq('m')}@example.com`, role: 'viewer', password: 'correct horse battery' },
      });
    expect((await invite()).status).toBe(201);
    expect((await invite()).status).toBe(201);
    const over = await invite();
    expect(over.status).toBe(402);
    expect(over.headers.get('content-type')).toContain('application/problem+json');
    expect(over.body).toMatchObject({
      code: 'quota_exceeded',
      quota: 'seats',
      limit: 3,
      used: 3,
      plan: 'trial',
    });
    expect(await countRows('users', t.id)).toBe(3);
  });

  it('interviews: concurrent starts at the last unit, exactly one succeeds; a running interview still finishes', async () => {
    const t = await h.signUp();
    await setAccount(t, { status: 'canceled', plan: 'free' }); // 5 interviews a month
    const first = await startInterview(h, t, { length: 5 });
    for (let i = 0; i < 3; i++) expect((await start(t)).status).toBe(201);
    const racing = await Promise.all([start(t), start(t), start(t)]);
    expect(racing.map((r) => r.status).sort()).toEqual([201, 402, 402]);
    const refused = racing.find((r) => r.status === 402)!;
    expect(refused.body).toMatchObject({
      code: 'quota_exceeded',
      quota: 'interviews',
      limit: 5,
      used: 5,
      plan: 'free',
    });
    expect(await countRows('interviews', t.id)).toBe(5);
    // the limit stops new interviews, never one already running
    const ran = await runInterview(
      h,
      t,
      first.interviewId,
      () => 'I would measure first, then add an index.',
    );
    expect(ran.state.status).toBe('completed');
  });

  it('positions: the open ones count; closing frees one, reopening takes one', async () => {
    const t = await h.signUp();
    await setAccount(t, { status: 'canceled', plan: 'free' }); // 1 open position
    const design = { banks: [{ pluginId: 'ai-interviewer.backend-engineer' }] };
    const create = () =>
      h.request('POST', '/api/v1/positions', {
        token: t.token,
        body: { title: uniq('Role'), description: '', design },
      });
    const one = await create();
    expect(one.status).toBe(201);
    const two = await create();
    expect(two.status).toBe(402);
    expect(two.body).toMatchObject({ quota: 'positions', limit: 1, used: 1 });
    await h.request('PATCH', `/api/v1/positions/${one.body.id}`, {
      token: t.token,
      body: { status: 'closed' },
    });
    const three = await create();
    expect(three.status).toBe(201);
    const reopen = await h.request('PATCH', `/api/v1/positions/${one.body.id}`, {
      token: t.token,
      body: { status: 'open' },
    });
    expect(reopen.status).toBe(402);
    expect((await h.request('GET', `/api/v1/positions/${one.body.id}`, { token: t.token })).body.status).toBe(
      'closed',
    );
  });

  it('webhook endpoints and plugin installs are counted too', async () => {
    const t = await h.signUp();
    await setAccount(t, { status: 'canceled', plan: 'free' }); // 1 endpoint, 5 banks (the bundled ones)
    const hook = (n: number) =>
      h.request('POST', '/api/v1/webhooks', {
        token: t.token,
        body: { url: `https://hooks-${n}.example.com/in`, events: ['report.ready'] },
      });
    expect((await hook(1)).status).toBe(201);
    expect((await hook(2)).body).toMatchObject({
      code: 'quota_exceeded',
      quota: 'webhookEndpoints',
      limit: 1,
    });
    const install = await h.request('POST', '/api/v1/tenant/plugins', {
      token: t.token,
      body: { pluginId: 'ai-interviewer.backend-engineer' },
    });
    expect(install.status).toBe(402);
    expect(install.body).toMatchObject({ quota: 'banks', limit: 5, used: 5 });
  });

  it('past due: new interviews go on during the grace period, then stop (402 subscription_past_due)', async () => {
    const t = await h.signUp();
    await setAccount(t, {
      status: 'past_due',
      plan: 'starter',
      past_due_since: new Date(Date.now() - 2 * DAY),
    });
    expect((await start(t)).status).toBe(201);
    const billing = await h.request('GET', '/api/v1/billing', { token: t.token });
    expect(billing.body.pastDue.graceEndsAt).toBe(
      new Date(Date.parse(billing.body.pastDue.since) + 7 * DAY).toISOString(),
    );
    await setAccount(t, { past_due_since: new Date(Date.now() - 8 * DAY) });
    const stopped = await start(t);
    expect(stopped.status).toBe(402);
    expect(stopped.body.code).toBe('subscription_past_due');
    // members and positions are not interviews: still allowed on the plan
    const member = await h.request('POST', '/api/v1/users', {
      token: t.token,
      body: { email: `${uniq('m')}@example.com`, role: 'viewer', password: 'correct horse battery' },
    });
    expect(member.status).toBe(201);
  });

  it('a candidate on a join link over the quota gets a 402, and the link stays usable', async () => {
    const t = await h.signUp();
    await setAccount(t, { status: 'canceled', plan: 'free' });
    for (let i = 0; i < 5; i++) expect((await start(t)).status).toBe(201);
    const scheduled = await h.request('POST', '/api/v1/admin/schedule', {
      token: t.token,
      body: {
        candidateEmail: `${uniq('j')}@example.com`,
        role: 'backend-engineer',
        scheduledAt: new Date(Date.now() + 60_000).toISOString(),
      },
    });
    expect(scheduled.status).toBe(201);
    const token = new URL(scheduled.body.joinUrl).pathname.split('/').at(-1)!;
    const refused = await h.request('POST', `/api/v1/public/join/${token}/start`, {});
    expect(refused.status).toBe(402);
    expect(refused.body.code).toBe('quota_exceeded');
    // after an upgrade the same link starts
    await setAccount(t, {
      status: 'active',
      plan: 'starter',
      period_start: new Date(Date.now() - DAY),
      period_end: new Date(Date.now() + 29 * DAY),
    });
    const started = await h.request('POST', `/api/v1/public/join/${token}/start`, {});
    expect(started.status).toBe(200);
  });
});

describe('owner only', () => {
  it('a non-owner cannot buy a plan (403); an unknown plan is 422 naming the plans', async () => {
    const t = await h.signUp();
    const admin = await h.request('POST', '/api/v1/users', {
      token: t.token,
      body: { email: `${uniq('a')}@example.com`, role: 'admin', password: 'correct horse battery' },
    });
    const login = await h.request('POST', '/api/v1/admin/login', {
      body: { email: admin.body.email, password: 'correct horse battery', tenant: t.slug },
    });
    const asAdmin = await h.request('POST', '/api/v1/billing/checkout', {
      token: login.body.token,
      body: { plan: 'growth' },
    });
    expect(asAdmin.status).toBe(403);
    const unknown = await h.request('POST', '/api/v1/billing/checkout', {
      token: t.token,
      body: { plan: 'platinum' },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ code: 'unknown_plan', plans: ['starter', 'growth', 'enterprise'] });
  });

  it('Stripe unreachable during checkout: 503 billing_unavailable, and no customer is stored', async () => {
    const t = await h.signUp();
    const res = await h.request('POST', '/api/v1/billing/checkout', {
      token: t.token,
      body: { plan: 'growth' },
    });
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('billing_unavailable');
    const rows = await h.ownerOrm.em
      .fork()
      .execute<{ stripe_customer_id: string | null }[]>(
        'select stripe_customer_id from billing_accounts where tenant_id = ?',
        [t.id],
      );
    expect(rows[0]?.stripe_customer_id ?? null).toBeNull();
  }, 30_000);
});

describe('billing off (no STRIPE_SECRET_KEY)', () => {
  it('every tenant is unlimited and nothing calls Stripe', async () => {
    const t = await off.signUp();
    const res = await off.request('GET', '/api/v1/billing', { token: t.token });
    expect(res.body).toMatchObject({ enabled: false, plan: { id: 'unlimited' }, status: 'active' });
    expect(res.body.usage.every((u: { limit: number | null }) => u.limit === null)).toBe(true);
    const checkout = await off.request('POST', '/api/v1/billing/checkout', {
      token: t.token,
      body: { plan: 'growth' },
    });
    expect(checkout.status).toBe(409);
    expect(checkout.body.code).toBe('billing_off');
    for (let i = 0; i < 4; i++) {
      const member = await off.request('POST', '/api/v1/users', {
        token: t.token,
        body: { email: `${uniq('m')}@example.com`, role: 'viewer', password: 'correct horse battery' },
      });
      expect(member.status).toBe(201);
    }
    const rows = await off.ownerOrm.em
      .fork()
      .execute<{ n: string }[]>('select count(*) n from billing_accounts where tenant_id = ?', [t.id]);
    expect(Number(rows[0]!.n)).toBe(0);
  });
});
