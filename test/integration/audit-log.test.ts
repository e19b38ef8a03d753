import { beforeAll, describe, expect, it } from 'vitest';
import { uuidv7, withTenant } from '../../src/db/index.ts';
import { createHarness, type Harness, type TestTenant, uniq } from '../helpers/harness.ts';
import { runInterview, startInterview } from '../helpers/interview.ts';

/**
 * The audit log: an entry for every listed action, with who, what, when, the request id and the
 * address; append-only for the app role; readable by admins of the tenant only.
 */

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});

const BANK = 'ai-interviewer.backend-engineer';

async function log(t: TestTenant, query = '') {
  const res = await h.request('GET', `/api/v1/audit${query}`, { token: t.token });
  expect(res.status, res.text).toBe(200);
  return res.body.items as {
    action: string;
    target: string | null;
    actor: { kind: string; label: string };
    data: Record<string, unknown>;
    requestId: string | null;
  }[];
}

describe('the audit log', () => {
  it('records every listed action with its actor, target and request id', async () => {
    const t = await h.signUp();
    const req = (method: string, path: string, body?: unknown) =>
      h.request(method, path, { token: t.token, body, headers: { 'x-request-id': `audit-${uniq()}` } });

    const user = await req('POST', '/api/v1/users', {
      email: `${uniq('u')}@example.com`,
      role: 'viewer',
      password: 'correct horse battery',
    });
    await req('PATCH', `/api/v1/users/${user.body.id}`, { role: 'recruiter' });
    await req('DELETE', `/api/v1/users/${user.body.id}`);
    const key = await req('POST', '/api/v1/api-keys', { name: 'ats', role: 'recruiter' });
    await req('DELETE', `/api/v1/api-keys/${key.body.id}`);
    const hook = await req('POST', '/api/v1/webhooks', {
      url: 'https://ats.example.com/in',
      events: ['report.ready'],
    });
    await req('PATCH', `/api/v1/webhooks/${hook.body.id}`, { enabled: false });
    await req('DELETE', `/api/v1/webhooks/${hook.body.id}`);
    const installed = await h.request('GET', `/api/v1/tenant/plugins`, { token: t.token });
    const version = installed.body.items.find((i: { pluginId: string }) => i.pluginId === BANK).version;
    await req('PATCH', `/api/v1/tenant/plugins/${BANK}`, { version });
    await req('DELETE', `/api/v1/tenant/plugins/${BANK}`);
    await req('POST', '/api/v1/tenant/plugins', { pluginId: BANK });
    const interview = await startInterview(h, t, { length: 5 });
    await runInterview(h, t, interview.interviewId, () => 'I would add an index and measure again.');
    await req('GET', `/api/v1/report/${interview.interviewId}`);
    await req('POST', `/api/v1/report/${interview.interviewId}/overrides`, {
      score: 70,
      reason: 'panel review',
    });
    const position = await req('POST', '/api/v1/positions', {
      title: 'Backend',
      description: '',
      design: { banks: [{ pluginId: BANK }] },
    });

    const entries = await log(t, '?limit=100');
    const actions = entries.map((e) => e.action).reverse();
    expect(actions).toEqual([
      'user.invited',
      'user.role_changed',
      'user.removed',
      'api_key.created',
      'api_key.revoked',
      'webhook.created',
      'webhook.changed',
      'webhook.deleted',
      'plugin.pinned',
      'plugin.uninstalled',
      'plugin.installed',
      'report.viewed',
      'score.overridden',
      'position.created',
    ]);
    for (const e of entries) {
      expect(e.actor).toMatchObject({ kind: 'user', label: t.ownerEmail });
      expect(e.requestId).toMatch(/^audit-/);
    }
    expect(entries.find((e) => e.action === 'score.overridden')).toMatchObject({
      target: interview.interviewId,
      data: { to: 70 },
    });
    expect(entries.find((e) => e.action === 'position.created')?.target).toBe(position.body.id);
    // filters and a cursor
    expect((await log(t, '?action=plugin.installed')).map((e) => e.action)).toEqual(['plugin.installed']);
    const page = await h.request('GET', '/api/v1/audit?limit=5', { token: t.token });
    const next = await h.request('GET', `/api/v1/audit?limit=5&cursor=${page.body.nextCursor}`, {
      token: t.token,
    });
    expect(next.body.items[0].id < page.body.items[4].id).toBe(true);
  });

  it('a failed change leaves no entry', async () => {
    const t = await h.signUp();
    const refused = await h.request('POST', '/api/v1/webhooks', {
      token: t.token,
      body: { url: 'http://10.0.0.1/hook', events: ['report.ready'] },
    });
    expect(refused.status).toBe(422);
    expect(await log(t)).toEqual([]);
  });

  it('is append-only for the app role, and each tenant reads only its own', async () => {
    const a = await h.signUp();
    const b = await h.signUp();
    await h.request('POST', '/api/v1/api-keys', { token: a.token, body: { name: 'a-key', role: 'viewer' } });
    for (const statement of [
      'update audit_events set action = ?',
      'delete from audit_events where action <> ?',
    ]) {
      await expect(withTenant(h.orm, a.id, (em) => em.execute(statement, ['tampered']))).rejects.toThrow(
        /permission denied/,
      );
    }
    expect((await log(a)).map((e) => e.action)).toEqual(['api_key.created']);
    expect(await log(b)).toEqual([]);
    const viewer = await h.request('POST', '/api/v1/users', {
      token: a.token,
      body: { email: `${uniq('v')}@example.com`, role: 'viewer', password: 'correct horse battery' },
    });
    const login = await h.request('POST', '/api/v1/admin/login', {
      body: { email: viewer.body.email, password: 'correct horse battery', tenant: a.slug },
    });
    expect((await h.request('GET', '/api/v1/audit', { token: login.body.token })).status).toBe(403);
    const bad = await h.request('GET', '/api/v1/audit?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z', {
      token: a.token,
    });
    expect(bad.status).toBe(400);
  });

  it('names an API key actor by its name and prefix', async () => {
    const t = await h.signUp();
    const admin = await h.request('POST', '/api/v1/api-keys', {
      token: t.token,
      body: { name: 'ats sync', role: 'admin' },
    });
    await h.request('POST', '/api/v1/api-keys', {
      token: admin.body.key,
      body: { name: 'other', role: 'viewer' },
    });
    const [byKey] = await log(t, `?actorId=${admin.body.id}`);
    expect(byKey).toMatchObject({
      action: 'api_key.created',
      actor: { kind: 'api_key', id: admin.body.id, label: `API key ats sync (${admin.body.prefix}…)` },
    });
  });

  it('counts entries per day and action in the time zone asked for, with the list’s filters', async () => {
    const t = await h.signUp();
    const other = await h.signUp();
    const at = async (iso: string, action: string) =>
      withTenant(h.orm, t.id, (em) =>
        em.execute(
          `insert into audit_events (id, tenant_id, actor, actor_kind, action, created_at) values (?, ?, 'system', 'system', ?, ?)`,
          [uuidv7(), t.id, action, iso],
        ),
      );
    await at('2026-03-01T23:30:00Z', 'report.viewed'); // already 2 March in Paris
    await at('2026-03-02T10:00:00Z', 'report.viewed');
    await at('2026-03-02T11:00:00Z', 'api_key.created');
    await at('2026-03-05T12:00:00Z', 'api_key.created'); // after the window
    const perDay = async (query: string, token = t.token) => {
      const res = await h.request(
        'GET',
        `/api/v1/audit/per-day?from=2026-03-01T00:00:00Z&to=2026-03-05T00:00:00Z${query}`,
        { token },
      );
      return res;
    };
    const utc = await perDay('');
    expect(utc.status, utc.text).toBe(200);
    expect(utc.body).toEqual({
      timeZone: 'UTC',
      items: [
        { day: '2026-03-01', action: 'report.viewed', count: 1 },
        { day: '2026-03-02', action: 'api_key.created', count: 1 },
        { day: '2026-03-02', action: 'report.viewed', count: 1 },
      ],
    });
    expect((await perDay('&timeZone=Europe/Paris')).body.items).toEqual([
      { day: '2026-03-02', action: 'api_key.created', count: 1 },
      { day: '2026-03-02', action: 'report.viewed', count: 2 },
    ]);
    expect((await perDay('&action=api_key.created')).body.items).toEqual([
      { day: '2026-03-02', action: 'api_key.created', count: 1 },
    ]);
    expect((await perDay('', other.token)).body.items).toEqual([]);
    for (const tz of ['Mars/Olympus', '+01:00', "UTC'; select 1"]) {
      const bad = await perDay(`&timeZone=${encodeURIComponent(tz)}`);
      expect(bad.status, tz).toBe(400);
    }
    const backwards = await h.request(
      'GET',
      '/api/v1/audit/per-day?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z',
      { token: t.token },
    );
    expect(backwards.status).toBe(400);
    const viewer = await h.request('POST', '/api/v1/users', {
      token: t.token,
      body: { email: `${uniq('v')}@example.com`, role: 'viewer', password: 'correct horse battery' },
    });
    const login = await h.request('POST', '/api/v1/admin/login', {
      body: { email: viewer.body.email, password: 'correct horse battery', tenant: t.slug },
    });
    expect((await perDay('', login.body.token)).status).toBe(403);
  });
});
