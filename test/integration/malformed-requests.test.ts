import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { emSql, withTenant } from '../../src/db/index.ts';
import type { Manifest } from '../../src/plugins/index.ts';
import { emitWebhookEvent } from '../../src/webhooks/index.ts';
import {
  createHarness,
  type RequestOptions,
  type TestResponse,
  type TestTenant,
  uniq,
} from '../helpers/harness.ts';
import { startInterview } from '../helpers/interview.ts';
import { signUpPartner, type TestPartner, testManifest } from '../helpers/plugins.ts';

/**
 * A table-driven battery of malformed requests against every /api/v1 route, built from the
 * OpenAPI document so new routes are covered automatically. Every answer must be a 4xx
 * problem+json with a stable code and the request id; nothing may be stored.
 */

// ---------------------------------------------------------------------------------------------
// The routes, from the OpenAPI document (read at collection time so each case is its own test)
// ---------------------------------------------------------------------------------------------

interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: JsonSchema;
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  security?: unknown[];
}

interface OpenApiDoc {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonSchema> };
}

interface Route {
  /** e.g. `PATCH /api/v1/users/{id}` */
  key: string;
  method: string;
  template: string;
  op: Operation;
  body: JsonSchema | undefined;
}

// The public join routes are rate-limited per address; every in-process request shares one.
const h = await createHarness({
  JOIN_RATE_LIMIT: '100000',
  // ATS calls (test connection) are refused by the SSRF guard at once, never sent
  ASHBY_API_URL: 'http://127.0.0.1:9',
  LEVER_API_URL: 'http://127.0.0.1:9/v1',
});
const docRes = await h.request('GET', '/api/v1/openapi.json');
if (docRes.status !== 200) throw new Error(`openapi.json: ${docRes.status} ${docRes.text}`);
const doc = docRes.body as OpenApiDoc;

function resolve(schema: JsonSchema): JsonSchema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  const found = doc.components.schemas[name];
  if (!found) throw new Error(`unresolved ${schema.$ref}`);
  return resolve(found);
}

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'];

const routes: Route[] = Object.entries(doc.paths)
  .flatMap(([template, ops]) =>
    Object.entries(ops)
      .filter(([method]) => HTTP_METHODS.includes(method))
      .map(([method, op]): Route => {
        const jsonSchema = op.requestBody?.content['application/json']?.schema;
        return {
          key: `${method.toUpperCase()} ${template}`,
          method: method.toUpperCase(),
          template,
          op,
          body: jsonSchema ? resolve(jsonSchema) : undefined,
        };
      }),
  )
  .filter((r) => r.template.startsWith('/api/v1/') && r.key !== 'GET /api/v1/openapi.json');

// ---------------------------------------------------------------------------------------------
// Fixture: one tenant whose owner sends everything, one partner whose key sends the partner
// routes; a run id marks every would-be stored value
// ---------------------------------------------------------------------------------------------

/** Every email, slug, name and plugin id the battery sends starts with this, so "nothing stored" is checkable. */
const RUN = uniq('malformed');
const PASSWORD = 'correct horse battery';

/** The publish route: its body is a whole plugin manifest, opaque in OpenAPI (z.unknown()). */
const PUBLISH = 'POST /api/v1/partner/plugins';

/** Catalog fixtures the battery's partner publishes first (meant to exist, so not RUN-prefixed). */
const FIXTURE = uniq('mfixture');
/** Published at 1.0.0 and 1.1.0, installed by the tenant at 1.0.0: a PATCH that got through would move the pin. */
const INSTALLED_PLUGIN = `${FIXTURE}.installed`;
/** Published, installed by nobody: an install that got through would add a row. */
const AVAILABLE_PLUGIN = `${FIXTURE}.available`;

let t: TestTenant;
/** the partner behind /api/v1/partner/*, signed up through POST /api/v1/partners */
let partner: TestPartner;
/** a member of the tenant the PATCH/DELETE /users/{id} cases aim at */
let targetUserId: string;
/** an API key of the tenant (the DELETE /api-keys/{id} cases aim at it; its secret is a wrong credential for partner routes) */
let fixtureKey: { id: string; key: string };
/** a mail message of the tenant: the owner's notice of the fixture key (GET /mail/messages/{id} aims at it) */
let fixtureMail: string;
/** the tenant's Lever connection (the /ats/connections/{id} cases aim at it) */
let fixtureAts: string;

// The interview engine's routes.
const START = 'POST /api/v1/interview/start';
const ANSWER = 'POST /api/v1/interview/{id}/answer';
const END = 'POST /api/v1/interview/{id}/end';
const STATE = 'GET /api/v1/interview/{id}/state';
const REPORT = 'GET /api/v1/report/{interviewId}';
const ADD_OVERRIDE = 'POST /api/v1/report/{interviewId}/overrides';
const LIST_OVERRIDES = 'GET /api/v1/report/{interviewId}/overrides';
const ADD_CANDIDATE = 'POST /api/v1/candidates';
const LIST_INTERVIEWS = 'GET /api/v1/interviews';
const INTERVIEW_DETAIL = 'GET /api/v1/interviews/{id}';
const EXPORT_CANDIDATE = 'GET /api/v1/candidates/{id}/export';
const ERASE_CANDIDATE = 'POST /api/v1/candidates/{id}/erase';

// Scheduling and the public join routes.
const SCHEDULE = 'POST /api/v1/admin/schedule';
const LIST_SCHEDULES = 'GET /api/v1/admin/schedules';
const RESCHEDULE = 'PATCH /api/v1/admin/schedules/{id}';
const CANCEL = 'POST /api/v1/admin/schedules/{id}/cancel';
const JOIN = 'GET /api/v1/public/join/{token}';
const JOIN_START = 'POST /api/v1/public/join/{token}/start';
/** The public join routes take no credential: the token in the path is the capability. */
const PUBLIC_JOIN_PREFIX = '/api/v1/public/join/';
/** The candidate's self-identification: the candidate's token of the interview, nothing else. */
const SELF_IDENTIFY = 'POST /api/v1/public/interviews/{id}/self-identification';
const CANDIDATE_PREFIX = '/api/v1/public/interviews/';

/** A bundled plugin, installed in every new tenant. */
const BACKEND_PLUGIN = 'ai-interviewer.backend-engineer';
/** Every fixture interview and the start body use these, so they ask the same first question. */
const START_SEED = 42;
const START_LENGTH = 6;
const FIXTURE_ANSWER =
  'I would add an index on the filtered column, check the plan with EXPLAIN ANALYZE, and cache hot reads.';

/**
 * An interview of the tenant awaiting the answer to `turn` (the answer, state and end cases aim at
 * it: an answer or an end that got through would move it on).
 */
let inProgress: { id: string; turn: number };
/**
 * An interview answered once and then ended, so it has a report with a scored competency (the
 * report and override cases aim at it: an override that got through would add a row).
 */
let ended: { id: string; competency: string };
/** the candidate token of the ended interview (the self-identification cases send it) */
let endedCandidateToken: string;
/** a candidate of the tenant (GET /candidates/{id} aims at it; its email is taken) */
let fixtureCandidate: { id: string; email: string };
/**
 * A webhook endpoint of the tenant with one delivery, recorded and never enqueued (the webhook
 * routes aim at them). Its URL is loopback, so even a retry that got through would be refused by
 * the SSRF guard (no allow-list here) without any traffic.
 */
let fixtureWebhook: { id: string; deliveryId: string };
/** a position of the tenant, at design version 1 */
let fixturePosition: string;

/** A position with a small valid design: a few questions of the bundled backend bank. */
const positionBody = (title: string) => ({
  title,
  department: 'Engineering',
  location: 'Remote',
  description: 'Builds and runs our APIs.',
  design: {
    banks: [{ pluginId: 'ai-interviewer.backend-engineer' }],
    length: 6,
    difficultyStart: 3,
    aiNotice: 'An AI interviewer asks the questions.',
  },
});

/** A schedule and its join link token (the last path segment of the joinUrl, shown once). */
interface FixtureSchedule {
  id: string;
  token: string;
  scheduledAt: string;
  expiresAt: string;
}
/**
 * A live schedule of the tenant, unused (the reschedule, cancel and public join cases aim at it and
 * its link: a reschedule that got through would move it, a cancel would cancel it, a start would
 * start an interview and mark it started).
 */
let liveSchedule: FixtureSchedule;
/** a cancelled schedule: its link is gone (410) and it cannot be rescheduled (409) */
let cancelledSchedule: FixtureSchedule;
/** a schedule whose link expired unused (moved into the past in the database): its link is gone (410) */
let expiredSchedule: FixtureSchedule;
/**
 * A schedule marked completed (in the database, tied to the ended interview): it can be neither
 * rescheduled nor cancelled (409).
 */
let completedSchedule: FixtureSchedule;
/** the tenant's branding, set before the snapshot: a gone link's problem carries it */
const FIXTURE_BRANDING = {
  displayName: `${FIXTURE} Branding`,
  logoUrl: 'https://example.com/fixture-logo.png',
  primaryColor: '#123456',
  welcomeMessage: 'Welcome to the fixture tenant',
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** An ISO date-time `ms` from now (negative: in the past). */
const fromNow = (ms: number) => new Date(Date.now() + ms).toISOString();

interface DbSnapshot {
  atsConnections: unknown[];
  tenant: unknown[];
  users: unknown[];
  apiKeys: unknown[];
  tenantPlugins: unknown[];
  partner: unknown[];
  partnerApiKeys: unknown[];
  plugins: unknown[];
  pluginVersions: unknown[];
  positions: unknown[];
  positionDesigns: unknown[];
  selfIdentifications: unknown[];
  /** the tenant's interview engine rows, by table */
  candidates: unknown[];
  interviews: unknown[];
  interview_turns: unknown[];
  answers: unknown[];
  evaluations: unknown[];
  reports: unknown[];
  score_overrides: unknown[];
  idempotent_responses: unknown[];
  webhook_endpoints: unknown[];
  webhook_deliveries: unknown[];
  webhook_attempts: unknown[];
  schedules: unknown[];
  mail_messages: unknown[];
  account_tokens: unknown[];
  mailTemplates: unknown[];
}

/** The interview engine's tables, all tenant-owned (RLS), each with its tenant_id. */
const INTERVIEW_TABLES = [
  'candidates',
  'interviews',
  'interview_turns',
  'answers',
  'evaluations',
  'reports',
  'score_overrides',
  'idempotent_responses',
  'webhook_endpoints',
  'webhook_deliveries',
  'webhook_attempts',
  'schedules',
  'mail_messages',
  'account_tokens',
] as const;

let before: DbSnapshot;

/**
 * The tenant's rows and the partner's rows. The registry tables are global and other test files
 * write to them concurrently, so they are scoped to the battery's partner (whatever it publishes,
 * under any id, is its row) and checked for RUN-prefixed rows separately below.
 */
async function snapshot(tenantId: string, partnerId: string): Promise<DbSnapshot> {
  const em = h.ownerOrm.em.fork();
  return {
    tenant: await em.execute('select * from tenants where id = ?', [tenantId]),
    users: await em.execute('select * from users where tenant_id = ? order by id', [tenantId]),
    apiKeys: await em.execute('select * from api_keys where tenant_id = ? order by id', [tenantId]),
    tenantPlugins: await em.execute('select * from tenant_plugins where tenant_id = ? order by id', [
      tenantId,
    ]),
    partner: await em.execute('select * from partners where id = ?', [partnerId]),
    // every column but last_used_at: the publish cases authenticate with this key
    partnerApiKeys: await em.execute(
      'select id, partner_id, prefix, key_hash, created_at from partner_api_keys where partner_id = ? order by id',
      [partnerId],
    ),
    plugins: await em.execute('select * from plugins where partner_id = ? order by id', [partnerId]),
    pluginVersions: await em.execute(
      `select v.* from plugin_versions v join plugins p on p.id = v.plugin_id
       where p.partner_id = ? order by v.plugin_id, v.version`,
      [partnerId],
    ),
    ...(await interviewRows(tenantId)),
    positions: await em.execute('select * from positions where tenant_id = ? order by id', [tenantId]),
    positionDesigns: await em.execute(
      'select * from position_designs where tenant_id = ? order by position_id, version',
      [tenantId],
    ),
    selfIdentifications: await em.execute(
      'select * from self_identifications where tenant_id = ? order by interview_id',
      [tenantId],
    ),
    mailTemplates: await em.execute('select * from mail_templates where tenant_id = ? order by kind', [
      tenantId,
    ]),
    // every column but the test result: POST /{id}/test records when it last ran
    atsConnections: await em.execute(
      `select id, provider, name, enabled, inbound_key_hash, credentials, credentials_hint, settings, updated_at
         from ats_connections where tenant_id = ? order by id`,
      [tenantId],
    ),
  };
}

/** The tenant's rows in each interview engine table. */
async function interviewRows(tenantId: string) {
  const em = h.ownerOrm.em.fork();
  const rows = {} as Record<(typeof INTERVIEW_TABLES)[number], unknown[]>;
  for (const table of INTERVIEW_TABLES) {
    rows[table] = await em.execute(`select * from ${table} where tenant_id = ? order by id`, [tenantId]);
  }
  return rows;
}

const fixtureCheck = (what: string, res: TestResponse, status = 201) => {
  if (res.status !== status) throw new Error(`fixture ${what}: ${res.status} ${res.text}`);
  return res;
};

beforeAll(async () => {
  t = await h.signUp();
  const target = await h.request('POST', '/api/v1/users', {
    token: t.token,
    body: { email: `${uniq('target')}@example.com`, role: 'recruiter', password: PASSWORD },
  });
  if (target.status !== 201) throw new Error(`fixture: ${target.status} ${target.text}`);
  targetUserId = target.body.id;
  const key = await h.request('POST', '/api/v1/api-keys', { token: t.token, body: { name: 'fixture' } });
  if (key.status !== 201) throw new Error(`fixture: ${key.status} ${key.text}`);
  fixtureKey = { id: key.body.id, key: key.body.key };

  partner = await signUpPartner(h);
  for (const [id, version] of [
    [INSTALLED_PLUGIN, '1.0.0'],
    [INSTALLED_PLUGIN, '1.1.0'],
    [AVAILABLE_PLUGIN, '1.0.0'],
  ] as const) {
    const body = testManifest({ id, version });
    fixtureCheck(
      `publish ${id}@${version}`,
      await h.request('POST', '/api/v1/partner/plugins', { token: partner.key, body }),
    );
  }
  fixtureCheck(
    `install ${INSTALLED_PLUGIN}`,
    await h.request('POST', '/api/v1/tenant/plugins', {
      token: t.token,
      body: { pluginId: INSTALLED_PLUGIN, version: '1.0.0' },
    }),
  );

  // The interview engine's fixtures. They are real, valid writes, so they run BEFORE the
  // snapshot: their rows are the baseline that every bad request below must leave unchanged.
  const open = await startInterview(h, t, { seed: START_SEED, length: START_LENGTH });
  inProgress = { id: open.interviewId, turn: open.state.currentQuestion.turn };
  const closing = await startInterview(h, t, { seed: START_SEED, length: START_LENGTH });
  fixtureCheck(
    'answer',
    await h.request('POST', `/api/v1/interview/${closing.interviewId}/answer`, {
      token: t.token,
      body: { answerText: FIXTURE_ANSWER, turn: closing.state.currentQuestion.turn },
    }),
    200,
  );
  fixtureCheck(
    'end',
    await h.request('POST', `/api/v1/interview/${closing.interviewId}/end`, { token: t.token }),
    200,
  );
  const report = fixtureCheck(
    'report',
    await h.request('GET', `/api/v1/report/${closing.interviewId}`, { token: t.token }),
    200,
  );
  const competency = report.body.competencies?.[0]?.id;
  if (typeof competency !== 'string') throw new Error(`fixture report has no competency: ${report.text}`);
  ended = { id: closing.interviewId, competency };
  endedCandidateToken = await h.services.tokens.issueCandidate({ sub: ended.id, tid: t.id });
  const candidateEmail = `${FIXTURE}-candidate@example.com`;
  const candidate = fixtureCheck(
    'candidate',
    await h.request('POST', '/api/v1/candidates', {
      token: t.token,
      body: { name: 'Fixture Candidate', email: candidateEmail },
    }),
  );
  fixtureCandidate = { id: candidate.body.id, email: candidateEmail };
  const webhook = fixtureCheck(
    'webhook',
    await h.request('POST', '/api/v1/webhooks', {
      token: t.token,
      body: { url: 'http://hooks.invalid/fixture', events: ['report.ready'] },
    }),
  );
  const [deliveryId] = await withTenant(h.orm, t.id, (em) =>
    emitWebhookEvent(emSql(em), t.id, 'report.ready', {
      interviewId: ended.id,
      candidateId: fixtureCandidate.id,
      candidateExternalId: null,
      ats: null,
      positionId: null,
      position: null,
      roleId: 'backend-engineer',
      overallScore: 50,
      recommendation: 'lean_no',
      provisional: false,
      reportUrl: `/api/v1/report/${ended.id}`,
    }),
  );
  fixtureWebhook = { id: webhook.body.id, deliveryId: deliveryId! };

  // Scheduling: four schedules for the fixture candidate (so no candidate is added), all with the
  // tenant's branding set first.
  fixtureCheck(
    'branding',
    await h.request('PATCH', '/api/v1/tenant/branding', { token: t.token, body: FIXTURE_BRANDING }),
    200,
  );
  const scheduleFixture = async (what: string): Promise<FixtureSchedule> => {
    const res = fixtureCheck(
      what,
      await h.request('POST', '/api/v1/admin/schedule', {
        token: t.token,
        body: {
          candidateEmail: fixtureCandidate.email,
          role: 'backend-engineer',
          scheduledAt: fromNow(HOUR),
          expiresAt: fromNow(7 * DAY),
        },
      }),
    );
    const token = new URL(res.body.joinUrl as string).pathname.split('/').pop()!;
    return { id: res.body.id, token, scheduledAt: res.body.scheduledAt, expiresAt: res.body.expiresAt };
  };
  liveSchedule = await scheduleFixture('live schedule');
  cancelledSchedule = await scheduleFixture('schedule to cancel');
  fixtureCheck(
    'cancel',
    await h.request('POST', `/api/v1/admin/schedules/${cancelledSchedule.id}/cancel`, { token: t.token }),
    200,
  );
  // No request can schedule in the past, and no unused link can be completed; the database can.
  expiredSchedule = await scheduleFixture('schedule to expire');
  await h.ownerOrm.em.fork().execute(
    `update schedules set scheduled_at = now() - interval '2 days', expires_at = now() - interval '1 day'
       where id = ?`,
    [expiredSchedule.id],
  );
  completedSchedule = await scheduleFixture('schedule to complete');
  await h.ownerOrm.em
    .fork()
    .execute(`update schedules set status = 'completed', interview_id = ? where id = ?`, [
      ended.id,
      completedSchedule.id,
    ]);

  fixturePosition = fixtureCheck(
    'position',
    await h.request('POST', '/api/v1/positions', { token: t.token, body: positionBody(`${RUN} position`) }),
    201,
  ).body.id;

  fixtureAts = fixtureCheck(
    'ATS connection',
    await h.request('POST', '/api/v1/ats/connections', {
      token: t.token,
      body: {
        provider: 'lever',
        name: 'Fixture Lever',
        credentials: { apiKey: 'fixture-lever-api-key', webhookToken: 'fixture-lever-webhook-token' },
        settings: { triggerStageId: 'fixture-stage' },
      },
    }),
    201,
  ).body.connection.id;

  // the owner's notice of the fixture key, sent (so the snapshot below does not see it change)
  for (let i = 0; ; i++) {
    const [mail] = await h.ownerOrm.em
      .fork()
      .execute<{ id: string; status: string }[]>(
        'select id, status from mail_messages where tenant_id = ? order by id limit 1',
        [t.id],
      );
    if (mail?.status === 'sent') {
      fixtureMail = mail.id;
      break;
    }
    if (i > 200) throw new Error('fixture mail: the notice of the fixture key was never sent');
    await new Promise((r) => setTimeout(r, 50));
  }

  before = await snapshot(t.id, partner.id);
});

/**
 * A real value for each path parameter, so a request that got past validation would reach a real
 * object and show in the database. A `{param}` without an entry fails the coverage test below.
 */
const PARAM_VALUES: { prefix: string; name: string; value: () => string }[] = [
  { prefix: '/api/v1/users/', name: 'id', value: () => targetUserId },
  { prefix: '/api/v1/api-keys/', name: 'id', value: () => fixtureKey.id },
  { prefix: '/api/v1/plugins/', name: 'id', value: () => INSTALLED_PLUGIN },
  { prefix: '/api/v1/plugins/', name: 'version', value: () => '1.1.0' },
  { prefix: '/api/v1/tenant/plugins/', name: 'pluginId', value: () => INSTALLED_PLUGIN },
  { prefix: '/api/v1/interview/', name: 'id', value: () => inProgress.id },
  { prefix: '/api/v1/report/', name: 'interviewId', value: () => ended.id },
  { prefix: '/api/v1/candidates/', name: 'id', value: () => fixtureCandidate.id },
  { prefix: '/api/v1/webhooks/', name: 'id', value: () => fixtureWebhook.id },
  { prefix: '/api/v1/webhooks/', name: 'deliveryId', value: () => fixtureWebhook.deliveryId },
  { prefix: '/api/v1/interviews/', name: 'id', value: () => inProgress.id },
  { prefix: '/api/v1/admin/schedules/', name: 'id', value: () => liveSchedule.id },
  { prefix: '/api/v1/mail/messages/', name: 'id', value: () => fixtureMail },
  { prefix: '/api/v1/ats/connections/', name: 'id', value: () => fixtureAts },
  { prefix: '/api/v1/positions/', name: 'id', value: () => fixturePosition },
  { prefix: '/api/v1/positions/', name: 'version', value: () => '1' },
  { prefix: PUBLIC_JOIN_PREFIX, name: 'token', value: () => liveSchedule.token },
  { prefix: CANDIDATE_PREFIX, name: 'id', value: () => ended.id },
];

const pathParams = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);

const paramEntry = (template: string, name: string) =>
  PARAM_VALUES.find((p) => p.name === name && template.startsWith(p.prefix));

function realParam(template: string, name: string): string {
  const entry = paramEntry(template, name);
  if (!entry) throw new Error(`no real value for {${name}} in ${template}: add one to PARAM_VALUES`);
  return entry.value();
}

/** The route's path with a real value in every `{param}`, except those given (raw; encoded here). */
const fill = (template: string, values: Record<string, string> = {}) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(values[name] ?? realParam(template, name)),
  );

/** The base manifest the publish cases break; its id carries the run id. */
const validManifest = (): Manifest => testManifest({ id: `${RUN}.manifest` });

/**
 * One valid body per JSON route; each case breaks exactly one thing in it. A new JSON route
 * without an entry here fails the coverage test below.
 */
const VALID_BODIES: Record<string, () => Record<string, unknown>> = {
  'POST /api/v1/tenants': () => ({
    name: 'Malformed Inc',
    slug: `${RUN}-signup`,
    ownerEmail: `${RUN}-owner@example.com`,
    ownerPassword: PASSWORD,
  }),
  'POST /api/v1/admin/login': () => ({ email: t.ownerEmail, password: PASSWORD, tenant: t.slug }),
  'POST /api/v1/users': () => ({ email: `${RUN}-user@example.com`, role: 'viewer', password: PASSWORD }),
  'PATCH /api/v1/users/{id}': () => ({ role: 'viewer', password: PASSWORD }),
  'POST /api/v1/api-keys': () => ({ name: `${RUN}-key`, role: 'viewer' }),
  'PATCH /api/v1/tenant/settings': () => ({
    recommendationThresholds: { strongHire: 80, hire: 65, leanNo: 45 },
  }),
  // the battery's own tenant: a request that got through would schedule its deletion
  'POST /api/v1/tenant/deletion': () => ({ confirm: t.slug }),
  'PATCH /api/v1/tenant/branding': () => ({
    displayName: 'Malformed',
    logoUrl: 'https://example.com/logo.png',
    primaryColor: '#112233',
    welcomeMessage: 'Welcome',
  }),
  'POST /api/v1/partners': () => ({
    name: `${RUN} Partner`,
    email: `${RUN}-partner@example.com`,
    password: PASSWORD,
  }),
  [PUBLISH]: () => validManifest(),
  'POST /api/v1/tenant/plugins': () => ({ pluginId: AVAILABLE_PLUGIN, version: '1.0.0' }),
  'PATCH /api/v1/tenant/plugins/{pluginId}': () => ({ version: '1.1.0' }),
  [START]: () => ({
    candidate: { name: 'Malformed Candidate', email: `${RUN}-start@example.com`, externalId: `${RUN}-ext` },
    role: 'backend-engineer',
    pluginId: BACKEND_PLUGIN,
    length: START_LENGTH,
    seed: START_SEED,
  }),
  [ANSWER]: () => ({ answerText: `${RUN}: ${FIXTURE_ANSWER}`, turn: inProgress.turn }),
  [ADD_OVERRIDE]: () => ({
    competency: ended.competency,
    score: 77,
    reason: `${RUN}: calibrated against the panel`,
  }),
  'POST /api/v1/webhooks': () => ({
    url: `https://${RUN}.example.com/hook`,
    events: ['report.ready'],
    description: `${RUN} hook`,
    enabled: true,
  }),
  'POST /api/v1/ats/connections': () => ({
    provider: 'ashby',
    name: `${RUN} Ashby`,
    credentials: { apiKey: `${RUN}-ashby-api-key` },
    settings: { sendInvitation: false },
  }),
  'PATCH /api/v1/ats/connections/{id}': () => ({
    name: `${RUN} Lever`,
    enabled: false,
    credentials: { apiKey: `${RUN}-lever-api-key` },
    settings: { triggerStageId: `${RUN}-stage`, sendInvitation: false },
  }),
  'PATCH /api/v1/webhooks/{id}': () => ({
    url: `https://${RUN}.example.com/moved`,
    events: ['interview.completed'],
    description: `${RUN} moved`,
    enabled: false,
  }),
  // aimed at the fixture candidate: an erase that got through would de-identify it
  [ERASE_CANDIDATE]: () => ({ reason: `${RUN}: the candidate asked to be forgotten` }),
  [ADD_CANDIDATE]: () => ({
    name: 'Malformed Candidate',
    email: `${RUN}-candidate@example.com`,
    externalId: `${RUN}-ext`,
  }),
  [SCHEDULE]: () => ({
    candidateEmail: `${RUN}-schedule@example.com`,
    candidateName: 'Malformed Candidate',
    role: 'backend-engineer',
    scheduledAt: fromNow(2 * HOUR),
    expiresAt: fromNow(3 * DAY),
  }),
  [RESCHEDULE]: () => ({ scheduledAt: fromNow(3 * HOUR), expiresAt: fromNow(5 * DAY) }),
  'POST /api/v1/positions': () => positionBody(`${RUN} new position`),
  'PUT /api/v1/positions/{id}': () => positionBody(`${RUN} edited position`),
  'PATCH /api/v1/positions/{id}': () => ({ status: 'closed' }),
  'POST /api/v1/billing/checkout': () => ({ plan: 'growth' }),
  [SELF_IDENTIFY]: () => ({ sex: 'female', raceEthnicity: 'asian' }),
  'POST /api/v1/interview/{id}/review-request': () => ({ message: 'I would like a person to look.' }),
  'POST /api/v1/interviews/{id}/review-request/resolve': () => ({ note: 'Reviewed by a person.' }),
  'POST /api/v1/positions/draft': () => ({
    title: 'Backend Engineer',
    description: 'Designs REST APIs on PostgreSQL and keeps them reliable on call.',
    length: 6,
  }),
  'PUT /api/v1/mail/templates': () => ({
    kind: 'invitation',
    subject: `${RUN} {{companyName}}`,
    body: `${RUN}: hello {{candidateName}}, start here: {{joinUrl}}`,
  }),
  'POST /api/v1/mail/templates/reset': () => ({ kind: 'reminder' }),
  // an address without an account: a request that got through would still store nothing
  'POST /api/v1/auth/password-reset': () => ({ email: `${RUN}-reset@example.com`, tenant: t.slug }),
  // a well-formed token no link has: a request that got through is 400 account_link_invalid
  'POST /api/v1/auth/password-reset/confirm': () => ({ token: 'A'.repeat(43), password: PASSWORD }),
};

/** JSON routes that accept `{}` (every field optional, a no-op); all others must refuse it. */
const EMPTY_OBJECT_ACCEPTED = new Set([
  'PATCH /api/v1/tenant/branding',
  'POST /api/v1/interview/{id}/review-request', // the candidate's message is optional
]);

/** Passwords are hashed, never stored as text, so a NUL byte in one is legitimate input. */
const NUL_ALLOWED = /password/i;

// ---------------------------------------------------------------------------------------------
// Cases
// ---------------------------------------------------------------------------------------------

interface Expected {
  status: number;
  code: string;
  /**
   * for validation_failed: JSON paths that must appear in errors[]; for invalid_manifest: JSON
   * pointers into the manifest ('' is the whole document) that must be exactly the errors' paths
   */
  paths?: string[];
  /** for validation_failed and invalid_manifest: a word that must appear in some error message */
  messageIncludes?: string;
}

interface Case {
  name: string;
  route: Route;
  send: () => Promise<TestResponse>;
  expected: Expected;
  /** further checks of the problem beyond `expected` */
  check?: (res: TestResponse) => void | Promise<void>;
}

const cases: Case[] = [];

const asJson = (raw: string): RequestOptions => ({ raw, headers: { 'content-type': 'application/json' } });

/**
 * Partner routes (/api/v1/partner/*) take the partner's publishing key; the public join routes no
 * credential at all; all others the tenant owner's token.
 */
const isPartnerRoute = (template: string) => template.startsWith('/api/v1/partner/');
const isPublicJoinRoute = (template: string) => template.startsWith(PUBLIC_JOIN_PREFIX);
const tokenFor = (route: Route) => {
  if (isPublicJoinRoute(route.template)) return undefined;
  if (route.template.startsWith(CANDIDATE_PREFIX)) return endedCandidateToken;
  return isPartnerRoute(route.template) ? partner.key : t.token;
};

function request(route: Route, opts: RequestOptions = {}, path?: string) {
  return h.request(route.method, path ?? fill(route.template), { token: tokenFor(route), ...opts });
}

function bodyCase(
  route: Route,
  name: string,
  opts: () => RequestOptions,
  expected: Expected,
  check?: Case['check'],
) {
  cases.push({ name, route, send: () => request(route, opts()), expected, ...(check ? { check } : {}) });
}

const types = (s: JsonSchema): string[] => {
  if (Array.isArray(s.type)) return s.type;
  if (s.type) return [s.type];
  return (s.anyOf ?? []).flatMap(types);
};

/** A value of the property's shape that contains a NUL byte but is otherwise valid. */
function withNul(prop: JsonSchema): string {
  if (prop.format === 'email') return `${RUN}-a\u0000b@example.com`;
  if (prop.format === 'uri') return 'https://example.com/a\u0000b.png';
  return 'ab\u0000cd';
}

const ONE_MIB = 1024 * 1024;

/** Body limits that differ from the default 1 MiB: a plugin manifest may be up to 2 MiB. */
const BODY_LIMITS: Record<string, number> = { [PUBLISH]: 2 * ONE_MIB };

/**
 * A body schema OpenAPI leaves opaque (no type, no properties): the handler validates the content
 * itself, so the schema-driven cases below cannot apply and a dedicated table must cover it.
 */
const isOpaque = (s: JsonSchema) => !s.type && !s.properties && !s.anyOf && !s.enum;
const DEDICATED_BODY_TABLES = new Set([PUBLISH]);

const mib = (bytes: number) => `${bytes / ONE_MIB} MiB`;

for (const route of routes.filter((r) => r.body)) {
  const schema = route.body!;
  const valid = VALID_BODIES[route.key] ?? (() => ({}));
  const props = Object.entries(schema.properties ?? {});
  const required = schema.required ?? [];

  // --- the body is not a JSON object ---
  bodyCase(route, 'malformed JSON {bad', () => asJson('{bad'), { status: 400, code: 'malformed_json' });
  bodyCase(route, 'truncated JSON', () => asJson(JSON.stringify(valid()).slice(0, -1)), {
    status: 400,
    code: 'malformed_json',
  });
  bodyCase(route, 'empty body with a JSON content type', () => asJson(''), {
    status: 400,
    code: 'malformed_json',
  });

  // An opaque body's shape, fields and unknown keys are covered by its dedicated table below.
  if (!isOpaque(schema)) {
    for (const [label, raw] of [
      ['a JSON array', '[]'],
      ['a JSON array of a valid body', () => JSON.stringify([valid()])],
      ['a JSON string', '"just a string"'],
      ['JSON null', 'null'],
      ['a JSON number', '42'],
      ['JSON true', 'true'],
    ] as const) {
      bodyCase(route, `body is ${label}`, () => asJson(typeof raw === 'function' ? raw() : raw), {
        status: 400,
        code: 'validation_failed',
        paths: ['/body'],
      });
    }

    // --- an empty object ---
    if (required.length > 0) {
      bodyCase(route, 'empty object', () => ({ body: {} }), {
        status: 400,
        code: 'validation_failed',
        paths: required.map((p) => `/body/${p}`),
      });
    } else if (!EMPTY_OBJECT_ACCEPTED.has(route.key)) {
      bodyCase(route, 'empty object', () => ({ body: {} }), {
        status: 400,
        code: 'validation_failed',
        paths: ['/body'],
      });
    }

    // --- each property broken on its own ---
    for (const [prop, raw] of props) {
      const p = resolve(raw);
      const kinds = types(p);
      const path = `/body/${prop}`;
      const bad = (label: string, value: unknown) =>
        bodyCase(route, `${prop}: ${label}`, () => ({ body: { ...valid(), [prop]: value } }), {
          status: 400,
          code: 'validation_failed',
          paths: [path],
        });

      if (kinds.includes('string')) {
        bad('a number where a string belongs', 12345);
        bad('a boolean where a string belongs', true);
        bad('an object where a string belongs', { $ne: null });
        bad('an array where a string belongs', ['a', 'b']);
      }
      if (kinds.includes('integer') || kinds.includes('number')) {
        bad('a string where a number belongs', 'abc');
      }
      if (!kinds.includes('null')) bad('null', null);
      if (p.enum) {
        bad('an unknown enum value', 'superuser');
        bad('an enum value in the wrong case', String(p.enum[0]).toUpperCase());
        bad('an empty string for an enum', '');
        bad('a number for an enum', 7);
      } else if (kinds.includes('string')) {
        if (p.maxLength !== undefined) bad(`longer than ${p.maxLength}`, 'x'.repeat(p.maxLength + 1));
        if (p.minLength !== undefined && p.minLength > 0) {
          bad(`shorter than ${p.minLength}`, 'x'.repeat(p.minLength - 1));
        }
        if (p.pattern) bad('not matching its pattern', 'NOT VALID!');
        if (p.format === 'email') bad('not an email', 'not-an-email');
        if (p.format === 'uri') {
          bad('not a URL', 'not a url');
          bad('a javascript: URL', 'javascript:alert(1)');
        }
        if (p.format === 'date-time') {
          bad('not a date-time', 'next tuesday');
          bad('a date without a time', '2030-01-15');
          bad('a date-time without an offset', '2030-01-15T10:00:00');
          bad('an impossible date (February 30)', '2030-02-30T10:00:00Z');
          bad('month 13', '2030-13-01T10:00:00Z');
          bad('an offset of +25:00', '2030-01-15T10:00:00+25:00');
          bad('a Unix timestamp as a string', '1893456000');
          bad('a five-digit year', '10000-01-01T00:00:00Z');
        }
        if (!NUL_ALLOWED.test(prop)) bad('containing a NUL byte', withNul(p));
      }
    }

    // --- unknown keys (including mass-assignment attempts) ---
    for (const [key, value] of [
      ['isAdmin', true],
      ['tenantId', randomUUID()],
      ['id', randomUUID()],
    ] as const) {
      bodyCase(route, `extra key ${key}`, () => ({ body: { ...valid(), [key]: value } }), {
        status: 400,
        code: 'validation_failed',
        paths: [`/body/${key}`],
        messageIncludes: key,
      });
    }
    bodyCase(
      route,
      'extra key __proto__',
      () => asJson(JSON.stringify(valid()).replace(/^\{/, '{"__proto__":{"role":"owner"},')),
      { status: 400, code: 'validation_failed', paths: ['/body/__proto__'], messageIncludes: '__proto__' },
    );
  }

  // --- not JSON ---
  for (const [type, raw] of [
    ['text/plain', () => JSON.stringify(valid())],
    ['application/x-www-form-urlencoded', () => 'a=b&c=d'],
    [
      'multipart/form-data; boundary=xyz',
      () => '--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--xyz--',
    ],
    ['application/xml', () => '<a>b</a>'],
  ] as const) {
    bodyCase(route, `content type ${type}`, () => ({ raw: raw(), headers: { 'content-type': type } }), {
      status: 415,
      code: 'unsupported_media_type',
    });
  }
  bodyCase(route, 'a body without a content type', () => ({ raw: JSON.stringify(valid()) }), {
    status: 415,
    code: 'unsupported_media_type',
  });

  // --- too large: the route's limit, plus one byte (and, for a raised limit, well over it) ---
  const limit = BODY_LIMITS[route.key] ?? ONE_MIB;
  const bigString = props.find(([, s]) => types(resolve(s)).includes('string'))?.[0] ?? 'padding';
  /** The valid body with one string grown so the JSON text is exactly `bytes` long. */
  const sized = (bytes: number) => {
    const base = Buffer.byteLength(JSON.stringify({ ...valid(), [bigString]: '' }));
    return JSON.stringify({ ...valid(), [bigString]: 'x'.repeat(bytes - base) });
  };
  const oversizes =
    limit === ONE_MIB
      ? [{ label: '> 1 MiB', bytes: ONE_MIB + 1 }]
      : [
          { label: `${mib(limit + ONE_MIB / 2)} > the ${mib(limit)} limit`, bytes: limit + ONE_MIB / 2 },
          { label: `${mib(limit)} + 1 byte`, bytes: limit + 1 },
        ];
  for (const { label, bytes } of oversizes) {
    bodyCase(route, `an oversize body (${label}, with Content-Length)`, () => asJson(sized(bytes)), {
      status: 413,
      code: 'payload_too_large',
    });
    cases.push({
      name: `an oversize body (${label}, streamed without Content-Length)`,
      route,
      expected: { status: 413, code: 'payload_too_large' },
      send: async () => {
        const bytesOut = new TextEncoder().encode(sized(bytes));
        const stream = new ReadableStream<Uint8Array>({
          start(controller) {
            for (let i = 0; i < bytesOut.length; i += 64 * 1024) {
              controller.enqueue(bytesOut.slice(i, i + 64 * 1024));
            }
            controller.close();
          },
        });
        const init = {
          method: route.method,
          headers: { authorization: `Bearer ${tokenFor(route)}`, 'content-type': 'application/json' },
          body: stream,
          duplex: 'half',
        };
        const res = await h.app.request(fill(route.template), init as RequestInit);
        const text = await res.text();
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {}
        return { status: res.status, headers: res.headers, body, text };
      },
    });
  }
}

// --- the publish route's manifest: opaque to OpenAPI, validated by the registry ---
// Every broken manifest is a 400 invalid_manifest whose errors[] name JSON pointers INTO THE
// MANIFEST ('' is the whole document), exactly the ones the case breaks. Nothing may be stored.

// Broken manifests are built by poking at plain JSON, so the draft is untyped.
// biome-ignore lint/suspicious/noExplicitAny: mutating a manifest into invalid shapes
type Draft = any;

interface ManifestCase {
  name: string;
  body: () => RequestOptions;
  paths: string[];
  messageIncludes?: string;
}

const broken = (mutate: (m: Draft) => void) => (): RequestOptions => {
  const m: Draft = validManifest();
  mutate(m);
  return { body: m };
};
/** The valid manifest's JSON text with `member` inserted as the first member of the object at `anchor`. */
const injected = (anchor: string, member: string) => (): RequestOptions => {
  const json = JSON.stringify(validManifest());
  const at = anchor === '' ? 1 : json.indexOf(anchor) + 1;
  if (at === 0) throw new Error(`anchor ${anchor} not found`);
  return asJson(`${json.slice(0, at)}${member},${json.slice(at)}`);
};
const nested = (levels: number): unknown => {
  let v: unknown = { leaf: true };
  for (let i = 0; i < levels; i++) v = { a: v };
  return v;
};
/** A valid manifest whose description is grown so the JSON text is exactly `bytes` long. */
const manifestOfSize = (bytes: number) => (): RequestOptions => {
  const base = Buffer.byteLength(JSON.stringify({ ...validManifest(), description: '' }));
  return asJson(JSON.stringify({ ...validManifest(), description: 'x'.repeat(bytes - base) }));
};

const REQUIRED_MANIFEST_KEYS = [
  'id',
  'version',
  'name',
  'description',
  'publisher',
  'license',
  'locale',
  'roles',
  'competencies',
  'rubrics',
  'questions',
];

const MANIFEST_CASES: ManifestCase[] = [
  // --- not a manifest object at all ---
  { name: 'body is a JSON array', body: () => asJson('[]'), paths: [''] },
  {
    name: 'body is a JSON array of a valid manifest',
    body: () => asJson(JSON.stringify([validManifest()])),
    paths: [''],
  },
  { name: 'body is a JSON string', body: () => asJson('"just a string"'), paths: [''] },
  { name: 'body is JSON null', body: () => asJson('null'), paths: [''] },
  { name: 'body is a JSON number', body: () => asJson('42'), paths: [''] },
  { name: 'body is JSON true', body: () => asJson('true'), paths: [''] },
  { name: 'empty object', body: () => ({ body: {} }), paths: REQUIRED_MANIFEST_KEYS.map((k) => `/${k}`) },

  // --- top-level fields ---
  { name: 'version 1.0 (not semver)', body: broken((m) => (m.version = '1.0')), paths: ['/version'] },
  { name: 'version latest', body: broken((m) => (m.version = 'latest')), paths: ['/version'] },
  { name: 'version with a leading v', body: broken((m) => (m.version = 'v1.0.0')), paths: ['/version'] },
  { name: 'version with a leading zero', body: broken((m) => (m.version = '01.0.0')), paths: ['/version'] },
  { name: 'version as a number', body: broken((m) => (m.version = 1)), paths: ['/version'] },
  { name: 'version missing', body: broken((m) => delete m.version), paths: ['/version'] },
  { name: 'id in upper case', body: broken((m) => (m.id = 'Acme.Support')), paths: ['/id'] },
  { name: 'id with a space', body: broken((m) => (m.id = 'acme support')), paths: ['/id'] },
  { name: 'id with ".."', body: broken((m) => (m.id = 'acme..support')), paths: ['/id'] },
  { name: 'id a path traversal', body: broken((m) => (m.id = '../../etc/passwd')), paths: ['/id'] },
  { name: 'id of 2 characters', body: broken((m) => (m.id = 'ab')), paths: ['/id'] },
  { name: 'id of 101 characters', body: broken((m) => (m.id = 'a'.repeat(101))), paths: ['/id'] },
  { name: 'id with a NUL byte', body: broken((m) => (m.id = 'acme\u0000support')), paths: ['/id'] },
  { name: 'name empty', body: broken((m) => (m.name = '')), paths: ['/name'] },
  { name: 'name only spaces', body: broken((m) => (m.name = '   ')), paths: ['/name'] },
  { name: 'name null', body: broken((m) => (m.name = null)), paths: ['/name'] },
  { name: 'name an object', body: broken((m) => (m.name = { $ne: null })), paths: ['/name'] },
  {
    name: 'description longer than 4000',
    body: broken((m) => (m.description = 'x'.repeat(4001))),
    paths: ['/description'],
  },
  { name: 'publisher missing', body: broken((m) => delete m.publisher), paths: ['/publisher'] },
  { name: 'license empty', body: broken((m) => (m.license = '')), paths: ['/license'] },
  { name: 'locale not a BCP 47 tag', body: broken((m) => (m.locale = 'english')), paths: ['/locale'] },
  {
    name: '$schema longer than 500',
    body: broken((m) => (m.$schema = 'x'.repeat(501))),
    paths: ['/$schema'],
  },

  // --- roles, competencies, rubrics ---
  // (a broken definition also leaves every reference to it dangling: each is reported)
  {
    name: 'roles empty',
    body: broken((m) => (m.roles = [])),
    paths: ['/roles', '/questions/0/roles/0', '/questions/1/roles/0'],
  },
  { name: 'roles an object', body: broken((m) => (m.roles = {})), paths: ['/roles'] },
  {
    name: 'a role id with a space',
    body: broken((m) => (m.roles[0].id = 'Bad Id')),
    paths: ['/roles/0/id', '/questions/0/roles/0', '/questions/1/roles/0'],
  },
  {
    name: 'a duplicate role id',
    body: broken((m) => m.roles.push({ ...m.roles[0] })),
    paths: ['/roles/1/id'],
  },
  {
    name: 'a role title longer than 120',
    body: broken((m) => (m.roles[0].title = 'x'.repeat(121))),
    paths: ['/roles/0/title'],
  },
  {
    name: 'competencies empty',
    body: broken((m) => (m.competencies = [])),
    paths: [
      '/competencies',
      '/rubrics/0/competency',
      '/rubrics/1/competency',
      '/questions/0/competencies/0',
      '/questions/1/competencies/0',
    ],
  },
  {
    name: 'a rubric scoring an unknown competency',
    body: broken((m) => (m.rubrics[1].competency = 'no-such-competency')),
    paths: ['/rubrics/1/competency', '/questions/0/rubric'],
  },
  {
    name: 'a rubric without criteria',
    body: broken((m) => (m.rubrics[0].criteria = [])),
    paths: ['/rubrics/0/criteria'],
  },
  {
    name: 'a criterion weight of 0',
    body: broken((m) => (m.rubrics[0].criteria[0].weight = 0)),
    paths: ['/rubrics/0/criteria/0/weight'],
  },
  {
    name: 'a criterion weight as a string',
    body: broken((m) => (m.rubrics[0].criteria[0].weight = '2')),
    paths: ['/rubrics/0/criteria/0/weight'],
  },
  {
    name: 'a criterion without level 5',
    body: broken((m) => delete m.rubrics[0].criteria[0].levels['5']),
    paths: ['/rubrics/0/criteria/0/levels/5'],
  },
  {
    name: 'a criterion with a level 6',
    body: broken((m) => (m.rubrics[0].criteria[0].levels['6'] = 'Beyond')),
    paths: ['/rubrics/0/criteria/0/levels/6'],
  },
  {
    name: 'a duplicate criterion id',
    body: broken((m) => (m.rubrics[0].criteria[1].id = m.rubrics[0].criteria[0].id)),
    paths: ['/rubrics/0/criteria/1/id'],
  },

  // --- questions ---
  {
    name: 'questions empty',
    body: broken((m) => (m.questions = [])),
    paths: ['/questions', '/goldenAnswers/0/questionId', '/goldenAnswers/1/questionId'],
  },
  { name: 'questions null', body: broken((m) => (m.questions = null)), paths: ['/questions'] },
  {
    name: 'a question in an unknown phase',
    body: broken((m) => (m.questions[0].phase = 'warmup')),
    paths: ['/questions/0/phase'],
  },
  {
    name: 'a question difficulty of 6',
    body: broken((m) => (m.questions[0].difficulty = 6)),
    paths: ['/questions/0/difficulty'],
  },
  {
    name: 'a question difficulty of 2.5',
    body: broken((m) => (m.questions[0].difficulty = 2.5)),
    paths: ['/questions/0/difficulty'],
  },
  {
    name: 'a time limit under 10 seconds',
    body: broken((m) => (m.questions[1].timeLimitSec = 5)),
    paths: ['/questions/1/timeLimitSec'],
  },
  {
    name: 'a question for an unknown role',
    body: broken((m) => (m.questions[0].roles = ['astronaut'])),
    paths: ['/questions/0/roles/0'],
  },
  {
    name: 'a question scored by an unknown rubric',
    body: broken((m) => (m.questions[1].rubric = 'no-such-rubric')),
    paths: ['/questions/1/rubric'],
  },
  {
    name: "a question scored by a rubric of a competency it doesn't list",
    body: broken((m) => (m.questions[0].rubric = 'troubleshooting-rubric')),
    paths: ['/questions/0/rubric'],
  },
  {
    name: 'a duplicate question id',
    body: broken((m) => (m.questions[0].id = m.questions[1].id)),
    paths: ['/questions/1/id'],
  },
  {
    name: 'a follow-up on an unknown expected point',
    body: broken((m) => (m.questions[1].followUps[0].when = { missingPoint: 'no-such-point' })),
    paths: ['/questions/1/followUps/0/when/missingPoint'],
  },
  {
    name: 'a follow-up with an empty condition',
    body: broken((m) => (m.questions[1].followUps[0].when = {})),
    paths: ['/questions/1/followUps/0/when'],
  },
  {
    name: 'more than 40 keywords on an expected point',
    body: broken((m) => (m.questions[1].expectedPoints[0].keywords = Array(41).fill('k'))),
    paths: ['/questions/1/expectedPoints/0/keywords'],
  },

  // --- golden answers ---
  {
    name: 'a golden answer for an unknown question',
    body: broken((m) => (m.goldenAnswers[0].questionId = 'no-such-question')),
    paths: ['/goldenAnswers/0/questionId'],
  },
  {
    name: 'a golden answer range with min > max',
    body: broken((m) => (m.goldenAnswers[0].expected = { min: 80, max: 20 })),
    paths: ['/goldenAnswers/0/expected'],
  },
  {
    name: 'a golden answer range above 100',
    body: broken((m) => (m.goldenAnswers[0].expected.max = 101)),
    paths: ['/goldenAnswers/0/expected/max'],
  },
  {
    name: 'a golden answer with an unknown label',
    body: broken((m) => (m.goldenAnswers[0].label = 'excellent')),
    paths: ['/goldenAnswers/0/label'],
  },

  // --- several problems at once: each is reported ---
  {
    name: 'three problems at once',
    body: broken((m) => {
      m.version = '1.0';
      m.roles[0].id = 'Bad Id';
      m.questions[1].rubric = 'no-such-rubric';
    }),
    paths: ['/version', '/roles/0/id', '/questions/0/roles/0', '/questions/1/roles/0', '/questions/1/rubric'],
  },

  // --- unknown keys (including mass-assignment attempts) and prototype pollution ---
  ...(
    [
      ['isAdmin', true],
      ['tenantId', randomUUID()],
      ['partnerId', randomUUID()],
      ['sha256', '0'.repeat(64)],
    ] as const
  ).map(
    ([key, value]): ManifestCase => ({
      name: `extra key ${key}`,
      body: broken((m) => (m[key] = value)),
      paths: [`/${key}`],
      messageIncludes: key,
    }),
  ),
  {
    name: 'an unknown key in a question',
    body: broken((m) => (m.questions[0].secret = 'x')),
    paths: ['/questions/0/secret'],
    messageIncludes: 'secret',
  },
  {
    name: 'an unknown key with "/" and "~" (escaped in the pointer)',
    body: broken((m) => (m['a/b~c'] = 1)),
    paths: ['/a~1b~0c'],
  },
  {
    name: 'extra key __proto__',
    body: injected('', '"__proto__":{"role":"owner"}'),
    paths: ['/__proto__'],
    messageIncludes: '__proto__',
  },
  {
    name: 'a __proto__ key inside a role',
    body: injected('{"id":"support-engineer"', '"__proto__":{"isAdmin":true}'),
    paths: ['/roles/0/__proto__'],
    messageIncludes: '__proto__',
  },
  {
    name: 'extra key constructor',
    body: injected('', '"constructor":{"prototype":{"isAdmin":true}}'),
    paths: ['/constructor'],
  },
  {
    name: 'a prototype key inside a rubric',
    body: broken((m) => (m.rubrics[0].prototype = { isAdmin: true })),
    paths: ['/rubrics/0/prototype'],
  },
  {
    name: 'nested deeper than 16 levels',
    body: broken((m) => (m.deep = nested(20))),
    paths: [`/deep${'/a'.repeat(16)}`],
  },

  // --- size: the 2 MiB limit, not the default 1 MiB, applies ---
  {
    name: 'a 1.5 MiB manifest passes the body limit and is refused by validation',
    body: manifestOfSize(1.5 * ONE_MIB),
    paths: ['/description'],
  },
  {
    name: 'a manifest of exactly 2 MiB passes the body limit and is refused by validation',
    body: manifestOfSize(2 * ONE_MIB),
    paths: ['/description'],
  },

  // --- unstorable text: NUL and lone surrogates (regressions: these were 500s) ---
  {
    name: 'a NUL byte in the name',
    body: broken((m) => (m.name = 'Acme\u0000Bank')),
    paths: ['/name'],
  },
  {
    name: 'a NUL byte in the description',
    body: broken((m) => (m.description = 'a\u0000b')),
    paths: ['/description'],
  },
  {
    name: 'a NUL byte in a question text',
    body: broken((m) => (m.questions[0].text = 'Tell me\u0000more')),
    paths: ['/questions/0/text'],
  },
  {
    name: 'a NUL byte in a rubric level',
    body: broken((m) => (m.rubrics[0].criteria[0].levels['1'] = 'a\u0000b')),
    paths: ['/rubrics/0/criteria/0/levels/1'],
  },
  {
    name: 'a NUL byte in a golden answer',
    body: broken((m) => (m.goldenAnswers[0].answer = 'a\u0000b')),
    paths: ['/goldenAnswers/0/answer'],
  },
  {
    name: 'a lone UTF-16 surrogate (\\ud800) in the description',
    body: () => asJson(JSON.stringify(validManifest()).replace('"description":"', '"description":"\\ud800')),
    paths: ['/description'],
  },
];

const publishRoute = routes.find((r) => r.key === PUBLISH);
if (publishRoute) {
  for (const c of MANIFEST_CASES) {
    bodyCase(publishRoute, `manifest: ${c.name}`, c.body, {
      status: 400,
      code: 'invalid_manifest',
      paths: c.paths,
      ...(c.messageIncludes ? { messageIncludes: c.messageIncludes } : {}),
    });
  }
  // Regression: a JSON string holding a valid manifest's text was published as if it were the
  // object. It runs with a partner and plugin id of its own, so a regression stores nothing shared.
  cases.push({
    name: 'manifest: body is a JSON string holding a valid manifest (double-encoded)',
    route: publishRoute,
    expected: { status: 400, code: 'invalid_manifest', paths: [''] },
    send: async () => {
      const other = await signUpPartner(h);
      const manifest = testManifest({ id: `${uniq('knownbug')}.double-encoded` });
      return h.request('POST', '/api/v1/partner/plugins', {
        token: other.key,
        ...asJson(JSON.stringify(JSON.stringify(manifest))),
      });
    },
  });
}

// --- the interview engine: what its schemas cannot express, and its handlers' own refusals ---
// Each sends the route's valid body with one thing changed (or aims it at the other fixture
// interview); each must be a 4xx problem that stores nothing.

/** The route for an OpenAPI key; a missing one throws (the coverage test lists it first). */
function routeOf(key: string): Route {
  const found = routes.find((r) => r.key === key);
  if (!found) throw new Error(`no route ${key} in the OpenAPI document`);
  return found;
}

/** The valid body of `key` with `patch` applied (an undefined value removes the key). */
function patched(key: string, patch: Record<string, unknown>): Record<string, unknown> {
  const body = { ...VALID_BODIES[key]!(), ...patch };
  for (const [k, v] of Object.entries(patch)) if (v === undefined) delete body[k];
  return body;
}

interface EngineCase {
  name: string;
  /** the request: a body (patched from the valid one), headers, and another path if given */
  body?: () => Record<string, unknown>;
  headers?: () => Record<string, string>;
  path?: () => string;
  expected: Expected;
  check?: Case['check'];
}

/** The roles of every plugin the tenant has installed, as an unknown_role problem lists them. */
async function installedRoles(): Promise<{ id: string; title: string; pluginId: string }[]> {
  const installs = await h.request('GET', '/api/v1/tenant/plugins?limit=200', { token: t.token });
  expect(installs.status, installs.text).toBe(200);
  const roles: { id: string; title: string; pluginId: string }[] = [];
  for (const install of installs.body.items as { pluginId: string; version: string }[]) {
    const version = await h.request(
      'GET',
      `/api/v1/plugins/${install.pluginId}/versions/${install.version}`,
      { token: t.token },
    );
    expect(version.status, version.text).toBe(200);
    for (const r of version.body.manifest.roles as { id: string; title: string }[]) {
      roles.push({ id: r.id, title: r.title, pluginId: install.pluginId });
    }
  }
  return roles;
}

const byId = (a: { id: string; pluginId: string }, b: { id: string; pluginId: string }) =>
  `${a.pluginId}/${a.id}`.localeCompare(`${b.pluginId}/${b.id}`);

const invalid = (...paths: string[]): Expected => ({ status: 400, code: 'validation_failed', paths });

/** a well-formed id of nothing */
const SOME_INTERVIEW_ID = '0192f0c4-5b7e-7a3d-9c1e-000000000000';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const ENGINE_CASES: Record<string, EngineCase[]> = {
  [ANSWER]: [
    {
      name: 'answerText empty',
      body: () => patched(ANSWER, { answerText: '' }),
      expected: invalid('/body/answerText'),
    },
    {
      name: 'answerText only spaces',
      body: () => patched(ANSWER, { answerText: '     ' }),
      expected: invalid('/body/answerText'),
    },
    {
      name: 'answerText only whitespace (tabs and newlines)',
      body: () => patched(ANSWER, { answerText: '\n\t \r\n\t' }),
      expected: invalid('/body/answerText'),
    },
    {
      name: 'answerText of 20,001 characters (the limit is 20,000)',
      body: () => patched(ANSWER, { answerText: 'x'.repeat(20_001) }),
      expected: { status: 413, code: 'answer_too_long' },
    },
    {
      name: 'answerText of 20,001 characters without a turn',
      body: () => patched(ANSWER, { answerText: 'x'.repeat(20_001), turn: undefined }),
      expected: { status: 413, code: 'answer_too_long' },
    },
    ...(
      [
        ['turn 0', 0],
        ['turn -1', -1],
        ['turn 1.5', 1.5],
        ['turn "1" (a string)', '1'],
        ['turn 1e400 (Infinity)', 'raw:1e400'],
      ] as const
    ).map(
      ([name, turn]): EngineCase => ({
        name,
        body: () => patched(ANSWER, { turn }),
        expected: invalid('/body/turn'),
      }),
    ),
    {
      name: 'turn not the one awaiting an answer',
      body: () => patched(ANSWER, { turn: inProgress.turn + 1 }),
      expected: { status: 409, code: 'turn_mismatch' },
      check: (res) => expect(res.body.expectedTurn, res.text).toBe(inProgress.turn),
    },
    {
      name: 'an Idempotency-Key of 201 characters (the limit is 200)',
      body: () => patched(ANSWER, {}),
      headers: () => ({ 'idempotency-key': 'k'.repeat(201) }),
      expected: invalid('/header/idempotency-key'),
    },
    {
      name: 'an Idempotency-Key of 4,000 characters',
      body: () => patched(ANSWER, {}),
      headers: () => ({ 'idempotency-key': 'k'.repeat(4000) }),
      expected: invalid('/header/idempotency-key'),
    },
    {
      name: 'an answer to an ended interview',
      body: () => patched(ANSWER, { turn: undefined }),
      path: () => `/api/v1/interview/${ended.id}/answer`,
      expected: { status: 409, code: 'interview_not_active' },
    },
    {
      name: 'an answer to an ended interview, with an Idempotency-Key',
      body: () => patched(ANSWER, { turn: undefined }),
      headers: () => ({ 'idempotency-key': `${RUN}-ended` }),
      path: () => `/api/v1/interview/${ended.id}/answer`,
      expected: { status: 409, code: 'interview_not_active' },
    },
  ],
  [START]: [
    {
      name: 'both candidateId and candidate',
      body: () => patched(START, { candidateId: fixtureCandidate.id }),
      expected: invalid('/body/candidate'),
    },
    {
      name: 'neither candidateId nor candidate',
      body: () => patched(START, { candidate: undefined }),
      expected: invalid('/body/candidate'),
    },
    {
      name: 'length 4 (the minimum is 5)',
      body: () => patched(START, { length: 4 }),
      expected: invalid('/body/length'),
    },
    {
      name: 'length 31 (the maximum is 30)',
      body: () => patched(START, { length: 31 }),
      expected: invalid('/body/length'),
    },
    { name: 'length 5.5', body: () => patched(START, { length: 5.5 }), expected: invalid('/body/length') },
    { name: 'seed -1', body: () => patched(START, { seed: -1 }), expected: invalid('/body/seed') },
    {
      name: 'seed 2147483647 (one over the maximum)',
      body: () => patched(START, { seed: 2_147_483_647 }),
      expected: invalid('/body/seed'),
    },
    {
      name: 'role only spaces',
      body: () => patched(START, { role: '   ' }),
      expected: invalid('/body/role'),
    },
    {
      name: 'candidate.email not an email',
      body: () => patched(START, { candidate: { name: 'X', email: 'not-an-email' } }),
      expected: invalid('/body/candidate/email'),
    },
    {
      name: 'candidate without a name',
      body: () => patched(START, { candidate: { email: `${RUN}-noname@example.com` } }),
      expected: invalid('/body/candidate/name'),
    },
    {
      name: 'candidate.name with a NUL byte',
      body: () =>
        patched(START, { candidate: { name: 'Ada\u0000Lovelace', email: `${RUN}-nul@example.com` } }),
      expected: invalid('/body/candidate/name'),
    },
    {
      name: 'candidate with an extra key tenantId',
      body: () =>
        patched(START, {
          candidate: { name: 'X', email: `${RUN}-extra@example.com`, tenantId: randomUUID() },
        }),
      expected: { ...invalid('/body/candidate/tenantId'), messageIncludes: 'tenantId' },
    },
    {
      name: 'an unknown role: 422 listing the installed roles',
      body: () => patched(START, { role: `${RUN}-astronaut`, pluginId: undefined }),
      expected: { status: 422, code: 'unknown_role' },
      check: async (res) => {
        expect(Array.isArray(res.body.roles), res.text).toBe(true);
        const listed = [...res.body.roles].sort(byId);
        expect(listed).toEqual((await installedRoles()).sort(byId));
        expect(listed).toContainEqual({
          id: 'backend-engineer',
          title: 'Backend Engineer',
          pluginId: BACKEND_PLUGIN,
        });
        expect(listed.map((r: { pluginId: string }) => r.pluginId)).toContain(INSTALLED_PLUGIN);
      },
    },
    {
      name: "a role the named plugin doesn't offer: 422 listing that plugin's roles",
      body: () => patched(START, { pluginId: INSTALLED_PLUGIN }),
      expected: { status: 422, code: 'unknown_role' },
      check: async (res) => {
        const expected = (await installedRoles()).filter((r) => r.pluginId === INSTALLED_PLUGIN);
        expect(expected.length).toBeGreaterThan(0);
        expect([...res.body.roles].sort(byId)).toEqual(expected.sort(byId));
      },
    },
    {
      name: 'a pluginId the tenant has not installed',
      body: () => patched(START, { pluginId: AVAILABLE_PLUGIN }),
      expected: { status: 404, code: 'not_found' },
    },
    {
      name: 'a candidateId of no candidate',
      body: () => patched(START, { candidate: undefined, candidateId: randomUUID() }),
      expected: { status: 404, code: 'not_found' },
    },
  ],
  [ADD_OVERRIDE]: [
    {
      name: 'score 101',
      body: () => patched(ADD_OVERRIDE, { score: 101 }),
      expected: invalid('/body/score'),
    },
    { name: 'score -1', body: () => patched(ADD_OVERRIDE, { score: -1 }), expected: invalid('/body/score') },
    {
      name: 'score 50.5',
      body: () => patched(ADD_OVERRIDE, { score: 50.5 }),
      expected: invalid('/body/score'),
    },
    {
      name: "reason ''",
      body: () => patched(ADD_OVERRIDE, { reason: '' }),
      expected: invalid('/body/reason'),
    },
    {
      name: 'reason only spaces',
      body: () => patched(ADD_OVERRIDE, { reason: '        ' }),
      expected: invalid('/body/reason'),
    },
    {
      name: 'a competency the report does not have',
      body: () => patched(ADD_OVERRIDE, { competency: 'no-such-competency' }),
      expected: invalid('/body/competency'),
    },
    {
      name: 'an overall override of an interview still in progress',
      body: () => patched(ADD_OVERRIDE, { competency: undefined }),
      path: () => `/api/v1/report/${inProgress.id}/overrides`,
      expected: { status: 409, code: 'report_not_ready' },
    },
  ],
  [REPORT]: [
    {
      name: 'the report of an interview still in progress',
      path: () => `/api/v1/report/${inProgress.id}`,
      expected: { status: 409, code: 'report_not_ready' },
    },
  ],
  [SCHEDULE]: [
    {
      name: 'scheduledAt an hour in the past',
      body: () => patched(SCHEDULE, { scheduledAt: fromNow(-HOUR) }),
      expected: { ...invalid('/body/scheduledAt'), messageIncludes: 'past' },
    },
    {
      name: 'scheduledAt two minutes in the past (beyond the one-minute grace)',
      body: () => patched(SCHEDULE, { scheduledAt: fromNow(-2 * 60_000) }),
      expected: invalid('/body/scheduledAt'),
    },
    {
      name: 'scheduledAt two days in the past, without expiresAt (its default expiry would be ahead)',
      body: () => patched(SCHEDULE, { scheduledAt: fromNow(-2 * DAY), expiresAt: undefined }),
      expected: invalid('/body/scheduledAt'),
    },
    {
      name: 'scheduledAt missing',
      body: () => patched(SCHEDULE, { scheduledAt: undefined }),
      expected: invalid('/body/scheduledAt'),
    },
    {
      name: 'scheduledAt malformed (a space instead of T, no offset)',
      body: () => patched(SCHEDULE, { scheduledAt: '2030-01-15 10:00' }),
      expected: invalid('/body/scheduledAt'),
    },
    {
      name: 'expiresAt before scheduledAt',
      body: () => patched(SCHEDULE, { scheduledAt: fromNow(2 * DAY), expiresAt: fromNow(DAY) }),
      expected: invalid('/body/expiresAt'),
    },
    {
      name: 'expiresAt equal to scheduledAt',
      body: () => {
        const at = fromNow(DAY);
        return patched(SCHEDULE, { scheduledAt: at, expiresAt: at });
      },
      expected: invalid('/body/expiresAt'),
    },
    {
      name: 'expiresAt in the past',
      body: () => patched(SCHEDULE, { expiresAt: fromNow(-HOUR) }),
      expected: invalid('/body/expiresAt'),
    },
    {
      name: 'expiresAt malformed',
      body: () => patched(SCHEDULE, { expiresAt: 'in a week' }),
      expected: invalid('/body/expiresAt'),
    },
    // Found as 500s: an instant past 9999-12-31 UTC reaches PostgreSQL as '+010000-…' and is refused.
    {
      name: 'scheduledAt 9999-12-31T23:59:59Z without expiresAt (the default expiry, a week on, is in year 10000)',
      body: () => patched(SCHEDULE, { scheduledAt: '9999-12-31T23:59:59Z', expiresAt: undefined }),
      expected: invalid(),
    },
    {
      name: 'expiresAt 9999-12-31T23:59:59-14:00 (in year 10000 UTC)',
      body: () => patched(SCHEDULE, { expiresAt: '9999-12-31T23:59:59-14:00' }),
      expected: invalid('/body/expiresAt'),
    },
    ...(
      [
        ['without a domain', `${RUN}-ada@`],
        ['without a local part', '@example.com'],
        ['with two @', `${RUN}-ada@@example.com`],
        ['with a space', `${RUN} ada@example.com`],
        ['with a display name', `"Ada" <${RUN}-ada@example.com>`],
        ['with a trailing newline', `${RUN}-ada@example.com\n`],
        ['two addresses', `${RUN}-ada@example.com, ${RUN}-eve@example.com`],
        ['an empty string', ''],
      ] as const
    ).map(
      ([label, email]): EngineCase => ({
        name: `candidateEmail malformed: ${label}`,
        body: () => patched(SCHEDULE, { candidateEmail: email }),
        expected: invalid('/body/candidateEmail'),
      }),
    ),
    {
      name: 'candidateEmail missing',
      body: () => patched(SCHEDULE, { candidateEmail: undefined }),
      expected: invalid('/body/candidateEmail'),
    },
    {
      name: 'candidateName only spaces',
      body: () => patched(SCHEDULE, { candidateName: '     ' }),
      expected: invalid('/body/candidateName'),
    },
    {
      name: 'role only spaces',
      body: () => patched(SCHEDULE, { role: '   ' }),
      expected: invalid('/body/role'),
    },
    {
      name: 'an unknown role: 422 listing the installed roles',
      body: () => patched(SCHEDULE, { role: `${RUN}-astronaut` }),
      expected: { status: 422, code: 'unknown_role' },
      check: async (res) => {
        expect(Array.isArray(res.body.roles), res.text).toBe(true);
        expect([...res.body.roles].sort(byId)).toEqual((await installedRoles()).sort(byId));
      },
    },
    ...(
      [
        ['status', 'started'],
        ['interviewId', SOME_INTERVIEW_ID],
        ['tokenHash', '0'.repeat(64)],
        ['pluginId', BACKEND_PLUGIN],
      ] as const
    ).map(
      ([key, value]): EngineCase => ({
        name: `extra key ${key}`,
        body: () => patched(SCHEDULE, { [key]: value }),
        expected: { ...invalid(`/body/${key}`), messageIncludes: key },
      }),
    ),
  ],
  [RESCHEDULE]: [
    {
      name: 'scheduledAt in the past',
      body: () => patched(RESCHEDULE, { scheduledAt: fromNow(-HOUR) }),
      expected: { ...invalid('/body/scheduledAt'), messageIncludes: 'past' },
    },
    {
      name: 'expiresAt in the past',
      body: () => patched(RESCHEDULE, { expiresAt: fromNow(-HOUR) }),
      expected: invalid('/body/expiresAt'),
    },
    {
      name: 'scheduledAt malformed',
      body: () => patched(RESCHEDULE, { scheduledAt: 'tomorrow at ten' }),
      expected: invalid('/body/scheduledAt'),
    },
    {
      name: 'expiresAt 9999-12-31T23:59:59-14:00 (in year 10000 UTC)',
      body: () => ({ expiresAt: '9999-12-31T23:59:59-14:00' }),
      expected: invalid('/body/expiresAt'),
    },
    {
      name: 'expiresAt before the scheduledAt it sends',
      body: () => patched(RESCHEDULE, { scheduledAt: fromNow(2 * DAY), expiresAt: fromNow(DAY) }),
      expected: invalid('/body/expiresAt'),
    },
    {
      name: "expiresAt alone, before the schedule's time",
      body: () => ({ expiresAt: fromNow(HOUR / 2) }),
      expected: invalid('/body/expiresAt'),
    },
    {
      name: "scheduledAt alone, after the link's expiry",
      body: () => ({ scheduledAt: fromNow(8 * DAY) }),
      expected: invalid(),
    },
    ...(
      [
        ['status', 'cancelled'],
        ['role', 'backend-engineer'],
        ['candidateEmail', `${RUN}-moved@example.com`],
      ] as const
    ).map(
      ([key, value]): EngineCase => ({
        name: `extra key ${key} (only the times may change)`,
        body: () => patched(RESCHEDULE, { [key]: value }),
        expected: { ...invalid(`/body/${key}`), messageIncludes: key },
      }),
    ),
    {
      name: 'a cancelled schedule: 409 schedule_locked',
      body: () => patched(RESCHEDULE, {}),
      path: () => `/api/v1/admin/schedules/${cancelledSchedule.id}`,
      expected: { status: 409, code: 'schedule_locked' },
    },
    {
      name: 'a completed schedule: 409 schedule_locked',
      body: () => patched(RESCHEDULE, {}),
      path: () => `/api/v1/admin/schedules/${completedSchedule.id}`,
      expected: { status: 409, code: 'schedule_locked' },
    },
    {
      name: 'a schedule that does not exist',
      body: () => patched(RESCHEDULE, {}),
      path: () => `/api/v1/admin/schedules/${SOME_INTERVIEW_ID}`,
      expected: { status: 404, code: 'not_found' },
    },
  ],
  [CANCEL]: [
    {
      name: 'a completed schedule: 409 schedule_locked',
      path: () => `/api/v1/admin/schedules/${completedSchedule.id}/cancel`,
      expected: { status: 409, code: 'schedule_locked' },
    },
    {
      name: 'a schedule that does not exist',
      path: () => `/api/v1/admin/schedules/${SOME_INTERVIEW_ID}/cancel`,
      expected: { status: 404, code: 'not_found' },
    },
    {
      name: "an interview's id (not a schedule's)",
      path: () => `/api/v1/admin/schedules/${inProgress.id}/cancel`,
      expected: { status: 404, code: 'not_found' },
    },
  ],
  [LIST_SCHEDULES]: [
    {
      name: '?status=in_progress (an interview status, not a schedule status)',
      path: () => '/api/v1/admin/schedules?status=in_progress',
      expected: invalid('/query/status'),
    },
  ],
  [LIST_INTERVIEWS]: [
    {
      name: '?status=scheduled (a schedule status, not an interview status)',
      path: () => '/api/v1/interviews?status=scheduled',
      expected: invalid('/query/status'),
    },
  ],
  [INTERVIEW_DETAIL]: [
    {
      name: 'an interview that does not exist',
      path: () => `/api/v1/interviews/${SOME_INTERVIEW_ID}`,
      expected: { status: 404, code: 'not_found' },
    },
    {
      name: "a schedule's id (not an interview's)",
      path: () => `/api/v1/interviews/${liveSchedule.id}`,
      expected: { status: 404, code: 'not_found' },
    },
  ],
  ...Object.fromEntries(
    ([JOIN, JOIN_START] as const).map((key): [string, EngineCase[]] => {
      const at = (token: string) => () =>
        `${PUBLIC_JOIN_PREFIX}${encodeURIComponent(token)}${key === JOIN_START ? '/start' : ''}`;
      /** An unknown link is a bare 404: no tenant, branding or status of any link. */
      const bare = (res: TestResponse) => {
        expect(res.body.detail, res.text).toBe('This link is not valid');
        expect(res.body.branding, res.text).toBeUndefined();
      };
      const unknown = ([label, token]: readonly [string, () => string]): EngineCase => ({
        name: `an unknown token: ${label}`,
        path: () => at(token())(),
        expected: { status: 404, code: 'not_found' },
        check: bare,
      });
      /** A gone link's problem carries the tenant's branding, so the page can still look like the company. */
      const gone = (label: string, schedule: () => FixtureSchedule, linkStatus: string): EngineCase => ({
        name: `${label}: 410 link_gone with the branding`,
        path: () => at(schedule().token)(),
        expected: { status: 410, code: 'link_gone' },
        check: (res) => {
          expect(res.body.branding, res.text).toEqual(FIXTURE_BRANDING);
          expect(res.text).toContain(linkStatus);
          expect(res.body.interviewId, res.text).toBeUndefined();
        },
      });
      return [
        key,
        [
          ...(
            [
              ['random, well-formed (32 bytes of base64url)', () => randomBytes(32).toString('base64url')],
              ['not-a-token', () => 'not-a-token'],
              [
                'the live token with its last character changed',
                () => `${liveSchedule.token.slice(0, -1)}${liveSchedule.token.endsWith('A') ? 'B' : 'A'}`,
              ],
              ['the live token without its last character', () => liveSchedule.token.slice(0, -1)],
              ['the live token in upper case', () => liveSchedule.token.toUpperCase()],
              ['the live token with a trailing space', () => `${liveSchedule.token} `],
              ["the live token's SHA-256 (what the database stores)", () => sha256(liveSchedule.token)],
              ["the live schedule's id", () => liveSchedule.id],
              ["+ ' OR '1'='1", () => `${liveSchedule.token}' OR '1'='1`],
              ['with a NUL byte', () => `${liveSchedule.token}\u0000`],
              ['with an encoded slash', () => `${liveSchedule.token}/x`],
              ['of 200 characters (the longest accepted)', () => 'a'.repeat(200)],
            ] as const
          ).map(unknown),
          gone('a cancelled link', () => cancelledSchedule, 'cancelled'),
          gone('an expired link', () => expiredSchedule, 'expired'),
        ],
      ];
    }),
  ),
  [SELF_IDENTIFY]: [
    ...(
      [
        ['sex', 'non_binary'],
        ['sex', 'Female'],
        ['raceEthnicity', 'other'],
        ['raceEthnicity', 'middle_eastern'],
        ['raceEthnicity', 'White'],
        ['raceEthnicity', ['white', 'asian']],
      ] as const
    ).map(
      ([field, value]): EngineCase => ({
        name: `${field} ${JSON.stringify(value)}: not an EEO-1 category nor decline`,
        body: () => patched(SELF_IDENTIFY, { [field]: value }),
        expected: invalid(`/body/${field}`),
      }),
    ),
    {
      name: "another interview of the tenant (the token is the ended one's): 404",
      body: () => patched(SELF_IDENTIFY, {}),
      path: () => `${CANDIDATE_PREFIX}${inProgress.id}/self-identification`,
      expected: { status: 404, code: 'not_found' },
    },
    {
      name: 'an interview that does not exist',
      body: () => patched(SELF_IDENTIFY, {}),
      path: () => `${CANDIDATE_PREFIX}${SOME_INTERVIEW_ID}/self-identification`,
      expected: { status: 404, code: 'not_found' },
    },
  ],
  [ADD_CANDIDATE]: [
    {
      name: "an email the tenant's candidates already use",
      body: () => patched(ADD_CANDIDATE, { email: fixtureCandidate.email }),
      expected: { status: 409, code: 'email_taken' },
    },
    {
      name: 'an email already used, in upper case',
      body: () => patched(ADD_CANDIDATE, { email: fixtureCandidate.email.toUpperCase() }),
      expected: { status: 409, code: 'email_taken' },
    },
  ],
};

for (const [key, engineCases] of Object.entries(ENGINE_CASES)) {
  const route = routeOf(key);
  for (const c of engineCases) {
    cases.push({
      name: c.name,
      route,
      expected: c.expected,
      ...(c.check ? { check: c.check } : {}),
      send: () => {
        const body = c.body?.();
        // a number JSON cannot hold in a double (1e400) must be sent as raw text
        const raw = body && JSON.stringify(body).replace(/"raw:([^"]*)"/g, '$1');
        return request(
          route,
          {
            ...(raw === undefined ? {} : asJson(raw)),
            headers: {
              ...(raw === undefined ? {} : { 'content-type': 'application/json' }),
              ...c.headers?.(),
            },
          },
          c.path?.(),
        );
      },
    });
  }
}

// --- bad path parameters ---
const SOME_UUID = '0192f0c4-5b7e-7a3d-9c1e-2f4a6b8d0e13';
const BAD_IDS: [string, string][] = [
  ['not-a-uuid', 'not-a-uuid'],
  ['123', '123'],
  ["a UUID + ' OR '1'='1", `${SOME_UUID}' OR '1'='1`],
  ['a UUID + ; DROP TABLE users; --', `${SOME_UUID}; DROP TABLE users; --`],
  ['a UUID with a non-hex digit', `${SOME_UUID.slice(0, -1)}g`],
  ['a UUID one digit too long', `${SOME_UUID}0`],
  ['300 characters', 'a'.repeat(300)],
];
/** Bad plugin ids (a slug like ai-interviewer.backend-engineer, 3..100 characters). */
const BAD_PLUGIN_IDS: [string, string][] = [
  ['in upper case', 'Acme.Backend-Engineer'],
  ['with one upper-case letter', 'ai-interviewer.Backend-engineer'],
  ['with a space', 'acme backend'],
  ['with a leading space', ' acme.backend'],
  ['with ".." inside', 'acme..backend'],
  ['a path traversal ../../etc/passwd', '../../etc/passwd'],
  ['double-encoded dots %2E%2E', '%2E%2E'],
  ['with a slash', 'acme/backend'],
  ['with an underscore', 'acme_backend'],
  ['ending with a dot', 'acme.'],
  ['starting with a hyphen', '-acme'],
  ['non-ASCII', 'acmé.backend'],
  ['with a NUL byte', 'acme\u0000backend'],
  ["+ ' OR '1'='1", "acme' OR '1'='1"],
  ['+ ; DROP TABLE plugins; --', 'acme; DROP TABLE plugins; --'],
  ['of 2 characters', 'ab'],
  ['of 101 characters', 'a'.repeat(101)],
  ['300 characters', 'a'.repeat(300)],
];
/** Bad versions (SemVer 2.0.0, at most 64 characters). */
/** Bad values of a whole-number path parameter (a position's design version). */
const BAD_COUNTS: [string, string][] = [
  ['zero', '0'],
  ['negative', '-1'],
  ['a fraction', '1.5'],
  ['a word', 'latest'],
  ['beyond the range', '99999999999'],
  ["1' OR '1'='1", "1' OR '1'='1"],
  ['with a NUL byte', '1\u0000'],
];

const BAD_VERSIONS: [string, string][] = [
  ['1.0', '1.0'],
  ['latest', 'latest'],
  ['v1.0.0', 'v1.0.0'],
  ['01.0.0 (a leading zero)', '01.0.0'],
  ['1.0.0.0', '1.0.0.0'],
  ['1.0.0- (an empty pre-release)', '1.0.0-'],
  ['a range ^1.0.0', '^1.0.0'],
  ['a wildcard *', '*'],
  ["1.0.0' OR '1'='1", "1.0.0' OR '1'='1"],
  ['with a NUL byte', '1.0.0\u0000'],
  ['a valid form of 66 characters', `1.0.0-${'a'.repeat(60)}`],
];

/** Bad webhook delivery ids (`msg_` + a UUID). */
const BAD_DELIVERY_IDS: [string, string][] = [
  ['a bare UUID', SOME_UUID],
  ['msg_ and not a UUID', 'msg_123'],
  ['MSG_ in upper case', `MSG_${SOME_UUID}`],
  ['with an upper-case UUID', `msg_${SOME_UUID.toUpperCase()}`],
  ['with a NUL byte', `msg_${SOME_UUID}\u0000`],
  ['with SQL', `msg_${SOME_UUID}' OR '1'='1`],
  ['300 characters', `msg_${'a'.repeat(296)}`],
];
const DELIVERY_ID_PATTERN_START = '^msg_';

/**
 * Bad join tokens. Any string up to 200 characters is looked up (a token that is not a live link
 * is simply not found, a 404 below, so its format is no oracle); only a longer one is malformed.
 */
const BAD_JOIN_TOKENS: [string, string][] = [
  ['of 201 characters', 'a'.repeat(201)],
  ['300 characters', 'a'.repeat(300)],
  ['a valid-looking token + 200 characters', `${'A'.repeat(43)}${'a'.repeat(200)}`],
];
const JOIN_TOKEN_MAX_LENGTH = 200;

const UUID_PATTERN_FORMAT = 'uuid';
const PLUGIN_ID_PATTERN = '^[a-z0-9]+(?:[.-][a-z0-9]+)*$';
const SEMVER_PATTERN_START = '^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)';

/** The bad values for a path parameter, by its OpenAPI schema; undefined for an unknown kind. */
function badValuesFor(route: Route, name: string): [string, string][] | undefined {
  const param = route.op.parameters?.find((p) => p.in === 'path' && p.name === name);
  if (!param) return undefined;
  const s = resolve(param.schema);
  if (s.format === UUID_PATTERN_FORMAT) return BAD_IDS;
  if (s.pattern === PLUGIN_ID_PATTERN) return BAD_PLUGIN_IDS;
  if (s.pattern?.startsWith(SEMVER_PATTERN_START)) return BAD_VERSIONS;
  if (s.pattern?.startsWith(DELIVERY_ID_PATTERN_START)) return BAD_DELIVERY_IDS;
  if (s.type === 'integer') return BAD_COUNTS;
  if (isPublicJoinRoute(route.template) && name === 'token' && s.maxLength === JOIN_TOKEN_MAX_LENGTH) {
    return BAD_JOIN_TOKENS;
  }
  return undefined;
}

for (const route of routes) {
  const valid = VALID_BODIES[route.key];
  const send = (values: Record<string, string>) => () =>
    request(route, valid ? { body: valid() } : {}, fill(route.template, values));
  for (const name of pathParams(route.template)) {
    for (const [label, value] of badValuesFor(route, name) ?? []) {
      cases.push({
        name: `${name} ${label}`,
        route,
        send: send({ [name]: value }),
        expected: { status: 400, code: 'validation_failed', paths: [`/params/${name}`] },
      });
    }
    // A bare ".." (or "%2E%2E") segment never reaches the parameter: the URL parser resolves it
    // before routing, so the request lands on another path, which has no route.
    cases.push({
      name: `${name} a bare ".." segment (resolved before routing)`,
      route,
      send: () =>
        request(
          route,
          valid ? { body: valid() } : {},
          route.template.replace(/\{(\w+)\}/g, (_, n: string) =>
            n === name ? '..' : encodeURIComponent(realParam(route.template, n)),
          ),
        ),
      expected: { status: 404, code: 'route_not_found' },
    });
  }
}

// --- bad list queries ---
const b64 = (s: string) => Buffer.from(s).toString('base64url');
/**
 * Lists whose cursor wraps a plugin id rather than a UUID: any well-formed key is a valid place
 * to resume from, so the UUID-shaped bad cursors below do not apply.
 */
const KEY_CURSOR_ROUTES = new Set(['GET /api/v1/plugins']);
for (const route of routes) {
  for (const param of route.op.parameters?.filter((p) => p.in === 'query') ?? []) {
    const s = resolve(param.schema);
    const values: string[] = [];
    if (s.type === 'integer' || s.type === 'number') {
      values.push('abc', '1.5', '-1', '100000', '', '1e400', '0x');
      if (s.minimum !== undefined) values.push(String(s.minimum - 1));
      if (s.maximum !== undefined) values.push(String(s.maximum + 1));
    }
    if (s.type === 'string' && s.maxLength !== undefined) values.push('x'.repeat(s.maxLength + 1));
    if (s.type === 'string' && (s.minLength ?? 0) > 0) values.push('');
    if (s.enum) values.push('bogus', String(s.enum[0]).toUpperCase(), ` ${String(s.enum[0])}`, '');
    if (param.name === 'cursor') {
      values.push('garbage');
      if (!KEY_CURSOR_ROUTES.has(route.key)) {
        values.push(b64('not-a-uuid'), b64(`${SOME_UUID}' OR 1=1--`));
      }
      // base64 with padding is not the canonical form a list returns
      values.push(`${b64('a')}==`);
    }
    if (s.type === 'string') values.push('%00');
    for (const value of [...new Set(values)]) {
      cases.push({
        name: `?${param.name}=${JSON.stringify(value.length > 40 ? `${value.slice(0, 10)}…` : value)}`,
        route,
        send: () =>
          request(
            route,
            {},
            `${fill(route.template)}?${param.name}=${value === '%00' ? value : encodeURIComponent(value)}`,
          ),
        // the field is named with its request part: /query/limit, /query/cursor
        expected: { status: 400, code: 'validation_failed', paths: [`/query/${param.name}`] },
      });
    }
  }
  // the same parameter twice
  if (route.op.parameters?.some((p) => p.in === 'query' && p.name === 'limit')) {
    cases.push({
      name: '?limit=1&limit=2',
      route,
      send: () => request(route, {}, `${fill(route.template)}?limit=1&limit=2`),
      expected: { status: 400, code: 'validation_failed', paths: ['/query/limit'] },
    });
  }
  for (const param of route.op.parameters?.filter((p) => p.in === 'query' && resolve(p.schema).enum) ?? []) {
    const [first, second] = resolve(param.schema).enum!.map(String);
    cases.push({
      name: `?${param.name}=${first}&${param.name}=${second}`,
      route,
      send: () =>
        request(route, {}, `${fill(route.template)}?${param.name}=${first}&${param.name}=${second}`),
      expected: { status: 400, code: 'validation_failed', paths: [`/query/${param.name}`] },
    });
  }
}

// --- unauthenticated ---
const UNAUTHENTICATED: [string, Record<string, string>][] = [
  ['no Authorization header', {}],
  ['Bearer with nothing after it', { authorization: 'Bearer' }],
  ['Bearer with garbage', { authorization: 'Bearer garbage' }],
  ['Bearer with a garbage JWT', { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2ln' }],
  ['Bearer with an unknown API key', { authorization: `Bearer aik_${'A'.repeat(43)}` }],
  ['Bearer with an unknown partner key', { authorization: `Bearer aip_${'A'.repeat(43)}` }],
  ['Bearer with two tokens', { authorization: 'Bearer a b' }],
  ['Basic credentials', { authorization: 'Basic xyz' }],
  ['Basic credentials for the owner', { authorization: `Basic ${b64('owner@example.com:password')}` }],
];
for (const route of routes.filter((r) => (r.op.security?.length ?? 0) > 0)) {
  for (const [label, headers] of UNAUTHENTICATED) {
    cases.push({
      name: `unauthenticated: ${label}`,
      route,
      send: () => h.request(route.method, fill(route.template), { headers }),
      expected: { status: 401, code: 'unauthorized' },
    });
  }
  // A valid credential of the other kind: tenant credentials never open partner routes, and a
  // partner key never opens tenant routes. Sent with a valid body, so only the credential refuses it.
  const wrong: [string, () => string][] = isPartnerRoute(route.template)
    ? [
        ["a tenant owner's token", () => t.token],
        ["a tenant's API key", () => fixtureKey.key],
      ]
    : [["a partner's publishing key", () => partner.key]];
  for (const [label, token] of wrong) {
    const valid = VALID_BODIES[route.key];
    cases.push({
      name: `wrong kind of credential: ${label}`,
      route,
      send: () =>
        h.request(route.method, fill(route.template), {
          token: token(),
          ...(valid ? { body: valid() } : {}),
        }),
      expected: { status: 401, code: 'unauthorized' },
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Assertions
// ---------------------------------------------------------------------------------------------

interface FieldProblem {
  path: string;
  message: string;
}

function expectProblem(res: TestResponse, expected: Expected): void {
  const trace = `${res.status} ${res.text.slice(0, 500)}`;
  expect(res.status, `never a 5xx: ${trace}`).toBeLessThan(500);
  expect(res.status, trace).toBe(expected.status);
  expect(res.headers.get('content-type'), trace).toBe('application/problem+json');
  expect(res.body, trace).toMatchObject({ status: res.status, code: expected.code });
  expect(typeof res.body.requestId, trace).toBe('string');
  expect(res.body.requestId.length, trace).toBeGreaterThan(0);
  expect(res.headers.get('x-request-id'), trace).toBe(res.body.requestId);
  if (expected.code === 'validation_failed' || expected.code === 'invalid_manifest') {
    expect(Array.isArray(res.body.errors), trace).toBe(true);
    const errors = res.body.errors as FieldProblem[];
    expect(errors.length, trace).toBeGreaterThan(0);
    for (const e of errors) {
      expect(typeof e.path, trace).toBe('string');
      expect(typeof e.message, trace).toBe('string');
    }
    const paths = errors.map((e) => e.path);
    if (expected.code === 'invalid_manifest') {
      // JSON pointers into the manifest itself, not into the request: exactly the broken places
      for (const p of paths)
        expect(p === '' || /^\/(?!body\/)/.test(p), `a manifest pointer: ${trace}`).toBe(true);
      expect([...new Set(paths)].sort(), trace).toEqual([...(expected.paths ?? [])].sort());
    } else {
      for (const want of expected.paths ?? []) {
        // a full path (/body/email, /params/id) must match exactly; a bare field (/limit) names the last segment
        const named = want.split('/').length > 2 ? paths.includes(want) : paths.some((p) => p.endsWith(want));
        expect(named, `errors[] should name ${want}: ${trace}`).toBe(true);
      }
    }
    if (expected.messageIncludes) {
      expect(
        errors.some((e) => e.message.includes(expected.messageIncludes!)),
        `errors[] should mention ${expected.messageIncludes}: ${trace}`,
      ).toBe(true);
    }
  }
}

describe('the route list from the OpenAPI document', () => {
  it('covers every /api/v1 route, with a valid base body for each JSON route', () => {
    const keys = routes.map((r) => r.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        'POST /api/v1/tenants',
        'POST /api/v1/admin/login',
        'GET /api/v1/me',
        'GET /api/v1/users',
        'POST /api/v1/users',
        'PATCH /api/v1/users/{id}',
        'DELETE /api/v1/users/{id}',
        'GET /api/v1/api-keys',
        'POST /api/v1/api-keys',
        'DELETE /api/v1/api-keys/{id}',
        'GET /api/v1/tenant',
        'PATCH /api/v1/tenant/branding',
        'POST /api/v1/partners',
        'POST /api/v1/partner/plugins',
        'GET /api/v1/plugins',
        'GET /api/v1/plugins/{id}',
        'GET /api/v1/plugins/{id}/versions/{version}',
        'GET /api/v1/plugins/manifest.schema.json',
        'GET /api/v1/tenant/plugins',
        'POST /api/v1/tenant/plugins',
        'PATCH /api/v1/tenant/plugins/{pluginId}',
        'DELETE /api/v1/tenant/plugins/{pluginId}',
        START,
        ANSWER,
        STATE,
        END,
        REPORT,
        ADD_OVERRIDE,
        LIST_OVERRIDES,
        'GET /api/v1/candidates',
        ADD_CANDIDATE,
        'GET /api/v1/candidates/{id}',
        EXPORT_CANDIDATE,
        ERASE_CANDIDATE,
        LIST_INTERVIEWS,
        INTERVIEW_DETAIL,
        SCHEDULE,
        LIST_SCHEDULES,
        RESCHEDULE,
        CANCEL,
        JOIN,
        JOIN_START,
        SELF_IDENTIFY,
      ]),
    );
    // the public join routes take no credential (so the unauthenticated table skips them); every
    // other new route does
    for (const key of [JOIN, JOIN_START]) expect(routeOf(key).op.security ?? [], key).toEqual([]);
    for (const key of [LIST_INTERVIEWS, INTERVIEW_DETAIL, SCHEDULE, LIST_SCHEDULES, RESCHEDULE, CANCEL]) {
      expect(routeOf(key).op.security?.length, key).toBeGreaterThan(0);
    }
    const missing = routes.filter((r) => r.body && !VALID_BODIES[r.key]).map((r) => r.key);
    expect(missing, 'add a valid body to VALID_BODIES for these JSON routes').toEqual([]);
    const opaque = routes.filter((r) => r.body && isOpaque(r.body)).map((r) => r.key);
    expect(opaque, 'an opaque body needs a dedicated table of broken bodies').toEqual([
      ...DEDICATED_BODY_TABLES,
    ]);
  });

  it('has a real value and a table of bad values for every path parameter', () => {
    const params = routes.flatMap((r) => pathParams(r.template).map((name) => ({ route: r, name })));
    const withoutValue = params.filter((p) => !paramEntry(p.route.template, p.name));
    expect(
      withoutValue.map((p) => `${p.route.key} {${p.name}}`),
      'add these to PARAM_VALUES',
    ).toEqual([]);
    const withoutBadValues = params.filter((p) => !badValuesFor(p.route, p.name));
    expect(
      withoutBadValues.map((p) => `${p.route.key} {${p.name}}`),
      'give these parameter kinds a table of bad values in badValuesFor',
    ).toEqual([]);
  });

  it(`builds a battery of ${cases.length} cases`, () => {
    expect(cases.length).toBeGreaterThan(300);
    expect(
      cases.filter((c) => c.route.key === PUBLISH && c.name.startsWith('manifest: ')).length,
    ).toBeGreaterThanOrEqual(15);
  });
});

const byRoute = new Map<string, Case[]>();
for (const c of cases) byRoute.set(c.route.key, [...(byRoute.get(c.route.key) ?? []), c]);

for (const [key, routeCases] of byRoute) {
  describe(key, () => {
    for (const c of routeCases) {
      it(c.name, async () => {
        const res = await c.send();
        expectProblem(res, c.expected);
        await c.check?.(res);
      });
    }
  });
}

describe('after the battery', () => {
  it("stored nothing: the tenant's and the partner's rows are unchanged", async () => {
    // the baseline holds the engine fixtures (so a change to them would show): two interviews,
    // three turns (the open one's first; the ended one's first and the one its answer led to),
    // one answer, its evaluation, one report, three candidates, no override or replay
    expect(before.interviews).toHaveLength(2);
    expect(before.interview_turns).toHaveLength(3);
    expect(before.answers).toHaveLength(1);
    expect(before.evaluations).toHaveLength(1);
    expect(before.reports).toHaveLength(1);
    expect(before.candidates).toHaveLength(3);
    expect(before.score_overrides).toEqual([]);
    expect(before.selfIdentifications).toEqual([]);
    expect(before.idempotent_responses).toEqual([]);
    // the four fixture schedules (the expired one is still stored as scheduled)
    expect(before.schedules).toHaveLength(4);
    expect((before.schedules as { id: string; status: string }[]).map((s) => s.status).sort()).toEqual([
      'cancelled',
      'completed',
      'scheduled',
      'scheduled',
    ]);
    expect(await snapshot(t.id, partner.id)).toEqual(before);
  });

  it('created no tenant, user, key, partner or plugin from the bad bodies', async () => {
    const em = h.ownerOrm.em.fork();
    const like = `${RUN}%`;
    const tenants = await em.execute('select slug from tenants where slug like ?', [like]);
    const users = await em.execute('select email from users where email like ?', [like]);
    const keys = await em.execute('select name from api_keys where name like ?', [like]);
    const partners = await em.execute('select email from partners where email like ? or name like ?', [
      like,
      like,
    ]);
    const plugins = await em.execute('select id from plugins where id like ?', [like]);
    const versions = await em.execute('select plugin_id from plugin_versions where plugin_id like ?', [like]);
    const candidates = await em.execute('select email from candidates where email like ?', [like]);
    const interviews = await em.execute('select id from interviews where position_id like ?', [like]);
    const answers = await em.execute('select id from answers where text like ?', [like]);
    const overrides = await em.execute('select id from score_overrides where reason like ?', [like]);
    const replays = await em.execute('select id from idempotent_responses where key like ?', [like]);
    const webhooks = await em.execute(
      'select id from webhook_endpoints where url like ? or description like ?',
      [`https://${like}`, like],
    );
    const schedules = await em.execute('select id from schedules where position_id like ?', [like]);
    const atsConnections = await em.execute('select id from ats_connections where name like ?', [like]);
    expect({
      tenants,
      users,
      keys,
      partners,
      plugins,
      versions,
      candidates,
      interviews,
      answers,
      overrides,
      replays,
      webhooks,
      schedules,
      atsConnections,
    }).toEqual({
      tenants: [],
      users: [],
      keys: [],
      partners: [],
      plugins: [],
      versions: [],
      candidates: [],
      interviews: [],
      answers: [],
      overrides: [],
      replays: [],
      webhooks: [],
      schedules: [],
      atsConnections: [],
    });
  });

  it('the real path values are real (so each bad-parameter case changes exactly one thing)', async () => {
    for (const route of routes.filter((r) => r.method === 'GET' && pathParams(r.template).length > 0)) {
      const res = await h.request('GET', fill(route.template), { token: tokenFor(route) });
      expect(res.status, `${route.key}: ${res.text}`).toBe(200);
    }
    const installs = await h.request('GET', '/api/v1/tenant/plugins?limit=200', { token: t.token });
    expect(installs.body.items).toContainEqual(
      expect.objectContaining({ pluginId: INSTALLED_PLUGIN, version: '1.0.0' }),
    );
    // the live link is live and unused; the gone and completed schedules are what their cases say
    const link = await h.request('GET', `${PUBLIC_JOIN_PREFIX}${liveSchedule.token}`);
    expect(link.status, link.text).toBe(200);
    expect(link.body).toMatchObject({ status: 'scheduled', interviewId: null, branding: FIXTURE_BRANDING });
    const schedules = await h.request('GET', '/api/v1/admin/schedules?limit=200', { token: t.token });
    expect(schedules.status, schedules.text).toBe(200);
    const statusOf = Object.fromEntries(
      (schedules.body.items as { id: string; status: string }[]).map((s) => [s.id, s.status]),
    );
    expect(statusOf).toEqual({
      [liveSchedule.id]: 'scheduled',
      [cancelledSchedule.id]: 'cancelled',
      [expiredSchedule.id]: 'expired',
      [completedSchedule.id]: 'completed',
    });
  });

  it('the valid base bodies are really valid (so each case breaks exactly one thing)', async () => {
    // Sent last, on purpose: the battery above must not have stored anything first.
    const other = await h.signUp();
    const ok = async (
      method: string,
      path: string,
      body: Record<string, unknown> | undefined,
      token = other.token,
    ) => {
      const res = await h.request(method, path, body === undefined ? { token } : { token, body });
      expect(res.status, `${method} ${path}: ${res.text}`).toBeLessThan(300);
      return res;
    };
    await ok('POST', '/api/v1/tenants', { ...VALID_BODIES['POST /api/v1/tenants']!(), slug: uniq('valid') });
    await ok('POST', '/api/v1/admin/login', {
      email: other.ownerEmail,
      password: PASSWORD,
      tenant: other.slug,
    });
    const user = await ok('POST', '/api/v1/users', VALID_BODIES['POST /api/v1/users']!());
    await ok('PATCH', `/api/v1/users/${user.body.id}`, VALID_BODIES['PATCH /api/v1/users/{id}']!());
    await ok('POST', '/api/v1/api-keys', VALID_BODIES['POST /api/v1/api-keys']!());
    await ok('PATCH', '/api/v1/tenant/branding', VALID_BODIES['PATCH /api/v1/tenant/branding']!());

    const signedUp = await ok('POST', '/api/v1/partners', {
      ...VALID_BODIES['POST /api/v1/partners']!(),
      email: `${uniq('valid')}@example.com`,
    });
    const published = await ok(
      'POST',
      '/api/v1/partner/plugins',
      { ...VALID_BODIES[PUBLISH]!(), id: `${uniq('valid')}.manifest` },
      signedUp.body.apiKey.key,
    );
    expect(published.status).toBe(201);
    await ok('POST', '/api/v1/tenant/plugins', VALID_BODIES['POST /api/v1/tenant/plugins']!());
    await ok('POST', '/api/v1/tenant/plugins', { pluginId: INSTALLED_PLUGIN, version: '1.0.0' });
    const pinned = await ok(
      'PATCH',
      `/api/v1/tenant/plugins/${INSTALLED_PLUGIN}`,
      VALID_BODIES['PATCH /api/v1/tenant/plugins/{pluginId}']!(),
    );
    expect(pinned.body.version).toBe('1.1.0');

    // the interview engine: start, answer, end, override, add a candidate
    const started = await ok('POST', '/api/v1/interview/start', VALID_BODIES[START]!());
    expect(started.status).toBe(201);
    // the same seed and length as the fixtures: the turn in the answer body is the one awaited
    expect(started.body.state.currentQuestion.turn).toBe(inProgress.turn);
    const id = started.body.interviewId as string;
    const answered = await ok('POST', `/api/v1/interview/${id}/answer`, VALID_BODIES[ANSWER]!());
    expect(answered.body.evaluation.turn).toBe(inProgress.turn);
    await ok('POST', `/api/v1/interview/${id}/end`, undefined);
    const overridden = await ok('POST', `/api/v1/report/${id}/overrides`, VALID_BODIES[ADD_OVERRIDE]!());
    expect(overridden.status).toBe(201);
    expect(overridden.body.override).toMatchObject({ competency: ended.competency, score: 77 });
    const candidate = await ok('POST', '/api/v1/candidates', VALID_BODIES[ADD_CANDIDATE]!());
    await ok('GET', `/api/v1/candidates/${candidate.body.id}/export?format=html`, undefined);
    const erased = await ok(
      'POST',
      `/api/v1/candidates/${candidate.body.id}/erase`,
      VALID_BODIES[ERASE_CANDIDATE]!(),
    );
    expect(erased.body.removed.postgres.candidates).toBe(1);
    const ats = await ok('POST', '/api/v1/ats/connections', VALID_BODIES['POST /api/v1/ats/connections']!());
    await ok('PATCH', `/api/v1/ats/connections/${ats.body.connection.id}`, {
      ...VALID_BODIES['PATCH /api/v1/ats/connections/{id}']!(),
      settings: { sendInvitation: true },
    });
    const webhook = await ok('POST', '/api/v1/webhooks', VALID_BODIES['POST /api/v1/webhooks']!());
    await ok('PATCH', `/api/v1/webhooks/${webhook.body.id}`, VALID_BODIES['PATCH /api/v1/webhooks/{id}']!());
    expect(candidate.status).toBe(201);

    // scheduling: schedule, reschedule, open and start the link, cancel another; the lists by status
    const scheduled = await ok('POST', '/api/v1/admin/schedule', VALID_BODIES[SCHEDULE]!());
    expect(scheduled.status).toBe(201);
    const token = new URL(scheduled.body.joinUrl).pathname.split('/').pop()!;
    const moved = VALID_BODIES[RESCHEDULE]!();
    const rescheduled = await ok('PATCH', `/api/v1/admin/schedules/${scheduled.body.id}`, moved);
    expect(Date.parse(rescheduled.body.scheduledAt)).toBe(Date.parse(moved.scheduledAt as string));
    expect(Date.parse(rescheduled.body.expiresAt)).toBe(Date.parse(moved.expiresAt as string));
    const page = await ok('GET', `${PUBLIC_JOIN_PREFIX}${token}`, undefined, '');
    expect(page.body.status).toBe('scheduled');
    const joined = await ok('POST', `${PUBLIC_JOIN_PREFIX}${token}/start`, undefined, '');
    expect(typeof joined.body.candidateToken).toBe('string');
    const another = await ok('POST', '/api/v1/admin/schedule', VALID_BODIES[SCHEDULE]!());
    const invited = await ok(
      'POST',
      `/api/v1/admin/schedules/${another.body.id}/invitation/resend`,
      undefined,
    );
    expect(invited.status).toBe(202);
    const cancelled = await ok('POST', `/api/v1/admin/schedules/${another.body.id}/cancel`, undefined);
    expect(cancelled.body.status).toBe('cancelled');
    const startedList = await ok('GET', '/api/v1/admin/schedules?status=started', undefined);
    expect(startedList.body.items.map((s: { id: string }) => s.id)).toEqual([scheduled.body.id]);
    const inProgressList = await ok('GET', '/api/v1/interviews?status=in_progress', undefined);
    expect(inProgressList.body.items.map((i: { id: string }) => i.id)).toContain(joined.body.interviewId);
    await ok('GET', `/api/v1/interviews/${joined.body.interviewId}`, undefined);

    // mail: the templates, a reset for an address without an account, the outbox
    const template = await ok('PUT', '/api/v1/mail/templates', VALID_BODIES['PUT /api/v1/mail/templates']!());
    expect(template.body.isDefault).toBe(false);
    await ok('POST', '/api/v1/mail/templates/reset', VALID_BODIES['POST /api/v1/mail/templates/reset']!());
    const reset = await ok('POST', '/api/v1/auth/password-reset', {
      ...VALID_BODIES['POST /api/v1/auth/password-reset']!(),
      tenant: other.slug,
    });
    expect(reset.status).toBe(202);
    const confirm = await h.request('POST', '/api/v1/auth/password-reset/confirm', {
      body: VALID_BODIES['POST /api/v1/auth/password-reset/confirm']!(),
    });
    expect(confirm.body.code, confirm.text).toBe('account_link_invalid');
    const outbox = await ok('GET', '/api/v1/mail/messages?kind=invitation', undefined);
    await ok('GET', `/api/v1/mail/messages/${outbox.body.items[0].id}`, undefined);

    // last: the owner schedules the tenant's deletion (its own slug, as the fixture body does) and restores it
    await ok('PATCH', '/api/v1/tenant/settings', { candidateRetentionDays: 90 });
    const deletion = await ok('POST', '/api/v1/tenant/deletion', { confirm: other.slug });
    expect(deletion.status).toBe(202);
    await ok('DELETE', '/api/v1/tenant/deletion', undefined);
  });
});
