import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniq } from '../helpers/harness.ts';
import { type CapturedRequest, type StandIn, startStandIn } from '../helpers/openai-stand-in.ts';
import { createProblemLog, DESKTOP, makeScreenshotsDir, shooter, signIn } from './browser.ts';
import { apiClient, ensureWebBuilt, launchChromium, signUpTenant, startApiProcess } from './setup.ts';

/**
 * Voluntary self-identification and the adverse-impact report in a real browser (Debian's
 * Chromium driven by playwright-core) against the real API process, its LLM evaluator a local
 * stand-in that grades each answer at the level the answer names: three candidates finish their
 * interviews; on the thank-you page one answers both questions, one answers only the first (the
 * other is recorded as declined), one skips (nothing stored); the owner opens "Adverse impact",
 * sees the selection rates with the four-fifths line, switches to scoring rates and downloads the
 * CSV. Any console error or page error fails it.
 */
let server: Awaited<ReturnType<typeof startApiProcess>>;
let llm: StandIn;
let base: string;
let browser: Browser;
let ownerToken: string;
const ownerEmail = `${uniq('owner')}@example.com`;
const password = 'correct horse battery staple';
const { problems, newContext } = createProblemLog({ ...DESKTOP, acceptDownloads: true });
const shot = shooter('adverse-impact-');
const api = apiClient(() => base, { token: () => ownerToken });

const ANSWER =
  'I own the payments ledger in Go on PostgreSQL. I added idempotency keys, an index on the hot query and a ' +
  'circuit breaker per provider, measured p99 before and after, and cut it from 800 ms to 120 ms.';

/** A structured evaluation at the level the answer names (`LEVEL<n>`). */
function grade(req: CapturedRequest) {
  const system: string = req.body.messages[0].content;
  const criteria = [...system.matchAll(/^## ([a-z0-9_-]+): /gm)].map((m) => m[1]);
  const level = Number(/LEVEL([1-5])/.exec(req.raw)?.[1] ?? 3);
  return {
    redFlags: [],
    coverage: [],
    criteria: criteria.map((criterionId) => ({
      criterionId,
      evidence: [],
      rationale: 'Anchor matched.',
      level,
    })),
    summary: 'An answer.',
  };
}

/** A join link, its interview answered to the end over the API with the candidate's token. */
async function finishedLink(answer: string): Promise<string> {
  const scheduled = await api('POST', '/admin/schedule', {
    candidateEmail: `${uniq('cand')}@example.com`,
    candidateName: 'Candidate',
    role: 'backend-engineer',
    scheduledAt: new Date(Date.now() + 3600_000).toISOString(),
  });
  expect(scheduled.status).toBe(201);
  const link = new URL(scheduled.body.joinUrl).pathname.split('/').pop()!;
  const started = await fetch(`${base}/api/v1/public/join/${link}/start`, { method: 'POST' });
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected loosely
  const { interviewId, candidateToken, state: first } = (await started.json()) as Record<string, any>;
  let state = first;
  for (let guard = 0; state.status === 'in_progress' && guard < 40; guard++) {
    const res = await api(
      'POST',
      `/interview/${interviewId}/answer`,
      { answerText: answer, turn: state.currentQuestion.turn },
      candidateToken,
    );
    expect(res.status).toBe(200);
    state = res.body.state;
  }
  expect(state.status).toBe('completed');
  return link;
}

beforeAll(async () => {
  await makeScreenshotsDir();
  await ensureWebBuilt();
  llm = await startStandIn();
  llm.reply(
    (req) =>
      req.body.response_format?.json_schema?.name === 'answer_evaluation'
        ? { content: JSON.stringify(grade(req)) }
        : { status: 500 }, // the interviewer's voice and summaries fall back to their templates
  );
  server = await startApiProcess({
    OPENAI_API_KEY: 'sk-test',
    OPENAI_BASE_URL: llm.baseURL,
    OPENAI_MODEL: 'gpt-test',
    OPENAI_MAX_RETRIES: '0',
  });
  base = server.base;
  ownerToken = await signUpTenant(base, {
    name: 'Initech',
    slug: uniq('initech'),
    ownerEmail,
    ownerPassword: password,
  });
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await llm?.close();
});

describe('self-identification and the adverse-impact report', () => {
  it('candidates answer (or skip) the optional form; the owner reads the rates and downloads the CSV', async () => {
    const strong = await finishedLink(`LEVEL5 ${ANSWER}`);
    const weak = await finishedLink(`LEVEL1 ${ANSWER}`);
    const skipping = await finishedLink(`LEVEL3 ${ANSWER}`);

    // --- the first candidate: both questions, on a phone ---
    const phone = await newContext(browser, base, 'candidate', { viewport: { width: 390, height: 844 } });
    let page = await phone.newPage();
    await page.goto(`/join/${strong}`);
    await page.getByRole('heading', { name: /your interview is complete/ }).waitFor();
    const form = page.getByTestId('self-identification');
    await form.getByRole('heading', { name: 'Optional: voluntary self-identification' }).waitFor();
    // nothing is preselected, and nothing can be sent before an answer
    expect(await form.getByRole('radio', { checked: true }).count()).toBe(0);
    expect(await form.getByRole('button', { name: 'Submit my answers' }).isDisabled()).toBe(true);
    await form.getByRole('group', { name: 'Sex' }).getByLabel('Female').check();
    await form
      .getByRole('group', { name: 'Race/ethnicity' })
      .getByLabel('Asian (not Hispanic or Latino)')
      .check();
    await shot(page, 'candidate-form');
    await form.getByRole('button', { name: 'Submit my answers' }).click();
    await page.getByTestId('self-id-result').getByText('Your answers were recorded separately').waitFor();
    await shot(page, 'candidate-sent');

    // --- the second: only the first question (the other is recorded as declined) ---
    page = await phone.newPage();
    await page.goto(`/join/${weak}`);
    await page.getByTestId('self-identification').getByLabel('Male', { exact: true }).check();
    await page.getByRole('button', { name: 'Submit my answers' }).click();
    await page.getByTestId('self-id-result').waitFor();

    // --- the third skips: nothing is stored ---
    page = await phone.newPage();
    await page.goto(`/join/${skipping}`);
    await page.getByRole('button', { name: 'Skip' }).click();
    await page.getByTestId('self-id-result').getByText('Skipped: nothing was recorded.').waitFor();
    await phone.close();

    const report = await api('GET', '/compliance/adverse-impact');
    expect(report.status).toBe(200);
    expect(report.body.candidates).toBe(3);
    const sex = report.body.dimensions.find((d: { dimension: string }) => d.dimension === 'sex');
    const race = report.body.dimensions.find((d: { dimension: string }) => d.dimension === 'race_ethnicity');
    expect(sex.categories.map((c: { candidates: number }) => c.candidates)).toEqual([1, 1]); // male, female
    expect(sex.unknown.candidates).toBe(1);
    expect(
      race.categories.find((c: { raceEthnicity: string }) => c.raceEthnicity === 'asian').candidates,
    ).toBe(1);
    expect(race.declined.candidates).toBe(1);
    expect(race.unknown.candidates).toBe(1);

    // --- the owner: the page, the chart with its line, the scoring rates, the CSV ---
    const desk = await newContext(browser, base, 'owner');
    page = await desk.newPage();
    await signIn(page, ownerEmail, password);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Adverse impact' })
      .click();
    await page.getByRole('heading', { name: 'Adverse impact', level: 1 }).waitFor();
    await page.getByTestId('impact-report').waitFor();
    expect(await page.getByTestId('impact-candidates').textContent()).toBe('3');
    const sexChart = page.getByTestId('impact-chart-sex');
    await sexChart.waitFor();
    expect(await sexChart.locator('g.chart-row').count()).toBe(2);
    const female = sexChart.locator('g[data-category="female:"]');
    const male = sexChart.locator('g[data-category="male:"]');
    // the woman (LEVEL5) was recommended, the man (LEVEL1) not: the line at 0.8 × 100 %, the man flagged
    expect(sex.categories.map((c: { selected: number }) => c.selected)).toEqual([0, 1]);
    expect(await page.getByTestId('impact-chart-sex-line').getAttribute('data-rate')).toBe('0.8');
    expect(await female.getAttribute('data-state')).toBe('impact-ok');
    expect(await male.getAttribute('data-state')).toBe('impact-flagged');
    const table = page.getByRole('region', { name: 'Sex', exact: true }).getByRole('table');
    await table.getByRole('row', { name: /Unknown \(no answer given\)/ }).waitFor();
    await shot(page, 'dashboard');
    await page.getByLabel('Scoring rate (above the median score)').check();
    await page.getByRole('img', { name: 'Scoring rate by sex', exact: true }).waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^adverse-impact-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toMatch(/^dimension,sex,race_ethnicity,group,candidates,/);
    expect(csv).toContain('race_ethnicity,,asian,category,1,');
    await desk.close();

    expect(problems).toEqual([]);
  }, 240_000);
});

// after the report above, which counts the tenant's candidates so far
describe('a request for a human review', () => {
  it('the candidate asks on their page; the recruiter sees it on the interview and the report until resolved', async () => {
    const link = await finishedLink(`LEVEL3 ${ANSWER}`);
    const context = await newContext(browser, base, 'reviewer');
    const page = await context.newPage();
    await page.goto(`/join/${link}`);
    const panel = page.getByTestId('review-request');
    await panel.getByRole('heading', { name: 'Would you rather a person assessed you?' }).waitFor();
    await panel.getByLabel('What would you like? (optional)').fill('A call with a recruiter, please.');
    await panel.getByRole('button', { name: 'Request a human review' }).click();
    await page.getByTestId('review-request-result').getByText('A person at the company will look').waitFor();
    await context.close();

    const interviews = await api('GET', '/interviews?limit=100');
    const ids: string[] = interviews.body.items.map((i: { id: string }) => i.id);
    const details = await Promise.all(ids.map((id) => api('GET', `/interviews/${id}`)));
    const asked = details.filter((d) => d.body.reviewRequest);
    expect(asked).toHaveLength(1);
    const interviewId = asked[0]!.body.id as string;
    expect(asked[0]!.body.reviewRequest).toMatchObject({
      requestedBy: 'candidate',
      status: 'open',
      message: 'A call with a recruiter, please.',
    });
    expect((await api('GET', `/report/${interviewId}`)).body.humanReview.status).toBe('open');
    const resolved = await api('POST', `/interviews/${interviewId}/review-request/resolve`, {
      note: 'Called them.',
    });
    expect(resolved.status).toBe(200);
    expect((await api('GET', `/report/${interviewId}`)).body.humanReview.status).toBe('resolved');
  });
});
