import { beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, uniq } from '../helpers/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});

const newUser = (role: string) => ({
  email: `${uniq(role)}@example.com`,
  role,
  password: 'a long enough password',
});

describe('users', () => {
  it('adds a member who can then sign in with their role', async () => {
    const t = await h.signUp();
    const input = newUser('recruiter');
    const created = await h.request('POST', '/api/v1/users', { token: t.token, body: input });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: input.email, role: 'recruiter' });
    expect(created.body).not.toHaveProperty('passwordHash');

    const login = await h.request('POST', '/api/v1/admin/login', {
      body: { email: input.email, password: input.password },
    });
    expect(login.status).toBe(200);
    const me = await h.request('GET', '/api/v1/me', { token: login.body.token });
    expect(me.body).toMatchObject({ role: 'recruiter', tenant: { id: t.id } });
  });

  it('refuses a duplicate email in the same tenant with 409 email_taken', async () => {
    const t = await h.signUp();
    const input = newUser('admin');
    expect((await h.request('POST', '/api/v1/users', { token: t.token, body: input })).status).toBe(201);
    const dup = await h.request('POST', '/api/v1/users', {
      token: t.token,
      body: { ...input, email: input.email.toUpperCase() },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('email_taken');
  });

  it('pages through members with a cursor, each exactly once', async () => {
    const t = await h.signUp();
    for (let i = 0; i < 4; i++) {
      await h.request('POST', '/api/v1/users', { token: t.token, body: newUser('viewer') });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const qs: string = cursor ? `limit=2&cursor=${cursor}` : 'limit=2';
      const page = await h.request('GET', `/api/v1/users?${qs}`, { token: t.token });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((u: { id: string }) => u.id));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
  });

  it('changes a role and a password; the old password stops working', async () => {
    const t = await h.signUp();
    const input = newUser('viewer');
    const { body: user } = await h.request('POST', '/api/v1/users', { token: t.token, body: input });
    const patched = await h.request('PATCH', `/api/v1/users/${user.id}`, {
      token: t.token,
      body: { role: 'admin', password: 'a brand new password' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.role).toBe('admin');
    const old = await h.request('POST', '/api/v1/admin/login', {
      body: { email: input.email, password: input.password },
    });
    expect(old.status).toBe(401);
    const fresh = await h.request('POST', '/api/v1/admin/login', {
      body: { email: input.email, password: 'a brand new password' },
    });
    expect(fresh.status).toBe(200);
  });

  it('removes a member; their token stops working at once', async () => {
    const t = await h.signUp();
    const input = newUser('recruiter');
    const { body: user } = await h.request('POST', '/api/v1/users', { token: t.token, body: input });
    const login = await h.request('POST', '/api/v1/admin/login', {
      body: { email: input.email, password: input.password },
    });
    expect((await h.request('DELETE', `/api/v1/users/${user.id}`, { token: t.token })).status).toBe(204);
    const me = await h.request('GET', '/api/v1/me', { token: login.body.token });
    expect(me.status).toBe(401);
    expect((await h.request('DELETE', `/api/v1/users/${user.id}`, { token: t.token })).status).toBe(404);
  });

  it('keeps at least one owner: the last owner cannot be demoted or removed', async () => {
    const t = await h.signUp();
    const demote = await h.request('PATCH', `/api/v1/users/${t.ownerId}`, {
      token: t.token,
      body: { role: 'admin' },
    });
    expect(demote.status).toBe(409);
    expect(demote.body.code).toBe('last_owner');
    const remove = await h.request('DELETE', `/api/v1/users/${t.ownerId}`, { token: t.token });
    expect(remove.status).toBe(409);

    const second = await h.request('POST', '/api/v1/users', { token: t.token, body: newUser('owner') });
    expect(second.status).toBe(201);
    const nowOk = await h.request('PATCH', `/api/v1/users/${t.ownerId}`, {
      token: t.token,
      body: { role: 'admin' },
    });
    expect(nowOk.status).toBe(200);
  });
});
