import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { emSql, withTenant } from '../../src/db/index.ts';
import { sweepStalledWork } from '../../src/interview/index.ts';
import {
  deliverWebhookJob,
  deliverWebhookJobId,
  emitWebhookEvent,
  enqueueDeliveries,
  handleWebhookDelivery,
  inFlightLeaseMs,
  type WebhookEventData,
  type WebhookEventType,
} from '../../src/webhooks/index.ts';
import { createHarness, type Harness, type TestTenant, uniq } from '../helpers/harness.ts';

/**
 * Outbound webhooks end to end: the routes, events recorded in a tenant transaction, and the
 * delivery job running on the harness's in-process job runner against local receivers on
 * 127.0.0.1 (the only host on the allow-list). Retries are 50 ms apart, so a delivery makes at
 * most 4 attempts.
 */

let h: Harness;
beforeAll(async () => {
  h = await createHarness({
    WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
    WEBHOOK_RETRY_SCHEDULE: '50ms,50ms,50ms',
    WEBHOOK_TIMEOUT_MS: '3000',
  });
});

// ---------------------------------------------------------------------------------------------
// A local receiver
// ---------------------------------------------------------------------------------------------

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Reply {
  status: number;
  body?: string;
  headers?: Record<string, string>;
}

interface Receiver {
  url: string;
  port: number;
  received: Received[];
  connections: number;
  /** what to answer to the n-th request (1-based) */
  reply: (n: number, req: Received) => Reply;
}

const servers: Server[] = [];
afterAll(async () => {
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

async function receiver(reply: Receiver['reply'] = () => ({ status: 200 })): Promise<Receiver> {
  const r: Receiver = { url: '', port: 0, received: [], connections: 0, reply };
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      body += c;
    });
    req.on('end', () => {
      const received = { path: req.url ?? '', headers: req.headers, body };
      r.received.push(received);
      const out = r.reply(r.received.length, received);
      res.writeHead(out.status, { 'content-type': 'text/plain', ...out.headers }).end(out.body ?? '');
    });
  });
  server.on('connection', () => {
    r.connections++;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  servers.push(server);
  r.port = (server.address() as AddressInfo).port;
  r.url = `http://127.0.0.1:${r.port}/hooks/ai-interviewer`;
  return r;
}

// ---------------------------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------------------------

const ref = (suffix = uniq('iv')) => ({
  interviewId: '0193a1b2-0000-7000-8000-000000000001',
  candidateId: '0193a1b2-0000-7000-8000-000000000002',
  candidateExternalId: `ats-cand-${suffix}`,
  ats: null,
  positionId: `ats-req-${suffix}`,
  position: null,
  roleId: 'backend-engineer',
});

const reportReady = (): WebhookEventData['report.ready'] => ({
  ...ref(),
  overallScore: 72,
  recommendation: 'hire',
  provisional: false,
  reportUrl: 'https://interviews.example.com/api/v1/report/0193a1b2-0000-7000-8000-000000000001',
});

/** Record an event in a tenant transaction, then enqueue its deliveries after the commit. */
async function emit<T extends WebhookEventType>(t: TestTenant, type: T, data: WebhookEventData[T]) {
  const ids = await withTenant(h.orm, t.id, (em) => emitWebhookEvent(emSql(em), t.id, type, data));
  await enqueueDeliveries(h.services.jobs, t.id, ids);
  return ids;
}

async function addEndpoint(
  t: TestTenant,
  body: Record<string, unknown>,
): Promise<{ id: string; secret: string; url: string }> {
  const res = await h.request('POST', '/api/v1/webhooks', { token: t.token, body });
  expect(res.status, res.text).toBe(201);
  return res.body;
}

/** An endpoint stored without the checks at saving (a row from before them): for delivery-time guards. */
async function legacyEndpoint(
  t: TestTenant,
  url: string,
  events: WebhookEventType[],
): Promise<{ id: string }> {
  const id = randomUUID();
  await withTenant(h.orm, t.id, (em) =>
    em.execute(
      `insert into webhook_endpoints (id, tenant_id, url, events, secret) values (?, ?, ?, ?::text[], ?)`,
      [id, t.id, url, `{${events.join(',')}}`, `whsec_${randomUUID().replaceAll('-', '')}`],
    ),
  );
  return { id };
}

const deliveryPath = (endpointId: string, deliveryId: string) =>
  `/api/v1/webhooks/${endpointId}/deliveries/${deliveryId}`;

/** Poll the delivery until `done` holds (or fail after a few seconds). */
async function waitForDelivery(
  t: TestTenant,
  endpointId: string,
  deliveryId: string,
  done: (d: { status: string; attempts: unknown[] }) => boolean = (d) => d.status !== 'pending',
  boundMs = 10_000,
) {
  const until = Date.now() + boundMs;
  for (;;) {
    const res = await h.request('GET', deliveryPath(endpointId, deliveryId), { token: t.token });
    expect(res.status, res.text).toBe(200);
    if (done(res.body)) return res.body;
    if (Date.now() > until) throw new Error(`delivery still not done: ${res.text}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Let any stray job run (a retry that should not exist would be 50 ms away). */
const settle = () => new Promise((r) => setTimeout(r, 300));

const owner = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
  h.ownerOrm.em.fork().execute<T[]>(sql, params);

async function addMember(t: TestTenant, role: string): Promise<string> {
  const email = `${uniq(role)}@example.com`;
  const password = 'correct horse battery';
  const created = await h.request('POST', '/api/v1/users', {
    token: t.token,
    body: { email, role, password },
  });
  expect(created.status, created.text).toBe(201);
  const login = await h.request('POST', '/api/v1/admin/login', { body: { email, password, tenant: t.slug } });
  expect(login.status, login.text).toBe(200);
  return login.body.token;
}

function expectProblem(
  res: { status: number; headers: Headers; body: { code?: string } },
  status: number,
  code: string,
) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  expect(res.body.code).toBe(code);
}

// ---------------------------------------------------------------------------------------------
// Endpoints
// ---------------------------------------------------------------------------------------------

describe('webhook endpoints', () => {
  it('shows the secret once, never in GET or the list; rotates it; updates and deletes', async () => {
    const t = await h.signUp();
    const created = await h.request('POST', '/api/v1/webhooks', {
      token: t.token,
      body: {
        url: 'https://ats.example.com/hooks',
        events: ['interview.completed', 'report.ready', 'report.ready'],
        description: 'Greenhouse',
      },
    });
    expect(created.status, created.text).toBe(201);
    const { id, secret } = created.body;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(32);
    expect(created.body).toMatchObject({
      url: 'https://ats.example.com/hooks',
      events: ['interview.completed', 'report.ready'],
      enabled: true,
      description: 'Greenhouse',
      disabledReason: null,
    });

    // stored as given (Standard Webhooks signs with it), returned never again
    const rows = await owner('select secret, tenant_id from webhook_endpoints where id = ?', [id]);
    expect(rows).toEqual([{ secret, tenant_id: t.id }]);
    const one = await h.request('GET', `/api/v1/webhooks/${id}`, { token: t.token });
    expect(one.status).toBe(200);
    expect(one.body).not.toHaveProperty('secret');
    expect(one.text).not.toContain(secret.slice(6));
    const list = await h.request('GET', '/api/v1/webhooks', { token: t.token });
    expect(list.body.items.map((e: { id: string }) => e.id)).toEqual([id]);
    expect(list.text).not.toContain(secret.slice(6));
    expect(list.text).not.toMatch(/whsec_/);

    const rotated = await h.request('POST', `/api/v1/webhooks/${id}/rotate-secret`, { token: t.token });
    expect(rotated.status, rotated.text).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(secret);
    expect(Date.parse(rotated.body.previousSecretExpiresAt) - Date.now()).toBeGreaterThan(23 * 3600 * 1000);
    const after = await h.request('GET', `/api/v1/webhooks/${id}`, { token: t.token });
    expect(after.text).not.toContain(rotated.body.secret.slice(6));
    expect(after.text).not.toContain(secret.slice(6));

    const patched = await h.request('PATCH', `/api/v1/webhooks/${id}`, {
      token: t.token,
      body: {
        events: ['score.overridden'],
        description: null,
        enabled: false,
        url: 'http://ats.example.com/v2',
      },
    });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body).toMatchObject({
      events: ['score.overridden'],
      description: null,
      enabled: false,
      url: 'http://ats.example.com/v2',
    });
    expect(patched.body).not.toHaveProperty('secret');

    expect((await h.request('DELETE', `/api/v1/webhooks/${id}`, { token: t.token })).status).toBe(204);
    expectProblem(await h.request('GET', `/api/v1/webhooks/${id}`, { token: t.token }), 404, 'not_found');
    expect(await owner('select id from webhook_endpoints where id = ?', [id])).toEqual([]);
  });

  it('admins and admin API keys manage webhooks; recruiters and viewers get 403', async () => {
    const t = await h.signUp();
    const ep = await addEndpoint(t, { url: 'https://ats.example.com/h', events: ['report.ready'] });
    const admin = await addMember(t, 'admin');
    const recruiter = await addMember(t, 'recruiter');
    const viewer = await addMember(t, 'viewer');
    const key = await h.request('POST', '/api/v1/api-keys', {
      token: t.token,
      body: { name: 'ats', role: 'admin' },
    });
    const recruiterKey = await h.request('POST', '/api/v1/api-keys', { token: t.token, body: { name: 'r' } });

    expect((await h.request('GET', '/api/v1/webhooks', { token: admin })).status).toBe(200);
    expect((await h.request('GET', `/api/v1/webhooks/${ep.id}`, { token: key.body.key })).status).toBe(200);
    const byKey = await h.request('POST', '/api/v1/webhooks', {
      token: key.body.key,
      body: { url: 'https://ats.example.com/k', events: ['interview.started'] },
    });
    expect(byKey.status).toBe(201);

    const deliveryId = `msg_${'0193a1b2-0000-7000-8000-000000000009'}`;
    const routes: [string, string, unknown?][] = [
      ['GET', '/api/v1/webhooks'],
      ['POST', '/api/v1/webhooks', { url: 'https://ats.example.com/x', events: ['report.ready'] }],
      ['GET', `/api/v1/webhooks/${ep.id}`],
      ['PATCH', `/api/v1/webhooks/${ep.id}`, { enabled: false }],
      ['DELETE', `/api/v1/webhooks/${ep.id}`],
      ['POST', `/api/v1/webhooks/${ep.id}/rotate-secret`],
      ['GET', `/api/v1/webhooks/${ep.id}/deliveries`],
      ['GET', deliveryPath(ep.id, deliveryId)],
      ['POST', `${deliveryPath(ep.id, deliveryId)}/retry`],
    ];
    for (const token of [recruiter, viewer, recruiterKey.body.key]) {
      for (const [method, path, body] of routes) {
        const res = await h.request(method, path, body === undefined ? { token } : { token, body });
        expectProblem(res, 403, 'forbidden');
      }
    }
    const rows = await owner<{ n: number }>(
      'select count(*)::int as n from webhook_endpoints where tenant_id = ?',
      [t.id],
    );
    expect(rows[0]!.n).toBe(2);
    const still = await owner('select enabled, secret from webhook_endpoints where id = ?', [ep.id]);
    expect(still).toEqual([{ enabled: true, secret: ep.secret }]);
  });

  it("another tenant's endpoint and deliveries are a 404, exactly like missing ones", async () => {
    const a = await h.signUp();
    const b = await h.signUp();
    const r = await receiver();
    const ep = await addEndpoint(a, { url: r.url, events: ['report.ready'] });
    const [deliveryId] = await emit(a, 'report.ready', reportReady());
    await waitForDelivery(a, ep.id, deliveryId!);
    const before = await owner('select * from webhook_endpoints where id = ?', [ep.id]);

    const missing = '0193a1b2-0000-7000-8000-00000000dead';
    const missingDelivery = 'msg_0193a1b2-0000-7000-8000-00000000dead';
    const cases: [string, (id: string, d: string) => string, unknown?][] = [
      ['GET', (id) => `/api/v1/webhooks/${id}`],
      ['PATCH', (id) => `/api/v1/webhooks/${id}`, { enabled: false }],
      ['POST', (id) => `/api/v1/webhooks/${id}/rotate-secret`],
      ['GET', (id) => `/api/v1/webhooks/${id}/deliveries`],
      ['GET', (id, d) => deliveryPath(id, d)],
      ['POST', (id, d) => `${deliveryPath(id, d)}/retry`],
      ['DELETE', (id) => `/api/v1/webhooks/${id}`],
    ];
    for (const [method, path, body] of cases) {
      const send = (p: string) =>
        h.request(method, p, body === undefined ? { token: b.token } : { token: b.token, body });
      const theirs = await send(path(ep.id, deliveryId!));
      const none = await send(path(missing, missingDelivery));
      expectProblem(theirs, 404, 'not_found');
      expect(theirs.body.detail).toBe(none.body.detail);
    }
    // a delivery id under the wrong endpoint of the right tenant is a 404 too
    const other = await addEndpoint(a, { url: r.url, events: ['interview.started'] });
    expectProblem(
      await h.request('GET', deliveryPath(other.id, deliveryId!), { token: a.token }),
      404,
      'not_found',
    );

    expect((await h.request('GET', '/api/v1/webhooks', { token: b.token })).body.items).toEqual([]);
    expect(await owner('select * from webhook_endpoints where id = ?', [ep.id])).toEqual(before);
    // B's events never reach A's endpoint, whatever it subscribes to
    expect(await emit(b, 'report.ready', reportReady())).toEqual([]);
    await settle();
    expect(r.received).toHaveLength(1);
    // and the database wall holds without the ORM filter: B's transaction sees none of A's rows
    const seen = await withTenant(h.orm, b.id, (em) =>
      em.execute(
        'select count(*)::int as n from webhook_deliveries union all select count(*)::int from webhook_endpoints',
      ),
    );
    expect(seen).toEqual([{ n: 0 }, { n: 0 }]);
  });

  it('refuses bad input with 400 problem+json and stores nothing', async () => {
    const t = await h.signUp();
    const bad: [string, unknown, string][] = [
      ['invalid URL', { url: 'not a url', events: ['report.ready'] }, '/body/url'],
      ['relative URL', { url: '/hooks', events: ['report.ready'] }, '/body/url'],
      ['ftp URL', { url: 'ftp://ats.example.com/x', events: ['report.ready'] }, '/body/url'],
      ['javascript URL', { url: 'javascript:alert(1)', events: ['report.ready'] }, '/body/url'],
      [
        'unknown event',
        { url: 'https://ats.example.com/h', events: ['interview.exploded'] },
        '/body/events/0',
      ],
      ['empty events', { url: 'https://ats.example.com/h', events: [] }, '/body/events'],
      ['events not an array', { url: 'https://ats.example.com/h', events: 'report.ready' }, '/body/events'],
      ['missing events', { url: 'https://ats.example.com/h' }, '/body/events'],
      ['missing url', { events: ['report.ready'] }, '/body/url'],
      [
        'unknown key',
        { url: 'https://ats.example.com/h', events: ['report.ready'], secret: 'whsec_x' },
        '/body/secret',
      ],
      [
        'unknown key',
        { url: 'https://ats.example.com/h', events: ['report.ready'], tenantId: t.id },
        '/body/tenantId',
      ],
    ];
    for (const [label, body, path] of bad) {
      const res = await h.request('POST', '/api/v1/webhooks', { token: t.token, body });
      expectProblem(res, 400, 'validation_failed');
      expect(
        res.body.errors.map((e: { path: string }) => e.path),
        label,
      ).toContain(path);
    }
    const ep = await addEndpoint(t, { url: 'https://ats.example.com/h', events: ['report.ready'] });
    const before = await owner('select * from webhook_endpoints where id = ?', [ep.id]);
    for (const body of [
      {},
      { url: 'nope' },
      { events: [] },
      { events: ['nope'] },
      { enabled: 'yes' },
      { secret: 'whsec_mine' },
    ]) {
      const res = await h.request('PATCH', `/api/v1/webhooks/${ep.id}`, { token: t.token, body });
      expectProblem(res, 400, 'validation_failed');
    }
    expectProblem(
      await h.request('GET', deliveryPath(ep.id, 'not-a-delivery'), { token: t.token }),
      400,
      'validation_failed',
    );
    expectProblem(
      await h.request('GET', `/api/v1/webhooks/${ep.id}/deliveries?status=lost`, { token: t.token }),
      400,
      'validation_failed',
    );
    expectProblem(
      await h.request(
        'GET',
        `/api/v1/webhooks/${ep.id}/deliveries?cursor=${Buffer.from('x').toString('base64url')}`,
        {
          token: t.token,
        },
      ),
      400,
      'validation_failed',
    );
    expect(await owner('select * from webhook_endpoints where tenant_id = ?', [t.id])).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------
// Delivery
// ---------------------------------------------------------------------------------------------

describe('webhook delivery', () => {
  it('retries 500s on the schedule: one success, 4 attempts, the same webhook-id, all signatures valid', async () => {
    const t = await h.signUp();
    const r = await receiver((n) =>
      n <= 3 ? { status: 500, body: `boom ${n}` } : { status: 200, body: 'thanks' },
    );
    const ep = await addEndpoint(t, { url: r.url, events: ['report.ready', 'interview.completed'] });
    const data = reportReady();
    const ids = await emit(t, 'report.ready', data);
    expect(ids).toHaveLength(1);
    expect(ids[0]).toMatch(/^msg_[0-9a-f-]{36}$/);

    const d = await waitForDelivery(t, ep.id, ids[0]!);
    expect(d).toMatchObject({ id: ids[0], status: 'succeeded', attemptCount: 4, nextAttemptAt: null });
    expect(d.attempts.map((a: { responseStatus: number }) => a.responseStatus)).toEqual([500, 500, 500, 200]);
    expect(d.attempts.map((a: { attempt: number }) => a.attempt)).toEqual([1, 2, 3, 4]);
    expect(d.attempts[0].responseBodyExcerpt).toBe('boom 1');
    expect(d.attempts[3]).toMatchObject({ responseBodyExcerpt: 'thanks', error: null });
    await settle();
    expect(r.received).toHaveLength(4); // exactly one success, nothing after it

    const wh = new Webhook(ep.secret);
    const ids4 = new Set(r.received.map((x) => x.headers['webhook-id']));
    expect([...ids4]).toEqual([ids[0]]);
    for (const req of r.received) {
      expect(req.path).toBe('/hooks/ai-interviewer');
      expect(req.headers['content-type']).toBe('application/json');
      expect(req.headers['user-agent']).toMatch(/^AI-Interviewer-Webhooks\//);
      expect(Math.abs(Number(req.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(30);
      expect(req.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
      const payload = wh.verify(req.body, req.headers as Record<string, string>);
      expect(payload).toMatchObject({ type: 'report.ready', data });
    }
    // the body is the same bytes on every attempt, in Standard Webhooks key order
    expect(new Set(r.received.map((x) => x.body)).size).toBe(1);
    expect(Object.keys(JSON.parse(r.received[0]!.body))).toEqual(['type', 'timestamp', 'data']);
    expect(Date.parse(JSON.parse(r.received[0]!.body).timestamp)).not.toBeNaN();

    const rows = await owner<{ n: number }>(
      'select count(*)::int as n from webhook_attempts where delivery_id = ?',
      [ids[0]],
    );
    expect(rows[0]!.n).toBe(4);
  });

  it('sends only to enabled endpoints subscribed to the event', async () => {
    const t = await h.signUp();
    const r = await receiver();
    const subscribed = await addEndpoint(t, { url: r.url, events: ['interview.started'] });
    await addEndpoint(t, { url: r.url, events: ['interview.completed'] });
    await addEndpoint(t, { url: r.url, events: ['interview.started'], enabled: false });
    const ids = await emit(t, 'interview.started', { ...ref(), startedAt: new Date().toISOString() });
    expect(ids).toHaveLength(1);
    await waitForDelivery(t, subscribed.id, ids[0]!);
    await settle();
    expect(r.received).toHaveLength(1);
    expect(JSON.parse(r.received[0]!.body).type).toBe('interview.started');
  });

  it('an event rolled back with its transaction is never sent', async () => {
    const t = await h.signUp();
    const r = await receiver();
    await addEndpoint(t, { url: r.url, events: ['report.ready'] });
    await expect(
      withTenant(h.orm, t.id, async (em) => {
        await emitWebhookEvent(emSql(em), t.id, 'report.ready', reportReady());
        throw new Error('the caller failed');
      }),
    ).rejects.toThrow('the caller failed');
    expect(await owner('select id from webhook_deliveries where tenant_id = ?', [t.id])).toEqual([]);
  });

  it('signs with the new and the previous secret after a rotation', async () => {
    const t = await h.signUp();
    const r = await receiver();
    const ep = await addEndpoint(t, { url: r.url, events: ['score.overridden'] });
    const rotated = await h.request('POST', `/api/v1/webhooks/${ep.id}/rotate-secret`, { token: t.token });
    const [id] = await emit(t, 'score.overridden', {
      ...ref(),
      overrideId: '0193a1b2-0000-7000-8000-0000000000aa',
      competency: 'system-design',
      originalScore: 61,
      score: 80,
      recommendation: 'hire',
    });
    await waitForDelivery(t, ep.id, id!);
    const req = r.received[0]!;
    const headers = req.headers as Record<string, string>;
    expect(headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(new Webhook(rotated.body.secret).verify(req.body, headers)).toMatchObject({
      type: 'score.overridden',
    });
    expect(new Webhook(ep.secret).verify(req.body, headers)).toMatchObject({ type: 'score.overridden' });
  });

  it('never follows a redirect: a 302 is a failed attempt and its target is never hit', async () => {
    const t = await h.signUp();
    const target = await receiver();
    const r = await receiver(() => ({ status: 302, headers: { location: target.url } }));
    const ep = await addEndpoint(t, { url: r.url, events: ['interview.completed'] });
    const [id] = await emit(t, 'interview.completed', {
      ...ref(),
      status: 'completed',
      endedAt: new Date().toISOString(),
    });
    const d = await waitForDelivery(t, ep.id, id!);
    expect(d.status).toBe('failed');
    expect(d.attempts).toHaveLength(4);
    for (const a of d.attempts) {
      expect(a).toMatchObject({ responseStatus: 302, error: 'redirect (302) not followed' });
    }
    await settle();
    expect(r.received).toHaveLength(4);
    expect(target.received).toHaveLength(0);
    expect(target.connections).toBe(0);
  });

  it('410 Gone disables the endpoint at once; later events create no deliveries for it', async () => {
    const t = await h.signUp();
    const gone = await receiver(() => ({ status: 410, body: 'unsubscribed' }));
    const alive = await receiver();
    const ep = await addEndpoint(t, { url: gone.url, events: ['report.ready'] });
    const other = await addEndpoint(t, { url: alive.url, events: ['report.ready'] });
    const [first] = await emit(t, 'report.ready', reportReady());
    const d = await waitForDelivery(t, ep.id, first!);
    expect(d).toMatchObject({ status: 'failed', attemptCount: 1 });
    expect(d.attempts[0]).toMatchObject({ responseStatus: 410, responseBodyExcerpt: 'unsubscribed' });

    const after = await h.request('GET', `/api/v1/webhooks/${ep.id}`, { token: t.token });
    expect(after.body.enabled).toBe(false);
    expect(after.body.disabledReason).toMatch(/410 Gone/);

    const later = await emit(t, 'report.ready', reportReady());
    expect(later).toHaveLength(1); // only the other endpoint's
    const list = await h.request('GET', `/api/v1/webhooks/${ep.id}/deliveries`, { token: t.token });
    expect(list.body.items.map((x: { id: string }) => x.id)).toEqual([first]);
    await waitForDelivery(t, other.id, later[0]!);
    await settle();
    expect(gone.received).toHaveLength(1);
    expect(alive.received).toHaveLength(2);

    // a retry of a disabled endpoint's delivery is refused until it is enabled again
    expectProblem(
      await h.request('POST', `${deliveryPath(ep.id, first!)}/retry`, { token: t.token }),
      409,
      'webhook_endpoint_disabled',
    );
    const enabled = await h.request('PATCH', `/api/v1/webhooks/${ep.id}`, {
      token: t.token,
      body: { enabled: true },
    });
    expect(enabled.body).toMatchObject({ enabled: true, disabledReason: null });
  });

  it('the retry route re-delivers a failed delivery now, with the same webhook-id', async () => {
    const t = await h.signUp();
    let healthy = false;
    const r = await receiver(() => (healthy ? { status: 204 } : { status: 503 }));
    const ep = await addEndpoint(t, { url: r.url, events: ['interview.scheduled'] });
    const [id] = await emit(t, 'interview.scheduled', {
      ...ref(),
      interviewId: null,
      scheduleId: randomUUID(),
      candidateEmail: 'ada@example.com',
      scheduledAt: new Date().toISOString(),
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    const failed = await waitForDelivery(t, ep.id, id!);
    expect(failed).toMatchObject({ status: 'failed', attemptCount: 4 });
    await settle();
    expect(r.received).toHaveLength(4);

    healthy = true;
    const retried = await h.request('POST', `${deliveryPath(ep.id, id!)}/retry`, { token: t.token });
    expect(retried.status, retried.text).toBe(202);
    expect(retried.body).toMatchObject({ id, status: 'pending' });
    const done = await waitForDelivery(t, ep.id, id!);
    expect(done).toMatchObject({ status: 'succeeded', attemptCount: 5 });
    expect(done.attempts.map((a: { responseStatus: number }) => a.responseStatus)).toEqual([
      503, 503, 503, 503, 204,
    ]);
    await settle();
    expect(r.received).toHaveLength(5);
    expect(new Set(r.received.map((x) => x.headers['webhook-id']))).toEqual(new Set([id]));
    const wh = new Webhook(ep.secret);
    for (const req of r.received) wh.verify(req.body, req.headers as Record<string, string>);
  });

  /**
   * The "dead" worker: it claims the delivery's attempt, then its request never ends (the process
   * is gone). `answerLate` lets the test end that request anyway, long after.
   */
  async function claimAndHang(t: TestTenant, id: string) {
    let answerLate: ((status: number) => void) | undefined;
    const settings = h.services.config.webhooks;
    const lost = handleWebhookDelivery(
      {
        orm: h.orm,
        jobs: h.services.jobs,
        settings,
        transport: () =>
          new Promise((resolve) => {
            answerLate = (status) => resolve({ status, bodyExcerpt: '' });
          }),
      },
      { tenantId: t.id, deliveryId: id },
    );
    await vi.waitFor(() => expect(answerLate).toBeDefined());
    const [claimed] = await owner<{ attempts: number; status: string; due_in_ms: number }>(
      `select attempts, status, extract(epoch from next_attempt_at - now()) * 1000 as due_in_ms
         from webhook_deliveries where id = ?`,
      [id],
    );
    // the claim is a lease: due again once the request could no longer be running
    expect(claimed).toMatchObject({ attempts: 1, status: 'pending' });
    expect(Number(claimed!.due_in_ms)).toBeGreaterThan(settings.timeoutMs);
    expect(Number(claimed!.due_in_ms)).toBeLessThanOrEqual(inFlightLeaseMs(settings));
    return { lost, answerLate: (status: number) => answerLate!(status) };
  }

  /** An event recorded without its job: these tests run the attempts themselves. */
  const recordOnly = async (t: TestTenant) => {
    const [id] = await withTenant(h.orm, t.id, (em) =>
      emitWebhookEvent(emSql(em), t.id, 'report.ready', reportReady()),
    );
    return id!;
  };

  it('an attempt whose worker died is retried when its lease ends by the job run again, never overruled by the late one', async () => {
    const t = await h.signUp();
    const r = await receiver(() => ({ status: 200 }));
    const ep = await addEndpoint(t, { url: r.url, events: ['report.ready'] });
    const id = await recordOnly(t);
    const dead = await claimAndHang(t, id);

    // BullMQ runs a job whose worker died again: while the lease holds it sends nothing, and plans
    // the next attempt for the lease's end
    await h.services.jobs.enqueue(
      deliverWebhookJob,
      { tenantId: t.id, deliveryId: id },
      { jobId: deliverWebhookJobId(id, 1, 'run-again') },
    );
    await settle();
    expect(r.received).toHaveLength(0);
    const done = await waitForDelivery(t, ep.id, id, undefined, 20_000);
    expect(done).toMatchObject({ status: 'succeeded', attemptCount: 2 });
    expect(r.received.map((x) => x.headers['webhook-id'])).toEqual([id]);

    // the first attempt ends late with a failure: recorded, but it neither reopens the delivery nor plans a retry
    dead.answerLate(500);
    await dead.lost;
    await settle();
    const after = await waitForDelivery(t, ep.id, id, (d) => d.attempts.length === 2);
    expect(after).toMatchObject({ status: 'succeeded', nextAttemptAt: null });
    expect(r.received).toHaveLength(1);
  });

  it('an attempt lost with its job too (Redis flushed) is re-sent by the sweeper once its lease has ended', async () => {
    const t = await h.signUp();
    const r = await receiver(() => ({ status: 200 }));
    const ep = await addEndpoint(t, { url: r.url, events: ['report.ready'] });
    const id = await recordOnly(t);
    const dead = await claimAndHang(t, id);

    await sweepStalledWork(h.orm, h.services.jobs); // the lease holds: left alone
    await settle();
    expect(r.received).toHaveLength(0);
    await owner(
      `update webhook_deliveries set next_attempt_at = now() - interval '61 seconds' where id = ?`,
      [id],
    );
    expect(await sweepStalledWork(h.orm, h.services.jobs)).toBeGreaterThanOrEqual(1);
    expect(await waitForDelivery(t, ep.id, id)).toMatchObject({ status: 'succeeded', attemptCount: 2 });
    expect(r.received.map((x) => x.headers['webhook-id'])).toEqual([id]);
    dead.answerLate(200);
    await dead.lost;
  });

  it('refuses a URL that can never be delivered when it is saved (422), unless allow-listed', async () => {
    const t = await h.signUp();
    const refused = [
      'http://localhost:8080/hook',
      'http://api.localhost/hook',
      'http://[::1]/hook',
      'http://[::ffff:127.0.0.1]/hook',
      'http://0.0.0.0/hook',
      'http://127.0.0.2/hook',
      'http://10.1.2.3/hook',
      'http://192.168.0.10/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://metadata.google.internal/computeMetadata/v1/',
      'http://167772161/hook', // 10.0.0.1 as a number
    ];
    for (const url of refused) {
      const res = await h.request('POST', '/api/v1/webhooks', {
        token: t.token,
        body: { url, events: ['report.ready'] },
      });
      expect(res.status, url).toBe(422);
      expect(res.body.code).toBe('webhook_url_refused');
      expect(res.body.errors[0].path).toBe('/body/url');
    }
    const ok = await addEndpoint(t, { url: 'https://ats.example.com/hook', events: ['report.ready'] });
    const moved = await h.request('PATCH', `/api/v1/webhooks/${ok.id}`, {
      token: t.token,
      body: { url: 'http://10.0.0.5/hook' },
    });
    expect(moved.status).toBe(422);
    expect((await h.request('GET', `/api/v1/webhooks/${ok.id}`, { token: t.token })).body.url).toBe(
      'https://ats.example.com/hook',
    );
    // the allow-listed 127.0.0.1 is accepted
    expect(
      (await addEndpoint(t, { url: 'http://127.0.0.1:9/hook', events: ['report.ready'] })).id,
    ).toBeTruthy();
    const rows = await withTenant(h.orm, t.id, (em) =>
      em.execute<{ n: string }[]>('select count(*) n from webhook_endpoints'),
    );
    expect(Number(rows[0]!.n)).toBe(2);
  });

  it('refuses an SSRF target at delivery time: one failed attempt, no retry, no connection', async () => {
    const t = await h.signUp();
    const listener = await receiver();
    const urls = [
      `http://localhost:${listener.port}/hook`,
      `http://[::ffff:127.0.0.1]:${listener.port}/hook`,
      `http://0.0.0.0:${listener.port}/hook`,
      `http://127.0.0.2:${listener.port}/hook`,
    ];
    for (const url of urls) {
      // saved before the check at saving existed (or a name that resolves there later)
      const ep = await legacyEndpoint(t, url, ['report.ready']);
      const [id] = await emit(t, 'report.ready', reportReady());
      const d = await waitForDelivery(t, ep.id, id!);
      expect(d, url).toMatchObject({ status: 'failed', attemptCount: 1 });
      expect(d.attempts[0].responseStatus, url).toBeNull();
      expect(d.attempts[0].error, url).toMatch(/^ssrf_blocked: /);
      await h.request('DELETE', `/api/v1/webhooks/${ep.id}`, { token: t.token });
    }
    await settle();
    expect(listener.connections).toBe(0);
    expect(listener.received).toHaveLength(0);

    // the allow-listed 127.0.0.1 on the same listener is reached
    const allowed = await addEndpoint(t, {
      url: `http://127.0.0.1:${listener.port}/hook`,
      events: ['report.ready'],
    });
    const [id] = await emit(t, 'report.ready', reportReady());
    expect((await waitForDelivery(t, allowed.id, id!)).status).toBe('succeeded');
    expect(listener.received).toHaveLength(1);
  });

  it('lists deliveries newest first with a cursor and a status filter; deleting the endpoint stops its jobs', async () => {
    const t = await h.signUp();
    const r = await receiver((_, req) => (req.body.includes('fail-me') ? { status: 400 } : { status: 200 }));
    const ep = await addEndpoint(t, { url: r.url, events: ['interview.started'] });
    const ids: string[] = [];
    for (const positionId of ['ok-1', 'fail-me', 'ok-3']) {
      const [id] = await emit(t, 'interview.started', {
        ...ref(),
        positionId,
        startedAt: new Date().toISOString(),
      });
      ids.push(id!);
    }
    for (const id of ids) await waitForDelivery(t, ep.id, id);
    const page1 = await h.request('GET', `/api/v1/webhooks/${ep.id}/deliveries?limit=2`, { token: t.token });
    expect(page1.status, page1.text).toBe(200);
    expect(page1.body.items.map((d: { id: string }) => d.id)).toEqual([ids[2], ids[1]]);
    expect(page1.body.items[1]).toMatchObject({
      endpointId: ep.id,
      eventType: 'interview.started',
      status: 'failed',
      attemptCount: 4,
      payload: { type: 'interview.started', data: { positionId: 'fail-me' } },
    });
    expect(page1.body.items[1]).not.toHaveProperty('attempts');
    const page2 = await h.request(
      'GET',
      `/api/v1/webhooks/${ep.id}/deliveries?limit=2&cursor=${page1.body.nextCursor}`,
      { token: t.token },
    );
    expect(page2.body).toEqual({ items: [expect.objectContaining({ id: ids[0] })], nextCursor: null });
    const byStatus = async (status: string) =>
      (
        await h.request('GET', `/api/v1/webhooks/${ep.id}/deliveries?status=${status}`, { token: t.token })
      ).body.items.map((d: { id: string }) => d.id);
    expect(await byStatus('succeeded')).toEqual([ids[2], ids[0]]);
    expect(await byStatus('failed')).toEqual([ids[1]]);
    expect(await byStatus('pending')).toEqual([]);

    // an event recorded but not yet sent when its endpoint is deleted: the job finds nothing to do
    const late = await withTenant(h.orm, t.id, (em) =>
      emitWebhookEvent(emSql(em), t.id, 'interview.started', {
        ...ref(),
        startedAt: new Date().toISOString(),
      }),
    );
    expect((await h.request('DELETE', `/api/v1/webhooks/${ep.id}`, { token: t.token })).status).toBe(204);
    await enqueueDeliveries(h.services.jobs, t.id, late);
    await settle();
    expect(r.received).toHaveLength(6);
    expect(await owner('select id from webhook_deliveries where endpoint_id = ?', [ep.id])).toEqual([]);
    expect(await owner('select id from webhook_attempts where delivery_id in (?)', [ids])).toEqual([]);
  });
});
