import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniq } from '../helpers/harness.ts';
import { createProblemLog, makeScreenshotsDir, shooter, signIn } from './browser.ts';
import { apiClient, ensureWebBuilt, launchChromium, login, signUpTenant, startApiProcess } from './setup.ts';

/**
 * The audit log's page in a real browser (Debian's Chromium driven by playwright-core) against the
 * real API process. An admin changes a member's role, creates API keys (one of which reads the
 * adverse-impact report) and downloads that report as CSV, all over the API; then opens "Audit
 * log": the entries with their actors (the admin's email, the key's name), the day's column of the
 * chart, 25 rows and "Load more" for the rest, a filter by action and one by a row's target. A
 * recruiter has no "Audit log" in the navigation, is told the page is for admins, and the API
 * refuses them. Any console error or page error fails it.
 */
let server: Awaited<ReturnType<typeof startApiProcess>>;
let base: string;
let browser: Browser;
let adminToken: string;
const password = 'correct horse battery staple';
const adminEmail = `${uniq('ada')}@example.com`;
const recruiterEmail = `${uniq('rita')}@example.com`;
const { problems, newContext } = createProblemLog();
const shot = shooter('audit-');
const api = apiClient(() => base);

beforeAll(async () => {
  await makeScreenshotsDir();
  await ensureWebBuilt();
  server = await startApiProcess();
  base = server.base;
  const ownerToken = await signUpTenant(base, {
    name: 'Globex',
    slug: uniq('globex'),
    ownerEmail: `${uniq('owner')}@example.com`,
    ownerPassword: password,
  });
  const admin = await api('POST', '/users', { email: adminEmail, role: 'admin', password }, ownerToken);
  expect(admin.status).toBe(201);
  adminToken = await login(base, adminEmail, password);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the audit log page', () => {
  it('an admin sees who did what, filters it and loads more; a recruiter is refused', async () => {
    // --- audited actions, over the API ---
    const recruiter = await api(
      'POST',
      '/users',
      { email: recruiterEmail, role: 'viewer', password },
      adminToken,
    );
    expect(recruiter.status).toBe(201);
    expect(
      (await api('PATCH', `/users/${recruiter.body.id}`, { role: 'recruiter' }, adminToken)).status,
    ).toBe(200);
    const key = await api('POST', '/api-keys', { name: 'ats sync', role: 'admin' }, adminToken);
    expect(key.status).toBe(201);
    expect((await api('GET', '/compliance/adverse-impact', undefined, key.body.key)).status).toBe(200);
    for (let i = 0; i < 24; i++)
      expect((await api('POST', '/api-keys', { name: `key ${i}`, role: 'viewer' }, adminToken)).status).toBe(
        201,
      );
    const csv = await fetch(`${base}/api/v1/compliance/adverse-impact?format=csv`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(csv.status).toBe(200);

    // the owner's invitation of the admin, then 1 + 1 + 25 + 2 of the admin's and the key's
    const all = await api('GET', '/audit?limit=200', undefined, adminToken);
    expect(all.body.items).toHaveLength(30);

    // --- the admin's page ---
    const desk = await newContext(browser, base, 'admin');
    const page = await desk.newPage();
    await signIn(page, adminEmail, password);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    const table = page.getByTestId('audit-table');
    const rows = table.locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(25);
    // newest first: the CSV download by the admin, then the keys
    const newest = rows.first();
    expect(await newest.getAttribute('data-action')).toBe('adverse_impact.viewed');
    await newest.getByText('Adverse-impact report viewed').waitFor();
    await newest.getByText(adminEmail).waitFor();
    await newest.getByText('format: csv').waitFor();
    expect(await newest.locator('td[data-label="Request id"] code').textContent()).toBeTruthy();
    expect(await newest.locator('td[data-label="IP address"]').textContent()).toMatch(/127\.0\.0\.1/);

    // the chart: today's column holds all 30, stacked by action
    const today = page.getByTestId('audit-chart').locator('g.chart-day').last();
    await today.waitFor();
    expect(await today.getAttribute('data-total')).toBe('30');
    expect(await today.locator('rect[data-action="api_key.created"]').getAttribute('data-count')).toBe('25');
    await page.getByRole('img', { name: 'Audit entries per day, by action' }).waitFor();
    await shot(page, 'admin');

    // the rest with the cursor
    await page.getByRole('button', { name: 'Load more' }).click();
    await rows.nth(29).waitFor();
    expect(await rows.count()).toBe(30);
    await page.getByRole('button', { name: 'Load more' }).waitFor({ state: 'detached' });
    expect(await rows.last().getAttribute('data-action')).toBe('user.invited');

    // filtered by action: the report read by the key and the download by the admin
    await page.getByLabel('Action', { exact: true }).selectOption({ label: 'Adverse-impact report viewed' });
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => rows.count()).toBe(2);
    await rows.nth(1).getByText(`API key ats sync (${key.body.prefix}…)`).waitFor();
    await rows.nth(1).getByText('format: json').waitFor();
    await expect.poll(() => today.getAttribute('data-total')).toBe('2');
    await shot(page, 'filtered');

    // by action, then by a row's target too; then every action about that target: the
    // recruiter's invitation and role change
    await page.getByLabel('Action', { exact: true }).selectOption({ label: 'Role changed' });
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => rows.count()).toBe(1);
    await rows.first().getByText('role: recruiter').waitFor();
    await rows.first().getByRole('button', { name: recruiter.body.id }).click();
    await expect.poll(() => page.getByLabel('Target', { exact: true }).inputValue()).toBe(recruiter.body.id);
    await page.getByLabel('Action', { exact: true }).selectOption({ label: 'All actions' });
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-action')))).toEqual([
      'user.role_changed',
      'user.invited',
    ]);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => rows.count()).toBe(25);
    await desk.close();

    // --- a recruiter: no entry in the navigation, the page says so, the API refuses ---
    const recruiterToken = await login(base, recruiterEmail, password);
    expect((await api('GET', '/audit', undefined, recruiterToken)).status).toBe(403);
    expect((await api('GET', '/audit/per-day', undefined, recruiterToken)).status).toBe(403);
    const other = await newContext(browser, base, 'recruiter');
    const recruiterPage = await other.newPage();
    await signIn(recruiterPage, recruiterEmail, password);
    const nav = recruiterPage.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Schedule' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Audit log' }).count()).toBe(0);
    await recruiterPage.goto('/audit');
    await recruiterPage.getByText('The audit log is for admins and owners.').waitFor();
    await other.close();

    expect(problems).toEqual([]);
  }, 180_000);
});
