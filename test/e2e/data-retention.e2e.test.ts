import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniq } from '../helpers/harness.ts';
import { createProblemLog, DESKTOP, makeScreenshotsDir, shooter, signIn } from './browser.ts';
import { apiClient, ensureWebBuilt, launchChromium, signUpTenant, startApiProcess } from './setup.ts';

/**
 * "Data & retention" on the organisation's settings page in a real browser (Debian's Chromium
 * driven by playwright-core) against the real API process: the owner sets the retention, exports
 * everything (a gzip'd JSON-lines download), schedules the deletion with the typed confirmation,
 * sees the banner and restores it. An admin sees the retention only. Any console error or page
 * error fails it.
 */
let server: Awaited<ReturnType<typeof startApiProcess>>;
let base: string;
let browser: Browser;
let ownerToken: string;
const password = 'correct horse battery staple';
const ownerEmail = `${uniq('owen')}@example.com`;
const adminEmail = `${uniq('ada')}@example.com`;
const slug = uniq('leaving');
const { problems, newContext } = createProblemLog({ ...DESKTOP, acceptDownloads: true });
const shot = shooter('data-retention-');
const api = apiClient(() => base, { token: () => ownerToken });

async function newPage(name: string) {
  const context = await newContext(browser, base, name);
  return context.newPage();
}

async function openSettings(page: Page, email: string) {
  await signIn(page, email, password);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Branding' }).click();
  await page.getByRole('heading', { name: 'Data & retention' }).waitFor();
}

beforeAll(async () => {
  await makeScreenshotsDir();
  await ensureWebBuilt();
  server = await startApiProcess();
  base = server.base;
  ownerToken = await signUpTenant(base, { name: 'Leaving Ltd', slug, ownerEmail, ownerPassword: password });
  expect((await api('POST', '/users', { email: adminEmail, role: 'admin', password })).status).toBe(201);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('data and retention in the dashboard', () => {
  it('the owner sets the retention, exports everything, schedules the deletion and restores it', async () => {
    const page = await newPage('owner');
    await openSettings(page, ownerEmail);
    const section = page.getByTestId('data-retention');
    const days = section.getByLabel('Days to keep it');
    await expect.poll(() => days.inputValue()).toBe('365');
    await days.fill('90');
    await section.getByRole('button', { name: 'Save retention' }).click();
    await section.getByText("Candidates' data is erased 90 days after their last interview.").waitFor();
    expect((await api('GET', '/tenant')).body['candidateRetentionDays']).toBe(90);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      section.getByRole('button', { name: 'Export all data' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      new RegExp(`^${slug}-export-\\d{4}-\\d{2}-\\d{2}\\.jsonl\\.gz$`),
    );
    const lines = gunzipSync(await readFile((await download.path())!))
      .toString('utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ format: 'tenant-export.v1' });
    expect(lines.at(-1)).toMatchObject({ end: true });

    // the button waits for the slug (or the name), typed
    const remove = section.getByRole('button', { name: 'Delete this organisation' });
    await section.getByLabel(`Type ${slug} to confirm`).fill('leaving');
    expect(await remove.isDisabled()).toBe(true);
    await section.getByLabel(`Type ${slug} to confirm`).fill(slug);
    await remove.click();
    const banner = page.getByTestId('deletion-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('will be deleted on');
    expect((await api('GET', '/tenant')).body['deletion']).not.toBeNull();
    await shot(page, 'pending');

    await banner.getByRole('button', { name: 'Restore' }).click();
    await banner.waitFor({ state: 'detached' });
    await remove.waitFor();
    expect((await api('GET', '/tenant')).body['deletion']).toBeNull();
  });

  it('an admin sets the retention but neither exports nor deletes', async () => {
    const page = await newPage('admin');
    await openSettings(page, adminEmail);
    const section = page.getByTestId('data-retention');
    await section.getByText('Only an owner can export all data or delete the organisation.').waitFor();
    expect(await section.getByRole('button', { name: 'Export all data' }).count()).toBe(0);
    expect(await section.getByRole('button', { name: 'Delete this organisation' }).count()).toBe(0);
    await section.getByLabel("Erase candidates' data automatically after their last interview").uncheck();
    await section.getByRole('button', { name: 'Save retention' }).click();
    await section.getByText('Kept until erased.').waitFor();
    expect((await api('GET', '/tenant')).body['candidateRetentionDays']).toBeNull();
    expect(problems).toEqual([]);
  });
});
