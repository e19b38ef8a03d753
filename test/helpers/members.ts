import { expect } from 'vitest';
import { type Harness, type TestTenant, uniq } from './harness.ts';

export const MEMBER_PASSWORD = 'correct horse battery';

/** A new member of the tenant with `role`, signed in: their access token. */
export async function signedInMember(
  h: Harness,
  t: TestTenant,
  role: string,
  loginHeaders: Record<string, string> = {},
): Promise<string> {
  const email = `${uniq(role)}@example.com`;
  const res = await h.request('POST', '/api/v1/users', {
    token: t.token,
    body: { email, role, password: MEMBER_PASSWORD },
  });
  expect(res.status, res.text).toBe(201);
  const login = await h.request('POST', '/api/v1/admin/login', {
    body: { email, password: MEMBER_PASSWORD, tenant: t.slug },
    headers: loginHeaders,
  });
  expect(login.status, login.text).toBe(200);
  return login.body.token;
}
