import { randomBytes } from 'node:crypto';
import { afterAll, inject } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import { createOrm, createRedis, type Orm } from '../../src/db/index.ts';
import { type App, createApp, createServices, type Services } from '../../src/http/index.ts';
import { createLogger } from '../../src/observability/index.ts';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-0123456789';

export interface Harness {
  app: App;
  orm: Orm;
  services: Services;
  /** a raw owner connection (superuser in tests): only for assertions about the database */
  ownerOrm: Orm;
  request: (method: string, path: string, opts?: RequestOptions) => Promise<TestResponse>;
  signUp: (overrides?: Partial<SignUpBody>) => Promise<TestTenant>;
}

export interface RequestOptions {
  token?: string | undefined;
  body?: unknown;
  /** raw body string, sent as is */
  raw?: string;
  headers?: Record<string, string>;
}

export interface TestResponse {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: test responses are inspected loosely
  body: any;
  text: string;
}

interface SignUpBody {
  name: string;
  slug: string;
  ownerEmail: string;
  ownerPassword: string;
}

export interface TestTenant {
  id: string;
  slug: string;
  token: string;
  ownerEmail: string;
  ownerPassword: string;
  ownerId: string;
}

export const uniq = (prefix = 't') => `${prefix}-${randomBytes(5).toString('hex')}`;

/** The machine's Redis for tests that run the production adapters. */
export const TEST_REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/**
 * One app per test file over the run's database, exactly as the API process builds it.
 * `env` overrides configuration (e.g. a low rate limit; REDIS_URL for the Redis adapters).
 */
export async function createHarness(env: Record<string, string> = {}): Promise<Harness> {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    AUTH_RATE_LIMIT: '100000',
    JWT_SECRET: TEST_JWT_SECRET,
    ...env,
  });
  const orm = await createOrm(inject('appUrl'), { poolMax: 5 });
  const ownerOrm = await createOrm(inject('ownerUrl'), { poolMax: 2 });
  const redis = config.redisUrl ? createRedis(config.redisUrl) : undefined;
  // The API and, with Redis, a BullMQ worker too: both run in the test process.
  const services = await createServices({
    config,
    orm,
    logger: createLogger('silent'),
    jwtSecret: TEST_JWT_SECRET,
    redis,
    role: 'api+worker',
  });
  const app = createApp(services);
  afterAll(async () => {
    await services.close();
    await orm.close(true);
    await ownerOrm.close(true);
    await redis?.quit();
  });

  const request: Harness['request'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers['authorization'] = `Bearer ${opts.token}`;
    let body: string | undefined;
    if (opts.raw !== undefined) body = opts.raw;
    else if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    if (body !== undefined) headers['content-length'] ??= String(Buffer.byteLength(body));
    const res = await app.request(path, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {}
    return { status: res.status, headers: res.headers, body: parsed, text };
  };

  const signUp: Harness['signUp'] = async (overrides = {}) => {
    const input = {
      name: 'Acme Test',
      slug: uniq('acme'),
      ownerEmail: `${uniq('owner')}@example.com`,
      ownerPassword: 'correct horse battery',
      ...overrides,
    };
    const res = await request('POST', '/api/v1/tenants', { body: input });
    if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${res.text}`);
    const me = await request('GET', '/api/v1/me', { token: res.body.token });
    return {
      id: res.body.tenant.id,
      slug: input.slug,
      token: res.body.token,
      ownerEmail: input.ownerEmail,
      ownerPassword: input.ownerPassword,
      ownerId: me.body.user.id,
    };
  };

  return { app, orm, ownerOrm, services, request, signUp };
}
