import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_JWT_SECRET, uniq } from '../helpers/harness.ts';
import { freePort, type Started, startProcess } from '../helpers/processes.ts';

/**
 * The partner workflow against a real running server: `plugin init`, `plugin validate`,
 * `plugin publish` from the CLI, then a tenant installs the plugin over HTTP.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
let server: Started;
let base: string;
let workDir: string;

const cli = (...args: string[]) =>
  run('node', [path.join(ROOT, 'apps/cli/bin.js'), ...args], { cwd: ROOT }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );

async function api(method: string, url: string, body?: unknown, token?: string) {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected loosely
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'aii-cli-'));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = startProcess(
    'node',
    ['--import', 'tsx', 'apps/api/main.ts'],
    {
      PATH: process.env['PATH'] ?? '',
      DATABASE_URL: inject('ownerUrl'),
      JWT_SECRET: TEST_JWT_SECRET,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      DATA_DIR: workDir,
    },
    ROOT,
  );
  await server.waitFor(/AI Interviewer is running/, 60_000);
});

afterAll(async () => {
  await server?.stop();
  await rm(workDir, { recursive: true, force: true });
});

// Each test spawns CLI processes (the last also runs three argon2 sign-ups): 4–11 s alone, and
// once over 30 s on a CI machine busy with the other files.
describe('ai-interviewer plugin (CLI)', { timeout: 120_000 }, () => {
  it('every command has --help', async () => {
    for (const cmd of [
      ['plugin', 'validate'],
      ['plugin', 'publish'],
      ['plugin', 'init'],
      ['db', 'migrate'],
    ]) {
      const r = await cli(...cmd, '--help');
      expect(r.code).toBe(0);
      expect(r.out).toContain(`ai-interviewer ${cmd.join(' ')}`);
    }
  });

  it('validate lists each problem with its JSON path and exits 1', async () => {
    const dir = path.join(workDir, 'broken');
    expect((await cli('plugin', 'init', dir, '--id', 'acme.broken')).code).toBe(0);
    const file = path.join(dir, 'plugin.json');
    const manifest = JSON.parse(await readFile(file, 'utf8'));
    manifest.questions[1].rubric = 'missing-rubric';
    manifest.version = 'one';
    await writeFile(file, JSON.stringify(manifest));
    const r = await cli('plugin', 'validate', dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain('/questions/1/rubric: unknown rubric "missing-rubric"');
    expect(r.out).toContain('/version:');
  });

  it('a partner publishes from the CLI; a tenant installs it; another tenant does not see the install', async () => {
    const partner = await api('POST', '/api/v1/partners', {
      name: 'CLI Partner',
      email: `${uniq('cli')}@example.com`,
      password: 'partner password 123',
    });
    expect(partner.status).toBe(201);
    const key = partner.body['apiKey'].key as string;

    const id = `${uniq('cli')}.support`;
    const dir = path.join(workDir, 'good');
    expect((await cli('plugin', 'init', dir, '--id', id, '--publisher', 'CLI Partner')).code).toBe(0);
    expect((await cli('plugin', 'validate', dir)).code).toBe(0);

    const published = await cli('plugin', 'publish', dir, '--api-key', key, '--url', base);
    expect(published.out).toContain(`✔ ${id}@0.1.0 published`);
    expect(published.code).toBe(0);
    const again = await cli('plugin', 'publish', dir, '--api-key', key, '--url', base);
    expect(again.code).toBe(0);
    expect(again.out).toContain('already published with this content');
    const wrongKey = await cli(
      'plugin',
      'publish',
      dir,
      '--api-key',
      'aip_wrongwrongwrongwrongwrong',
      '--url',
      base,
    );
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.out).toContain('401');

    const signUp = (slug: string) =>
      api('POST', '/api/v1/tenants', {
        name: 'CLI Tenant',
        slug,
        ownerEmail: `${uniq('o')}@example.com`,
        ownerPassword: 'correct horse battery',
      });
    const [a, b] = [await signUp(uniq('cli-a')), await signUp(uniq('cli-b'))];
    const install = await api(
      'POST',
      '/api/v1/tenant/plugins',
      { pluginId: id, version: '0.1.0' },
      a.body['token'],
    );
    expect(install.status).toBe(201);

    const listA = await api('GET', '/api/v1/tenant/plugins?limit=200', undefined, a.body['token']);
    expect(listA.body['items'].find((i: { pluginId: string }) => i.pluginId === id)).toMatchObject({
      version: '0.1.0',
    });
    const listB = await api('GET', '/api/v1/tenant/plugins?limit=200', undefined, b.body['token']);
    expect(listB.body['items'].some((i: { pluginId: string }) => i.pluginId === id)).toBe(false);
  });
});
