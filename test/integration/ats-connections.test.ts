import { beforeAll, describe, expect, it } from 'vitest';
import { createKeyring, readCredentials } from '../../src/ats/index.ts';
import { connect, createPosition } from '../helpers/ats.ts';
import { basicAuth } from '../helpers/ats-stand-ins.ts';
import { createHarness, type Harness, type TestTenant } from '../helpers/harness.ts';
import { signedInMember } from '../helpers/members.ts';

/**
 * ATS connections: admin-only, one per ATS, credentials write-only and sealed with the server's
 * key (the database never holds them in clear), replaced on rotation, audited; the server's key
 * itself can be rotated (earlier keys still open what they sealed).
 */

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ CREDENTIALS_ENCRYPTION_KEY: 'the-current-credentials-key-0123456789' });
});

/** Every column of the tenant's ATS rows, as text: what a database dump would show. */
async function dump(t: TestTenant): Promise<string> {
  const rows = await h.ownerOrm.em
    .fork()
    .execute(
      'select c.*, (select json_agg(a) from ats_calls a where a.tenant_id = c.tenant_id) as calls from ats_connections c where c.tenant_id = ?',
      [t.id],
    );
  return JSON.stringify(rows);
}

describe('credentials at rest', () => {
  it('are never stored or returned in clear, and a replacement (rotation) takes effect', async () => {
    const t = await h.signUp();
    const apiKey = 'lever-secret-api-key-AAAA1111';
    const webhookToken = 'lever-webhook-token-BBBB2222';
    const created = await h.request('POST', '/api/v1/ats/connections', {
      token: t.token,
      body: {
        provider: 'lever',
        credentials: { apiKey, webhookToken },
        settings: { triggerStageId: 'stage-1' },
      },
    });
    expect(created.status, created.text).toBe(201);
    expect(created.text).not.toContain(apiKey);
    expect(created.text).not.toContain(webhookToken);
    expect(created.body.connection.credentials).toEqual([
      { field: 'apiKey', set: true, hint: '…1111' },
      { field: 'webhookToken', set: true, hint: '…2222' },
    ]);
    const id = created.body.connection.id;
    const stored = await dump(t);
    expect(stored).not.toContain(apiKey);
    expect(stored).not.toContain(webhookToken);
    expect(stored).toMatch(/"credentials":"v1\.[A-Za-z0-9_-]{8}\./);

    // the running server opens them (and only for this connection)
    const [row] = await h.ownerOrm.em.fork().execute('select * from ats_connections where id = ?', [id]);
    const { keyring } = h.services.ats;
    expect(readCredentials(keyring, row as never)).toMatchObject({
      value: { apiKey, webhookToken },
      unreadable: null,
    });
    expect(readCredentials(keyring, { ...(row as object), id: crypto.randomUUID() } as never)).toEqual({
      value: {},
      stale: false,
      unreadable: expect.stringContaining('integrity check failed'),
    });

    const list = await h.request('GET', '/api/v1/ats/connections', { token: t.token });
    expect(list.text).not.toContain(apiKey);
    const newKey = 'lever-rotated-api-key-CCCC3333';
    const patched = await h.request('PATCH', `/api/v1/ats/connections/${id}`, {
      token: t.token,
      body: { credentials: { apiKey: newKey } },
    });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body.credentials).toEqual([
      { field: 'apiKey', set: true, hint: '…3333' },
      { field: 'webhookToken', set: true, hint: '…2222' },
    ]);
    const [after] = await h.ownerOrm.em.fork().execute('select * from ats_connections where id = ?', [id]);
    expect(readCredentials(keyring, after as never).value).toEqual({ apiKey: newKey, webhookToken });
    expect(await dump(t)).not.toContain(newKey);

    const audit = await h.request('GET', '/api/v1/audit?limit=20', { token: t.token });
    const actions = audit.body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['ats.connected', 'ats.credentials_rotated']));
    expect(audit.text).not.toContain(newKey);
  });

  it('the inbound key is kept as a hash only (and sealed where the ATS wants it back)', async () => {
    const t = await h.signUp();
    const gh = await connect(h, t, { provider: 'greenhouse' });
    const ashby = await connect(h, t, { provider: 'ashby', credentials: { apiKey: 'ashby-key-DDDD4444' } });
    const stored = await dump(t);
    for (const key of [gh.inboundKey!, ashby.inboundKey!]) {
      expect(key).toMatch(/^atk_[A-Za-z0-9_-]{43}$/);
      expect(stored).not.toContain(key);
      expect(stored).not.toContain(key.slice(12));
    }
    expect(stored).not.toContain('ashby-key-DDDD4444');
    const view = await h.request('GET', `/api/v1/ats/connections/${gh.id}`, { token: t.token });
    expect(view.body.inboundKeyPrefix).toBe(gh.inboundKey!.slice(0, 12));
    expect(view.text).not.toContain(gh.inboundKey!);
  });
});

describe('the server key', () => {
  it('rotates: what an earlier key sealed still opens, and is re-sealed with the current key on use', () => {
    const old = createKeyring('an-old-credentials-key-0123456789abcdef');
    const sealed = old.encrypt({ apiKey: 'k1' }, 'ats:t:c');
    const rotated = createKeyring('a-new-credentials-key-0123456789abcdef', [
      'an-old-credentials-key-0123456789abcdef',
    ]);
    expect(rotated.decrypt(sealed, 'ats:t:c')).toEqual({ value: { apiKey: 'k1' }, stale: true });
    const resealed = rotated.encrypt({ apiKey: 'k1' }, 'ats:t:c');
    expect(rotated.decrypt(resealed, 'ats:t:c').stale).toBe(false);
    expect(() => createKeyring('a-new-credentials-key-0123456789abcdef').decrypt(sealed, 'ats:t:c')).toThrow(
      /a key this server lacks/,
    );
    const tampered = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}A`;
    expect(() => rotated.decrypt(tampered, 'ats:t:c')).toThrow(/integrity/);
  });
});

describe('credentials the server can no longer open', () => {
  it('(its key changed without the old one kept) are reported, not a 500, and can be entered again', async () => {
    const t = await h.signUp();
    const lever = await connect(h, t, {
      provider: 'lever',
      credentials: { apiKey: 'lever-key-EEEE5555', webhookToken: 'lever-token-FFFF6666' },
    });
    const lost = createKeyring('a-key-this-server-never-had-0123456789');
    await h.ownerOrm.em
      .fork()
      .execute('update ats_connections set credentials = ? where id = ?', [
        lost.encrypt({ apiKey: 'x', webhookToken: 'y' }, `ats:${t.id}:${lever.id}`),
        lever.id,
      ]);
    const test = await h.request('POST', `/api/v1/ats/connections/${lever.id}/test`, { token: t.token });
    expect(test.status).toBe(200);
    expect(test.body).toMatchObject({
      ok: false,
      error: expect.stringContaining('enter the credentials again'),
    });
    const hook = await h.request('POST', `/ats/lever/${lever.id}/webhook`, {
      body: { triggeredAt: Date.now(), event: 'candidateStageChange', token: 't', signature: 's', data: {} },
    });
    expect(hook.status).toBe(401);
    const again = await h.request('PATCH', `/api/v1/ats/connections/${lever.id}`, {
      token: t.token,
      body: { credentials: { apiKey: 'lever-key-GGGG7777' } },
    });
    expect(again.status, again.text).toBe(200);
    expect(again.body.credentials).toEqual([
      { field: 'apiKey', set: true, hint: '…7777' },
      { field: 'webhookToken', set: false, hint: null },
    ]);
  });
});

describe('the connections API', () => {
  it('is for admins and owners: a recruiter is refused, and nothing changes', async () => {
    const t = await h.signUp();
    const recruiter = await signedInMember(h, t, 'recruiter');
    const res = await h.request('POST', '/api/v1/ats/connections', {
      token: recruiter,
      body: { provider: 'greenhouse' },
    });
    expect(res.status).toBe(403);
    expect((await h.request('GET', '/api/v1/ats/connections', { token: recruiter })).status).toBe(403);
    const admin = await signedInMember(h, t, 'admin');
    expect(
      (await h.request('POST', '/api/v1/ats/connections', { token: admin, body: { provider: 'greenhouse' } }))
        .status,
    ).toBe(201);
  });

  it('one connection per ATS; a second is 409; credentials an ATS does not take are refused', async () => {
    const t = await h.signUp();
    await connect(h, t, { provider: 'greenhouse' });
    const again = await h.request('POST', '/api/v1/ats/connections', {
      token: t.token,
      body: { provider: 'greenhouse' },
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ats_connection_exists');
    const wrong = await h.request('POST', '/api/v1/ats/connections', {
      token: t.token,
      body: { provider: 'ashby', credentials: { webhookToken: 'not-for-ashby-123' } },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual([
      { path: '/body/credentials/webhookToken', message: 'Ashby takes no webhookToken' },
    ]);
    const list = await h.request('GET', '/api/v1/ats/connections', { token: t.token });
    expect(list.body.items.map((c: { provider: string }) => c.provider)).toEqual(['greenhouse']);
  });

  it("a mapping names only the tenant's own positions", async () => {
    const a = await h.signUp();
    const b = await h.signUp();
    const mine = await createPosition(h, b, 'Mine');
    const theirs = await createPosition(h, a, 'Theirs');
    const res = await h.request('POST', '/api/v1/ats/connections', {
      token: b.token,
      body: { provider: 'lever', settings: { positionMap: { p1: mine, p2: theirs } } },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: '/body/settings/positionMap/p2', message: 'no such position' }]);
    const ok = await h.request('POST', '/api/v1/ats/connections', {
      token: b.token,
      body: { provider: 'lever', settings: { positionMap: { p1: mine }, defaultPositionId: mine } },
    });
    expect(ok.status, ok.text).toBe(201);
    expect(ok.body.connection.settings).toEqual({
      sendInvitation: true,
      positionMap: { p1: mine },
      defaultPositionId: mine,
      triggerStageId: null,
    });
  });

  it('disconnecting deletes the credentials and the key stops working; a disabled connection refuses calls', async () => {
    const t = await h.signUp();
    const gh = await connect(h, t, { provider: 'greenhouse' });
    const auth = { authorization: basicAuth(gh.inboundKey!) };
    expect((await h.request('GET', '/ats/greenhouse/list_tests', { headers: auth })).status).toBe(200);
    await h.request('PATCH', `/api/v1/ats/connections/${gh.id}`, {
      token: t.token,
      body: { enabled: false },
    });
    expect((await h.request('GET', '/ats/greenhouse/list_tests', { headers: auth })).status).toBe(401);
    const deleted = await h.request('DELETE', `/api/v1/ats/connections/${gh.id}`, { token: t.token });
    expect(deleted.status).toBe(204);
    expect((await h.request('GET', '/ats/greenhouse/list_tests', { headers: auth })).status).toBe(401);
    expect(await dump(t)).toBe('[]');
    const audit = await h.request('GET', '/api/v1/audit?limit=20', { token: t.token });
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['ats.connected', 'ats.connection_changed', 'ats.disconnected']),
    );
  });

  it('test connection on Greenhouse says when Greenhouse last called', async () => {
    const t = await h.signUp();
    const gh = await connect(h, t, { provider: 'greenhouse' });
    const before = await h.request('POST', `/api/v1/ats/connections/${gh.id}/test`, { token: t.token });
    expect(before.body).toMatchObject({
      ok: true,
      status: null,
      detail: expect.stringContaining('has not called yet'),
    });
    await h.request('GET', '/ats/greenhouse/list_tests', {
      headers: { authorization: basicAuth(gh.inboundKey!) },
    });
    const after = await h.request('POST', `/api/v1/ats/connections/${gh.id}/test`, { token: t.token });
    expect(after.body.detail).toMatch(/its last call was at .* \(HTTP 200\)/);
    const lever = await connect(h, t, { provider: 'lever' });
    const missing = await h.request('POST', `/api/v1/ats/connections/${lever.id}/test`, { token: t.token });
    expect(missing.body).toMatchObject({ ok: false, error: 'Not set: apiKey, webhookToken' });
  });
});
