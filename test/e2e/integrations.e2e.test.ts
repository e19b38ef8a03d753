import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuth } from '../helpers/ats-stand-ins.ts';
import { uniq } from '../helpers/harness.ts';
import { createProblemLog, makeScreenshotsDir, shooter, signIn } from './browser.ts';
import { apiClient, ensureWebBuilt, launchChromium, login, signUpTenant, startApiProcess } from './setup.ts';

/**
 * The Integrations page in a real browser (Debian's Chromium driven by playwright-core) against the
 * real API process. An admin connects Greenhouse and sees its key once (the API never returns it),
 * with the endpoints to give Greenhouse; Greenhouse lists tests with that key, and after a reload
 * the call is in the call log and its chart. Lever is connected with an API key and a webhook
 * token: the page shows only their last four characters, never the secrets; a posting is mapped
 * to a position and a secret replaced. "Test connection" on Greenhouse says when it last called;
 * rotating its key (confirmed) shows the new key once and the old one stops working; Lever is
 * disconnected (confirmed). Any console or page error fails it.
 */
let server: Awaited<ReturnType<typeof startApiProcess>>;
let base: string;
let browser: Browser;
let adminToken: string;
let positionId: string;
const password = 'correct horse battery staple';
const adminEmail = `${uniq('ada')}@example.com`;
const positionTitle = 'Backend engineer';
const leverApiKey = 'lever-api-key-9f3a7c21Q8kW';
const leverToken = 'lever-webhook-token-5Xy2';
const leverApiKey2 = 'lever-api-key-rotated-Zt7m';
const { problems, newContext } = createProblemLog();
const shot = shooter('integrations-');
const api = apiClient(() => base);

/** Greenhouse's call: HTTP Basic with the connection's key as the user name. */
const greenhouseListTests = (key: string) =>
  fetch(`${base}/ats/greenhouse/list_tests`, {
    headers: { authorization: basicAuth(key) },
  });

/** Answers the next confirm() with OK, after checking what it asks. */
function acceptNextDialog(page: Page, says: RegExp) {
  page.once('dialog', (dialog) => {
    if (!says.test(dialog.message())) problems.push(`unexpected dialog: ${dialog.message()}`);
    void dialog.accept();
  });
}

beforeAll(async () => {
  await makeScreenshotsDir();
  await ensureWebBuilt();
  server = await startApiProcess();
  base = server.base;
  const ownerToken = await signUpTenant(base, {
    name: 'Initech',
    slug: uniq('initech'),
    ownerEmail: `${uniq('owner')}@example.com`,
    ownerPassword: password,
  });
  const admin = await api('POST', '/users', { email: adminEmail, role: 'admin', password }, ownerToken);
  expect(admin.status).toBe(201);
  adminToken = await login(base, adminEmail, password);
  const position = await api(
    'POST',
    '/positions',
    {
      title: positionTitle,
      description: 'Builds and runs our APIs.',
      design: { banks: [{ pluginId: 'ai-interviewer.backend-engineer' }], length: 6 },
    },
    adminToken,
  );
  expect(position.status, position.text).toBe(201);
  positionId = position.body.id;
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the Integrations page', () => {
  it('connects Greenhouse and Lever, shows keys once and secrets never, logs and tests calls', async () => {
    const desk = await newContext(browser, base, 'admin');
    const page = await desk.newPage();
    await signIn(page, adminEmail, password);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Integrations' }).click();
    await page.getByRole('heading', { name: 'Integrations', level: 1 }).waitFor();
    const greenhouse = page.getByRole('region', { name: 'Greenhouse', exact: true });
    const lever = page.getByRole('region', { name: 'Lever', exact: true });
    await greenhouse.getByText('Not connected').waitFor();
    await page.getByRole('region', { name: 'Ashby', exact: true }).getByText('Not connected').waitFor();
    await lever.getByText('Not connected').waitFor();

    // --- Greenhouse: connect, the key shown once, the endpoints ---
    await greenhouse.getByRole('button', { name: 'Connect Greenhouse' }).click();
    const keyInput = greenhouse.getByLabel('Greenhouse key', { exact: true });
    await keyInput.waitFor();
    const inboundKey = await keyInput.inputValue();
    expect(inboundKey).toMatch(/^atk_[A-Za-z0-9_-]{20,}$/);
    await greenhouse.getByText('it is shown only once').waitFor();
    await page.getByText('Greenhouse connected.').waitFor();
    await greenhouse.getByText('Connected', { exact: true }).waitFor();
    expect(await greenhouse.getByTestId('ats-key-prefix').textContent()).toBe(`${inboundKey.slice(0, 12)}…`);
    const endpoints = {
      'List tests URL': `${base}/ats/greenhouse/list_tests`,
      'Send test URL': `${base}/ats/greenhouse/send_test`,
      'Test status URL': `${base}/ats/greenhouse/test_status`,
      'Response error URL': `${base}/ats/greenhouse/response_error`,
    };
    for (const [label, url] of Object.entries(endpoints))
      expect(await greenhouse.getByLabel(label, { exact: true }).inputValue()).toBe(url);
    await greenhouse.getByText('No calls yet').waitFor();
    await shot(page, 'greenhouse-key');

    // the API never returns the key: neither in the list nor in the connection
    const listed = await api('GET', '/ats/connections', undefined, adminToken);
    expect(listed.status).toBe(200);
    expect(listed.text).not.toContain(inboundKey);
    expect(listed.text).not.toContain(inboundKey.slice(12));
    const connection = listed.body.items.find((c: { provider: string }) => c.provider === 'greenhouse');
    expect(connection.inboundKeyPrefix).toBe(inboundKey.slice(0, 12));
    const one = await api('GET', `/ats/connections/${connection.id}`, undefined, adminToken);
    expect(one.status).toBe(200);
    expect(one.text).not.toContain(inboundKey.slice(12));

    // --- Greenhouse calls with the key: one inbound call, in the log after a reload ---
    const listTests = await greenhouseListTests(inboundKey);
    expect(listTests.status).toBe(200);
    expect(await listTests.json()).toEqual([
      { partner_test_id: positionId, partner_test_name: positionTitle },
    ]);
    await page.reload();
    const rows = greenhouse.getByTestId('ats-calls-table').locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    const call = rows.first();
    expect(await call.getAttribute('data-operation')).toBe('list_tests');
    expect(await call.getAttribute('data-direction')).toBe('in');
    expect(await call.locator('td[data-label="Operation"]').textContent()).toBe('list_tests');
    expect(await call.locator('td[data-label="HTTP status"]').textContent()).toBe('200');
    expect(await call.locator('td[data-label="Direction"]').textContent()).toMatch(/^In/);
    expect(await call.locator('td[data-label="Direction"] .sub').textContent()).toBe('from Greenhouse');
    expect(await call.locator('td[data-label="Error"]').textContent()).toBe('—');
    expect(await call.locator('td[data-label="Latency"]').textContent()).toMatch(/^\d+ ms$/);
    const bars = greenhouse.getByTestId('ats-calls-chart').locator('g.chart-call');
    expect(await bars.count()).toBe(1);
    expect(await bars.first().getAttribute('data-status')).toBe('200');
    expect(await bars.first().getAttribute('data-failed')).toBe('false');
    await greenhouse.getByRole('img', { name: 'Latency of the last 1 call with Greenhouse' }).waitFor();
    expect(await greenhouse.getByTestId('ats-calls-summary').textContent()).toMatch(
      /^Last 24 hours: 1 call, 0 failed, median latency \d+ ms;/,
    );
    // shown once: after the reload the key is nowhere in the page
    expect(await page.content()).not.toContain(inboundKey.slice(12));
    expect(await greenhouse.getByTestId('ats-new-key').count()).toBe(0);

    // --- Lever: connect with its secrets; only their last four characters are shown ---
    await lever.getByLabel('Lever API key', { exact: true }).fill(leverApiKey);
    await lever.getByLabel('Webhook signature token', { exact: true }).fill(leverToken);
    await lever.getByRole('button', { name: 'Connect Lever' }).click();
    await page.getByText('Lever connected.').waitFor();
    await lever.getByText(`set (…${leverApiKey.slice(-4)})`, { exact: true }).waitFor();
    await lever.getByText(`set (…${leverToken.slice(-4)})`, { exact: true }).waitFor();
    expect(await lever.getByTestId('ats-new-key').count()).toBe(0); // Lever calls with no key of ours
    expect(await lever.getByTestId('ats-key-prefix').count()).toBe(0);
    const leverConnection = (await api('GET', '/ats/connections', undefined, adminToken)).body.items.find(
      (c: { provider: string }) => c.provider === 'lever',
    );
    expect(await lever.getByLabel('Webhook URL', { exact: true }).inputValue()).toBe(
      `${base}/ats/lever/${leverConnection.id}/webhook`,
    );
    let html = await page.content();
    expect(html).not.toContain(leverApiKey);
    expect(html).not.toContain(leverToken);

    // a posting mapped to the position, the trigger stage set
    await lever.getByRole('button', { name: 'Add a posting' }).click();
    await lever.getByLabel('Posting id 1', { exact: true }).fill('posting-abc');
    await lever.getByLabel('Position 1', { exact: true }).selectOption({ label: positionTitle });
    await lever.getByLabel('Trigger stage id', { exact: true }).fill('stage-onsite');
    await lever.getByRole('button', { name: 'Save settings' }).click();
    await lever.getByText('Saved.', { exact: true }).waitFor();
    const leverSaved = await api('GET', `/ats/connections/${leverConnection.id}`, undefined, adminToken);
    expect(leverSaved.body.settings).toEqual({
      sendInvitation: true,
      positionMap: { 'posting-abc': positionId },
      defaultPositionId: null,
      triggerStageId: 'stage-onsite',
    });

    // one secret replaced (rotation): its hint changes, the other stays, neither is shown
    await lever.getByRole('form', { name: 'Credentials' }).getByLabel('Lever API key').fill(leverApiKey2);
    await lever.getByRole('button', { name: 'Replace' }).click();
    await lever.getByText('Replaced.', { exact: true }).waitFor();
    await lever.getByText(`set (…${leverApiKey2.slice(-4)})`, { exact: true }).waitFor();
    await lever.getByText(`set (…${leverToken.slice(-4)})`, { exact: true }).waitFor();
    html = await page.content();
    for (const secret of [leverApiKey, leverApiKey2, leverToken]) expect(html).not.toContain(secret);
    const leverText = (await api('GET', `/ats/connections/${leverConnection.id}`, undefined, adminToken))
      .text;
    for (const secret of [leverApiKey, leverApiKey2, leverToken]) expect(leverText).not.toContain(secret);
    await shot(page, 'connected');

    // --- Greenhouse: "Test connection" says when it last called ---
    await greenhouse.getByRole('button', { name: 'Test connection' }).click();
    const result = greenhouse.getByTestId('ats-test-result');
    await result.getByText('The connection works.').waitFor();
    await result
      .getByText(/^Greenhouse calls this platform; its last call was at \S+ \(HTTP 200\)\.$/)
      .waitFor();

    // --- Greenhouse: a new key (confirmed), shown once; the old one stops working ---
    acceptNextDialog(page, /^Rotate the Greenhouse key\?.*stops working at once/);
    await greenhouse.getByRole('button', { name: 'Rotate key' }).click();
    await greenhouse.getByTestId('ats-new-key').waitFor();
    const rotated = await greenhouse.getByLabel('Greenhouse key', { exact: true }).inputValue();
    expect(rotated).toMatch(/^atk_/);
    expect(rotated).not.toBe(inboundKey);
    expect(await greenhouse.getByTestId('ats-key-prefix').textContent()).toBe(`${rotated.slice(0, 12)}…`);
    expect((await greenhouseListTests(inboundKey)).status).toBe(401);
    expect((await greenhouseListTests(rotated)).status).toBe(200);
    await greenhouse.getByRole('button', { name: 'Done' }).click();
    await greenhouse.getByTestId('ats-new-key').waitFor({ state: 'detached' });
    expect(await page.content()).not.toContain(rotated.slice(12));
    // the log, refreshed: the call with the new key, newest first
    await greenhouse.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.first().getAttribute('data-status')).toBe('200');

    // --- Lever disconnected (confirmed): the connect form again ---
    acceptNextDialog(page, /^Disconnect Lever\?/);
    await lever.getByRole('button', { name: 'Disconnect Lever' }).click();
    await page.getByText('Lever disconnected.').waitFor();
    await lever.getByText('Not connected').waitFor();
    await lever.getByRole('button', { name: 'Connect Lever' }).waitFor();
    const left = await api('GET', '/ats/connections', undefined, adminToken);
    expect(left.body.items.map((c: { provider: string }) => c.provider)).toEqual(['greenhouse']);

    await desk.close();
    expect(problems).toEqual([]);
  }, 180_000);
});
