import { beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../src/db/index.ts';
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
});
