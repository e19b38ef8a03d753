import { beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, uniq } from '../helpers/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});

describe('POST /api/v1/tenants (sign-up)', () => {
  it('creates the tenant and an owner who can sign in', async () => {
    const slug = uniq('acme');
    const res = await h.request('POST', '/api/v1/tenants', {
      body: { name: 'Acme', slug, ownerEmail: 'Boss@Example.com', ownerPassword: 'correct horse battery' },
    });
    expect(res.status).toBe(201);
    expect(res.body.tenant).toMatchObject({ name: 'Acme', slug, branding: { displayName: 'Acme' } });
    const me = await h.request('GET', '/api/v1/me', { token: res.body.token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ kind: 'user', role: 'owner', user: { email: 'boss@example.com' } });

    const login = await h.request('POST', '/api/v1/admin/login', {
      body: { email: 'boss@example.com', password: 'correct horse battery', tenant: slug },
    });
    expect(login.status).toBe(200);
    expect(login.body.email).toBe('boss@example.com');
  });

  it('stores the password only as an argon2id hash', async () => {
    const t = await h.signUp();
    const rows = await h.ownerOrm.em
      .fork()
      .execute<{ password_hash: string }[]>('select password_hash from users where id = ?', [t.ownerId]);
    expect(rows[0]?.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(rows[0]?.password_hash).not.toContain(t.ownerPassword);
  });

  it('refuses a taken slug with 409 slug_taken and stores nothing', async () => {
    const t = await h.signUp();
    const email = `${uniq('x')}@example.com`;
    const res = await h.request('POST', '/api/v1/tenants', {
      body: { name: 'Other', slug: t.slug, ownerEmail: email, ownerPassword: 'correct horse battery' },
    });
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.code).toBe('slug_taken');
    const users = await h.ownerOrm.em.fork().execute('select 1 from users where email = ?', [email]);
    expect(users).toHaveLength(0);
  });
});

describe('POST /api/v1/admin/login', () => {
  it('rejects a wrong password and an unknown email alike with 401', async () => {
    const t = await h.signUp();
    const wrong = await h.request('POST', '/api/v1/admin/login', {
      body: { email: t.ownerEmail, password: 'not the password' },
    });
    const unknown = await h.request('POST', '/api/v1/admin/login', {
      body: { email: `${uniq('nobody')}@example.com`, password: 'not the password' },
    });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ code: 'unauthorized', detail: 'Wrong email or password' });
    }
  });

  it('asks for a tenant when the email and password match users in two tenants', async () => {
    const email = `${uniq('shared')}@example.com`;
    const a = await h.signUp({ ownerEmail: email });
    const b = await h.signUp({ ownerEmail: email });
    const ambiguous = await h.request('POST', '/api/v1/admin/login', {
      body: { email, password: a.ownerPassword },
    });
    expect(ambiguous.status).toBe(409);
    expect(ambiguous.body.code).toBe('tenant_required');
    expect([...ambiguous.body.tenants].sort()).toEqual([a.slug, b.slug].sort());

    const picked = await h.request('POST', '/api/v1/admin/login', {
      body: { email, password: a.ownerPassword, tenant: b.slug },
    });
    expect(picked.status).toBe(200);
    const me = await h.request('GET', '/api/v1/me', { token: picked.body.token });
    expect(me.body.tenant.id).toBe(b.id);
  });
});

describe('rate limits', () => {
  it('limits login attempts per client and says when to retry', async () => {
    const limited = await createHarness({ AUTH_RATE_LIMIT: '3', AUTH_RATE_WINDOW_SECONDS: '60' });
    const t = await limited.signUp(); // sign-up has its own bucket
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await limited.request('POST', '/api/v1/admin/login', {
        body: { email: t.ownerEmail, password: t.ownerPassword },
      });
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.body.code).toBe('rate_limited');
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      }
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});
