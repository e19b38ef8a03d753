import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniq } from '../helpers/harness.ts';
import { delimited, isTurnCall, reworded, turnJson } from '../helpers/llm-turn-stand-in.ts';
import { type StandIn, startStandIn } from '../helpers/openai-stand-in.ts';
import { apiClient, ensureWebBuilt, launchChromium, startApiProcess } from './setup.ts';

/**
 * With an LLM configured, the candidate's page shows the interviewer's next reply while the model
 * is still writing it (the reply comes first in the model's response; its grading after it keeps
 * the answer's own response waiting), then the whole reply. The API process runs against a local
 * OpenAI stand-in that writes one token every 25 ms.
 */
let llm: StandIn;
let server: Awaited<ReturnType<typeof startApiProcess>>;
let browser: Browser;

beforeAll(async () => {
  await ensureWebBuilt({ build: false });
  llm = await startStandIn();
  llm.reply((req) =>
    isTurnCall(req)
      ? { content: turnJson(req, { level: 3, covered: true }), tokenMs: 25 }
      : { content: reworded(delimited(req, 'interviewer_draft') ?? '') },
  );
  server = await startApiProcess({
    OPENAI_API_KEY: 'sk-test',
    OPENAI_BASE_URL: llm.baseURL,
    OPENAI_MAX_RETRIES: '0',
  });
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await llm?.close();
});

const api = apiClient(() => server.base);

describe("the candidate's page with an LLM", () => {
  it('shows the next reply as it streams, before the answer is answered, then the whole reply', async () => {
    const signup = await api('POST', '/tenants', {
      name: 'Stream Co',
      slug: uniq('stream'),
      ownerEmail: `${uniq('owner')}@example.com`,
      ownerPassword: 'correct horse battery staple',
    });
    expect(signup.status).toBe(201);
    const schedule = await api(
      'POST',
      '/admin/schedule',
      {
        candidateEmail: `${uniq('c')}@example.com`,
        candidateName: 'Ada Lovelace',
        role: 'backend-engineer',
        scheduledAt: new Date().toISOString(),
      },
      signup.body['token'],
    );
    expect(schedule.status).toBe(201);

    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(err.message));
    let answered = false;
    page.on('response', (res) => {
      if (/\/api\/v1\/interview\/[^/]+\/answer$/.test(res.url())) answered = true;
    });
    await page.goto(schedule.body['joinUrl']);
    await page.getByLabel(/I understand that an AI asks the questions/).check();
    await page.getByRole('button', { name: 'Start the interview' }).click();
    const answerBox = page.getByLabel('Your answer');
    await answerBox.waitFor();
    await page.getByText(/Question 1 of \d+/).waitFor();
    const before = await page.locator('.bubble.interviewer').count();
    await answerBox.fill(
      'I own the payments ledger in Go on PostgreSQL and cut its p99 from 900 ms to 120 ms.',
    );
    await page.getByRole('button', { name: /Send/ }).click();

    // the reply's first words, in a new interviewer bubble, while the answer is still unanswered
    const streaming = page.locator('.bubble.interviewer:not(.typing)').nth(before);
    await streaming.getByText(/^Alright\./).waitFor({ timeout: 20_000 });
    expect(answered).toBe(false);
    // then the whole reply, once the grading is done
    await page.getByText(/Question 2 of \d+/).waitFor({ timeout: 30_000 });
    expect(answered).toBe(true);
    const replies = await page.locator('.bubble.interviewer:not(.typing)').allInnerTexts();
    expect(replies.at(-1)).toMatch(/Alright\. Thanks\./);
    expect(problems).toEqual([]);
    await page.close();
  });
});
