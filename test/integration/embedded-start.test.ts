import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, type Started, startProcess } from '../helpers/processes.ts';

/**
 * The embedded default end to end: `npm start` with no database configured starts a real
 * PostgreSQL under a scratch data dir, migrates, seeds the demo tenant and prints a login that
 * works; a second start reuses the same data.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
let dataDir: string;
const running: Started[] = [];

afterAll(async () => {
  await Promise.all(running.map((p) => p.stop()));
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function startProduct(port: number, pgPort: number) {
  // Only what a person's shell has, plus a scratch data dir, free ports and debug logs: no
  // DATABASE_URL etc.
  const env = {
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? '/root',
    DATA_DIR: dataDir,
    PORT: String(port),
    EMBEDDED_PG_PORT: String(pgPort),
    LOG_LEVEL: 'debug', // a hung shutdown then says which step it is in
  };
  const proc = startProcess('npm', ['start', '--silent'], env, ROOT);
  running.push(proc);
  const [, email, password] = await proc.waitFor(/Demo login: email (\S+)\s+password (\S+)/, 90_000);
  const [, joinToken] = await proc.waitFor(
    /Candidate join link \(Backend Engineer\): \S+\/join\/(\S+)/,
    10_000,
  );
  return { proc, email: email!, password: password!, joinToken: joinToken! };
}

async function loginAndFetchTenant(port: number, email: string, password: string) {
  const base = `http://127.0.0.1:${port}`;
  const ready = await fetch(`${base}/readyz`);
  expect(ready.status).toBe(200);
  const login = await fetch(`${base}/api/v1/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  expect(login.status).toBe(200);
  const { token } = (await login.json()) as { token: string };
  const me = await fetch(`${base}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await me.json()) as { tenant: { id: string; slug: string } };
  return body.tenant;
}

describe('npm start (embedded default)', () => {
  it('starts on embedded PostgreSQL, prints a working demo login, and reuses its data', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'aii-embedded-'));
    await chmod(dataDir, 0o755); // as root, PostgreSQL runs as the postgres user and must reach it
    const [port, pgPort] = [await freePort(), await freePort()];

    const first = await startProduct(port, pgPort);
    expect(first.proc.output()).toContain(`http://localhost:${port}/docs`);
    const tenant = await loginAndFetchTenant(port, first.email, first.password);
    expect(tenant.slug).toBe('demo');
    const join = await fetch(`http://127.0.0.1:${port}/api/v1/public/join/${first.joinToken}`);
    expect(join.status).toBe(200);
    expect(((await join.json()) as { role: { title: string } }).role.title).toBe('Backend Engineer');
    await first.proc.stop();
    // graceful: HTTP, pool and PostgreSQL closed (the debug log names each step, should one hang)
    await first.proc.waitFor(/"msg":"stopped"/, 60_000);

    const second = await startProduct(port, pgPort);
    expect(second.proc.output()).not.toContain('initialising embedded PostgreSQL');
    expect(second.password).toBe(first.password);
    expect(second.joinToken).toBe(first.joinToken); // still unused: the same link
    const again = await loginAndFetchTenant(port, second.email, second.password);
    expect(again.id).toBe(tenant.id);
    await second.proc.stop();
    await second.proc.waitFor(/"msg":"stopped"/, 60_000);
  }, 240_000);
});
