import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniq } from '../helpers/harness.ts';
import { apiClient, ensureWebBuilt, launchChromium, startApiProcess } from './setup.ts';

/**
 * When the answer route does not wait for the evaluation (202: `ANSWER_WAIT_MS=0` here, as when
 * an evaluation takes longer than the wait), the candidate's page learns that the interview moved
 * on from its Socket.IO room, not by polling the state: it asks for the state at most once per
 * answer (when its socket is live), and the next question appears.
 */
let server: Awaited<ReturnType<typeof startApiProcess>>;
let base: string;
let browser: Browser;
let token: string;
const api = apiClient(() => base, { token: () => token });

beforeAll(async () => {
  await ensureWebBuilt({ build: false });
  server = await startApiProcess({ ANSWER_WAIT_MS: '0' });
  base = server.base;
  const signup = await api('POST', '/tenants', {
    name: 'Async Co',
    slug: uniq('async'),
    ownerEmail: `${uniq('owner')}@example.com`,
    ownerPassword: 'correct horse battery staple',
  });
  expect(signup.status).toBe(201);
  token = signup.body['token'];
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('an answer accepted for evaluation (202)', () => {
  it("the candidate's page hears the next question on its socket instead of polling", async () => {
    const schedule = await api('POST', '/admin/schedule', {
      candidateEmail: `${uniq('ada')}@example.com`,
      candidateName: 'Ada Lovelace',
      role: 'backend-engineer',
      scheduledAt: new Date().toISOString(),
    });
    expect(schedule.status).toBe(201);

    const page = await browser.newPage({ baseURL: base });
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(err.message));
    const stateReads: string[] = [];
    const answers: number[] = [];
    page.on('request', (req) => {
      if (/\/api\/v1\/interview\/[^/]+\/state$/.test(req.url())) stateReads.push(req.url());
    });
    page.on('response', (res) => {
      if (/\/api\/v1\/interview\/[^/]+\/answer$/.test(res.url())) answers.push(res.status());
    });
    let sockets = 0;
    page.on('websocket', (ws) => {
      if (ws.url().includes('/socket.io/')) sockets++;
    });

    await page.goto(schedule.body['joinUrl']);
    await page.getByLabel(/I understand that an AI asks the questions/).check();
    await page.getByRole('button', { name: 'Start the interview' }).click();
    const answerBox = page.getByLabel('Your answer');
    await answerBox.waitFor();
    for (const n of [1, 2]) {
      await page.getByText(new RegExp(`Question ${n} of \\d+`)).waitFor();
      await answerBox.fill(
        `I own the payments ledger in Go on PostgreSQL and cut its p99 latency from 900 ms to 120 ms (answer ${n}).`,
      );
      await page.getByRole('button', { name: /Send/ }).click();
      await page.getByText(new RegExp(`Question ${n + 1} of \\d+`)).waitFor({ timeout: 30_000 });
    }
    expect(answers).toEqual([202, 202]);
    expect(sockets).toBeGreaterThanOrEqual(1);
    // one read when the socket is live, per answer; polling every 2 s would read on and on
    expect(stateReads.length).toBeLessThanOrEqual(2);
    expect(problems).toEqual([]);
    await page.close();
  });
});
