import type http from 'node:http';
import { keepAliveAgent, type Reply, send } from '../lib/http.ts';
import type { ChaosRow } from '../lib/outcome.ts';
import { join, schedule, signUp, startInterview } from '../lib/product.ts';
import type { Stack } from '../lib/stack.ts';

// biome-ignore lint/suspicious/noExplicitAny: OpenAPI documents are walked loosely
type Json = any;

interface Operation {
  method: string;
  path: string;
  params: { name: string; in: string }[];
  bodySchema: Json | undefined;
}

interface Case {
  op: Operation;
  identity: string;
  variant: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

const KB = 1024;
const MB = 1024 * KB;

/** Values that are wrong for almost any field, or dangerous when trusted. */
const HOSTILE_VALUES: [string, unknown][] = [
  ['null', null],
  ['true', true],
  ['-1', -1],
  ['1e308', 1e308],
  ['1.5', 1.5],
  ['[]', []],
  ['{}', {}],
  ['{$gt:""}', { $gt: '' }],
  ['10k-item array', Array.from({ length: 10_000 }, () => 'a')],
  ['NUL in string', 'a\u0000b'],
  ['lone surrogate', 'a\ud800b'],
  ['RTL override', '\u202egnp.exe'],
  ['SQL', "' OR 1=1; --"],
  ['HTML', '<script>alert(1)</script>'],
  ['100k string', 'x'.repeat(100_000)],
  ['emoji', '💩'.repeat(2_000)],
  ['__proto__', '__proto__'],
  ['path traversal', '../../../../etc/passwd'],
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, meant literally
  ['template', '${7*7}{{7*7}}'],
  ['unicode digits', '١٢٣'],
];
const CHEAP_VALUES = new Set(['null', '-1', '[]', 'NUL in string', 'lone surrogate', '100k string']);

/** Path parameter values, already percent-encoded as a client would send them. */
const HOSTILE_PARAMS: [string, string][] = [
  ['NUL', '%00'],
  ['encoded traversal', '..%2F..%2Fetc%2Fpasswd'],
  ['5k chars', 'x'.repeat(5_000)],
  ['SQL', encodeURIComponent("1' OR '1'='1")],
  ['invalid UTF-8', '%ff%fe'],
  ['bad percent', '%zz'],
  ['nil UUID', '00000000-0000-0000-0000-000000000000'],
  ['-1', '-1'],
  ['__proto__', '__proto__'],
  ['emoji', encodeURIComponent('💩')],
  ['1e400', '1e400'],
];

const HOSTILE_QUERY: [string, string][] = [
  ['limit=-1', 'limit=-1'],
  ['limit=1e9', 'limit=1000000000'],
  ['limit=abc', 'limit=abc'],
  ['limit twice', 'limit=1&limit=2'],
  ['cursor garbage', 'cursor=%%%'],
  ['cursor of JSON', `cursor=${Buffer.from('{"id":"\' OR 1=1","k":[1e999]}').toString('base64url')}`],
  ['status=<script>', 'status=%3Cscript%3E'],
  ['dates', 'from=not-a-date&to=9999-99-99'],
  ['seed=1e400', 'seed=1e400'],
  ['format=../', 'format=..%2F..%2F'],
  ['q NUL', 'q=%00'],
  ['q 8k', `q=${'x'.repeat(8_000)}`],
  ['positionId array', 'positionId[]=1&positionId[$ne]=2'],
];

/** Bodies that are not what any route expects. */
const RAW_BODIES: [string, string | Buffer, string | undefined][] = [
  ['JSON null', 'null', 'application/json'],
  ['JSON array', '[]', 'application/json'],
  ['JSON string', '"s"', 'application/json'],
  ['JSON number', '123', 'application/json'],
  ['truncated JSON', '{"a":', 'application/json'],
  ['trailing garbage', '{"a":1}}', 'application/json'],
  ['BOM + JSON', '\ufeff{}', 'application/json'],
  [
    'invalid UTF-8',
    Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
    'application/json',
  ],
  ['nested 5000 deep', `${'['.repeat(5000)}${']'.repeat(5000)}`, 'application/json'],
  ['nested objects 5000 deep', `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`, 'application/json'],
  [
    'prototype pollution',
    '{"__proto__":{"polluted":true,"role":"owner"},"constructor":{"prototype":{"polluted":true}}}',
    'application/json',
  ],
  ['text/plain', '{}', 'text/plain'],
  ['form', 'a=1&b=2', 'application/x-www-form-urlencoded'],
  [
    'multipart',
    '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n',
    'multipart/form-data; boundary=x',
  ],
  ['no content-type', '{}', undefined],
  ['utf-16 charset', '{}', 'application/json; charset=utf-16'],
  ['duplicate keys', '{"a":1,"a":2,"a":{"b":3}}', 'application/json'],
];
const CHEAP_RAW = new Set([
  'truncated JSON',
  'invalid UTF-8',
  'nested 5000 deep',
  'prototype pollution',
  'text/plain',
]);

/** Large bodies: under the 1 MB limit, over it (declared and chunked), and far over it. */
const LARGE: [string, number, boolean][] = [
  ['900 KB JSON', 900 * KB, false],
  ['2 MB declared', 2 * MB, false],
  ['2 MB chunked', 2 * MB, true],
  ['8 MB declared', 8 * MB, false],
];

const forgedNoneJwt = () => {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'x', tid: 'x', role: 'owner', iss: 'ai-interviewer', aud: 'ai-interviewer-api', exp: 9999999999 })}.`;
};

const HOSTILE_HEADERS: [string, Record<string, string>][] = [
  ['empty Bearer', { authorization: 'Bearer' }],
  ['8 KB Bearer', { authorization: `Bearer ${'a'.repeat(8 * KB)}` }],
  ['Bearer a.b.c', { authorization: 'Bearer a.b.c' }],
  ['alg none JWT', { authorization: `Bearer ${forgedNoneJwt()}` }],
  ['Basic auth', { authorization: 'Basic Zm9vOmJhcg==' }],
  ['API key garbage', { authorization: `Bearer aik_${'z'.repeat(60)}` }],
  ['twice Bearer', { authorization: 'Bearer a, Bearer b' }],
];
/** Sent with the owner's token: hostile values in the other headers the API reads. */
const HOSTILE_OWNER_HEADERS: [string, Record<string, string>][] = [
  ['idempotency-key 300', { 'idempotency-key': 'k'.repeat(300) }],
  ['idempotency-key NUL-ish', { 'idempotency-key': '%00\t' }],
  ['prefer 1 KB', { prefer: `respond-async, ${'x'.repeat(KB)}` }],
  ['if-match garbage', { 'if-match': 'W/"><script>' }],
  ['if-match huge', { 'if-match': `"${'9'.repeat(400)}"` }],
  ['x-request-id hostile', { 'x-request-id': `<script>${'x'.repeat(500)}` }],
  ['x-forwarded-for garbage', { 'x-forwarded-for': 'not-an-ip, 999.999.1.1, ::ffff:zz' }],
  ['accept xml', { accept: 'application/xml' }],
  ['stripe-signature garbage', { 'stripe-signature': 't=abc,v1=zzz' }],
];

function resolve(doc: Json, schema: Json): Json {
  let s = schema;
  for (let i = 0; i < 10 && s?.$ref; i++) s = doc.components.schemas[s.$ref.split('/').pop()];
  return s;
}

/** A value of the schema's shape (not necessarily valid: each case then breaks one field). */
function sample(doc: Json, schema: Json, depth = 0): unknown {
  const s = resolve(doc, schema);
  if (!s || depth > 6) return null;
  if (s.enum) return s.enum[0];
  if (s.const !== undefined) return s.const;
  const variants = s.anyOf ?? s.oneOf;
  if (variants)
    return sample(
      doc,
      variants.find((v: Json) => resolve(doc, v)?.type !== 'null') ?? variants[0],
      depth + 1,
    );
  const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== 'null') : s.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const k of s.required ?? []) out[k] = sample(doc, s.properties?.[k], depth + 1);
      return out;
    }
    case 'array':
      return Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => sample(doc, s.items, depth + 1));
    case 'integer':
    case 'number':
      return s.minimum ?? 1;
    case 'boolean':
      return true;
    case 'string':
      if (s.format === 'email') return 'hostile@example.com';
      if (s.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
      if (s.format === 'uri') return 'http://127.0.0.1:9/hook';
      if (s.format === 'date-time') return new Date(Date.now() + 86_400_000).toISOString();
      return 'a'.repeat(Math.max(1, s.minLength ?? 8));
    default:
      return 'x';
  }
}

export function operations(doc: Json): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries<Json>(doc.paths)) {
    for (const [method, op] of Object.entries<Json>(item)) {
      ops.push({
        method: method.toUpperCase(),
        path,
        params: op.parameters ?? [],
        bodySchema: op.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  // destructive operations last, so they cannot take the fixtures away from the others
  const destructive = (o: Operation) =>
    o.method === 'DELETE' || /\/(erase|end|cancel|rotate-secret|retry|resolve)$/.test(o.path);
  return [...ops.filter((o) => !destructive(o)), ...ops.filter(destructive)];
}

interface Fixtures {
  ownerToken: string;
  candidateToken: string;
  values: Record<string, string>;
}

/** Real objects of one tenant, so each case breaks one thing and reaches the code behind the check. */
async function fixtures(stack: Stack): Promise<Fixtures> {
  const api = stack.apis[0]!.client;
  const t = await signUp(api, 'Hostile Co');
  const token = t.token;
  const link = await schedule(api, token);
  const joined = await join(api, link.joinToken);
  const second = await schedule(api, token); // a link left unused
  const user = await api.post(
    '/users',
    { email: `u-${Date.now()}@example.com`, role: 'viewer', password: 'correct horse battery staple' },
    { token },
  );
  const key = await api.post('/api-keys', { name: 'hostile', role: 'viewer' }, { token });
  const hook = await api.post(
    '/webhooks',
    { url: 'http://127.0.0.1:9/hook', events: ['interview.scheduled'] },
    { token },
  );
  await schedule(api, token); // an interview.scheduled delivery for the endpoint
  const detail = await api.get(`/interviews/${joined.interviewId}`, { token });
  const plugin = await api.get('/plugins/ai-interviewer.backend-engineer', { token });
  const position = await api.post(
    '/positions',
    {
      title: 'Hostile Position',
      description: 'x',
      design: { banks: [{ pluginId: 'ai-interviewer.backend-engineer' }] },
    },
    { token },
  );
  await new Promise((r) => setTimeout(r, 1_000));
  const deliveries = hook.body?.id
    ? await api.get(`/webhooks/${hook.body.id}/deliveries`, { token })
    : undefined;
  const staffInterview = await startInterview(api, token, 1);
  void staffInterview;
  const values: Record<string, string> = {
    interviewId: joined.interviewId,
    scheduleId: second.scheduleId,
    joinToken: second.joinToken,
    userId: user.body?.id ?? '00000000-0000-4000-8000-000000000001',
    apiKeyId: key.body?.id ?? '00000000-0000-4000-8000-000000000002',
    webhookId: hook.body?.id ?? '00000000-0000-4000-8000-000000000003',
    deliveryId: deliveries?.body?.items?.[0]?.id ?? 'msg_00000000-0000-4000-8000-000000000004',
    candidateId: detail.body?.candidate?.id ?? '00000000-0000-4000-8000-000000000005',
    pluginId: 'ai-interviewer.backend-engineer',
    pluginVersion: plugin.body?.versions?.[0]?.version ?? plugin.body?.latestVersion ?? '1.0.0',
    positionId: position.body?.id ?? '00000000-0000-4000-8000-000000000006',
  };
  return { ownerToken: token, candidateToken: joined.candidateToken, values };
}

/** The real value of a path parameter. */
function realParam(path: string, name: string, f: Fixtures): string {
  const v = f.values;
  if (name === 'interviewId') return v['interviewId']!;
  if (name === 'deliveryId') return v['deliveryId']!;
  if (name === 'token') return v['joinToken']!;
  if (name === 'pluginId') return v['pluginId']!;
  if (name === 'version') return path.startsWith('/api/v1/plugins') ? v['pluginVersion']! : '1';
  const resource = path.split('/')[3];
  const byResource: Record<string, string> = {
    users: 'userId',
    'api-keys': 'apiKeyId',
    plugins: 'pluginId',
    candidates: 'candidateId',
    interviews: 'interviewId',
    interview: 'interviewId',
    webhooks: 'webhookId',
    admin: 'scheduleId',
    positions: 'positionId',
    public: 'interviewId',
  };
  return v[byResource[resource ?? ''] ?? 'interviewId']!;
}

function buildPath(
  op: Operation,
  f: Fixtures,
  override?: { name: string; value: string },
  query = '',
): string {
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    override?.name === name ? override.value : encodeURIComponent(realParam(op.path, name, f)),
  );
  return query ? `${path}?${query}` : path;
}

/** Every hostile case for every operation and identity (`cheap`: the CI subset). */
export function cases(doc: Json, f: Fixtures, cheap: boolean): Case[] {
  const out: Case[] = [];
  const identities: [string, Record<string, string>][] = [
    ['owner', { authorization: `Bearer ${f.ownerToken}` }],
    ['candidate', { authorization: `Bearer ${f.candidateToken}` }],
    ['anonymous', {}],
  ];
  const json = (v: unknown) => ({ body: JSON.stringify(v), headers: { 'content-type': 'application/json' } });
  for (const op of operations(doc)) {
    const hasBody = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(op.method);
    const base = op.bodySchema ? sample(doc, op.bodySchema) : undefined;
    for (const [identity, auth] of identities) {
      const add = (
        variant: string,
        path: string,
        extra: { body?: string | Buffer; headers?: Record<string, string> } = {},
      ) =>
        out.push({ op, identity, variant, path, headers: { ...auth, ...extra.headers }, body: extra.body });
      add('as documented (sample body)', buildPath(op, f), base !== undefined ? json(base) : {});
      for (const p of op.params.filter((x) => x.in === 'path')) {
        for (const [name, value] of HOSTILE_PARAMS) {
          if (cheap && !['NUL', 'invalid UTF-8', '5k chars'].includes(name)) continue;
          add(
            `path ${p.name}: ${name}`,
            buildPath(op, f, { name: p.name, value }),
            base !== undefined ? json(base) : {},
          );
        }
      }
      if (op.params.some((x) => x.in === 'query')) {
        for (const [name, q] of HOSTILE_QUERY) {
          if (cheap && !['limit=-1', 'cursor garbage', 'q 8k'].includes(name)) continue;
          add(`query ${name}`, buildPath(op, f, undefined, q));
        }
      }
      if (!hasBody) continue;
      for (const [name, body, type] of RAW_BODIES) {
        if (cheap && !CHEAP_RAW.has(name)) continue;
        add(`body ${name}`, buildPath(op, f), { body, headers: type ? { 'content-type': type } : {} });
      }
      for (const [name, bytes, chunked] of LARGE) {
        const pad = JSON.stringify({ pad: 'x'.repeat(bytes - 12) });
        add(`body ${name}`, buildPath(op, f), {
          body: pad,
          headers: {
            'content-type': 'application/json',
            ...(chunked ? { 'transfer-encoding': 'chunked' } : {}),
          },
        });
      }
      const schema = resolve(doc, op.bodySchema);
      if (schema?.properties && base && typeof base === 'object') {
        for (const prop of Object.keys(schema.properties)) {
          for (const [name, value] of HOSTILE_VALUES) {
            if (cheap && !CHEAP_VALUES.has(name)) continue;
            add(`field ${prop}: ${name}`, buildPath(op, f), json({ ...(base as object), [prop]: value }));
          }
        }
        add('unknown field', buildPath(op, f), json({ ...(base as object), zzz: 1 }));
      }
    }
    // headers: once per operation, as their own identity
    for (const [name, headers] of HOSTILE_HEADERS) {
      if (cheap && !['8 KB Bearer', 'alg none JWT'].includes(name)) continue;
      out.push({
        op,
        identity: 'forged',
        variant: `header ${name}`,
        path: buildPath(op, f),
        headers,
        ...(base !== undefined ? json(base) : {}),
      });
    }
    for (const [name, headers] of HOSTILE_OWNER_HEADERS) {
      if (cheap && !['idempotency-key 300', 'if-match garbage'].includes(name)) continue;
      const body = base !== undefined ? json(base) : undefined;
      out.push({
        op,
        identity: 'owner',
        variant: `header ${name}`,
        path: buildPath(op, f),
        headers: { authorization: `Bearer ${f.ownerToken}`, ...body?.headers, ...headers },
        body: body?.body,
      });
    }
  }
  return out;
}

interface Outcome {
  c: Case;
  r: Reply;
}

/**
 * Every operation of the OpenAPI document, with hostile path parameters, queries, bodies (type
 * confusion per field, malformed and deeply nested JSON, wrong content types, bodies under, over
 * and far over the size limit, declared and chunked) and headers, as the owner, a candidate (join
 * token) and anonymous, over keep-alive connections. Promise: no 5xx, no broken connection, every
 * error problem+json.
 */
export async function hostileInput(
  stack: Stack,
  opts: { cheap: boolean; connections: number },
): Promise<ChaosRow> {
  const origin = stack.apis[0]!.origin;
  const doc = (await send(`${origin}/api/v1/openapi.json`)).body;
  const f = await fixtures(stack);
  const all = cases(doc, f, opts.cheap);
  const agent: http.Agent = keepAliveAgent(opts.connections);
  const outcomes: Outcome[] = [];
  let next = 0;
  const pid = stack.apis[0]!.pid;
  await Promise.all(
    Array.from({ length: opts.connections }, async () => {
      while (next < all.length) {
        const c = all[next++]!;
        const r = await send(`${origin}${c.path}`, {
          method: c.op.method,
          headers: c.headers,
          body: c.body,
          agent,
          timeoutMs: 30_000,
        });
        outcomes.push({ c, r });
      }
    }),
  );
  agent.destroy();
  const alive = (() => {
    try {
      return process.kill(pid, 0);
    } catch {
      return false;
    }
  })();
  const label = (o: Outcome) => `${o.c.op.method} ${o.c.op.path} as ${o.c.identity}, ${o.c.variant}`;
  const fiveXX = outcomes.filter((o) => o.r.status >= 500);
  const broken = outcomes.filter((o) => o.r.status === 0);
  const nonProblem = outcomes.filter(
    (o) =>
      o.r.status >= 400 &&
      o.r.status < 500 &&
      !String(o.r.headers['content-type'] ?? '').startsWith('application/problem+json'),
  );
  const statuses = new Map<number, number>();
  for (const o of outcomes) statuses.set(o.r.status, (statuses.get(o.r.status) ?? 0) + 1);
  const closes = outcomes.filter((o) => o.r.headers.connection === 'close').length;
  const reused = outcomes.filter((o) => o.r.reusedSocket).length;
  /** failures grouped by what they got and the kind of case, with one example each */
  const group = (list: Outcome[], what: (o: Outcome) => string) => {
    const byKind = new Map<string, { n: number; example: Outcome }>();
    for (const o of list) {
      const k = `${what(o)}: ${o.c.variant.replace(/^field [^:]+: /, 'field: ').replace(/^path [^:]+: /, 'path: ')}`;
      const g = byKind.get(k);
      if (g) g.n++;
      else byKind.set(k, { n: 1, example: o });
    }
    return [...byKind]
      .sort((a, b) => b[1].n - a[1].n)
      .map(([k, g]) => `${g.n}× ${k} (e.g. ${label(g.example)})`);
  };
  const violations = [
    ...(alive ? [] : ['the API process died']),
    ...group(fiveXX, (o) => `${o.r.status} ${o.r.body?.code ?? ''}`).slice(0, 6),
    ...group(broken, (o) => `no answer (${o.r.error})`).slice(0, 6),
    ...group(nonProblem, (o) => `${o.r.status} ${o.r.headers['content-type'] ?? 'no content-type'}`).slice(
      0,
      4,
    ),
  ];
  return {
    fault: `hostile input over keep-alive (${operations(doc).length} operations × owner/candidate/anonymous${opts.cheap ? ', CI subset' : ''})`,
    requests: outcomes.length,
    errors: fiveXX.length + broken.length + nonProblem.length,
    lost: 0,
    duplicated: 0,
    recoveryMs: null,
    notes: `5xx ${fiveXX.length}, connection failures ${broken.length}, non-problem errors ${nonProblem.length}; ${opts.connections} keep-alive connections, ${reused} requests on a reused connection, ${closes} answered Connection: close; statuses ${[
      ...statuses,
    ]
      .sort((a, b) => a[0] - b[0])
      .map(([s, n]) => `${s}×${n}`)
      .join(' ')}`,
    violations,
  };
}
