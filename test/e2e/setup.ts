import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { inject } from 'vitest';
import { TEST_JWT_SECRET } from '../helpers/harness.ts';
import { freePort, startProcess } from '../helpers/processes.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

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
