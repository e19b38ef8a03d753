import { beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});

describe('API keys', () => {
  it('shows the key once, stores only its hash, and authenticates with it', async () => {
    const t = await h.signUp();
    const created = await h.request('POST', '/api/v1/api-keys', {
      token: t.token,
      body: { name: 'ATS', role: 'recruiter' },
    });
    expect(created.status).toBe(201);
    const { key, id, prefix } = created.body;
    expect(key).toMatch(/^aik_[A-Za-z0-9_-]{43}$/); // 256 random bits
    expect(key.startsWith(prefix)).toBe(true);

    const rows = await h.ownerOrm.em
      .fork()
      .execute<Record<string, unknown>[]>('select * from api_keys where id = ?', [id]);
    expect(JSON.stringify(rows)).not.toContain(key);
    expect(rows[0]?.['key_hash']).toMatch(/^[0-9a-f]{64}$/);

    const list = await h.request('GET', '/api/v1/api-keys', { token: t.token });
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).not.toHaveProperty('key');

    const me = await h.request('GET', '/api/v1/me', { token: key });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ kind: 'api_key', role: 'recruiter', apiKeyId: id, tenant: { id: t.id } });
  });

  it('a revoked key is refused with 401', async () => {
    const t = await h.signUp();
    const { body } = await h.request('POST', '/api/v1/api-keys', { token: t.token, body: { name: 'temp' } });
    expect((await h.request('GET', '/api/v1/me', { token: body.key })).status).toBe(200);
    expect((await h.request('DELETE', `/api/v1/api-keys/${body.id}`, { token: t.token })).status).toBe(204);
    const after = await h.request('GET', '/api/v1/me', { token: body.key });
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('unauthorized');
  });

  it('a key cannot carry a higher role than its creator', async () => {
    const t = await h.signUp();
    const { body: adminKey } = await h.request('POST', '/api/v1/api-keys', {
      token: t.token,
      body: { name: 'admin key', role: 'admin' },
    });
    const escalate = await h.request('POST', '/api/v1/api-keys', {
      token: adminKey.key,
      body: { name: 'x', role: 'owner' },
    });
    expect(escalate.status).toBe(403);
    expect(escalate.body.code).toBe('forbidden');
  });
});
