import { randomBytes, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { emSql, withTenant } from '../../src/db/index.ts';
import { emitWebhookEvent } from '../../src/webhooks/index.ts';
import { createHarness, type TestResponse, type TestTenant, uniq } from '../helpers/harness.ts';
import { startInterview } from '../helpers/interview.ts';
import { signUpPartner, testManifest } from '../helpers/plugins.ts';

/**
 * Tenant isolation and role checks over HTTP. Every route with a path parameter (`{id}`,
 * `{pluginId}`, …) is discovered from the OpenAPI document, so a new id route is covered (or
 * fails loudly for want of a fixture, unless it is listed as global by design).
 */

const PASSWORD = 'correct horse battery';

// The public join routes are rate-limited per address; every in-process request shares one.
const h = await createHarness({
  JOIN_RATE_LIMIT: '100000',
  // ATS calls (test connection) are refused by the SSRF guard at once, never sent
  ASHBY_API_URL: 'http://127.0.0.1:9',
  LEVER_API_URL: 'http://127.0.0.1:9/v1',
});
const docRes = await h.request('GET', '/api/v1/openapi.json');
if (docRes.status !== 200) throw new Error(`openapi.json: ${docRes.status} ${docRes.text}`);
const paths = docRes.body.paths as Record<string, Record<string, unknown>>;

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'];

interface IdRoute {
  key: string;
  method: string;
  template: string;
}

/** Routes with a path parameter; non-DELETE first, so the closing control can delete last. */
const idRoutes: IdRoute[] = Object.entries(paths)
  .filter(([template]) => template.startsWith('/api/v1/') && /\{\w+\}/.test(template))
  .flatMap(([template, ops]) =>
    Object.keys(ops)
      .filter((m) => HTTP_METHODS.includes(m))
      .map((m) => ({ key: `${m.toUpperCase()} ${template}`, method: m.toUpperCase(), template })),
  )
  .sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));

/**
 * Id routes that are global by design, not tenant-owned: the plugin catalog is shared, every tenant
 * may read every plugin and version (only installs, under /tenant/plugins, belong to a tenant).
 * Listed one by one so that no new id route is ever exempt by accident; the test "the plugin
 * catalog is global by design" asserts that both tenants see the same entry.
 */
const GLOBAL_BY_DESIGN = new Set(['GET /api/v1/plugins/{id}', 'GET /api/v1/plugins/{id}/versions/{version}']);

/**
 * Public routes whose path parameter is itself the credential: a join link's token (256 random
 * bits, only its hash stored). They take no auth, so a caller's tenant is no wall there; the token
 * alone decides. Listed one by one so that no new id route is ever exempt by accident; the
 * discovery test asserts each declares no security, and "join links and candidate tokens" below
 * covers them (an unknown token is a 404; the live one shows only its own tenant's link).
 */
const TOKEN_IS_THE_CREDENTIAL = new Set([
  'GET /api/v1/public/join/{token}',
  'POST /api/v1/public/join/{token}/start',
]);

/**
 * Routes for a candidate's token alone, never staff: any staff credential is refused there (403),
 * so the wall is the token's own interview. Listed one by one so that no new id route is ever
 * exempt by accident; the discovery test asserts each declares bearer security under
 * /api/v1/public/, and "join links and candidate tokens" below covers them (another interview, of
 * either tenant, is the same 404 as a random id; A's and B's staff are refused; nothing is stored).
 */
const CANDIDATE_TOKEN_ONLY = new Set(['POST /api/v1/public/interviews/{id}/self-identification']);

const tenantOwnedRoutes = idRoutes.filter(
  (r) =>
    !GLOBAL_BY_DESIGN.has(r.key) && !TOKEN_IS_THE_CREDENTIAL.has(r.key) && !CANDIDATE_TOKEN_ONLY.has(r.key),
);

const pathParams = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);

/** The template with each `{param}` filled from `params` (a missing one throws). */
function pathOf(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for {${name}} in ${template}`);
    return encodeURIComponent(value);
  });
}

// ---------------------------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------------------------

function expectProblem(res: TestResponse, status: number, code: string): void {
  const trace = `${res.status} ${res.text.slice(0, 400)}`;
  expect(res.status, trace).toBe(status);
  expect(res.headers.get('content-type'), trace).toBe('application/problem+json');
  expect(res.body, trace).toMatchObject({ status, code });
  expect(typeof res.body.requestId, trace).toBe('string');
}

/**
 * The problem body without the per-request id: what a client could compare. The path values the
 * client sent are masked, since a problem may echo them (`The plugin "x" is not installed`).
 */
function comparable(res: TestResponse, sent: Record<string, string> = {}): unknown {
  const { requestId: _ignored, ...rest } = res.body as Record<string, unknown>;
  let body = JSON.stringify(rest);
  for (const value of Object.values(sent))
    body = body.replaceAll(JSON.stringify(value).slice(1, -1), '{sent}');
  return { status: res.status, contentType: res.headers.get('content-type'), body: JSON.parse(body) };
}

async function snapshot(tenantId: string) {
  const em = h.ownerOrm.em.fork();
  return {
    tenant: await em.execute('select * from tenants where id = ?', [tenantId]),
    users: await em.execute('select * from users where tenant_id = ? order by id', [tenantId]),
    apiKeys: await em.execute('select * from api_keys where tenant_id = ? order by id', [tenantId]),
    tenantPlugins: await em.execute('select * from tenant_plugins where tenant_id = ? order by id', [
      tenantId,
    ]),
    ...(await interviewRows(tenantId)),
    ...(await webhookRows(tenantId)),
    positions: await em.execute('select * from positions where tenant_id = ? order by id', [tenantId]),
    positionDesigns: await em.execute(
      'select * from position_designs where tenant_id = ? order by position_id, version',
      [tenantId],
    ),
    selfIdentifications: await em.execute(
      'select * from self_identifications where tenant_id = ? order by interview_id',
      [tenantId],
    ),
    privatePlugins: await em.execute(
      'select plugin_id, version, sha256 from plugin_versions where tenant_id = ? order by plugin_id, version',
      [tenantId],
    ),
  };
}

/** The tenant's webhook endpoints, deliveries and attempts (every column). */
async function webhookRows(tenantId: string) {
  const em = h.ownerOrm.em.fork();
  const rows: Record<string, unknown[]> = {};
  for (const table of ['webhook_endpoints', 'webhook_deliveries', 'webhook_attempts']) {
    rows[table] = await em.execute(`select * from ${table} where tenant_id = ? order by id`, [tenantId]);
  }
  return rows;
}

/** The interview engine's tables, all tenant-owned (RLS). */
const INTERVIEW_TABLES = [
  'candidates',
  'interviews',
  'interview_turns',
  'answers',
  'evaluations',
  'reports',
  'score_overrides',
  'idempotent_responses',
  'schedules',
  'mail_messages',
] as const;

/** The tenant's rows in each interview engine table (every column). */
async function interviewRows(tenantId: string) {
  const em = h.ownerOrm.em.fork();
  const rows = {} as Record<(typeof INTERVIEW_TABLES)[number], unknown[]>;
  for (const table of INTERVIEW_TABLES) {
    rows[table] = await em.execute(`select * from ${table} where tenant_id = ? order by id`, [tenantId]);
  }
  return rows;
}

/** How many rows the tenant has in each interview engine table. */
async function interviewCounts(tenantId: string) {
  const rows = await interviewRows(tenantId);
  return Object.fromEntries(Object.entries(rows).map(([table, r]) => [table, r.length]));
}

const GOOD_ANSWER =
  'I would add an index on the filtered column, check the plan with EXPLAIN ANALYZE, and cache hot reads.';

async function addCandidate(tenant: TestTenant, token = tenant.token) {
  const email = `${uniq('candidate')}@example.com`;
  const res = await h.request('POST', '/api/v1/candidates', {
    token,
    body: { name: 'Grace Hopper', email },
  });
  expect(res.status, res.text).toBe(201);
  return { id: res.body.id as string, email };
}

/** An interview for the candidate, answered once and ended: it has a report. */
async function endedInterview(tenant: TestTenant, candidateId: string): Promise<string> {
  const started = await startInterview(h, tenant, { candidateId, candidate: undefined });
  const answered = await h.request('POST', `/api/v1/interview/${started.interviewId}/answer`, {
    token: tenant.token,
    body: { answerText: GOOD_ANSWER, turn: started.state.currentQuestion.turn },
  });
  expect(answered.status, answered.text).toBe(200);
  const ended = await h.request('POST', `/api/v1/interview/${started.interviewId}/end`, {
    token: tenant.token,
  });
  expect(ended.status, ended.text).toBe(200);
  return started.interviewId;
}

async function tenantPluginRows(tenantId: string) {
  return h.ownerOrm.em
    .fork()
    .execute('select * from tenant_plugins where tenant_id = ? order by id', [tenantId]);
}

/** Publish a test plugin at each version as `partnerKey`; returns its id. */
async function publishPlugin(partnerKey: string, versions: string[]): Promise<string> {
  const manifest = testManifest();
  for (const version of versions) {
    const res = await h.request('POST', '/api/v1/partner/plugins', {
      token: partnerKey,
      body: { ...manifest, version },
    });
    expect(res.status, res.text).toBe(201);
  }
  return manifest.id;
}

async function install(tenant: TestTenant, pluginId: string, version: string) {
  const res = await h.request('POST', '/api/v1/tenant/plugins', {
    token: tenant.token,
    body: { pluginId, version },
  });
  expect(res.status, res.text).toBe(201);
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** Schedule an interview for the candidate; returns the schedule's id and its join link's token. */
async function addSchedule(tenant: TestTenant, candidateEmail: string, token = tenant.token) {
  const res = await h.request('POST', '/api/v1/admin/schedule', {
    token,
    body: { candidateEmail, role: 'backend-engineer', scheduledAt: inDays(1) },
  });
  expect(res.status, res.text).toBe(201);
  return {
    id: res.body.id as string,
    token: new URL(res.body.joinUrl as string).pathname.split('/').pop()!,
  };
}

async function addUser(owner: TestTenant, role: string, token = owner.token) {
  const email = `${uniq(role)}@example.com`;
  const res = await h.request('POST', '/api/v1/users', { token, body: { email, role, password: PASSWORD } });
  expect(res.status, res.text).toBe(201);
  return { id: res.body.id as string, email };
}

async function logIn(email: string, tenant: TestTenant): Promise<string> {
  const res = await h.request('POST', '/api/v1/admin/login', {
    body: { email, password: PASSWORD, tenant: tenant.slug },
  });
  expect(res.status, res.text).toBe(200);
  return res.body.token;
}

async function addApiKey(owner: TestTenant, role: string) {
  const res = await h.request('POST', '/api/v1/api-keys', {
    token: owner.token,
    body: { name: uniq(`${role}-key`), role },
  });
  expect(res.status, res.text).toBe(201);
  return { id: res.body.id as string, key: res.body.key as string };
}

/** Every item on every page of a list, walking the cursor one item at a time (`path` may carry a filter). */
async function listAll<T = { id: string; email?: string }>(path: string, token: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  const sep = path.includes('?') ? '&' : '?';
  for (let page = 0; page < 100; page++) {
    const query: string = cursor ? `${sep}limit=1&cursor=${encodeURIComponent(cursor)}` : `${sep}limit=1`;
    const res = await h.request('GET', `${path}${query}`, { token });
    expect(res.status, res.text).toBe(200);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
    if (!cursor) return items;
  }
  throw new Error(`${path}: more than 100 pages`);
}

async function countOwners(tenantId: string): Promise<number> {
  const rows = await h.ownerOrm.em
    .fork()
    .execute<{ n: number }[]>("select count(*)::int as n from users where tenant_id = ? and role = 'owner'", [
      tenantId,
    ]);
  return rows[0]?.n ?? -1;
}

// ---------------------------------------------------------------------------------------------
// Cross-tenant access to objects by id
// ---------------------------------------------------------------------------------------------

describe('cross-tenant access by id', () => {
  let a: TestTenant;
  let b: TestTenant;
  let bKey: string;
  /** tenant A's object for each tenant-owned id route: the value of each path parameter */
  const objectOfA: Record<string, Record<string, string>> = {};
  /**
   * Values B gets the same 404 for as for A's object: nothing of B's there. For an install, both a
   * published plugin nobody installed and an id no plugin has.
   */
  const missingFor: Record<string, () => Record<string, string>[]> = {};
  const bIds = {
    users: [] as string[],
    apiKeys: [] as string[],
    emails: [] as string[],
    candidates: [] as string[],
    candidateEmails: [] as string[],
    interviews: [] as string[],
    schedules: [] as string[],
  };
  const aIds = {
    users: [] as string[],
    apiKeys: [] as string[],
    candidates: [] as string[],
    interviews: [] as string[],
    schedules: [] as string[],
  };
  /** A's candidate, whom all of A's interviews are for */
  let aCandidate: { id: string; email: string };
  /** published at 1.0.0 and 1.1.0; installed by A only, at 1.0.0 */
  let pluginOfA: string;
  /** published at 1.0.0 and 1.1.0; installed by nobody */
  let neverInstalled: string;
  /** published at 1.0.0; installed by B only */
  let pluginOfB: string;

  /** A valid body per id route that takes one, so only the tenant wall can refuse the request. */
  const BODIES: Record<string, unknown> = {
    'PATCH /api/v1/users/{id}': { role: 'admin', password: 'a brand new password' },
    'PATCH /api/v1/tenant/plugins/{pluginId}': { version: '1.1.0' },
    'POST /api/v1/interview/{id}/answer': { answerText: 'B answering in place of A’s candidate' },
    'POST /api/v1/report/{interviewId}/overrides': { score: 3, reason: 'B rewriting the score of A' },
    // keeps it enabled, so the control's retry of its delivery is a 202
    'PATCH /api/v1/webhooks/{id}': {
      url: 'http://b-was-here.invalid/hook',
      description: 'B renaming A’s hook',
    },
    'PATCH /api/v1/admin/schedules/{id}': { scheduledAt: inDays(2), expiresAt: inDays(20) },
    'PUT /api/v1/positions/{id}': {
      title: 'B renaming A’s position',
      description: '',
      design: { banks: [{ pluginId: 'ai-interviewer.backend-engineer' }] },
    },
    'PATCH /api/v1/positions/{id}': { status: 'closed' },
    'PATCH /api/v1/ats/connections/{id}': {
      name: 'B renaming A’s ATS',
      credentials: { apiKey: 'b-key-in-a-place' },
    },
    'POST /api/v1/public/interviews/{id}/self-identification': { sex: 'female', raceEthnicity: 'white' },
    'POST /api/v1/candidates/{id}/erase': { reason: 'B erasing A’s candidate' },
    'POST /api/v1/interview/{id}/review-request': { message: 'B asking in A’s name' },
    'POST /api/v1/interviews/{id}/review-request/resolve': { note: 'B closing A’s request' },
  };
  /** Headers a valid request of a route needs (an edit's If-Match: A's position is at version 1). */
  const HEADERS: Record<string, Record<string, string>> = {
    'PUT /api/v1/positions/{id}': { 'if-match': '"1"' },
  };
  /**
   * Write routes that take no body by design (the OpenAPI operation declares none; the test below
   * checks that), so a request without one is the valid request.
   */
  const BODILESS_WRITES = new Set([
    'POST /api/v1/interview/{id}/end',
    'POST /api/v1/webhooks/{id}/rotate-secret',
    'POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/retry',
    'POST /api/v1/admin/schedules/{id}/cancel',
    'POST /api/v1/admin/schedules/{id}/invitation/resend',
    'POST /api/v1/public/join/{token}/start',
    'POST /api/v1/ats/connections/{id}/inbound-key/rotate',
    'POST /api/v1/ats/connections/{id}/test',
  ]);

  beforeAll(async () => {
    a = await h.signUp();
    b = await h.signUp();
    const aUser = await addUser(a, 'recruiter');
    const aKey = await addApiKey(a, 'recruiter');
    objectOfA['/api/v1/users/{id}'] = { id: aUser.id };
    objectOfA['/api/v1/api-keys/{id}'] = { id: aKey.id };
    missingFor['/api/v1/users/{id}'] = () => [{ id: randomUUID() }];
    missingFor['/api/v1/api-keys/{id}'] = () => [{ id: randomUUID() }];
    aIds.users.push(a.ownerId, aUser.id);
    aIds.apiKeys.push(aKey.id);

    const bUser = await addUser(b, 'viewer');
    const bAdminKey = await addApiKey(b, 'admin');
    bKey = bAdminKey.key;
    bIds.users.push(b.ownerId, bUser.id);
    bIds.emails.push(b.ownerEmail, bUser.email);
    bIds.apiKeys.push(bAdminKey.id);

    const partner = await signUpPartner(h);
    pluginOfA = await publishPlugin(partner.key, ['1.0.0', '1.1.0']);
    neverInstalled = await publishPlugin(partner.key, ['1.0.0', '1.1.0']);
    pluginOfB = await publishPlugin(partner.key, ['1.0.0']);
    await install(a, pluginOfA, '1.0.0');
    await install(b, pluginOfB, '1.0.0');
    objectOfA['/api/v1/tenant/plugins/{pluginId}'] = { pluginId: pluginOfA };
    missingFor['/api/v1/tenant/plugins/{pluginId}'] = () => [
      { pluginId: neverInstalled },
      { pluginId: `${uniq('missing')}.plugin` },
    ];

    // The interview engine. A: one candidate with an interview awaiting an answer (answer and
    // state aim at it), another in progress (end aims at it: an end that got through would end
    // it), and one answered, ended and overridden once (its report and overrides).
    aCandidate = await addCandidate(a);
    aIds.candidates.push(aCandidate.id);
    const open = await startInterview(h, a, { candidateId: aCandidate.id, candidate: undefined });
    const toEnd = await startInterview(h, a, { candidateId: aCandidate.id, candidate: undefined });
    const closed = await endedInterview(a, aCandidate.id);
    const override = await h.request('POST', `/api/v1/report/${closed}/overrides`, {
      token: a.token,
      body: { score: 70, reason: 'calibrated by the panel' },
    });
    expect(override.status, override.text).toBe(201);
    aIds.interviews.push(open.interviewId, toEnd.interviewId, closed);
    objectOfA['/api/v1/interview/{id}/answer'] = { id: open.interviewId };
    objectOfA['/api/v1/interview/{id}/state'] = { id: open.interviewId };
    objectOfA['/api/v1/interview/{id}/end'] = { id: toEnd.interviewId };
    objectOfA['/api/v1/report/{interviewId}'] = { interviewId: closed };
    objectOfA['/api/v1/report/{interviewId}/overrides'] = { interviewId: closed };
    objectOfA['/api/v1/candidates/{id}'] = { id: aCandidate.id };
    objectOfA['/api/v1/candidates/{id}/export'] = { id: aCandidate.id };
    // a candidate of A's of its own for the erasure (an erase that got through would de-identify
    // it; the control erases it, and A's interviews stay for the routes after it)
    const toErase = await addCandidate(a);
    aIds.candidates.push(toErase.id);
    objectOfA['/api/v1/candidates/{id}/erase'] = { id: toErase.id };
    for (const template of [
      '/api/v1/interview/{id}/answer',
      '/api/v1/interview/{id}/state',
      '/api/v1/interview/{id}/end',
      '/api/v1/candidates/{id}',
      '/api/v1/candidates/{id}/export',
      '/api/v1/candidates/{id}/erase',
    ]) {
      missingFor[template] = () => [{ id: randomUUID() }];
    }
    for (const template of ['/api/v1/report/{interviewId}', '/api/v1/report/{interviewId}/overrides']) {
      missingFor[template] = () => [{ interviewId: randomUUID() }];
    }
    objectOfA['/api/v1/interviews/{id}'] = { id: open.interviewId };
    // a review request of A's, open (the control resolves it), and A's interview to ask one for
    const asked = await h.request('POST', `/api/v1/interview/${toEnd.interviewId}/review-request`, {
      token: a.token,
      body: { message: 'asked by phone' },
    });
    expect(asked.status, asked.text).toBe(201);
    objectOfA['/api/v1/interviews/{id}/review-request/resolve'] = { id: toEnd.interviewId };
    objectOfA['/api/v1/interview/{id}/review-request'] = { id: open.interviewId };
    for (const template of [
      '/api/v1/interviews/{id}/review-request/resolve',
      '/api/v1/interview/{id}/review-request',
    ])
      missingFor[template] = () => [{ id: randomUUID() }];
    missingFor['/api/v1/interviews/{id}'] = () => [{ id: randomUUID() }];

    // A's schedules, for A's candidate (so no candidate is added): one to reschedule, one to
    // cancel (each would change if the request got through; two, so the control can do both)
    const toReschedule = await addSchedule(a, aCandidate.email);
    const toCancel = await addSchedule(a, aCandidate.email);
    // and one whose invitation is mailed (a resend that got through would mail it again), with
    // its message in A's outbox
    const toInvite = await h.request('POST', '/api/v1/admin/schedule', {
      token: a.token,
      body: {
        candidateEmail: aCandidate.email,
        role: 'backend-engineer',
        scheduledAt: inDays(1),
        sendInvitation: true,
      },
    });
    expect(toInvite.status, toInvite.text).toBe(201);
    const [invitation] = await h.ownerOrm.em
      .fork()
      .execute<{ id: string }[]>(
        `select id from mail_messages where schedule_id = ? and kind = 'invitation'`,
        [toInvite.body.id],
      );
    aIds.schedules.push(toReschedule.id, toCancel.id, toInvite.body.id);
    objectOfA['/api/v1/admin/schedules/{id}'] = { id: toReschedule.id };
    objectOfA['/api/v1/admin/schedules/{id}/cancel'] = { id: toCancel.id };
    objectOfA['/api/v1/admin/schedules/{id}/invitation/resend'] = { id: toInvite.body.id };
    objectOfA['/api/v1/mail/messages/{id}'] = { id: invitation!.id };
    // a random id, and an id of A's that is a schedule's, not a message's
    missingFor['/api/v1/mail/messages/{id}'] = () => [{ id: randomUUID() }, { id: toInvite.body.id }];
    missingFor['/api/v1/admin/schedules/{id}/invitation/resend'] = () => [
      { id: randomUUID() },
      { id: open.interviewId },
    ];
    for (const template of ['/api/v1/admin/schedules/{id}', '/api/v1/admin/schedules/{id}/cancel']) {
      // a random id, and an id of A's that is an interview's, not a schedule's
      missingFor[template] = () => [{ id: randomUUID() }, { id: open.interviewId }];
    }

    // A's webhook endpoint with one recorded (never enqueued) delivery. Its host is in .invalid,
    // which never resolves, so the control's retry fails at DNS without traffic.
    const hook = await h.request('POST', '/api/v1/webhooks', {
      token: a.token,
      body: { url: 'http://a-hook.invalid/hook', events: ['report.ready'] },
    });
    expect(hook.status, hook.text).toBe(201);
    const [deliveryId] = await withTenant(h.orm, a.id, (em) =>
      emitWebhookEvent(emSql(em), a.id, 'report.ready', {
        interviewId: closed,
        candidateId: aCandidate.id,
        candidateExternalId: null,
        ats: null,
        positionId: null,
        position: null,
        roleId: 'backend-engineer',
        overallScore: 50,
        recommendation: 'lean_no',
        provisional: false,
        reportUrl: `/api/v1/report/${closed}`,
      }),
    );
    for (const template of [
      '/api/v1/webhooks/{id}',
      '/api/v1/webhooks/{id}/rotate-secret',
      '/api/v1/webhooks/{id}/deliveries',
    ]) {
      objectOfA[template] = { id: hook.body.id };
      missingFor[template] = () => [{ id: randomUUID() }];
    }
    for (const template of [
      '/api/v1/webhooks/{id}/deliveries/{deliveryId}',
      '/api/v1/webhooks/{id}/deliveries/{deliveryId}/retry',
    ]) {
      objectOfA[template] = { id: hook.body.id, deliveryId: deliveryId! };
      missingFor[template] = () => [
        { id: randomUUID(), deliveryId: `msg_${randomUUID()}` },
        { id: hook.body.id, deliveryId: `msg_${randomUUID()}` },
      ];
    }

    // A's ATS connection (Ashby: it has an inbound key to rotate and an API key to test with)
    const ats = await h.request('POST', '/api/v1/ats/connections', {
      token: a.token,
      body: { provider: 'ashby', credentials: { apiKey: 'a-ashby-api-key' } },
    });
    expect(ats.status, ats.text).toBe(201);
    for (const template of [
      '/api/v1/ats/connections/{id}',
      '/api/v1/ats/connections/{id}/inbound-key/rotate',
      '/api/v1/ats/connections/{id}/test',
      '/api/v1/ats/connections/{id}/calls',
    ]) {
      objectOfA[template] = { id: ats.body.connection.id };
      missingFor[template] = () => [{ id: randomUUID() }, { id: open.interviewId }];
    }

    // A's position (version 1), compiled into A's private plugin version
    const position = await h.request('POST', '/api/v1/positions', {
      token: a.token,
      body: {
        title: 'A’s position',
        description: 'Backend work.',
        design: { banks: [{ pluginId: 'ai-interviewer.backend-engineer' }] },
      },
    });
    expect(position.status, position.text).toBe(201);
    for (const template of ['/api/v1/positions/{id}', '/api/v1/positions/{id}/preview']) {
      objectOfA[template] = { id: position.body.id };
      missingFor[template] = () => [{ id: randomUUID() }, { id: open.interviewId }];
    }
    objectOfA['/api/v1/positions/{id}/designs/{version}'] = { id: position.body.id, version: '1' };
    missingFor['/api/v1/positions/{id}/designs/{version}'] = () => [{ id: randomUUID(), version: '1' }];

    // B: a candidate of its own (by B's API key) with an ended interview
    const bCandidate = await addCandidate(b, bKey);
    bIds.candidates.push(bCandidate.id);
    bIds.candidateEmails.push(bCandidate.email);
    bIds.interviews.push(await endedInterview(b, bCandidate.id));
    bIds.schedules.push((await addSchedule(b, bCandidate.email, bKey)).id);
  });

  it('discovers the id routes from the OpenAPI document', () => {
    const keys = idRoutes.map((r) => r.key);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys).toEqual(
      expect.arrayContaining([
        'PATCH /api/v1/users/{id}',
        'DELETE /api/v1/users/{id}',
        'DELETE /api/v1/api-keys/{id}',
        'PATCH /api/v1/tenant/plugins/{pluginId}',
        'DELETE /api/v1/tenant/plugins/{pluginId}',
        'GET /api/v1/plugins/{id}',
        'GET /api/v1/plugins/{id}/versions/{version}',
        'POST /api/v1/interview/{id}/answer',
        'GET /api/v1/interview/{id}/state',
        'POST /api/v1/interview/{id}/end',
        'GET /api/v1/report/{interviewId}',
        'POST /api/v1/report/{interviewId}/overrides',
        'GET /api/v1/report/{interviewId}/overrides',
        'GET /api/v1/candidates/{id}',
        'GET /api/v1/interviews/{id}',
        'PATCH /api/v1/admin/schedules/{id}',
        'POST /api/v1/admin/schedules/{id}/cancel',
        'GET /api/v1/public/join/{token}',
        'POST /api/v1/public/join/{token}/start',
      ]),
    );
    // the allow-list names real routes, and only reads: a write is never global by design
    for (const key of GLOBAL_BY_DESIGN) {
      expect(keys, `stale GLOBAL_BY_DESIGN entry ${key}`).toContain(key);
      expect(key.startsWith('GET '), `${key}: only reads may be global by design`).toBe(true);
    }
    // a route is exempt because its token is the credential only while it really takes no other
    for (const key of TOKEN_IS_THE_CREDENTIAL) {
      expect(keys, `stale TOKEN_IS_THE_CREDENTIAL entry ${key}`).toContain(key);
      const [method, template] = key.split(' ') as [string, string];
      const op = paths[template]?.[method.toLowerCase()] as { security?: unknown[] } | undefined;
      expect(op?.security ?? [], `${key} declares security: it is not public`).toEqual([]);
      expect(template.startsWith('/api/v1/public/'), `${key}: only /api/v1/public/ routes`).toBe(true);
      expect(pathParams(template), key).toEqual(['token']);
    }
    for (const key of CANDIDATE_TOKEN_ONLY) {
      expect(keys, `stale CANDIDATE_TOKEN_ONLY entry ${key}`).toContain(key);
      const [method, template] = key.split(' ') as [string, string];
      const op = paths[template]?.[method.toLowerCase()] as { security?: unknown[] } | undefined;
      expect(op?.security?.length, `${key} declares no security`).toBeGreaterThan(0);
      expect(template.startsWith('/api/v1/public/'), `${key}: only /api/v1/public/ routes`).toBe(true);
    }
    const withoutFixture = tenantOwnedRoutes
      .filter((r) => objectOfA[r.template] === undefined || missingFor[r.template] === undefined)
      .map((r) => r.key);
    expect(
      withoutFixture,
      'give these new id routes an object of tenant A in objectOfA and missing ids in missingFor (or, if the route is global by design, list it in GLOBAL_BY_DESIGN)',
    ).toEqual([]);
    const unfilled = tenantOwnedRoutes
      .filter((r) => pathParams(r.template).some((p) => objectOfA[r.template]?.[p] === undefined))
      .map((r) => r.key);
    expect(unfilled, 'objectOfA must give every path parameter').toEqual([]);
    const withoutBody = idRoutes
      .filter(
        (r) =>
          ['POST', 'PUT', 'PATCH'].includes(r.method) &&
          BODIES[r.key] === undefined &&
          !BODILESS_WRITES.has(r.key),
      )
      .map((r) => r.key);
    expect(withoutBody, 'give these new id routes a valid body in BODIES').toEqual([]);
    // a body-less write is exempt only while its operation really takes no body
    for (const key of BODILESS_WRITES) {
      expect(keys, `stale BODILESS_WRITES entry ${key}`).toContain(key);
      const [method, template] = key.split(' ') as [string, string];
      const op = paths[template]?.[method.toLowerCase()] as { requestBody?: unknown } | undefined;
      expect(op?.requestBody, `${key} declares a request body: give it one in BODIES`).toBeUndefined();
    }
  });

  for (const route of tenantOwnedRoutes) {
    it(`${route.key}: B's owner and B's API key get the same 404 on A's object as on a missing id`, async () => {
      const aObject = objectOfA[route.template];
      expect(aObject, `no fixture for ${route.key}`).toBeDefined();
      const body = BODIES[route.key];
      const headers = HEADERS[route.key] ?? {};
      const send = (params: Record<string, string>, token: string) =>
        h.request(
          route.method,
          pathOf(route.template, params),
          body === undefined ? { token, headers } : { token, body, headers },
        );

      const before = await snapshot(a.id);
      const bPluginsBefore = await tenantPluginRows(b.id);
      const bInterviewsBefore = await interviewRows(b.id);
      // A's interview engine rows are there to be changed (so "unchanged" below means something)
      expect(await interviewCounts(a.id)).toMatchObject({
        candidates: 2,
        interviews: 3,
        answers: 1,
        evaluations: 1,
        reports: 1,
        score_overrides: 1,
        schedules: 3,
        // the invitation, its reminder, and the owner's notice of A's API key
        mail_messages: 3,
      });

      for (const token of [b.token, bKey]) {
        const cross = await send(aObject!, token);
        expectProblem(cross, 404, 'not_found');
        for (const params of missingFor[route.template]!()) {
          const missing = await send(params, token);
          expectProblem(missing, 404, 'not_found');
          // indistinguishable: same status, content type, type, title, detail and code
          expect(comparable(cross, aObject)).toEqual(comparable(missing, params));
        }
      }

      expect(await snapshot(a.id)).toEqual(before);
      expect(await tenantPluginRows(b.id)).toEqual(bPluginsBefore);
      // and nothing landed in B either (an answer or override stored under B's tenant id)
      expect(await interviewRows(b.id)).toEqual(bInterviewsBefore);
    });
  }

  it('the plugin catalog is global by design: A and B (owner or API key) see the same entry', async () => {
    // A installed pluginOfA; installs are A's, but the catalog entry is everyone's and the same.
    const catalogParams = { id: pluginOfA, version: '1.0.0' };
    for (const key of GLOBAL_BY_DESIGN) {
      const [method, template] = key.split(' ') as [string, string];
      const path = pathOf(template, catalogParams);
      const asA = await h.request(method, path, { token: a.token });
      expect(asA.status, `${key}: ${asA.text}`).toBe(200);
      for (const token of [b.token, bKey]) {
        const asB = await h.request(method, path, { token });
        expect(asB.status, `${key}: ${asB.text}`).toBe(200);
        expect(asB.body, key).toEqual(asA.body);
      }
      expect(asA.body.id).toBe(pluginOfA);
    }
    // and in the list, found by id
    const listed = async (token: string) =>
      (await h.request('GET', `/api/v1/plugins?q=${pluginOfA}`, { token })).body.items;
    expect(await listed(b.token)).toEqual(await listed(a.token));
    expect((await listed(b.token)).map((p: { id: string }) => p.id)).toEqual([pluginOfA]);
  });

  it("A's lists never contain B's objects (walking every page)", async () => {
    const users = await listAll('/api/v1/users', a.token);
    const keys = await listAll('/api/v1/api-keys', a.token);
    expect(users.map((u) => u.id).sort()).toEqual([...aIds.users].sort());
    expect(keys.map((k) => k.id).sort()).toEqual([...aIds.apiKeys].sort());
    for (const id of bIds.users) expect(users.map((u) => u.id)).not.toContain(id);
    for (const email of bIds.emails) expect(users.map((u) => u.email)).not.toContain(email);
    for (const id of bIds.apiKeys) expect(keys.map((k) => k.id)).not.toContain(id);

    // installs: both tenants have the bundled plugins; beyond those, A has only pluginOfA
    const aPlugins = (await listAll<{ pluginId: string }>('/api/v1/tenant/plugins', a.token)).map(
      (i) => i.pluginId,
    );
    const bPlugins = (await listAll<{ pluginId: string }>('/api/v1/tenant/plugins', b.token)).map(
      (i) => i.pluginId,
    );
    expect(aPlugins).toContain(pluginOfA);
    expect(aPlugins).not.toContain(pluginOfB);
    expect(aPlugins).not.toContain(neverInstalled);
    expect(aPlugins.filter((id) => id !== pluginOfA).sort()).toEqual(
      bPlugins.filter((id) => id !== pluginOfB).sort(),
    );

    // candidates: A's list is exactly A's candidate, never B's (by id or email)
    const candidates = await listAll('/api/v1/candidates', a.token);
    expect(candidates.map((c) => c.id).sort()).toEqual([...aIds.candidates].sort());
    for (const id of bIds.candidates) expect(candidates.map((c) => c.id)).not.toContain(id);
    for (const email of bIds.candidateEmails) expect(candidates.map((c) => c.email)).not.toContain(email);
    // and A's candidate lists exactly A's interviews
    const detail = await h.request('GET', `/api/v1/candidates/${aCandidate.id}`, { token: a.token });
    expect(detail.status, detail.text).toBe(200);
    expect(detail.body.interviews.map((i: { id: string }) => i.id).sort()).toEqual(
      [...aIds.interviews].sort(),
    );

    // schedules and interviews: exactly A's, never B's (unfiltered and by each status)
    type Listed = { id: string; candidate: { id: string; email: string } };
    const schedules = await listAll<Listed>('/api/v1/admin/schedules', a.token);
    expect(schedules.map((s) => s.id).sort()).toEqual([...aIds.schedules].sort());
    expect(schedules.map((s) => s.candidate.id)).toEqual(aIds.schedules.map(() => aCandidate.id));
    for (const status of ['scheduled', 'started', 'completed', 'expired', 'cancelled']) {
      const ids = (await listAll<Listed>(`/api/v1/admin/schedules?status=${status}`, a.token)).map(
        (s) => s.id,
      );
      for (const id of ids) expect(aIds.schedules, `?status=${status}`).toContain(id);
    }
    const interviews = await listAll<Listed>('/api/v1/interviews', a.token);
    expect(interviews.map((i) => i.id).sort()).toEqual([...aIds.interviews].sort());
    for (const status of ['in_progress', 'completed', 'ended']) {
      const ids = (await listAll<Listed>(`/api/v1/interviews?status=${status}`, a.token)).map((i) => i.id);
      for (const id of ids) expect(aIds.interviews, `?status=${status}`).toContain(id);
    }
    for (const listed of [...schedules, ...interviews]) {
      expect(bIds.schedules).not.toContain(listed.id);
      expect(bIds.interviews).not.toContain(listed.id);
      expect(bIds.candidates).not.toContain(listed.candidate.id);
      expect(bIds.candidateEmails).not.toContain(listed.candidate.email);
    }
  });

  it("an API key of B reads only B's data", async () => {
    const me = await h.request('GET', '/api/v1/me', { token: bKey });
    expect(me.status, me.text).toBe(200);
    expect(me.body).toMatchObject({ kind: 'api_key', role: 'admin', tenant: { id: b.id } });

    const tenant = await h.request('GET', '/api/v1/tenant', { token: bKey });
    expect(tenant.status, tenant.text).toBe(200);
    expect(tenant.body.id).toBe(b.id);

    const users = await listAll('/api/v1/users', bKey);
    const keys = await listAll('/api/v1/api-keys', bKey);
    expect(users.map((u) => u.id).sort()).toEqual([...bIds.users].sort());
    expect(keys.map((k) => k.id).sort()).toEqual([...bIds.apiKeys].sort());
    for (const id of aIds.users) expect(users.map((u) => u.id)).not.toContain(id);
    for (const id of aIds.apiKeys) expect(keys.map((k) => k.id)).not.toContain(id);

    const plugins = (await listAll<{ pluginId: string }>('/api/v1/tenant/plugins', bKey)).map(
      (i) => i.pluginId,
    );
    expect(plugins).toContain(pluginOfB);
    expect(plugins).not.toContain(pluginOfA);

    const candidates = await listAll('/api/v1/candidates', bKey);
    expect(candidates.map((c) => c.id).sort()).toEqual([...bIds.candidates].sort());
    for (const id of aIds.candidates) expect(candidates.map((c) => c.id)).not.toContain(id);
    expect(candidates.map((c) => c.email)).not.toContain(aCandidate.email);
    const detail = await h.request('GET', `/api/v1/candidates/${bIds.candidates[0]}`, { token: bKey });
    expect(detail.status, detail.text).toBe(200);
    expect(detail.body.interviews.map((i: { id: string }) => i.id)).toEqual(bIds.interviews);

    const schedules = await listAll('/api/v1/admin/schedules', bKey);
    expect(schedules.map((s) => s.id)).toEqual(bIds.schedules);
    const interviews = await listAll('/api/v1/interviews', bKey);
    expect(interviews.map((i) => i.id)).toEqual(bIds.interviews);
    for (const id of [...aIds.schedules, ...aIds.interviews]) {
      expect([...schedules, ...interviews].map((x) => x.id)).not.toContain(id);
    }
  });

  it("B cannot write into A by naming A's tenant id in a body", async () => {
    const before = await snapshot(a.id);
    for (const [path, body] of [
      ['/api/v1/users', { email: `${uniq('smuggled')}@example.com`, role: 'viewer', password: PASSWORD }],
      ['/api/v1/api-keys', { name: 'smuggled', role: 'viewer' }],
      ['/api/v1/tenant/plugins', { pluginId: neverInstalled, version: '1.0.0' }],
      ['/api/v1/candidates', { name: 'Smuggled', email: `${uniq('smuggled')}@example.com` }],
      ['/api/v1/interview/start', { candidateId: bIds.candidates[0], role: 'backend-engineer' }],
      [
        '/api/v1/admin/schedule',
        {
          candidateEmail: `${uniq('smuggled')}@example.com`,
          role: 'backend-engineer',
          scheduledAt: inDays(1),
        },
      ],
    ] as const) {
      const res = await h.request('POST', path, { token: b.token, body: { ...body, tenantId: a.id } });
      expectProblem(res, 400, 'validation_failed');
    }
    const branding = await h.request('PATCH', '/api/v1/tenant/branding', {
      token: b.token,
      body: { displayName: 'Owned by B', id: a.id },
    });
    expectProblem(branding, 400, 'validation_failed');
    expect(await snapshot(a.id)).toEqual(before);
  });

  it("B cannot start an interview for A's candidate: the same 404 as for a random id", async () => {
    const before = await snapshot(a.id);
    const bBefore = await interviewRows(b.id);
    for (const token of [b.token, bKey]) {
      const start = (candidateId: string) =>
        h.request('POST', '/api/v1/interview/start', {
          token,
          body: { candidateId, role: 'backend-engineer', seed: 7 },
        });
      const cross = await start(aCandidate.id);
      expectProblem(cross, 404, 'not_found');
      const missingId = randomUUID();
      const missing = await start(missingId);
      expectProblem(missing, 404, 'not_found');
      expect(comparable(cross, { id: aCandidate.id })).toEqual(comparable(missing, { id: missingId }));
    }
    expect(await snapshot(a.id)).toEqual(before);
    expect(await interviewRows(b.id)).toEqual(bBefore);
  });

  it("B installing the plugin A installed gets its own install; A's is unchanged", async () => {
    const before = await snapshot(a.id);
    const res = await h.request('POST', '/api/v1/tenant/plugins', {
      token: b.token,
      body: { pluginId: pluginOfA, version: '1.1.0' },
    });
    expect(res.status, res.text).toBe(201);
    expect(await snapshot(a.id)).toEqual(before);
    // undo: the other checks here rely on pluginOfA being installed by A alone
    const undo = await h.request('DELETE', `/api/v1/tenant/plugins/${pluginOfA}`, { token: b.token });
    expect(undo.status, undo.text).toBe(204);
    expect(await snapshot(a.id)).toEqual(before);
  });

  it("control: A's own owner reaches the same objects (so the 404s above were the tenant wall)", async () => {
    for (const route of tenantOwnedRoutes) {
      const body = BODIES[route.key];
      const headers = HEADERS[route.key] ?? {};
      const res = await h.request(
        route.method,
        pathOf(route.template, objectOfA[route.template]!),
        body === undefined ? { token: a.token, headers } : { token: a.token, body, headers },
      );
      expect(res.status, `${route.key}: ${res.text}`).toBeLessThan(300);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Join links and candidate tokens
// ---------------------------------------------------------------------------------------------

describe('join links and candidate tokens', () => {
  let a: TestTenant;
  let b: TestTenant;
  let bKey: string;
  /** A's link, started by its candidate: the candidate token below is for its interview */
  let link: { id: string; token: string };
  let candidate: { interviewId: string; token: string };
  /** another interview of A, started by staff, awaiting an answer */
  let otherOfA: { interviewId: string; turn: number };
  /** B's interview, awaiting an answer */
  let ofB: { interviewId: string; turn: number };
  const A_NAME = 'Tenant A Corp';

  beforeAll(async () => {
    a = await h.signUp({ name: A_NAME });
    b = await h.signUp({ name: 'Tenant B Corp' });
    bKey = (await addApiKey(b, 'admin')).key;
    const branding = await h.request('PATCH', '/api/v1/tenant/branding', {
      token: a.token,
      body: { primaryColor: '#aa0000', welcomeMessage: 'Welcome to A' },
    });
    expect(branding.status, branding.text).toBe(200);
    const aCandidate = await addCandidate(a);
    link = await addSchedule(a, aCandidate.email);
    const started = await h.request('POST', `/api/v1/public/join/${link.token}/start`);
    expect(started.status, started.text).toBe(200);
    candidate = { interviewId: started.body.interviewId, token: started.body.candidateToken };
    const other = await startInterview(h, a, { candidateId: aCandidate.id, candidate: undefined });
    otherOfA = { interviewId: other.interviewId, turn: other.state.currentQuestion.turn };
    const bStarted = await startInterview(h, b);
    ofB = { interviewId: bStarted.interviewId, turn: bStarted.state.currentQuestion.turn };
  });

  it("a candidate token on another interview (of its own tenant or B's) gets the same 404 as on a random id, for answer and state; nothing changes", async () => {
    const before = await snapshot(a.id);
    const bBefore = await snapshot(b.id);
    const routes = [
      ['POST', '/api/v1/interview/{id}/answer', { answerText: 'the candidate answering another interview' }],
      ['GET', '/api/v1/interview/{id}/state', undefined],
      [
        'POST',
        '/api/v1/public/interviews/{id}/self-identification',
        { sex: 'female', raceEthnicity: 'white' },
      ],
    ] as const;
    for (const [method, template, body] of routes) {
      const send = (id: string, extra: Record<string, unknown> = {}) =>
        h.request(
          method,
          pathOf(template, { id }),
          body === undefined
            ? { token: candidate.token }
            : { token: candidate.token, body: { ...body, ...extra } },
        );
      const missingId = randomUUID();
      const missing = await send(missingId);
      expectProblem(missing, 404, 'not_found');
      for (const [id, turn] of [
        [otherOfA.interviewId, otherOfA.turn],
        [ofB.interviewId, ofB.turn],
      ] as const) {
        // with the turn the other interview awaits, so only the token can refuse it
        const cross = await send(id, template.endsWith('/answer') ? { turn } : {});
        expectProblem(cross, 404, 'not_found');
        expect(comparable(cross, { id })).toEqual(comparable(missing, { id: missingId }));
      }
    }
    expect(await snapshot(a.id)).toEqual(before);
    expect(await snapshot(b.id)).toEqual(bBefore);
  });

  it('a candidate token is no staff credential: every staff route is a 403 saying what the token is for, even on its own interview; nothing changes', async () => {
    const own = candidate.interviewId;
    /** A value for each path parameter: the candidate's own interview wherever an id goes. */
    const params: Record<string, string> = {
      id: own,
      interviewId: own,
      pluginId: 'ai-interviewer.backend-engineer',
      version: '1.0.0',
      deliveryId: `msg_${randomUUID()}`,
    };
    /** The only routes a candidate token opens (on its own interview). */
    const CANDIDATE_ROUTES = new Set([
      'POST /api/v1/interview/{id}/answer',
      'GET /api/v1/interview/{id}/state',
      'POST /api/v1/public/interviews/{id}/self-identification',
      'POST /api/v1/interview/{id}/review-request',
    ]);
    const staffRoutes = Object.entries(paths)
      .filter(([template]) => template.startsWith('/api/v1/'))
      .flatMap(([template, ops]) =>
        Object.entries(ops as Record<string, { security?: unknown[] }>)
          .filter(([m, op]) => HTTP_METHODS.includes(m) && (op.security?.length ?? 0) > 0)
          .map(([m]) => ({ key: `${m.toUpperCase()} ${template}`, method: m.toUpperCase(), template })),
      )
      .filter((r) => !CANDIDATE_ROUTES.has(r.key));
    // the ones named in the brief are among them
    expect(staffRoutes.map((r) => r.key)).toEqual(
      expect.arrayContaining([
        'GET /api/v1/interviews',
        'GET /api/v1/interviews/{id}',
        'GET /api/v1/report/{interviewId}',
        'POST /api/v1/interview/start',
        'POST /api/v1/interview/{id}/end',
        'GET /api/v1/admin/schedules',
        'POST /api/v1/admin/schedule',
      ]),
    );
    const before = await snapshot(a.id);
    for (const route of staffRoutes) {
      const res = await h.request(route.method, pathOf(route.template, params), { token: candidate.token });
      if (route.template.startsWith('/api/v1/partner/')) {
        // partner routes take partner API keys only: a JWT of any kind is no credential there
        expectProblem(res, 401, 'unauthorized');
        continue;
      }
      expect(res.status, `${route.key}: ${res.text}`).toBe(403);
      expectProblem(res, 403, 'forbidden');
      expect(res.body.detail).toMatch(/candidate's join token/);
    }
    // with a valid body too: start an interview, schedule one
    for (const [path, body] of [
      [
        '/api/v1/interview/start',
        { candidate: { name: 'Mallory', email: `${uniq('mallory')}@example.com` }, role: 'backend-engineer' },
      ],
      [
        '/api/v1/admin/schedule',
        {
          candidateEmail: `${uniq('mallory')}@example.com`,
          role: 'backend-engineer',
          scheduledAt: inDays(1),
        },
      ],
    ] as const) {
      expectProblem(await h.request('POST', path, { token: candidate.token, body }), 403, 'forbidden');
    }
    expect(await snapshot(a.id)).toEqual(before);
  });

  it("the candidate's own interview: state and answers carry no scores, evaluation or report, to the end", async () => {
    const state = await h.request('GET', `/api/v1/interview/${candidate.interviewId}/state`, {
      token: candidate.token,
    });
    expect(state.status, state.text).toBe(200);
    expect(state.body.interviewId).toBe(candidate.interviewId);
    expect(state.body.lastEvaluated).toBeNull();

    let current = state.body;
    let answers = 0;
    for (; current.status === 'in_progress' && answers < 40; answers++) {
      const res = await h.request('POST', `/api/v1/interview/${candidate.interviewId}/answer`, {
        token: candidate.token,
        body: { answerText: GOOD_ANSWER, turn: current.currentQuestion.turn },
      });
      expect(res.status, res.text).toBe(200);
      expect(Object.keys(res.body).sort(), res.text).toEqual(['nextReply', 'state']);
      expect(res.body.evaluation).toBeUndefined();
      expect(res.body.report).toBeUndefined();
      expect(res.body.state.lastEvaluated, res.text).toBeNull();
      const again = await h.request('GET', `/api/v1/interview/${candidate.interviewId}/state`, {
        token: candidate.token,
      });
      expect(again.status, again.text).toBe(200);
      expect(again.body.lastEvaluated).toBeNull();
      // staff see the score of the turn just answered (so the nulls above hid something)
      const staff = await h.request('GET', `/api/v1/interview/${candidate.interviewId}/state`, {
        token: a.token,
      });
      expect(staff.body.lastEvaluated, staff.text).toMatchObject({ turn: current.currentQuestion.turn });
      current = res.body.state;
    }
    expect(answers).toBeGreaterThan(1);
    expect(current.status).toBe('completed');
    // the report exists (staff read it), yet no answer response carried it
    const report = await h.request('GET', `/api/v1/report/${candidate.interviewId}`, { token: a.token });
    expect(report.status, report.text).toBe(200);
    expectProblem(
      await h.request('GET', `/api/v1/report/${candidate.interviewId}`, { token: candidate.token }),
      403,
      'forbidden',
    );
    // and the link is used up
    const schedules = await listAll<{ id: string; status: string }>('/api/v1/admin/schedules', a.token);
    expect(schedules.find((s) => s.id === link.id)?.status).toBe('completed');
  });

  it("a self-identification is the interview's own candidate's alone: A's or B's staff get 403, B's candidate a 404; nothing stored", async () => {
    // the candidate's interview is over (the test above answered it to the end)
    const url = `/api/v1/public/interviews/${candidate.interviewId}/self-identification`;
    const body = { sex: 'decline', raceEthnicity: 'decline' };
    const bLink = await addSchedule(b, (await addCandidate(b)).email);
    const bStarted = await h.request('POST', `/api/v1/public/join/${bLink.token}/start`);
    expect(bStarted.status, bStarted.text).toBe(200);
    const before = await snapshot(a.id);
    const bBefore = await snapshot(b.id);
    for (const token of [a.token, b.token, bKey]) {
      expectProblem(await h.request('POST', url, { token, body }), 403, 'forbidden');
    }
    expectProblem(
      await h.request('POST', url, { token: bStarted.body.candidateToken, body }),
      404,
      'not_found',
    );
    expect(await snapshot(a.id)).toEqual(before);
    expect(await snapshot(b.id)).toEqual(bBefore);
    // control: the candidate's own token stores it, in A only
    const own = await h.request('POST', url, { token: candidate.token, body });
    expect(own.status, own.text).toBe(204);
    expect((await snapshot(a.id)).selfIdentifications).toHaveLength(1);
    expect((await snapshot(b.id)).selfIdentifications).toEqual([]);
  });

  it('a link cancelled after it started mints no more candidate tokens: start is a 410 like the page', async () => {
    const aCandidate = await addCandidate(a);
    const cancelled = await addSchedule(a, aCandidate.email);
    const first = await h.request('POST', `/api/v1/public/join/${cancelled.token}/start`);
    expect(first.status, first.text).toBe(200);
    const cancel = await h.request('POST', `/api/v1/admin/schedules/${cancelled.id}/cancel`, {
      token: a.token,
    });
    expect(cancel.status, cancel.text).toBe(200);
    expect(cancel.body.status).toBe('cancelled');
    const page = await h.request('GET', `/api/v1/public/join/${cancelled.token}`);
    expect(page.status, page.text).toBe(410);
    expect(page.body.code).toBe('link_gone');
    // the same link, started again: it must not hand out a fresh token for the interview
    const again = await h.request('POST', `/api/v1/public/join/${cancelled.token}/start`);
    expect(again.status, again.text).toBe(410);
    expect(again.body.code).toBe('link_gone');
    expect(again.body.candidateToken).toBeUndefined();
  });

  it("a join link answers to its token alone: B's owner, B's key or nobody see A's link (A's branding); an unknown token is a 404", async () => {
    const page = (token: string | undefined, linkToken = link.token) =>
      h.request('GET', `/api/v1/public/join/${encodeURIComponent(linkToken)}`, token ? { token } : {});
    const anonymous = await page(undefined);
    expect(anonymous.status, anonymous.text).toBe(200);
    expect(anonymous.body.branding).toMatchObject({ displayName: A_NAME, primaryColor: '#aa0000' });
    expect(anonymous.body.interviewId).toBe(candidate.interviewId);
    for (const token of [b.token, bKey]) expect((await page(token)).body).toEqual(anonymous.body);

    const before = await snapshot(a.id);
    const bBefore = await snapshot(b.id);
    const unknown = [randomBytes(32).toString('base64url'), link.id, `${link.token.slice(0, -1)}x`];
    for (const token of [undefined, b.token, bKey]) {
      for (const linkToken of unknown) {
        const missing = await page(token, linkToken);
        expectProblem(missing, 404, 'not_found');
        expect(missing.body.branding).toBeUndefined();
        const start = await h.request(
          'POST',
          `/api/v1/public/join/${encodeURIComponent(linkToken)}/start`,
          token ? { token } : {},
        );
        expectProblem(start, 404, 'not_found');
        expect(comparable(start, { linkToken })).toEqual(comparable(missing, { linkToken }));
      }
    }
    expect(await snapshot(a.id)).toEqual(before);
    expect(await snapshot(b.id)).toEqual(bBefore);
  });
});

// ---------------------------------------------------------------------------------------------
// Role checks
// ---------------------------------------------------------------------------------------------

/** Plugins for the role checks: `installed` is installed at 1.0.0 (1.1.0 exists), `available` is not. */
interface RolePlugins {
  installed: string;
  available: string;
}

/** Every admin-only request, each with a valid body, so only the role can refuse it. */
function adminOnlyRequests(targetUserId: string, targetKeyId: string, plugins: RolePlugins) {
  return [
    ['GET', '/api/v1/users', undefined],
    ['POST', '/api/v1/users', { email: `${uniq('new')}@example.com`, role: 'viewer', password: PASSWORD }],
    ['PATCH', `/api/v1/users/${targetUserId}`, { role: 'viewer' }],
    ['DELETE', `/api/v1/users/${targetUserId}`, undefined],
    ['GET', '/api/v1/api-keys', undefined],
    ['POST', '/api/v1/api-keys', { name: 'escalation', role: 'viewer' }],
    ['DELETE', `/api/v1/api-keys/${targetKeyId}`, undefined],
    ['PATCH', '/api/v1/tenant/branding', { displayName: 'Defaced' }],
    ['GET', '/api/v1/tenant/plugins', undefined],
    ['POST', '/api/v1/tenant/plugins', { pluginId: plugins.available, version: '1.0.0' }],
    ['PATCH', `/api/v1/tenant/plugins/${plugins.installed}`, { version: '1.1.0' }],
    ['DELETE', `/api/v1/tenant/plugins/${plugins.installed}`, undefined],
  ] as const;
}

describe('role checks', () => {
  let installed: string;
  let available: string;

  beforeAll(async () => {
    const partner = await signUpPartner(h);
    installed = await publishPlugin(partner.key, ['1.0.0', '1.1.0']);
    available = await publishPlugin(partner.key, ['1.0.0']);
  });

  it('a viewer gets 403 forbidden on admin routes and changes nothing', async () => {
    const t = await h.signUp();
    const viewer = await addUser(t, 'viewer');
    const target = await addUser(t, 'recruiter');
    const key = await addApiKey(t, 'recruiter');
    await install(t, installed, '1.0.0');
    const token = await logIn(viewer.email, t);
    const before = await snapshot(t.id);

    // POST/GET users, POST api-keys, PATCH branding, the tenant's plugins, and every other admin route
    for (const [method, path, body] of adminOnlyRequests(target.id, key.id, { installed, available })) {
      const res = await h.request(method, path, body === undefined ? { token } : { token, body });
      expectProblem(res, 403, 'forbidden');
    }
    expect(await snapshot(t.id)).toEqual(before);

    // control: the viewer is signed in and may read what viewers may
    const me = await h.request('GET', '/api/v1/me', { token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ kind: 'user', role: 'viewer', tenant: { id: t.id } });
    expect((await h.request('GET', '/api/v1/tenant', { token })).status).toBe(200);
    // the catalog is for every role: a viewer browses it, only an admin installs from it
    expect((await h.request('GET', `/api/v1/plugins?q=${installed}`, { token })).status).toBe(200);
    expect((await h.request('GET', `/api/v1/plugins/${installed}`, { token })).status).toBe(200);
    expect((await h.request('GET', `/api/v1/plugins/${installed}/versions/1.1.0`, { token })).status).toBe(
      200,
    );
  });

  it('a recruiter API key gets 403 forbidden on admin routes and changes nothing', async () => {
    const t = await h.signUp();
    const target = await addUser(t, 'recruiter');
    const other = await addApiKey(t, 'viewer');
    const { key } = await addApiKey(t, 'recruiter');
    await install(t, installed, '1.0.0');

    const me = await h.request('GET', '/api/v1/me', { token: key });
    expect(me.status, me.text).toBe(200);
    expect(me.body).toMatchObject({ kind: 'api_key', role: 'recruiter', user: null, tenant: { id: t.id } });
    expect((await h.request('GET', '/api/v1/tenant', { token: key })).status).toBe(200);

    // (the key's own last_used_at was just recorded; nothing after this may change)
    const before = await snapshot(t.id);
    for (const [method, path, body] of adminOnlyRequests(target.id, other.id, { installed, available })) {
      const res = await h.request(method, path, body === undefined ? { token: key } : { token: key, body });
      expectProblem(res, 403, 'forbidden');
    }
    expect(await snapshot(t.id)).toEqual(before);
  });

  it('the interview engine: a viewer (signed in or by API key) gets 403 on every write, 200 on every read, and changes nothing', async () => {
    const t = await h.signUp();
    const candidate = await addCandidate(t);
    const open = await startInterview(h, t, { candidateId: candidate.id, candidate: undefined });
    const toEnd = await startInterview(h, t, { candidateId: candidate.id, candidate: undefined });
    const closed = await endedInterview(t, candidate.id);
    const schedule = await addSchedule(t, candidate.email);
    const viewer = await addUser(t, 'viewer');
    const viewerToken = await logIn(viewer.email, t);
    const { key: viewerKey } = await addApiKey(t, 'viewer');
    // (the key's last_used_at is recorded now; nothing after this may change)
    expect((await h.request('GET', '/api/v1/me', { token: viewerKey })).status).toBe(200);

    /** Every engine write, each with a valid body, so only the role can refuse it. */
    const writes = () =>
      [
        ['POST', '/api/v1/interview/start', { candidateId: candidate.id, role: 'backend-engineer' }],
        [
          'POST',
          '/api/v1/interview/start',
          { candidate: { name: 'New', email: `${uniq('new')}@example.com` }, role: 'backend-engineer' },
        ],
        [
          'POST',
          `/api/v1/interview/${open.interviewId}/answer`,
          { answerText: GOOD_ANSWER, turn: open.state.currentQuestion.turn },
        ],
        ['POST', `/api/v1/interview/${toEnd.interviewId}/end`, undefined],
        ['POST', `/api/v1/report/${closed}/overrides`, { score: 99, reason: 'a viewer promoting them' }],
        ['POST', '/api/v1/candidates', { name: 'New', email: `${uniq('new')}@example.com` }],
        [
          'POST',
          '/api/v1/admin/schedule',
          { candidateEmail: candidate.email, role: 'backend-engineer', scheduledAt: inDays(1) },
        ],
        ['PATCH', `/api/v1/admin/schedules/${schedule.id}`, { scheduledAt: inDays(2), expiresAt: inDays(9) }],
        ['POST', `/api/v1/admin/schedules/${schedule.id}/cancel`, undefined],
      ] as const;
    const reads = [
      `/api/v1/interview/${open.interviewId}/state`,
      `/api/v1/report/${closed}`,
      `/api/v1/report/${closed}/overrides`,
      '/api/v1/candidates',
      `/api/v1/candidates/${candidate.id}`,
      '/api/v1/admin/schedules',
      '/api/v1/admin/schedules?status=scheduled',
      '/api/v1/interviews',
      '/api/v1/interviews?status=in_progress',
      `/api/v1/interviews/${open.interviewId}`,
      `/api/v1/interviews/${closed}`,
    ];

    const before = await snapshot(t.id);
    for (const token of [viewerToken, viewerKey]) {
      for (const [method, path, body] of writes()) {
        const res = await h.request(method, path, body === undefined ? { token } : { token, body });
        expectProblem(res, 403, 'forbidden');
      }
      for (const path of reads) {
        const res = await h.request('GET', path, { token });
        expect(res.status, `GET ${path}: ${res.text}`).toBe(200);
        // the same view the owner gets
        expect(res.body, path).toEqual((await h.request('GET', path, { token: t.token })).body);
      }
    }
    expect(await snapshot(t.id)).toEqual(before);

    // control: a recruiter may make every one of those writes (so the 403s above were the role)
    const recruiter = await addUser(t, 'recruiter');
    const recruiterToken = await logIn(recruiter.email, t);
    for (const [method, path, body] of writes()) {
      const res = await h.request(
        method,
        path,
        body === undefined ? { token: recruiterToken } : { token: recruiterToken, body },
      );
      expect(res.status, `${method} ${path}: ${res.text}`).toBeLessThan(300);
    }
    // and so may a recruiter API key
    const { key: recruiterKey } = await addApiKey(t, 'recruiter');
    const started = await h.request('POST', '/api/v1/interview/start', {
      token: recruiterKey,
      body: { candidateId: candidate.id, role: 'backend-engineer' },
    });
    expect(started.status, started.text).toBe(201);
    const ended = await h.request('POST', `/api/v1/interview/${started.body.interviewId}/end`, {
      token: recruiterKey,
    });
    expect(ended.status, ended.text).toBe(200);
  });

  it("control: an admin (signed in or by API key) may manage the tenant's plugins", async () => {
    const t = await h.signUp();
    const admin = await addUser(t, 'admin');
    const { key } = await addApiKey(t, 'admin');
    for (const token of [await logIn(admin.email, t), key]) {
      const steps = [
        ['GET', '/api/v1/tenant/plugins', undefined, 200],
        ['POST', '/api/v1/tenant/plugins', { pluginId: installed, version: '1.0.0' }, 201],
        ['PATCH', `/api/v1/tenant/plugins/${installed}`, { version: '1.1.0' }, 200],
        ['DELETE', `/api/v1/tenant/plugins/${installed}`, undefined, 204],
      ] as const;
      for (const [method, path, body, status] of steps) {
        const res = await h.request(method, path, body === undefined ? { token } : { token, body });
        expect(res.status, `${method} ${path}: ${res.text}`).toBe(status);
      }
    }
  });

  it('an admin cannot create, promote to, change or remove an owner (403)', async () => {
    const t = await h.signUp();
    const admin = await addUser(t, 'admin');
    const recruiter = await addUser(t, 'recruiter');
    const token = await logIn(admin.email, t);
    const before = await snapshot(t.id);

    const ownerEmail = `${uniq('would-be-owner')}@example.com`;
    const attempts = [
      ['POST', '/api/v1/users', { email: ownerEmail, role: 'owner', password: PASSWORD }],
      ['PATCH', `/api/v1/users/${recruiter.id}`, { role: 'owner' }],
      ['PATCH', `/api/v1/users/${admin.id}`, { role: 'owner' }],
      ['PATCH', `/api/v1/users/${t.ownerId}`, { role: 'viewer' }],
      ['PATCH', `/api/v1/users/${t.ownerId}`, { password: 'taken over by admin' }],
      ['DELETE', `/api/v1/users/${t.ownerId}`, undefined],
      ['POST', '/api/v1/api-keys', { name: 'owner key', role: 'owner' }],
    ] as const;
    for (const [method, path, body] of attempts) {
      const res = await h.request(method, path, body === undefined ? { token } : { token, body });
      expectProblem(res, 403, 'forbidden');
    }
    expect(await snapshot(t.id)).toEqual(before);
    const stored = await h.ownerOrm.em.fork().execute('select 1 from users where email = ?', [ownerEmail]);
    expect(stored).toHaveLength(0);

    // control: the admin may add a recruiter
    const ok = await h.request('POST', '/api/v1/users', {
      token,
      body: { email: `${uniq('recruit')}@example.com`, role: 'recruiter', password: PASSWORD },
    });
    expect(ok.status, ok.text).toBe(201);
  });

  it('deleting or demoting the last owner is 409 last_owner, by token and by owner API key', async () => {
    const t = await h.signUp();
    const { key: ownerKey } = await addApiKey(t, 'owner');
    const before = await snapshot(t.id);

    for (const token of [t.token, ownerKey]) {
      for (const role of ['admin', 'recruiter', 'viewer']) {
        const res = await h.request('PATCH', `/api/v1/users/${t.ownerId}`, { token, body: { role } });
        expectProblem(res, 409, 'last_owner');
      }
      expectProblem(await h.request('DELETE', `/api/v1/users/${t.ownerId}`, { token }), 409, 'last_owner');
    }
    const after = await snapshot(t.id);
    // the owner API key's last_used_at may move; the users must not
    expect(after.users).toEqual(before.users);
    expect(after.tenant).toEqual(before.tenant);
    expect(await countOwners(t.id)).toBe(1);

    // control: with a second owner, demoting the first is allowed
    const second = await addUser(t, 'owner');
    const demote = await h.request('PATCH', `/api/v1/users/${t.ownerId}`, {
      token: t.token,
      body: { role: 'admin' },
    });
    expect(demote.status, demote.text).toBe(200);
    expect(demote.body.role).toBe('admin');
    const secondToken = await logIn(second.email, t);
    expectProblem(
      await h.request('DELETE', `/api/v1/users/${second.id}`, { token: secondToken }),
      409,
      'last_owner',
    );
  });

  it('two owners demoting each other at the same time never leave the tenant without an owner', async () => {
    // The last-owner check counts the other owners, then writes; two concurrent requests each
    // see the other still an owner unless the check locks. Several rounds make the race likely.
    for (let round = 0; round < 5; round++) {
      const t = await h.signUp();
      const second = await addUser(t, 'owner');
      const secondToken = await logIn(second.email, t);
      const results = await Promise.all([
        h.request('PATCH', `/api/v1/users/${second.id}`, { token: t.token, body: { role: 'admin' } }),
        h.request('PATCH', `/api/v1/users/${t.ownerId}`, { token: secondToken, body: { role: 'admin' } }),
      ]);
      for (const res of results) expect(res.status, res.text).toBeLessThan(500);
      expect(await countOwners(t.id), `round ${round}: ${results.map((r) => r.status).join(', ')}`).toBe(1);
    }
  });
});
