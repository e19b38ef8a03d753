import { beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, type TestTenant, uniq } from '../helpers/harness.ts';
import { signedInMember } from '../helpers/members.ts';

/**
 * What an admin may not do to the owner's things, and sign-in limited per account as well as per
 * address. A harness with a low auth limit (3 per window) behind a trusted proxy, so each request
 * can come from an address of its own (X-Forwarded-For), as from a botnet.
 */

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ AUTH_RATE_LIMIT: '3', AUTH_RATE_WINDOW_SECONDS: '60', TRUST_PROXY: 'true' });
});

const member = (t: TestTenant, role: string) => signedInMember(h, t, role, { 'x-forwarded-for': uniq('ip') });

describe('an admin and the owner’s API keys', () => {
  it('an admin cannot revoke an owner-role key (403, the key keeps working); an owner can', async () => {
    const t = await h.signUp();
    const admin = await member(t, 'admin');
    const ownerKey = await h.request('POST', '/api/v1/api-keys', {
      token: t.token,
      body: { name: 'owner ci', role: 'owner' },
    });
    const adminKey = await h.request('POST', '/api/v1/api-keys', {
      token: t.token,
      body: { name: 'ats', role: 'admin' },
    });
    const denied = await h.request('DELETE', `/api/v1/api-keys/${ownerKey.body.id}`, { token: admin });
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe('forbidden');
    expect((await h.request('GET', '/api/v1/me', { token: ownerKey.body.key })).status).toBe(200);
    // an admin still manages the keys of its own level
    expect((await h.request('DELETE', `/api/v1/api-keys/${adminKey.body.id}`, { token: admin })).status).toBe(
      204,
    );
    expect(
      (await h.request('DELETE', `/api/v1/api-keys/${ownerKey.body.id}`, { token: t.token })).status,
    ).toBe(204);
    expect((await h.request('GET', '/api/v1/me', { token: ownerKey.body.key })).status).toBe(401);
  });
});

describe('sign-in limited per account', () => {
  it('failed attempts on one account from many addresses are limited; another account is not', async () => {
    const t = await h.signUp();
    const other = await h.signUp();
    // every attempt from another address: the limit per address never applies
    const attempt = (email: string, password: string) =>
      h.request('POST', '/api/v1/admin/login', {
        body: { email, password },
        headers: { 'x-forwarded-for': `203.0.113.${Math.floor(Math.random() * 250) + 1}, ${uniq('p')}` },
      });
    const results: number[] = [];
    for (let i = 0; i < 3; i++) results.push((await attempt(t.ownerEmail, `wrong ${i}`)).status);
    expect(results).toEqual([401, 401, 401]);
    // the right password is refused now: the account has had its failed attempts for this window
    const locked = await attempt(t.ownerEmail, t.ownerPassword);
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('rate_limited');
    expect(locked.body.detail).toMatch(/account/);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    // a successful sign-in of another account is not affected by them
    expect((await attempt(other.ownerEmail, other.ownerPassword)).status).not.toBe(429);
  });
});
