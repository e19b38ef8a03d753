import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import { createOrm, deriveAppUrl, migrate, type Orm } from '../../src/db/index.ts';
import { createApp, createServices, type Services } from '../../src/http/index.ts';
import { createLogger } from '../../src/observability/index.ts';
import { syncBundledPlugins } from '../../src/plugins/index.ts';
import { TEST_JWT_SECRET } from '../helpers/harness.ts';

/**
 * Managed PostgreSQL (RDS, Cloud SQL) gives no superuser: the owner that migrates is an ordinary
 * role, bound by FORCE ROW LEVEL SECURITY like everyone. Sign-in, API keys and join links must
 * still work (their security-definer lookups run as that owner).
 */
const ADMIN_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const suffix = randomBytes(4).toString('hex');
const ownerRole = `aii_owner_${suffix}`;
const database = `aii_ns_${suffix}`;
let admin: Orm | undefined;
let orm: Orm | undefined;
let services: Services | undefined;

afterAll(async () => {
  await services?.close();
  await orm?.close(true);
  await admin?.em.fork().execute(`drop database if exists ${database} with (force)`);
  await admin?.em.fork().execute(`drop role if exists ${ownerRole}`);
  await admin?.close(true);
});

describe('an owner that is not a superuser', () => {
  it('migrates, and sign-in, API keys and join links work', async () => {
    admin = await createOrm(ADMIN_URL, { poolMax: 1 });
    await admin.em.fork().execute(`create role ${ownerRole} login nosuperuser nobypassrls createrole`);
    await admin.em.fork().execute(`create database ${database} owner ${ownerRole}`);
    const ownerUrl = new URL(ADMIN_URL);
    ownerUrl.username = ownerRole;
    ownerUrl.pathname = `/${database}`;
    const appUrl = deriveAppUrl(ownerUrl.toString(), undefined);
    await migrate(ownerUrl.toString(), appUrl);

    orm = await createOrm(appUrl, { poolMax: 3 });
    await syncBundledPlugins(orm);
    const config = loadConfig({ LOG_LEVEL: 'silent', JWT_SECRET: TEST_JWT_SECRET, AUTH_RATE_LIMIT: '1000' });
    services = await createServices({
      config,
      orm,
      logger: createLogger('silent'),
      jwtSecret: TEST_JWT_SECRET,
    });
    const app = createApp(services);
    const call = async (method: string, path: string, body?: unknown, token?: string) => {
      const res = await app.request(path, {
        method,
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      // biome-ignore lint/suspicious/noExplicitAny: inspected loosely
      return { status: res.status, body: (await res.json()) as any };
    };

    const signUp = await call('POST', '/api/v1/tenants', {
      name: 'Managed Co',
      slug: `managed-${suffix}`,
      ownerEmail: 'owner@managed.example',
      ownerPassword: 'correct horse battery',
    });
    expect(signUp.status).toBe(201);
    const login = await call('POST', '/api/v1/admin/login', {
      email: 'owner@managed.example',
      password: 'correct horse battery',
    });
    expect(login.status).toBe(200);
    const key = await call('POST', '/api/v1/api-keys', { name: 'ats' }, login.body.token);
    expect((await call('GET', '/api/v1/me', undefined, key.body.key)).status).toBe(200);
    const scheduled = await call(
      'POST',
      '/api/v1/admin/schedule',
      {
        candidateEmail: 'c@managed.example',
        role: 'backend-engineer',
        scheduledAt: new Date(Date.now() + 60_000).toISOString(),
      },
      login.body.token,
    );
    const token = (scheduled.body.joinUrl as string).split('/join/')[1];
    expect((await call('GET', `/api/v1/public/join/${token}`)).status).toBe(200);
  });
});
