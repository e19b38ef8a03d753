import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createHarness,
  type RequestOptions,
  type TestResponse,
  type TestTenant,
  uniq,
} from '../helpers/harness.ts';

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

const h = await createHarness();
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
// Fixture: one tenant whose owner sends everything; a run id marks every would-be stored value
// ---------------------------------------------------------------------------------------------

/** Every email and slug the battery sends starts with this, so "nothing stored" is checkable. */
const RUN = uniq('malformed');
const PASSWORD = 'correct horse battery';

let t: TestTenant;
/** a member of the tenant the PATCH/DELETE /users/{id} cases aim at */
let targetUserId: string;

interface DbSnapshot {
  tenant: unknown[];
  users: unknown[];
  apiKeys: unknown[];
}

let before: DbSnapshot;

async function snapshot(tenantId: string): Promise<DbSnapshot> {
  const em = h.ownerOrm.em.fork();
  return {
    tenant: await em.execute('select * from tenants where id = ?', [tenantId]),
    users: await em.execute('select * from users where tenant_id = ? order by id', [tenantId]),
    apiKeys: await em.execute('select * from api_keys where tenant_id = ? order by id', [tenantId]),
  };
}

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
  before = await snapshot(t.id);
});

/** A real object for `{id}` where the route has one, so a validation bypass would show in the database. */
function idFor(template: string): string {
  if (template.startsWith('/api/v1/users/')) return targetUserId;
  return randomUUID();
}

const fill = (template: string, id?: string) =>
  template.replace('{id}', encodeURIComponent(id ?? idFor(template)));

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
  'PATCH /api/v1/tenant/branding': () => ({
    displayName: 'Malformed',
    logoUrl: 'https://example.com/logo.png',
    primaryColor: '#112233',
    welcomeMessage: 'Welcome',
  }),
};

/** JSON routes that accept `{}` (every field optional, a no-op); all others must refuse it. */
const EMPTY_OBJECT_ACCEPTED = new Set(['PATCH /api/v1/tenant/branding']);

/** Passwords are hashed, never stored as text, so a NUL byte in one is legitimate input. */
const NUL_ALLOWED = /password/i;

// ---------------------------------------------------------------------------------------------
// Cases
// ---------------------------------------------------------------------------------------------

interface Expected {
  status: number;
  code: string;
  /** for validation_failed: JSON paths that must appear in errors[] */
  paths?: string[];
  /** for validation_failed: a word that must appear in some error message (e.g. an unknown key) */
  messageIncludes?: string;
}

interface Case {
  name: string;
  route: Route;
  send: () => Promise<TestResponse>;
  expected: Expected;
}

const cases: Case[] = [];

const asJson = (raw: string): RequestOptions => ({ raw, headers: { 'content-type': 'application/json' } });

function request(route: Route, opts: RequestOptions = {}, path?: string) {
  return h.request(route.method, path ?? fill(route.template), { token: t.token, ...opts });
}

function bodyCase(route: Route, name: string, opts: () => RequestOptions, expected: Expected) {
  cases.push({ name, route, send: () => request(route, opts()), expected });
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

  // --- too large ---
  const bigString = props.find(([, s]) => types(resolve(s)).includes('string'))?.[0] ?? 'padding';
  const oversize = () => JSON.stringify({ ...valid(), [bigString]: 'x'.repeat(ONE_MIB + 1) });
  bodyCase(route, 'an oversize body (> 1 MiB, with Content-Length)', () => asJson(oversize()), {
    status: 413,
    code: 'payload_too_large',
  });
  cases.push({
    name: 'an oversize body (> 1 MiB, streamed without Content-Length)',
    route,
    expected: { status: 413, code: 'payload_too_large' },
    send: async () => {
      const bytes = new TextEncoder().encode(oversize());
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < bytes.length; i += 64 * 1024) controller.enqueue(bytes.slice(i, i + 64 * 1024));
          controller.close();
        },
      });
      const init = {
        method: route.method,
        headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/json' },
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

// --- bad path ids ---
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
for (const route of routes.filter((r) => r.template.includes('{id}'))) {
  for (const [label, id] of BAD_IDS) {
    cases.push({
      name: `id ${label}`,
      route,
      send: () => {
        const valid = VALID_BODIES[route.key];
        return request(route, valid ? { body: valid() } : {}, fill(route.template, id));
      },
      expected: { status: 400, code: 'validation_failed', paths: ['/params/id'] },
    });
  }
}

// --- bad list queries ---
const b64 = (s: string) => Buffer.from(s).toString('base64url');
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
    if (param.name === 'cursor') {
      values.push('garbage', b64('not-a-uuid'), b64(`${SOME_UUID}' OR 1=1--`), '%00');
    }
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
}

// --- unauthenticated ---
const UNAUTHENTICATED: [string, Record<string, string>][] = [
  ['no Authorization header', {}],
  ['Bearer with nothing after it', { authorization: 'Bearer' }],
  ['Bearer with garbage', { authorization: 'Bearer garbage' }],
  ['Bearer with a garbage JWT', { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2ln' }],
  ['Bearer with an unknown API key', { authorization: `Bearer aik_${'A'.repeat(43)}` }],
  ['Bearer with two tokens', { authorization: 'Bearer a b' }],
  ['Basic credentials', { authorization: 'Basic xyz' }],
  ['Basic credentials for the owner', { authorization: `Basic ${b64('owner@example.com:password')}` }],
];
for (const route of routes.filter((r) => (r.op.security?.length ?? 0) > 0)) {
  for (const [label, headers] of UNAUTHENTICATED) {
    cases.push({
      name: `unauthenticated: ${label}`,
      route,
      send: () => h.request(route.method, fill(route.template, randomUUID()), { headers }),
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
  if (expected.code === 'validation_failed') {
    expect(Array.isArray(res.body.errors), trace).toBe(true);
    const errors = res.body.errors as FieldProblem[];
    expect(errors.length, trace).toBeGreaterThan(0);
    for (const e of errors) {
      expect(typeof e.path, trace).toBe('string');
      expect(typeof e.message, trace).toBe('string');
    }
    const paths = errors.map((e) => e.path);
    for (const want of expected.paths ?? []) {
      // a full path (/body/email, /params/id) must match exactly; a bare field (/limit) names the last segment
      const named = want.split('/').length > 2 ? paths.includes(want) : paths.some((p) => p.endsWith(want));
      expect(named, `errors[] should name ${want}: ${trace}`).toBe(true);
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
      ]),
    );
    const missing = routes.filter((r) => r.body && !VALID_BODIES[r.key]).map((r) => r.key);
    expect(missing, 'add a valid body to VALID_BODIES for these JSON routes').toEqual([]);
  });

  it(`builds a battery of ${cases.length} cases`, () => {
    expect(cases.length).toBeGreaterThan(300);
  });
});

const byRoute = new Map<string, Case[]>();
for (const c of cases) byRoute.set(c.route.key, [...(byRoute.get(c.route.key) ?? []), c]);

for (const [key, routeCases] of byRoute) {
  describe(key, () => {
    for (const c of routeCases) {
      it(c.name, async () => {
        expectProblem(await c.send(), c.expected);
      });
    }
  });
}

describe('after the battery', () => {
  it("stored nothing: the tenant's row, users and API keys are unchanged", async () => {
    expect(await snapshot(t.id)).toEqual(before);
  });

  it('created no tenant and no user from the bad sign-ups and bad user bodies', async () => {
    const em = h.ownerOrm.em.fork();
    const tenants = await em.execute('select slug from tenants where slug like ?', [`${RUN}%`]);
    const users = await em.execute('select email from users where email like ?', [`${RUN}%`]);
    const keys = await em.execute('select name from api_keys where name like ?', [`${RUN}%`]);
    expect({ tenants, users, keys }).toEqual({ tenants: [], users: [], keys: [] });
  });

  it('the valid base bodies are really valid (so each case breaks exactly one thing)', async () => {
    // Sent last, on purpose: the battery above must not have stored anything first.
    const other = await h.signUp();
    const ok = async (method: string, path: string, body: Record<string, unknown>, token = other.token) => {
      const res = await h.request(method, path, { token, body });
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
  });
});
