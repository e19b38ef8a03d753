import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniq } from '../helpers/harness.ts';
import { createProblemLog, makeScreenshotsDir, shooter } from './browser.ts';
import { apiClient, ensureWebBuilt, launchChromium, startApiProcess } from './setup.ts';

/**
 * The whole product in a real browser (Debian's Chromium driven by playwright-core) against the
 * real API process: a recruiter signs in, schedules an interview and copies the link; a candidate
 * opens it on a phone-sized screen, consents and answers every question; the recruiter watches it
 * live, sees it completed and opens the report with its chart; one answer the evaluator cannot
 * judge (keyboard mash) shows as "not scored — needs review" live and in the report's "Needs
 * review" section; an expired link says so.
 * Any console error or page error fails the test.
 */
let server: Awaited<ReturnType<typeof startApiProcess>>;
let base: string;
let browser: Browser;
let ownerToken: string;
const owner = { email: `${uniq('owner')}@example.com`, password: 'correct horse battery staple' };
const { problems, newContext } = createProblemLog({});
const shot = shooter('');
const api = apiClient(() => base, { token: () => ownerToken });

const interviewerCount = (page: Page) =>
  page.evaluate(`document.querySelectorAll('.bubble.interviewer:not(.typing)').length`) as Promise<number>;

const ANSWERS = [
  'I am a backend engineer with six years of experience. I own the payments ledger service at my company: ' +
    'Go services on PostgreSQL handling about two thousand requests per second. I led the migration to ' +
    'event sourcing, wrote the design document, and mentored two engineers through it.',
  'First I would check what changed recently: deploys, configuration, traffic. Then I would look at the ' +
    'metrics and traces to find where the latency is, reproduce it, and narrow it down to the query or the ' +
    'service. I would add an index or a cache if that is the cause, measure again, and write up the incident.',
  'In my last project the situation was a missed deadline. My task was to recover the plan. The action I ' +
    'took was to split the scope, agree priorities with the product manager and pair with the team every ' +
    'day. The result: we shipped the core a week later with no incidents, and I learned to flag risks earlier.',
  'I would design it with a queue between the API and the workers, idempotency keys for retries, a ' +
    'PostgreSQL table as the source of truth, and monitoring on the queue depth. The trade-off is latency ' +
    'against reliability; I would measure both and tune the batch size, and test failure cases explicitly.',
];

/** The third answer: keyboard mash, which the evaluator cannot judge (unscorable). */
const MASH = 'asdfgh jkl qwerty zxcvb asdf '.repeat(6).trim();
const MASH_AT = 2;

beforeAll(async () => {
  await makeScreenshotsDir();
  await ensureWebBuilt();
  server = await startApiProcess();
  base = server.base;

  const signup = await api(
    'POST',
    '/tenants',
    { name: 'Acme Robotics', slug: uniq('acme'), ownerEmail: owner.email, ownerPassword: owner.password },
    '',
  );
  expect(signup.status).toBe(201);
  ownerToken = signup.body['token'];
  // A light brand colour: the page must pick dark text on it.
  const branding = await api('PATCH', '/tenant/branding', {
    displayName: 'Acme Robotics',
    primaryColor: '#f5c400',
    welcomeMessage: 'Welcome to your interview with Acme Robotics! It takes about 15 minutes.',
  });
  expect(branding.status).toBe(200);

  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('web app end to end', () => {
  it('recruiter schedules, candidate interviews, recruiter reads the report; expired links say so', async () => {
    const candidateName = 'Grace Hopper';
    const candidateEmail = `${uniq('grace')}@example.com`;

    // --- the recruiter signs in and schedules an interview ---
    const recruiterContext = await newContext(browser, base, 'recruiter', {
      viewport: { width: 1280, height: 900 },
    });
    await recruiterContext.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    const recruiter = await recruiterContext.newPage();
    await recruiter.goto('/');
    await recruiter.getByRole('heading', { name: 'Sign in' }).waitFor();
    await shot(recruiter, 'desktop-login');
    await recruiter.getByLabel('Email').fill(owner.email);
    await recruiter.getByLabel('Password').fill(owner.password);
    await recruiter.getByRole('button', { name: 'Sign in' }).click();
    await recruiter.getByRole('heading', { name: 'Interviews', level: 1 }).waitFor();
    expect(new URL(recruiter.url()).pathname).toBe('/interviews');

    await recruiter.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Schedule' }).click();
    await recruiter.getByRole('heading', { name: 'Schedule an interview' }).waitFor();
    // An empty form shows the field errors next to the fields.
    await recruiter.getByLabel('Candidate email').fill('');
    await recruiter.getByRole('button', { name: 'Schedule and get the link' }).click();
    await recruiter.getByText('Enter the candidate’s email address.').waitFor();
    // The server's field errors too (an address it refuses). Wait for the roles first: until they
    // load, the form stops at its own "Choose a role." and never asks the server.
    const role = recruiter.getByLabel('Role', { exact: true });
    await expect.poll(() => role.locator('option').count()).toBeGreaterThan(1);
    await recruiter.getByLabel('Candidate email').fill('not-an-email');
    await recruiter.getByRole('button', { name: 'Schedule and get the link' }).click();
    await recruiter.getByText('must be an email address').waitFor();

    await recruiter.getByLabel('Candidate email').fill(candidateEmail);
    await recruiter.getByLabel('Candidate name (optional)').fill(candidateName);
    await role.selectOption('backend-engineer');
    await recruiter.getByRole('button', { name: 'Schedule and get the link' }).click();
    await recruiter.getByRole('heading', { name: 'Interview scheduled' }).waitFor();
    await recruiter.getByRole('button', { name: 'Copy link' }).click();
    await recruiter.getByText('Copied', { exact: true }).waitFor();
    const joinUrl = await recruiter.getByLabel('Join link').inputValue();
    expect(joinUrl).toMatch(new RegExp(`^${base}/join/.+`));
    expect(await recruiter.evaluate('navigator.clipboard.readText()')).toBe(joinUrl);
    await shot(recruiter, 'desktop-schedule-created');

    // The schedule is listed.
    await recruiter.getByRole('link', { name: 'Back to interviews' }).click();
    const schedules = recruiter.getByTestId('schedules-table');
    await schedules.getByText(candidateName).waitFor();

    // --- the candidate opens the link on a phone ---
    const candidateContext = await newContext(browser, base, 'candidate', {
      viewport: { width: 375, height: 740 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    const candidate = await candidateContext.newPage();
    await candidate.goto(joinUrl);
    await candidate.getByRole('heading', { name: 'Interview for Backend Engineer' }).waitFor();
    await candidate.getByText('An AI conducts and scores this interview').waitFor();
    await candidate.getByText('conducted by an AI interviewer on behalf of Acme Robotics').waitFor();
    const startButton = candidate.getByRole('button', { name: 'Start the interview' });
    expect(await startButton.isDisabled()).toBe(true);
    // Readable text on the light brand colour: black.
    const colour = await startButton.evaluate(
      (el) =>
        (globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }).getComputedStyle(el)
          .color,
    );
    expect(colour).toBe('rgb(0, 0, 0)');
    expect(await candidate.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await shot(candidate, 'mobile-join-welcome');
    await candidate.getByLabel(/I understand that an AI asks the questions/).check();
    expect(await startButton.isDisabled()).toBe(false);
    await startButton.click();

    const answerBox = candidate.getByLabel('Your answer');
    await answerBox.waitFor();
    await candidate.getByText(/Question 1 of \d+/).waitFor();
    const total = Number(
      (await candidate.getByText(/Question 1 of \d+/).textContent())!.match(/of (\d+)/)![1],
    );
    expect(total).toBeGreaterThanOrEqual(5);

    let interviewId: string | undefined;
    let answered = 0;
    for (; answered < 40; answered++) {
      const before = await interviewerCount(candidate);
      await answerBox.fill(
        answered === MASH_AT ? MASH : `${ANSWERS[answered % ANSWERS.length]} (answer ${answered + 1})`,
      );
      if (answered === 0) {
        await answerBox.press('Control+Enter'); // the keyboard shortcut
      } else {
        await candidate.getByRole('button', { name: 'Send' }).click();
      }
      await candidate.waitForFunction(
        `document.querySelectorAll('.bubble.interviewer:not(.typing)').length > ${before} || !!document.getElementById('done-heading')`,
        undefined,
        { timeout: 30_000 },
      );
      if (await candidate.locator('#done-heading').count()) break;
      // The cursor is back in the answer box, and the new question is announced.
      await expect.poll(() => candidate.evaluate('document.activeElement?.tagName')).toBe('TEXTAREA');
      const lastQuestion = (await candidate.locator('.bubble.interviewer').last().textContent()) ?? '';
      const live = (await candidate.locator('[aria-live="polite"][aria-atomic="true"]').textContent()) ?? '';
      expect(live).toContain(lastQuestion.replace(/^Interviewer: /, '').slice(0, 40));

      if (answered === 0) {
        await shot(candidate, 'mobile-interview-chat', false);
        // The recruiter watches it live: the next answer appears without a reload.
        const list = await api('GET', '/interviews?status=in_progress');
        interviewId = list.body['items'].find(
          (i: { candidate: { email: string } }) => i.candidate.email === candidateEmail,
        )?.id;
        expect(interviewId).toBeTruthy();
        await recruiter.goto(`/interviews/${interviewId}`);
        await recruiter.getByRole('heading', { name: candidateName, level: 1 }).waitFor();
        await recruiter.getByText('Live', { exact: true }).waitFor();
      }
      if (answered === 1) {
        await recruiter.getByText('(answer 2)', { exact: false }).waitFor({ timeout: 15_000 });
        // The per-turn scores as a chart: one bar for each of the two evaluated answers.
        const turnChart = recruiter.getByRole('img', { name: /Score of each answered turn/ });
        await expect.poll(() => turnChart.locator('rect.turn-bar').count(), { timeout: 15_000 }).toBe(2);
        expect(await turnChart.getAttribute('aria-labelledby')).toBeTruthy();
        expect(await turnChart.locator('desc').textContent()).toMatch(/^turn 1 \(.+\) \d+, turn 2 /);
        await shot(recruiter, 'desktop-live-interview');
        // The candidate opens the link on another device: the whole conversation is there.
        const otherDevice = await newContext(browser, base, 'candidate-2', {
          viewport: { width: 375, height: 740 },
        });
        const other = await otherDevice.newPage();
        await other.goto(joinUrl);
        await other.getByLabel(/I understand that an AI asks the questions/).check();
        await other.getByRole('button', { name: 'Continue the interview' }).click();
        await other.getByText('(answer 1)', { exact: false }).waitFor();
        await other.getByText('(answer 2)', { exact: false }).waitFor();
        expect(await other.locator('.bubble.interviewer:not(.typing)').count()).toBe(
          await interviewerCount(candidate),
        );
        await otherDevice.close();
      }
      if (answered === MASH_AT) {
        // An answer that cannot be judged: no score on its card, and no bar in the chart.
        const pill = recruiter.getByTestId('needs-review');
        await pill.waitFor({ timeout: 15_000 });
        expect(await pill.count()).toBe(1);
        expect(await pill.textContent()).toBe('Not scored — needs review');
        const card = recruiter.locator('li.turn').filter({ has: pill });
        expect(await card.locator('.turn-no').textContent()).toBe(`Turn ${MASH_AT + 1}`);
        await card.getByText('Could not be judged (not language').waitFor();
        const turnChart = recruiter.getByRole('img', { name: /Score of each answered turn/ });
        expect(await turnChart.locator('rect.turn-bar').count()).toBe(MASH_AT);
        expect(await turnChart.locator('desc').textContent()).toContain(
          `not scored, needs review: turn ${MASH_AT + 1}`,
        );
      }
    }
    await candidate.getByRole('heading', { name: /Thank you/ }).waitFor();
    expect(answered + 1).toBe(total);
    await shot(candidate, 'mobile-interview-complete');

    // A reload of the finished link shows the completion screen again.
    await candidate.reload();
    await candidate.getByRole('heading', { name: /Thank you/ }).waitFor();

    // --- the recruiter sees it completed and opens the report ---
    await recruiter.goto('/interviews');
    const row = recruiter.getByTestId('interviews-table').locator(`tr[data-interview-id="${interviewId}"]`);
    await row.getByText('Completed').waitFor();
    await shot(recruiter, 'desktop-interviews-list');
    await row.getByRole('link', { name: /Report/ }).click();
    await recruiter.getByRole('heading', { name: 'Report: Backend Engineer' }).waitFor();
    const chart = recruiter.getByRole('img', { name: /Competency scores out of 100/ });
    await chart.waitFor();
    expect(await chart.locator('rect.chart-bar').count()).toBeGreaterThan(0);
    await recruiter.getByRole('heading', { name: 'Strengths' }).waitFor();
    await recruiter.getByRole('heading', { name: 'Concerns' }).waitFor();
    // The answer that could not be judged: listed for a person to review, left out of the scores.
    const review = recruiter.getByTestId('needs-review-section');
    await review.getByRole('heading', { name: 'Needs review' }).waitFor();
    await review.getByText('left out of every score').waitFor();
    expect(await review.locator('.review-list > li').count()).toBe(1);
    const reviewed = review.locator('.review-list > li').first();
    await reviewed.getByText(`Turn ${MASH_AT + 1}`).waitFor();
    await reviewed.getByText('not language: keyboard mash').waitFor();
    expect(await reviewed.locator('.turn-q').textContent()).toBeTruthy();
    expect(await recruiter.locator('.transcript .needs-review-text').count()).toBe(1);
    // … and the recommendation is marked provisional until someone has read it
    expect(await recruiter.getByTestId('provisional').textContent()).toBe('provisional: 1 answer to review');

    // An override, then its audit trail.
    await recruiter.getByLabel('New score (0–100)').fill('88');
    await recruiter.getByLabel('Reason').fill('Strong follow-up discussion after the interview');
    await recruiter.getByRole('button', { name: 'Save override' }).click();
    await recruiter.getByText('Override saved.').waitFor();
    await recruiter.getByTestId('overrides-table').getByText('Strong follow-up discussion').waitFor();
    expect(await recruiter.getByTestId('overall-score').textContent()).toBe('88');
    await shot(recruiter, 'desktop-report');

    // The report on a phone.
    const phoneContext = await newContext(browser, base, 'recruiter-phone', {
      viewport: { width: 375, height: 812 },
    });
    await phoneContext.addInitScript(
      `if (location.origin === ${JSON.stringify(base)}) sessionStorage.setItem('aii.token', ${JSON.stringify(ownerToken)})`,
    );
    const phone = await phoneContext.newPage();
    await phone.goto(`/interviews/${interviewId}/report`);
    await phone.getByRole('img', { name: /Competency scores out of 100/ }).waitFor();
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await shot(phone, 'mobile-report');
    await phone.goto('/interviews');
    await phone.getByTestId('interviews-table').getByText(candidateName).waitFor();
    await shot(phone, 'mobile-interviews-list');
    await phoneContext.close();

    // --- an expired link, and one that never existed ---
    const soon = Date.now() + 2_000;
    const expiring = await api('POST', '/admin/schedule', {
      candidateEmail: `${uniq('late')}@example.com`,
      candidateName: 'Late Larry',
      role: 'backend-engineer',
      scheduledAt: new Date(soon).toISOString(),
      expiresAt: new Date(soon + 1_000).toISOString(),
    });
    expect(expiring.status).toBe(201);
    await new Promise((r) => setTimeout(r, Math.max(0, soon + 1_500 - Date.now())));
    const gone = await candidateContext.newPage();
    await gone.goto(expiring.body['joinUrl']);
    await gone.getByRole('heading', { name: 'This link has expired' }).waitFor();
    await gone.getByText('Acme Robotics').first().waitFor(); // in the tenant's styling
    await shot(gone, 'mobile-link-expired');
    await gone.goto('/join/not-a-real-link');
    await gone.getByRole('heading', { name: 'This link is not valid' }).waitFor();

    await candidateContext.close();
    await recruiterContext.close();

    // The browser logs every failed request as a console error: exactly the ones this test provoked
    // (the refused email, the expired and the unknown link) may appear, once each; nothing else.
    const expected = [
      /\[recruiter\] console error: Failed to load resource: .* status of 400 .*\/schedule\)$/,
      /\[candidate\] console error: Failed to load resource: .* status of 410 .*\/join\/[^/]+\)$/,
      /\[candidate\] console error: Failed to load resource: .* status of 404 .*\/join\/not-a-real-link\)$/,
    ];
    const unexpected = problems.filter((p) => {
      const i = expected.findIndex((re) => re.test(p));
      if (i < 0) return true;
      expected.splice(i, 1);
      return false;
    });
    expect(unexpected).toEqual([]);
  }, 300_000);
});
