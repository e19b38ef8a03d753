import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { beforeAll, it } from 'vitest';
import { createHarness, type Harness, TEST_JWT_SECRET } from '../helpers/harness.ts';
let h: Harness;
beforeAll(async () => { h = await createHarness(); });
const key = new TextEncoder().encode(TEST_JWT_SECRET);
const sign = (claims: Record<string, unknown>) => new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuer('ai-interviewer').setAudience('ai-interviewer-api').setIssuedAt().setExpirationTime('5m').sign(key);
it('probe', async () => {
  const t = await h.signUp();
  for (const [label, claims] of [
    ['tid garbage', { sub: t.ownerId, tid: 'garbage' }],
    ['sub garbage', { sub: 'garbage', tid: t.id }],
    ['tid random', { sub: t.ownerId, tid: randomUUID() }],
    ['tid number', { sub: t.ownerId, tid: 5 }],
    ['tid empty', { sub: t.ownerId, tid: '' }],
  ] as const) {
    const r = await h.request('GET', '/api/v1/me', { token: await sign(claims as any) });
    console.log(label, r.status, r.text.slice(0, 200));
  }
  for (const p of ['/api/v1/users/00000000-0000-0000-0000-000000000000', `/api/v1/users/${randomUUID().toUpperCase()}`, '/api/v1/users/%00', `/api/v1/api-keys/${randomUUID()}'%20OR%201=1--`]) {
    const r = await h.request('DELETE', p, { token: t.token });
    console.log(p, r.status, r.text.slice(0, 250));
  }
  const big = JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 10) });
  const r = await h.request('POST', '/api/v1/api-keys', { token: t.token, raw: big, headers: { 'content-type': 'application/json' } });
  console.log('big', r.status, r.text.slice(0, 200));
  const stream = new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode(big)); c.close(); } });
  const res = await h.app.request('/api/v1/api-keys', { method: 'POST', headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, body: stream, duplex: 'half' } as RequestInit);
  console.log('stream', res.status, (await res.text()).slice(0, 200));
  const r2 = await h.request('POST', '/api/v1/tenants', { raw: big, headers: { 'content-type': 'application/json' } });
  console.log('big signup', r2.status, r2.text.slice(0, 200));
  const r3 = await h.request('POST', '/api/v1/admin/login', { raw: 'x', headers: { 'content-type': 'text/plain' } });
  console.log('login text', r3.status, r3.text.slice(0, 200));
  const r4 = await h.request('PATCH', '/api/v1/tenant/branding', { token: t.token, raw: '{}', headers: { 'content-type': 'application/json; charset=utf-8' } });
  console.log('charset', r4.status, r4.text.slice(0, 200));
  const r5 = await h.request('PATCH', `/api/v1/users/${t.ownerId}`, { token: t.token, body: {} });
  console.log('empty patch', r5.status, r5.text.slice(0, 300));
  const r6 = await h.request('POST', '/api/v1/users', { token: t.token, raw: '{"email":"a@example.com","role":"viewer","password":"correct horse","email":"b@example.com"}', headers: { 'content-type': 'application/json' } });
  console.log('dup keys', r6.status, r6.text.slice(0, 300));
});
