import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniq } from '../helpers/harness.ts';
import { type StripeStandIn, startStripeStandIn } from '../helpers/stripe-stand-in.ts';
import { createProblemLog, makeScreenshotsDir, shooter, signIn } from './browser.ts';
import { apiClient, ensureWebBuilt, launchChromium, signUpTenant, startApiProcess } from './setup.ts';

/**
 * Billing in a real browser (Debian's Chromium driven by playwright-core) against the real API
 * process, whose Stripe is a local stand-in speaking Stripe's REST wire format and posting signed
 * webhook events to the API. The owner of a fresh tenant opens Billing and sees the free trial and
 * usage bars against its limits; adding one team member too many reads as what the plan allows,
 * with a link to Billing; the owner upgrades to Growth, the browser goes through the stand-in's
 * Checkout and back before Stripe's events arrive, the page waits for them and then shows Growth,
 * active, with Growth's limits. A recruiter sees the
 * plan only. Any console error or page error other than the refusal this test provokes fails it.
 */
let stripe: StripeStandIn;
let server: Awaited<ReturnType<typeof startApiProcess>>;
let base: string;
let browser: Browser;
let ownerToken: string;
const password = 'correct horse battery staple';
const ownerEmail = `${uniq('olivia')}@example.com`;
const recruiterEmail = `${uniq('rita')}@example.com`;
const { problems, newContext } = createProblemLog();
const shot = shooter('billing-');
const api = apiClient(() => base, { token: () => ownerToken });

const openBilling = async (page: Page) => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Billing' }).click();
  await page.getByRole('heading', { name: 'Billing', level: 1 }).waitFor();
};

/** The usage chart's row for one quota: its "used of limit" figure and its bar's class. */
const usageRow = (page: Page, quota: string) =>
  page.getByTestId('usage-chart').locator(`g[data-quota="${quota}"]`);
const usageValue = (page: Page, quota: string) => usageRow(page, quota).getAttribute('data-value');

beforeAll(async () => {
  await makeScreenshotsDir();
  await ensureWebBuilt();
  stripe = await startStripeStandIn({
    prices: [
      { lookupKey: 'starter_monthly', unitAmount: 9900, productName: 'Starter' },
      { lookupKey: 'growth_monthly', unitAmount: 49900, productName: 'Growth' },
      { lookupKey: 'enterprise_monthly', unitAmount: 199900, productName: 'Enterprise' },
      { lookupKey: 'interviews_metered', unitAmount: 300, productName: 'Interviews', usageType: 'metered' },
    ],
  });
  server = await startApiProcess({
    STRIPE_SECRET_KEY: stripe.apiKey,
    STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
    STRIPE_API_URL: stripe.baseUrl,
  });
  base = server.base;
  // the API's port is known only now: Stripe's events go to its webhook route
  stripe.setWebhookUrl(`${base}/api/v1/billing/webhook`);

  ownerToken = await signUpTenant(base, {
    name: 'Initech Hiring',
    slug: uniq('initech'),
    ownerEmail,
    ownerPassword: password,
  });
  const recruiter = await api('POST', '/users', { email: recruiterEmail, role: 'recruiter', password });
  expect(recruiter.status).toBe(201);

  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await stripe?.close();
});

describe('billing end to end', () => {
  it('the owner sees the trial and its usage, meets a limit, upgrades to Growth through Checkout', async () => {
    const context = await newContext(browser, base, 'owner');
    const page = await context.newPage();
    const navigations: string[] = [];
    page.on('request', (req) => {
      if (req.isNavigationRequest() && req.frame() === page.mainFrame()) navigations.push(req.url());
    });

    // --- the trial: plan, status, banner, a bar per limit, the plans for sale ---
    await signIn(page, ownerEmail, password);
    await openBilling(page);
    const plan = page.getByTestId('billing-plan');
    await plan.getByTestId('plan-name').getByText('Free trial', { exact: true }).waitFor();
    await plan.getByTestId('plan-status').getByText('Trial', { exact: true }).waitFor();
    expect(await plan.getByTestId('plan-period').textContent()).toMatch(/^.+ – .+$/);
    const trial = page.getByTestId('billing-banner-trial');
    await trial.waitFor();
    expect(await trial.textContent()).toMatch(
      /^Your free trial ends on .+ \(14 days left\)\. Choose a plan below to keep going after it\.$/,
    );
    await page.getByTestId('usage-chart').waitFor();
    // the owner and the recruiter; the bundled banks installed at sign-up
    expect(await usageValue(page, 'seats')).toBe('2 of 3');
    expect(await usageValue(page, 'banks')).toBe('5 of 10');
    expect(await usageValue(page, 'positions')).toBe('0 of 3');
    expect(await usageValue(page, 'interviews')).toBe('0 of 25');
    expect(await usageValue(page, 'webhookEndpoints')).toBe('0 of 2');
    expect(await usageRow(page, 'seats').locator('text.chart-value').textContent()).toBe('2 of 3');
    expect(await usageRow(page, 'seats').locator('rect.chart-bar.usage-ok').count()).toBe(1);
    expect(await usageRow(page, 'positions').locator('rect.chart-bar').count()).toBe(0); // nothing used
    const description = await page.getByTestId('usage-chart').locator('desc').textContent();
    expect(description).toContain('Team members: 2 of 3');
    const cards = page.locator('li.plan-card');
    expect(await cards.evaluateAll((els) => els.map((el) => el.getAttribute('data-plan-id')))).toEqual([
      'starter',
      'growth',
      'enterprise',
    ]);
    const growth = page.locator('li.plan-card[data-plan-id="growth"]');
    await growth.getByText('25 team members', { exact: true }).waitFor();
    await page
      .locator('li.plan-card[data-plan-id="enterprise"]')
      .getByText('Unlimited team members', { exact: true })
      .waitFor();
    for (const name of ['Starter', 'Growth', 'Enterprise'])
      await page.getByRole('button', { name: `Upgrade to ${name}` }).waitFor();
    await page.getByRole('button', { name: 'Manage billing' }).waitFor();
    await shot(page, 'trial');

    // --- the third member fits the trial's three seats; a fourth is refused, with a way to Billing ---
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Team' }).click();
    await page.getByRole('heading', { name: 'Team', level: 1 }).waitFor();
    const addMember = async (email: string) => {
      await page.getByLabel('Email', { exact: true }).fill(email);
      // invited by email by default; the admin sets this one's password instead
      await page.getByLabel('Choose a password for them now').check();
      await page.getByLabel('Initial password').fill(password);
      await page.getByRole('button', { name: 'Add member' }).click();
    };
    const third = `${uniq('tom')}@example.com`;
    await addMember(third);
    await page.getByText(`${third} added.`).waitFor();
    await addMember(`${uniq('una')}@example.com`);
    const refused = page.locator('.alert.error[data-code="quota_exceeded"]');
    await refused.waitFor();
    expect(await refused.textContent()).toBe(
      'Your free trial allows 3 team members (3 used). Upgrade in Billing.',
    );
    await shot(page, 'quota');
    await refused.getByRole('link', { name: 'Upgrade in Billing' }).click();
    await page.getByRole('heading', { name: 'Billing', level: 1 }).waitFor();
    await page.getByTestId('usage-chart').waitFor();
    expect(await usageValue(page, 'seats')).toBe('3 of 3');
    expect(await usageRow(page, 'seats').locator('rect.chart-bar.usage-full').count()).toBe(1);

    // --- upgrade: Checkout at the stand-in, which sends the browser back to the success URL ---
    // Stripe's events are held back until the browser is back: the page waits for the new plan
    stripe.setWebhookUrl(undefined);
    const held = stripe.events.length;
    await page.getByRole('button', { name: 'Upgrade to Growth' }).click();
    const result = page.getByTestId('checkout-result');
    await result.getByText('Thank you: your payment went through. Updating your plan…').waitFor();
    await plan.getByTestId('plan-name').getByText('Free trial', { exact: true }).waitFor();
    stripe.setWebhookUrl(`${base}/api/v1/billing/webhook`);
    const events = stripe.events.slice(held);
    expect(events.map((e) => e.type)).toEqual([
      'checkout.session.completed',
      'customer.subscription.created',
    ]);
    for (const event of events) expect(await stripe.emit(event.type, event.data.object)).toBe(200);
    await result.getByText('Thank you: you are now on the Growth plan.').waitFor({ timeout: 15_000 });
    const checkoutPage = navigations.find((u) => u.startsWith(`${stripe.baseUrl}/checkout/`));
    expect(checkoutPage).toBeDefined();
    const sessionId = checkoutPage!.split('/').at(-1)!;
    expect(navigations.at(-1)).toBe(`${base}/billing?checkout=success&session_id=${sessionId}`);
    expect(page.url()).toBe(`${base}/billing`); // the return address is not kept for a reload
    expect(stripe.checkoutSessions.get(sessionId)).toMatchObject({
      status: 'complete',
      metadata: { plan: 'growth' },
    });
    expect(stripe.deliveries.every((d) => d.status === 200)).toBe(true);

    await plan.getByTestId('plan-name').getByText('Growth', { exact: true }).waitFor();
    await plan.getByTestId('plan-status').getByText('Active', { exact: true }).waitFor();
    expect(await usageValue(page, 'seats')).toBe('3 of 25');
    expect(await usageValue(page, 'positions')).toBe('0 of 30');
    expect(await usageValue(page, 'interviews')).toBe('0 of 300');
    expect(await usageValue(page, 'banks')).toBe('5 of 30');
    expect(await usageRow(page, 'seats').locator('rect.chart-bar.usage-ok').count()).toBe(1);
    expect(await page.getByTestId('billing-banner-trial').count()).toBe(0);
    await growth.getByText('Current plan', { exact: true }).waitFor();
    expect(await growth.getByRole('button').count()).toBe(0);
    // the running subscription changes plan in the portal, not through a second Checkout
    await page.getByRole('button', { name: 'Upgrade to Enterprise' }).waitFor();
    await page.getByRole('button', { name: 'Choose Starter' }).waitFor();
    await page.getByText('Your subscription is running').waitFor();
    await shot(page, 'growth');

    // the API agrees, and the member refused before now fits
    const overview = await api('GET', '/billing');
    expect(overview.body).toMatchObject({ plan: { id: 'growth' }, status: 'active' });
    const fourth = await api('POST', '/users', {
      email: `${uniq('una')}@example.com`,
      role: 'viewer',
      password,
    });
    expect(fourth.status).toBe(201);
    await context.close();
  }, 120_000);

  it('a recruiter sees the plan only', async () => {
    const context = await newContext(browser, base, 'recruiter');
    const page = await context.newPage();
    const calls: string[] = [];
    page.on('request', (req) => {
      const url = new URL(req.url());
      if (url.pathname.startsWith('/api/v1/billing')) calls.push(url.pathname);
    });
    await signIn(page, recruiterEmail, password);
    await openBilling(page);
    const plan = page.getByTestId('billing-plan');
    await plan.getByTestId('plan-name').getByText('Growth', { exact: true }).waitFor();
    await plan.getByText('Active', { exact: true }).waitFor();
    await plan.getByText('ask an owner to change the plan').waitFor();
    expect(await page.getByTestId('usage-chart').count()).toBe(0);
    expect(await page.locator('li.plan-card').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Manage billing' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Upgrade/ }).count()).toBe(0);
    expect(calls).toEqual(['/api/v1/billing/plan']);
    await shot(page, 'recruiter');
    await context.close();

    // The refused fourth member, once; nothing else.
    const expected = [/\[owner\] console error: Failed to load resource: .* status of 402 .*\/team\)$/];
    const unexpected = problems.filter((p) => {
      const i = expected.findIndex((re) => re.test(p));
      if (i < 0) return true;
      expected.splice(i, 1);
      return false;
    });
    expect(unexpected).toEqual([]);
  }, 60_000);
});
