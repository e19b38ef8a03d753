import { randomUUID } from 'node:crypto';
import { type JWTPayload, SignJWT, UnsecuredJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createHarness,
  type Harness,
  TEST_JWT_SECRET,
  type TestResponse,
  type TestTenant,
  uniq,
} from '../helpers/harness.ts';

/**
 * Forged and tampered JWTs against GET /api/v1/me. Every token below differs from the control
 * token in exactly one respect, so a 200 for any of them means verification was broken open.
 */

const ISSUER = 'ai-interviewer';
const AUDIENCE = 'ai-interviewer-api';
const RIGHT_KEY = new TextEncoder().encode(TEST_JWT_SECRET);
const OTHER_KEY = new TextEncoder().encode('another-secret-that-is-also-long-enough-9876543210');

let h: Harness;
let t: TestTenant;

beforeAll(async () => {
  h = await createHarness();
  t = await h.signUp();
});

interface Forge {
  /** claims to set (undefined removes a default claim) */
  claims?: Record<string, unknown>;
  alg?: string;
  key?: Uint8Array;
}

const now = () => Math.floor(Date.now() / 1000);

/** The control token's claims: exactly what the API issues. */
function defaultClaims(): Record<string, unknown> {
  return { sub: t.ownerId, tid: t.id, iss: ISSUER, aud: AUDIENCE, iat: now(), exp: now() + 300 };
}

function payload(overrides: Record<string, unknown> = {}): JWTPayload {
  const merged: Record<string, unknown> = { ...defaultClaims(), ...overrides };
  for (const [k, v] of Object.entries(merged)) if (v === undefined) delete merged[k];
  return merged as JWTPayload;
}

function forge({ claims = {}, alg = 'HS256', key = RIGHT_KEY }: Forge = {}): Promise<string> {
  return new SignJWT(payload(claims)).setProtectedHeader({ alg, typ: 'JWT' }).sign(key);
}

const me = (token: string) => h.request('GET', '/api/v1/me', { token });

function expectUnauthorized(res: TestResponse): void {
  expect(res.status, res.text).toBe(401);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  expect(res.body).toMatchObject({ status: 401, code: 'unauthorized' });
  expect(typeof res.body.requestId).toBe('string');
}

describe('GET /api/v1/me with forged JWTs', () => {
  it('control: a correctly signed token is accepted (so the 401s below are meaningful)', async () => {
    const res = await me(await forge());
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      kind: 'user',
      role: 'owner',
      user: { id: t.ownerId, email: t.ownerEmail },
      tenant: { id: t.id, slug: t.slug },
    });
  });

  const forged: [string, () => Promise<string>][] = [
    ['alg none (UnsecuredJWT)', async () => new UnsecuredJWT(payload()).encode()],
    [
      'alg none with the header hand-written as "None"',
      async () => {
        const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
        return `${enc({ alg: 'None', typ: 'JWT' })}.${enc(payload())}.`;
      },
    ],
    ['HS256 signed with another key', () => forge({ key: OTHER_KEY })],
    ['HS512 signed with the right secret (algorithm must be pinned)', () => forge({ alg: 'HS512' })],
    ['HS384 signed with the right secret', () => forge({ alg: 'HS384' })],
    ['wrong audience', () => forge({ claims: { aud: 'some-other-api' } })],
    ['audience missing', () => forge({ claims: { aud: undefined } })],
    ['wrong issuer', () => forge({ claims: { iss: 'evil-issuer' } })],
    ['issuer missing', () => forge({ claims: { iss: undefined } })],
    ['expired (exp in the past)', () => forge({ claims: { iat: now() - 3600, exp: now() - 120 } })],
    ['missing exp', () => forge({ claims: { exp: undefined } })],
    ['missing iat', () => forge({ claims: { iat: undefined } })],
    ['not yet valid (nbf in the future)', () => forge({ claims: { nbf: now() + 3600 } })],
    ['missing sub', () => forge({ claims: { sub: undefined } })],
    ['missing tid', () => forge({ claims: { tid: undefined } })],
    ['tid is a number', () => forge({ claims: { tid: 42 } })],
    ['sub of a user that does not exist', () => forge({ claims: { sub: randomUUID() } })],
    ['tid of a tenant that does not exist', () => forge({ claims: { tid: randomUUID() } })],
    ['sub is not a UUID (correctly signed)', () => forge({ claims: { sub: 'not-a-uuid' } })],
    ['tid is not a UUID (correctly signed)', () => forge({ claims: { tid: 'not-a-uuid' } })],
    ['tid is an empty string (correctly signed)', () => forge({ claims: { tid: '' } })],
    [
      'payload tampered (sub swapped) keeping the original signature',
      async () => {
        const [header, , signature] = (await forge()).split('.');
        const body = Buffer.from(JSON.stringify(payload({ sub: randomUUID() }))).toString('base64url');
        return `${header}.${body}.${signature}`;
      },
    ],
    [
      'signature stripped',
      async () => {
        const [header, body] = (await forge()).split('.');
        return `${header}.${body}.`;
      },
    ],
    ['not a JWT at all', async () => 'garbage'],
  ];

  for (const [name, make] of forged) {
    it(`refuses ${name} with 401 unauthorized`, async () => {
      expectUnauthorized(await me(await make()));
    });
  }

  it("refuses a tid of another tenant with a sub of this tenant's user (user not found under RLS)", async () => {
    const other = await h.signUp();
    // Both tenants exist and both ids are real; only the pairing is wrong.
    expectUnauthorized(await me(await forge({ claims: { sub: t.ownerId, tid: other.id } })));
    expectUnauthorized(await me(await forge({ claims: { sub: other.ownerId, tid: t.id } })));
    // each pairing on its own is fine
    expect((await me(await forge({ claims: { sub: other.ownerId, tid: other.id } }))).status).toBe(200);
  });

  it('refuses the token of a deleted user', async () => {
    const owner = await h.signUp();
    const email = `${uniq('gone')}@example.com`;
    const password = 'correct horse battery';
    const created = await h.request('POST', '/api/v1/users', {
      token: owner.token,
      body: { email, role: 'admin', password },
    });
    expect(created.status, created.text).toBe(201);
    const login = await h.request('POST', '/api/v1/admin/login', { body: { email, password } });
    expect(login.status, login.text).toBe(200);
    const token: string = login.body.token;
    expect((await me(token)).status).toBe(200);

    const removed = await h.request('DELETE', `/api/v1/users/${created.body.id}`, { token: owner.token });
    expect(removed.status, removed.text).toBe(204);

    // the token is still validly signed and unexpired, but its user is gone
    expectUnauthorized(await me(token));
    // and a freshly forged token for that user id is refused just the same
    expectUnauthorized(await me(await forge({ claims: { sub: created.body.id, tid: owner.id } })));
  });
});
