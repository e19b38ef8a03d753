import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { serve } from '@hono/node-server';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelTenantSubscription } from '../../src/billing/index.ts';
import { type ComplianceSweepDeps, runComplianceSweep } from '../../src/compliance/index.ts';
import { BULLMQ_PREFIX, bullmqConnection, QUEUES } from '../../src/jobs/index.ts';
import { createLogger } from '../../src/observability/index.ts';
import { createHarness, type Harness, TEST_REDIS_URL, type TestTenant, uniq } from '../helpers/harness.ts';
import { startInterview } from '../helpers/interview.ts';
import { signedInMember } from '../helpers/members.ts';
import { type StripeStandIn, startStripeStandIn } from '../helpers/stripe-stand-in.ts';

/**
 * Tenant offboarding on the production adapters: Redis live state and BullMQ (a Redis database of
 * its own, /14, flushed first), billing against the Stripe stand-in. The owner exports every
 * table, asks for the deletion (typed confirmation), restores it, asks again; past the grace
 * period one sweep deletes the tenant: afterwards no column of any table, no Redis key and no
 * job holds its id, its Stripe subscription is cancelled, and another tenant is untouched.
 */

const REDIS_URL = (() => {
  const url = new URL(TEST_REDIS_URL);
  url.pathname = '/14';
  return url.toString();
})();

let h: Harness;
let redis: Redis;
let stripe: StripeStandIn;
let server: ReturnType<typeof serve>;
let deps: ComplianceSweepDeps;
/** a loopback port nothing listens on: every webhook attempt fails and its retry waits, queued */
let deadPort: number;

beforeAll(async () => {
  redis = new Redis(REDIS_URL);
  await redis.flushdb();
  stripe = await startStripeStandIn({
    prices: [
      { lookupKey: 'starter_monthly', unitAmount: 9900, productName: 'Starter' },
      { lookupKey: 'growth_monthly', unitAmount: 49900, productName: 'Growth' },
      { lookupKey: 'enterprise_monthly', unitAmount: 199900, productName: 'Enterprise' },
      { lookupKey: 'interviews_metered', unitAmount: 300, productName: 'Interviews', usageType: 'metered' },
    ],
  });
  h = await createHarness({
    REDIS_URL,
    STRIPE_SECRET_KEY: stripe.apiKey,
    STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
    STRIPE_API_URL: stripe.baseUrl,
    WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
    WEBHOOK_RETRY_SCHEDULE: '1h',
    TENANT_DELETION_GRACE_DAYS: '30',
  });
  server = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  stripe.setWebhookUrl(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/billing/webhook`);
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  deadPort = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  const billing = h.services.billing!;
  deps = {
    orm: h.orm,
    sessions: h.services.interviews.sessions,
    events: h.services.interviews.events,
    redis: h.services.redis,
    redisUrl: REDIS_URL,
    cancelSubscription: (tenantId) => cancelTenantSubscription(h.orm, billing.stripe, tenantId),
    logger: createLogger('silent'),
    metrics: h.services.metrics,
  };
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await stripe.close();
  await redis.quit();
});

const db = () => h.ownerOrm.em.fork();

const ANSWER =
  'I measured the baseline latency first, added an index on the filtered column and cut p95 from 800 ms to 120 ms.';

/** A tenant with data on every path: members, a key, a webhook, a link, a finished and a running interview. */
async function seed(t: TestTenant) {
  const hook = await h.request('POST', '/api/v1/webhooks', {
    token: t.token,
    body: {
      url: `http://127.0.0.1:${deadPort}/hook`,
      events: ['interview.scheduled', 'interview.started', 'interview.completed', 'report.ready'],
    },
  });
  expect(hook.status, hook.text).toBe(201);
  expect(
    (await h.request('POST', '/api/v1/api-keys', { token: t.token, body: { name: 'ats' } })).status,
  ).toBe(201);
  await signedInMember(h, t, 'recruiter');
  const scheduled = await h.request('POST', '/api/v1/admin/schedule', {
    token: t.token,
    body: {
      candidateEmail: `${uniq('linked')}@example.com`,
      role: 'backend-engineer',
      scheduledAt: new Date(Date.now() + 3_600_000).toISOString(),
    },
  });
  expect(scheduled.status, scheduled.text).toBe(201);
  const done = await startInterview(h, t, { length: 5, seed: 1 });
  const answer = await h.request('POST', `/api/v1/interview/${done.interviewId}/answer`, {
    token: t.token,
    body: { answerText: ANSWER, turn: done.state.currentQuestion.turn },
  });
  expect(answer.status, answer.text).toBe(200);
  expect(
    (await h.request('POST', `/api/v1/interview/${done.interviewId}/end`, { token: t.token })).status,
  ).toBe(200);
  const running = await startInterview(h, t, { length: 5, seed: 2 });
  const first = await h.request('POST', `/api/v1/interview/${running.interviewId}/answer`, {
    token: t.token,
    body: { answerText: ANSWER, turn: running.state.currentQuestion.turn },
  });
  expect(first.status, first.text).toBe(200);
  return { running: running.interviewId, done: done.interviewId };
}

/** Every column of every table (the catalog's, not a list) holding `needle`: "table.column: n rows". */
async function scanDatabase(needle: string): Promise<string[]> {
  const columns = await db().execute<{ table_name: string; column_name: string }[]>(
    `select c.table_name, c.column_name from information_schema.columns c
       join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = 'public' and t.table_type = 'BASE TABLE'`,
  );
  expect(columns.length).toBeGreaterThan(100);
  const hits: string[] = [];
  for (const { table_name, column_name } of columns) {
    const [row] = await db().execute<{ n: string }[]>(
      `select count(*) as n from "${table_name}" where strpos("${column_name}"::text, ?) > 0`,
      [needle],
    );
    if (Number(row?.n) > 0) hits.push(`${table_name}.${column_name}: ${row?.n} rows`);
  }
  return hits;
}

/** Every job BullMQ holds, in every state, with its data. */
async function allJobs() {
  const jobs: { queue: string; id: string; data: unknown }[] = [];
  for (const name of QUEUES) {
    const queue = new Queue(name, { connection: bullmqConnection(REDIS_URL, false), prefix: BULLMQ_PREFIX });
    for (const job of await queue.getJobs(
      ['waiting', 'paused', 'prioritized', 'delayed', 'active', 'completed', 'failed', 'waiting-children'],
      0,
      -1,
    )) {
      if (job) jobs.push({ queue: name, id: job.id!, data: job.data });
    }
    await queue.close();
  }
  return jobs;
}

const jobsOf = async (tenantId: string) =>
  (await allJobs()).filter((j) => (j.data as { tenantId?: string })?.tenantId === tenantId);

/** The tenant's row count in every table that has a tenant_id. */
async function rowCounts(tenantId: string): Promise<Record<string, number>> {
  const tables = await db().execute<{ t: string }[]>('select tenant_tables() as t');
  const out: Record<string, number> = {};
  for (const { t } of tables) {
    const [row] = await db().execute<{ n: string }[]>(
      `select count(*) as n from "${t}" where tenant_id = ?`,
      [tenantId],
    );
    out[t] = Number(row?.n);
  }
  return out;
}

async function exportOf(token: string) {
  const res = await h.app.request('/api/v1/tenant/export', { headers: { authorization: `Bearer ${token}` } });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { res, bytes };
}

async function waitFor(what: string, check: () => Promise<boolean>, ms = 20_000) {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every webhook of the tenants tried once (its retry then waits an hour): nothing moves meanwhile. */
const settled = (...tenants: TestTenant[]) =>
  waitFor('the first webhook attempts', async () => {
    const [row] = await db().execute<{ untried: string; reports: string }[]>(
      `select count(*) filter (where attempts = 0) as untried,
              count(distinct tenant_id) filter (where event_type = 'report.ready') as reports
         from webhook_deliveries where tenant_id in (${tenants.map(() => '?').join(', ')})`,
      tenants.map((t) => t.id),
    );
    return Number(row?.untried) === 0 && Number(row?.reports) === tenants.length;
  });

const metric = async (name: string) => {
  const text = (await h.request('GET', '/metrics')).text;
  return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN);
};

describe('the export', () => {
  it('is every table of the tenant as gzip’d JSON lines, no other tenant’s row, no secret; owners only; audited', async () => {
    const t = await h.signUp();
    const other = await h.signUp();
    await seed(t);
    await seed(other);
    const [secrets] = await db().execute<{ password_hash: string; key_hash: string; secret: string }[]>(
      `select u.password_hash, k.key_hash, w.secret from users u, api_keys k, webhook_endpoints w
        where u.tenant_id = ? and k.tenant_id = u.tenant_id and w.tenant_id = u.tenant_id limit 1`,
      [t.id],
    );
    const tokenHashes = await db().execute<{ token_hash: string }[]>(
      'select token_hash from schedules where tenant_id = ?',
      [t.id],
    );

    const { res, bytes } = await exportOf(t.token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/gzip');
    expect(res.headers.get('content-disposition')).toMatch(
      new RegExp(`attachment; filename="${t.slug}-export-\\d{4}-\\d{2}-\\d{2}\\.jsonl\\.gz"`),
    );
    const text = gunzipSync(bytes).toString('utf8');
    const lines = text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    const [header, ...rest] = lines;
    const footer = rest.pop();
    expect(header).toMatchObject({ format: 'tenant-export.v1', tenantId: t.id });
    const tenantTables = (await db().execute<{ t: string }[]>('select tenant_tables() as t')).map((r) => r.t);
    expect(header.tables).toEqual(['tenants', ...tenantTables]);
    expect(header.omittedColumns).toMatchObject({
      users: ['password_hash'],
      api_keys: ['key_hash'],
      webhook_endpoints: ['secret', 'previous_secret'],
      // the join link's hash, and the secret it is made again from for mail
      schedules: ['token_hash', 'link_secret'],
      account_tokens: ['token_hash'],
    });

    // every row is the tenant's, and every row of the tenant is there
    const counted: Record<string, number> = {};
    for (const line of rest) {
      counted[line.table] = (counted[line.table] ?? 0) + 1;
      expect(line.table === 'tenants' ? line.row.id : line.row.tenant_id).toBe(t.id);
    }
    const expected = { tenants: 1, ...(await rowCounts(t.id)) };
    expect(footer).toEqual({ end: true, rows: expected });
    expect(Object.fromEntries(Object.entries(expected).filter(([, n]) => n > 0))).toEqual(counted);
    for (const table of [
      'candidates',
      'interviews',
      'answers',
      'evaluations',
      'reports',
      'schedules',
      'users',
    ])
      expect(counted[table], table).toBeGreaterThan(0);
    expect(text).not.toContain(other.id);
    // no secret, not even hashed
    for (const secret of [
      secrets!.password_hash,
      secrets!.key_hash,
      secrets!.secret,
      ...tokenHashes.map((r) => r.token_hash),
    ])
      expect(text.includes(secret)).toBe(false);
    for (const row of rest.filter((l) => l.table === 'users'))
      expect(row.row).not.toHaveProperty('password_hash');

    const audit = await h.request('GET', '/api/v1/audit?action=tenant.exported', { token: t.token });
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0].data).toEqual({ format: 'tenant-export.v1' });

    const admin = await signedInMember(h, t, 'admin');
    const denied = await exportOf(admin);
    expect(denied.res.status).toBe(403);
    expect(JSON.parse(denied.bytes.toString()).code).toBe('forbidden');
  });
});

describe('deleting a tenant', () => {
  it('asks for the slug or name, can be restored within the grace period, then one sweep removes every trace', async () => {
    const t = await h.signUp({ name: 'Leaving Ltd' });
    const other = await h.signUp();
    const checkout = await h.request('POST', '/api/v1/billing/checkout', {
      token: t.token,
      body: { plan: 'growth' },
    });
    expect(checkout.status, checkout.text).toBe(200);
    expect((await fetch(checkout.body.url, { redirect: 'manual' })).status).toBe(303);
    await stripe.settled();
    const [account] = await db().execute<{ subscription_id: string }[]>(
      'select subscription_id from billing_accounts where tenant_id = ?',
      [t.id],
    );
    expect(account?.subscription_id).toMatch(/^sub_/);
    const seeded = await seed(t);
    await seed(other);
    await settled(t, other);

    // the confirmation and the role
    const wrong = await h.request('POST', '/api/v1/tenant/deletion', {
      token: t.token,
      body: { confirm: 'leaving' },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toMatchObject({ code: 'confirmation_mismatch' });
    const admin = await signedInMember(h, t, 'admin');
    expect(
      (await h.request('POST', '/api/v1/tenant/deletion', { token: admin, body: { confirm: t.slug } }))
        .status,
    ).toBe(403);
    expect((await h.request('GET', '/api/v1/tenant', { token: t.token })).body.deletion).toBeNull();

    // scheduled: 30 days of grace; reading and export go on, nothing new starts
    const asked = await h.request('POST', '/api/v1/tenant/deletion', {
      token: t.token,
      body: { confirm: 'Leaving Ltd' },
    });
    expect(asked.status, asked.text).toBe(202);
    const days = (Date.parse(asked.body.deleteAfter) - Date.parse(asked.body.requestedAt)) / 86_400_000;
    expect(days).toBe(30);
    expect((await h.request('GET', '/api/v1/tenant', { token: t.token })).body.deletion).toEqual(asked.body);
    const again = await h.request('POST', '/api/v1/tenant/deletion', {
      token: t.token,
      body: { confirm: t.slug },
    });
    expect(again.status).toBe(202);
    expect(again.body).toEqual(asked.body);
    const refused = await h.request('POST', '/api/v1/interview/start', {
      token: t.token,
      body: { candidate: { name: 'Late', email: 'late@example.com' }, role: 'backend-engineer' },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('tenant_pending_deletion');
    const noLink = await h.request('POST', '/api/v1/admin/schedule', {
      token: t.token,
      body: {
        candidateEmail: 'late@example.com',
        role: 'backend-engineer',
        scheduledAt: new Date(Date.now() + 3_600_000).toISOString(),
      },
    });
    expect(noLink.body.code).toBe('tenant_pending_deletion');
    expect((await h.request('GET', '/api/v1/interviews', { token: t.token })).status).toBe(200);
    expect((await exportOf(t.token)).res.status).toBe(200);

    // restored: works again
    const restored = await h.request('DELETE', '/api/v1/tenant/deletion', { token: t.token });
    expect(restored.status, restored.text).toBe(200);
    expect(restored.body.deletion).toBeNull();
    expect((await h.request('DELETE', '/api/v1/tenant/deletion', { token: t.token })).status).toBe(404);
    const afterRestore = await startInterview(h, t, { length: 5, seed: 3 });
    expect(afterRestore.interviewId).toBeTruthy();
    const log = await h.request('GET', '/api/v1/audit?limit=200', { token: t.token });
    expect(
      log.body.items
        .map((e: { action: string }) => e.action)
        .filter((a: string) => a.startsWith('tenant.deletion')),
    ).toEqual(['tenant.deletion_cancelled', 'tenant.deletion_requested']);

    // asked again, and the grace period passes: no restore any more
    expect(
      (await h.request('POST', '/api/v1/tenant/deletion', { token: t.token, body: { confirm: t.slug } }))
        .status,
    ).toBe(202);
    await db().execute(`update tenants set deletion_due_at = now() - interval '1 minute' where id = ?`, [
      t.id,
    ]);
    const late = await h.request('DELETE', '/api/v1/tenant/deletion', { token: t.token });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('grace_period_over');

    // before the sweep: the tenant is in Redis (live state) and BullMQ (jobs, a retry waiting)
    expect((await redis.keys('*')).filter((k) => k.includes(t.id))).not.toEqual([]);
    expect(await h.services.interviews.sessions.get(t.id, seeded.running)).toBeDefined();
    expect(await jobsOf(t.id)).not.toEqual([]);
    const otherKeys = (await redis.keys('*')).filter((k) => k.includes(other.id)).sort();
    expect(otherKeys).not.toEqual([]);
    const otherRows = await rowCounts(other.id);
    const otherJobs = (await jobsOf(other.id)).length;
    const deletedBefore = await metric('tenants_deleted_total');
    // Stripe's own notice of the cancellation is not what this test is about
    stripe.setWebhookUrl(undefined);

    const swept = await runComplianceSweep(deps, { tenantIds: [t.id, other.id] });
    expect(swept.tenants).toEqual({ deleted: 1, failed: 0 });
    expect(await metric('tenants_deleted_total')).toBe(deletedBefore + 1);

    // Stripe: the subscription was cancelled
    const cancel = stripe.requests.filter(
      (r) => r.method === 'DELETE' && r.path === `/v1/subscriptions/${account!.subscription_id}`,
    );
    expect(cancel.map((r) => r.status)).toEqual([200]);
    expect(stripe.subscriptions.get(account!.subscription_id)?.status).toBe('canceled');

    // nothing of the tenant anywhere: no column of any table, no Redis key, no job
    expect(await scanDatabase(t.id)).toEqual([]);
    expect((await redis.keys('*')).filter((k) => k.includes(t.id))).toEqual([]);
    expect(await jobsOf(t.id)).toEqual([]);
    expect((await h.request('GET', '/api/v1/tenant', { token: t.token })).status).toBe(401);

    // the other tenant is untouched
    expect(await rowCounts(other.id)).toEqual(otherRows);
    expect((await redis.keys('*')).filter((k) => k.includes(other.id)).sort()).toEqual(otherKeys);
    expect((await jobsOf(other.id)).length).toBeGreaterThanOrEqual(otherJobs);
    expect((await h.request('GET', '/api/v1/tenant', { token: other.token })).status).toBe(200);

    // a second sweep has nothing to do
    expect((await runComplianceSweep(deps, { tenantIds: [t.id, other.id] })).tenants).toEqual({
      deleted: 0,
      failed: 0,
    });
  });
});

describe('deleting a tenant on the embedded default’s adapters (in-process jobs, memory live state)', () => {
  let local: Harness;
  beforeAll(async () => {
    local = await createHarness();
  });

  it('removes its rows and its interviews’ live state', async () => {
    const t = await local.signUp();
    const running = await startInterview(local, t, { length: 5, seed: 1 });
    const sessions = local.services.interviews.sessions;
    expect(await sessions.get(t.id, running.interviewId)).toBeDefined();
    const asked = await local.request('POST', '/api/v1/tenant/deletion', {
      token: t.token,
      body: { confirm: t.slug },
    });
    expect(asked.status, asked.text).toBe(202);
    await db().execute(`update tenants set deletion_due_at = now() where id = ?`, [t.id]);

    const swept = await runComplianceSweep(
      {
        orm: local.orm,
        sessions,
        events: local.services.interviews.events,
        logger: createLogger('silent'),
      },
      { tenantIds: [t.id] },
    );
    expect(swept.tenants).toEqual({ deleted: 1, failed: 0 });
    expect(await sessions.get(t.id, running.interviewId)).toBeUndefined();
    expect(Object.values(await rowCounts(t.id)).every((n) => n === 0)).toBe(true);
    expect(await db().execute('select id from tenants where id = ?', [t.id])).toEqual([]);
  });
});
