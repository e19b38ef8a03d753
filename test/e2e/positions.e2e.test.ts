import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniq } from '../helpers/harness.ts';
import { createProblemLog, makeScreenshotsDir, shooter, signIn } from './browser.ts';
import { apiClient, ensureWebBuilt, launchChromium, signUpTenant, startApiProcess } from './setup.ts';

/**
 * Positions in a real browser (Debian's Chromium driven by playwright-core) against the real API
 * process: a recruiter of a fresh tenant writes a job description, drafts the interview from the
 * installed bundled banks (the embedded default has no LLM), adds a question of their own with its
 * generated rubric and marks it required, is told what the server refuses (a length out of range,
 * with its path), saves, sees the preview, meets an edit someone else saved meanwhile (409) without
 * losing theirs, schedules an interview from the position; the candidate answers it to the end and
 * is asked the required question; the report names the position and its design version.
 * Any console error or page error other than the requests this test provokes fails it.
 */
let server: Awaited<ReturnType<typeof startApiProcess>>;
let base: string;
let browser: Browser;
let ownerToken: string;
const password = 'correct horse battery staple';
const recruiterEmail = `${uniq('rita')}@example.com`;
const { problems, newContext } = createProblemLog({});
const shot = shooter('position-');
const api = apiClient(() => base, { token: () => ownerToken });

const TITLE = 'Senior Backend Engineer, Payments';
const JOB_DESCRIPTION = `We are hiring a senior backend engineer for the payments team.

You will design and build the APIs and services behind checkout: Go services on PostgreSQL, talking to
several payment providers. You own them in production: you design database schemas and indexes, keep
transactions correct under concurrency and retries, add metrics, logs and tracing, and take part in the
on-call rotation and incident reviews.

What you bring:
- 5+ years building backend services and REST APIs
- Strong SQL and PostgreSQL: query performance, indexing, transactions and isolation levels
- Distributed systems experience: queues, idempotency, caching, failure handling
- You write tests, review code and mentor other engineers
- Clear written communication with product managers and other teams`;

const OWN_QUESTION =
  'Our checkout calls three payment providers. How would you keep it working when one of them goes down?';

const ANSWERS = [
  'I am a backend engineer with six years of experience. I own the payments ledger service at my company: ' +
    'Go services on PostgreSQL handling about two thousand requests per second. I led the migration to ' +
    'event sourcing, wrote the design document, and mentored two engineers through it.',
  'I would put every provider behind a timeout and a circuit breaker, fail over to the next provider when ' +
    'one trips, and send an idempotency key with each charge so that a retry never charges twice. An alert ' +
    'tells the on-call engineer, and we measure the error rate of each provider.',
  'In my last project the situation was a missed deadline. My task was to recover the plan. The action I ' +
    'took was to split the scope, agree priorities with the product manager and pair with the team every ' +
    'day. The result: we shipped the core a week later with no incidents, and I learned to flag risks earlier.',
  'First I would check what changed recently: deploys, configuration, traffic. Then I would look at the ' +
    'metrics and traces to find where the latency is, reproduce it, and narrow it down to the query or the ' +
    'service. I would add an index or a cache if that is the cause, measure again, and write up the incident.',
];

beforeAll(async () => {
  await makeScreenshotsDir();
  await ensureWebBuilt();
  server = await startApiProcess();
  base = server.base;

  ownerToken = await signUpTenant(base, {
    name: 'Globex Payments',
    slug: uniq('globex'),
    ownerEmail: `${uniq('owner')}@example.com`,
    ownerPassword: password,
  });
  const recruiter = await api('POST', '/users', { email: recruiterEmail, role: 'recruiter', password });
  expect(recruiter.status).toBe(201);

  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('positions end to end', () => {
  it('a recruiter drafts a position from a job description, schedules it; the report names the position', async () => {
    const context = await newContext(browser, base, 'recruiter', { viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();

    // --- sign in as the recruiter; an empty positions list ---
    await signIn(page, recruiterEmail, password);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Positions' }).click();
    await page.getByRole('heading', { name: 'Positions', level: 1 }).waitFor();
    await page.getByText('No position yet.').waitFor();
    await page.getByRole('link', { name: 'New position' }).click();
    await page.getByRole('heading', { name: 'New position', level: 1 }).waitFor();

    // --- the job, and a draft from its description ---
    await page.getByLabel('Title').fill(TITLE);
    await page.getByLabel('Department (optional)').fill('Payments');
    await page.getByLabel('Location (optional)').fill('Berlin or remote');
    await page.getByLabel('Job description').fill(JOB_DESCRIPTION);
    await page.getByRole('button', { name: 'Draft from description' }).click();
    const draft = page.getByTestId('draft');
    await draft.getByRole('heading', { name: 'Proposed questions' }).waitFor();
    await draft.getByText('Chosen from your installed question banks').waitFor();
    const picks = draft.locator('li.draft-pick');
    const pickCount = await picks.count();
    expect(pickCount).toBeGreaterThanOrEqual(5);
    // every proposal says why it was picked; the technical ones come from the backend bank
    const whys = await draft.locator('li.draft-pick p.sub[id$="-why"]').allTextContents();
    expect(whys).toHaveLength(pickCount);
    for (const why of whys) expect(why).toMatch(/^Why: \S/);
    const refs = await picks.evaluateAll((els) => els.map((el) => el.getAttribute('data-ref') ?? ''));
    expect(refs.some((r) => r.startsWith('ai-interviewer.backend-engineer/'))).toBe(true);
    expect(whys.join(' ')).toMatch(/PostgreSQL|indexes|transactions|idempotency/i);
    await shot(page, 'draft');
    // leave the last proposal out, take the rest
    await picks.last().getByRole('checkbox').uncheck();
    await draft.getByRole('button', { name: `Use the ${pickCount - 1} selected questions` }).click();
    await draft.waitFor({ state: 'detached' });
    const rows = page.getByTestId('design-question');
    await expect.poll(() => rows.count()).toBe(pickCount - 1);
    await page.getByRole('heading', { name: /^Technical/ }).waitFor();
    // one drafted question out, one more from the bank in
    const behavioural = page.getByRole('region', { name: /^Behavioural/ }).getByTestId('design-question');
    const removed = (await behavioural.first().locator('.dq-text').textContent())!;
    await behavioural
      .first()
      .getByRole('button', { name: /^Remove/ })
      .click();
    await expect.poll(() => rows.count()).toBe(pickCount - 2);
    expect(await page.getByTestId('design-question').filter({ hasText: removed }).count()).toBe(0);
    await page.getByText('Add questions from a question bank').click();
    const picker = page.locator('.bank-picker');
    await picker.getByRole('combobox', { name: /^Bank/ }).selectOption('ai-interviewer.backend-engineer');
    await picker.getByRole('combobox', { name: /^Phase/ }).selectOption('behavioral');
    // the removed question is offered again; add it back
    await picker.locator('.bank-question-list > li').filter({ hasText: removed }).getByRole('button').click();
    await expect.poll(() => rows.count()).toBe(pickCount - 1);

    // --- a question of our own, with the generated rubric (one level edited), required ---
    await page.getByRole('button', { name: 'Add your own question' }).click();
    const form = page.getByRole('form', { name: 'Add your question' });
    await form.getByLabel('Question', { exact: true }).fill(OWN_QUESTION);
    await form.getByLabel('Phase').selectOption('technical');
    await form.getByLabel('Competencies').fill('Payments resilience');
    await form
      .getByLabel('Expected points (optional)')
      .fill('Fails over to another provider\nUses idempotency keys so a retry is not charged twice');
    await form
      .getByLabel('Reference answer (optional)')
      .fill('Timeouts and a circuit breaker per provider, failover to the next, idempotency keys, alerts.');
    expect(await form.getByLabel('Rubric', { exact: true }).inputValue()).toBe('__new');
    // the default rubric follows the competency and has five level descriptors
    expect(await form.getByLabel('Level 1').inputValue()).toContain('Payments resilience');
    for (const level of ['2', '3', '4'])
      expect(await form.getByLabel(`Level ${level}`).inputValue()).not.toBe('');
    await form
      .getByLabel('Level 5')
      .fill(
        'Fails over safely: timeouts, a circuit breaker, idempotency keys and an alert when a provider is down.',
      );
    await shot(page, 'own-question');
    await form.getByRole('button', { name: 'Add question' }).click();
    await form.waitFor({ state: 'detached' });
    const own = page.locator('[data-testid="design-question"][data-ref]').filter({ hasText: OWN_QUESTION });
    await own.getByText('Your question · Payments resilience').waitFor();
    await own.getByRole('checkbox', { name: /Required/ }).check();
    expect(await rows.count()).toBe(pickCount);

    // --- what the server refuses is shown with its path, next to the form and the field ---
    const length = page.getByLabel('Questions per interview');
    await length.fill('4');
    await page.getByRole('button', { name: 'Save position' }).click();
    const refused = page.getByTestId('design-problems');
    await refused.waitFor();
    await refused.getByText('/design/length').waitFor();
    expect(await length.getAttribute('aria-invalid')).toBe('true');
    await shot(page, 'refused');
    await length.fill('6');
    await page.getByRole('button', { name: 'Save position' }).click();
    await page.getByText('Saved version 1.').waitFor();
    await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    const positionId = new URL(page.url()).pathname.split('/').at(-1)!;
    expect(page.url()).toBe(`${base}/positions/${positionId}`);
    expect(await refused.count()).toBe(0);

    // --- the preview: six turns, the required question among them ---
    const preview = page.getByTestId('position-preview');
    await preview.getByRole('heading', { name: 'What an interview asks' }).waitFor();
    await expect.poll(() => preview.locator('.preview-turns > li').count()).toBe(6);
    await preview
      .locator('.preview-turns > li')
      .filter({ hasText: OWN_QUESTION })
      .getByText(/required/)
      .waitFor();
    await shot(page, 'saved');

    // --- someone else saves meanwhile: 409, our edit stays, and we can save over theirs ---
    const current = await api('GET', `/positions/${positionId}`);
    const { title, department, location, design } = current.body;
    const theirs = await api(
      'PUT',
      `/positions/${positionId}`,
      {
        title,
        department,
        location,
        description: `${current.body.description}\n\nVisa sponsorship available.`,
        design,
      },
      ownerToken,
      { 'if-match': '"1"' },
    );
    expect(theirs.status).toBe(200);
    await page.getByLabel('Location (optional)').fill('Berlin, Lisbon or remote');
    await page.getByRole('button', { name: 'Save position' }).click();
    const conflict = page.getByTestId('version-conflict');
    await conflict.getByText('Someone else saved version 2 of this position').waitFor();
    expect(await page.getByLabel('Location (optional)').inputValue()).toBe('Berlin, Lisbon or remote');
    await conflict.getByRole('button', { name: 'Save mine over it' }).click();
    await page.getByText('Saved version 3.').waitFor();
    expect(await conflict.count()).toBe(0);
    await page.getByTestId('position-meta').getByText('design version 3').waitFor();

    // --- the list: open, no interview yet; schedule from it ---
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Positions' }).click();
    const row = page.getByTestId('positions-table').locator(`tr[data-position-id="${positionId}"]`);
    await row.getByText(TITLE).waitFor();
    await row.getByText('Open', { exact: true }).waitFor();
    expect(await row.locator('td[data-label="Interviews"]').textContent()).toBe('0');
    await row.getByRole('link', { name: `Schedule an interview for ${TITLE}` }).click();
    await page.getByRole('heading', { name: 'Schedule an interview' }).waitFor();
    const position = page.getByLabel('Position', { exact: true });
    await expect.poll(() => position.locator('option').count()).toBe(2);
    expect(await position.inputValue()).toBe(positionId);
    expect(await page.getByLabel('Role', { exact: true }).count()).toBe(0); // the position replaces the role
    const candidateEmail = `${uniq('ada')}@example.com`;
    await page.getByLabel('Candidate email').fill(candidateEmail);
    await page.getByLabel('Candidate name (optional)').fill('Ada Lovelace');
    await page.getByRole('button', { name: 'Schedule and get the link' }).click();
    await page.getByRole('heading', { name: 'Interview scheduled' }).waitFor();
    await page.getByText(`The interview is for the position ${TITLE}.`).waitFor();
    const joinUrl = await page.getByLabel('Join link').inputValue();
    expect(joinUrl).toMatch(new RegExp(`^${base}/join/.+`));

    // --- the candidate answers every question ---
    const candidateContext = await newContext(browser, base, 'candidate', {
      viewport: { width: 390, height: 800 },
    });
    const candidate = await candidateContext.newPage();
    await candidate.goto(joinUrl);
    await candidate.getByRole('heading', { name: `Interview for ${TITLE}` }).waitFor();
    await candidate.getByLabel(/I understand that an AI asks the questions/).check();
    await candidate.getByRole('button', { name: 'Start the interview' }).click();
    const answerBox = candidate.getByLabel('Your answer');
    await answerBox.waitFor();
    await candidate.getByText('Question 1 of 6').waitFor();
    const bubbles = candidate.locator('.bubble.interviewer:not(.typing)');
    const asked = new Set<string>();
    let answered = 0;
    for (; answered < 20; answered++) {
      for (const text of await bubbles.allTextContents()) asked.add(text);
      const before = await bubbles.count();
      await answerBox.fill(`${ANSWERS[answered % ANSWERS.length]} (answer ${answered + 1})`);
      await candidate.getByRole('button', { name: 'Send' }).click();
      await candidate.waitForFunction(
        `document.querySelectorAll('.bubble.interviewer:not(.typing)').length > ${before} || !!document.getElementById('done-heading')`,
        undefined,
        { timeout: 30_000 },
      );
      if (await candidate.locator('#done-heading').count()) break;
    }
    await candidate.getByRole('heading', { name: /Thank you/ }).waitFor();
    expect(answered + 1).toBe(6);
    // the required question was asked
    expect([...asked].some((t) => t.includes(OWN_QUESTION))).toBe(true);
    await candidateContext.close();

    // --- the recruiter finds it by position and opens the report ---
    await page.getByRole('link', { name: 'Back to interviews' }).click();
    await page.getByRole('heading', { name: 'Interviews', level: 1 }).waitFor();
    const filter = page.getByRole('combobox', { name: /^Position/ });
    await expect.poll(() => filter.locator('option').count()).toBe(2);
    await filter.selectOption(positionId);
    const interview = page
      .getByTestId('interviews-table')
      .locator('tbody tr')
      .filter({ hasText: 'Ada Lovelace' });
    await interview.getByText('Completed').waitFor();
    expect(await page.getByTestId('interviews-table').locator('tbody tr').count()).toBe(1);
    await interview.getByRole('link', { name: /Report/ }).click();
    const reportPosition = page.getByTestId('report-position');
    await reportPosition.waitFor();
    expect(await reportPosition.textContent()).toBe(`Position ${TITLE}, design version 3`);
    await page.getByRole('heading', { name: `Report: ${TITLE}` }).waitFor();
    await shot(page, 'report');
    await reportPosition.getByRole('link', { name: TITLE }).click();
    await page.getByTestId('position-meta').getByText('1 interview', { exact: false }).waitFor();

    await context.close();

    // The failed requests this test provoked, once each (the refused length, the stale save); nothing else.
    const expected = [
      /\[recruiter\] console error: Failed to load resource: .* status of 400 .*\/positions\/new\)$/,
      /\[recruiter\] console error: Failed to load resource: .* status of 409 .*\/positions\/[0-9a-f-]+\)$/,
    ];
    const unexpected = problems.filter((p) => {
      const i = expected.findIndex((re) => re.test(p));
      if (i < 0) return true;
      expected.splice(i, 1);
      return false;
    });
    expect(unexpected).toEqual([]);
  }, 240_000);
});
