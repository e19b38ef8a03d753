import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { expect, inject } from 'vitest';
import { TEST_JWT_SECRET } from '../helpers/harness.ts';
import { freePort, startProcess } from '../helpers/processes.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

/**
 * The web bundle the API process serves. `npm test` builds it first (pretest); when a file runs
 * on its own it is built here (`npm run build:web`), or with `build: false` its absence is an error.
 */
export async function ensureWebBuilt({ build = true }: { build?: boolean } = {}) {
  if (existsSync(path.join(ROOT, 'apps/web/dist/index.html'))) return;
  if (!build) throw new Error('build the web app first');
  await run('npm', ['run', 'build:web'], { cwd: ROOT });
}

/**
 * The real API process (`apps/api/main.ts`, as `npm start` runs it) on the run's database, a free
 * port and a data directory of its own; `env` adds or overrides settings. Resolves once it says
 * it is running; `stop()` ends it and removes its data directory.
 */
export async function startApiProcess(env: Record<string, string> = {}) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'aii-e2e-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = startProcess(
    'node',
    ['--import', 'tsx', 'apps/api/main.ts'],
    {
      PATH: process.env['PATH'] ?? '',
      DATABASE_URL: inject('ownerUrl'),
      JWT_SECRET: TEST_JWT_SECRET,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: base,
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
      ...env,
    },
    ROOT,
  );
  await server.waitFor(/AI Interviewer is running/, 60_000);
  return {
    base,
    server,
    async stop() {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser), headless, with the
 * flags this machine needs.
 */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** An API response: its status, its body parsed as JSON (null when empty or not JSON) and as text. */
export interface ApiResponse {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected loosely
  body: Record<string, any>;
  text: string;
}

/**
 * `api(method, url, body, token, headers)`: a JSON request to `${base}/api/v1${url}`, with
 * `Bearer token` when there is one (`token` defaults to `options.token()`, read at each call).
 * `base` may be a function when the server's address is known only later (in beforeAll).
 */
export function apiClient(base: string | (() => string), options: { token?: () => string | undefined } = {}) {
  return async function api(
    method: string,
    url: string,
    body?: unknown,
    token: string | undefined = options.token?.(),
    headers: Record<string, string> = {},
  ): Promise<ApiResponse> {
    const res = await fetch(`${typeof base === 'string' ? base : base()}/api/v1${url}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { status: res.status, body: json, text };
  };
}

/** A member's token from POST /api/v1/admin/login (which must answer 200). */
export async function login(base: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

/** Sign a company up through the API, as a new tenant does; returns its owner's token. */
export async function signUpTenant(
  base: string,
  body: { name: string; slug: string; ownerEmail: string; ownerPassword: string },
): Promise<string> {
  const res = await fetch(`${base}/api/v1/tenants`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { token: string }).token;
}
