import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniq } from '../helpers/harness.ts';
import { createProblemLog, makeScreenshotsDir, shooter, signIn } from './browser.ts';
import { apiClient, ensureWebBuilt, launchChromium, signUpTenant, startApiProcess } from './setup.ts';

/**
 * Invitations by mail in a real browser (Debian's Chromium driven by playwright-core) against the
 * real API process on its embedded mail default: no SMTP_URL, so messages go to the outbox. A
 * recruiter schedules with "Email the invitation" (checked by default) and sees its delivery in
 * the schedule list; an admin opens Mail, previews the invitation and follows its link, which
 * opens the candidate's branded page. A member invited from Team chooses a password on the "set
 * your password" page from their one-time link and lands signed in. Any console or page error
 * fails it.
 */
let server: Awaited<ReturnType<typeof startApiProcess>>;
let base: string;
let browser: Browser;
const password = 'correct horse battery staple';
const ownerEmail = `${uniq('olga')}@example.com`;
const recruiterEmail = `${uniq('rick')}@example.com`;
const { problems, newContext } = createProblemLog();
const shot = shooter('invitations-');
const api = apiClient(() => base);

beforeAll(async () => {
  await makeScreenshotsDir();
  await ensureWebBuilt();
  server = await startApiProcess();
  base = server.base;
  const ownerToken = await signUpTenant(base, {
    name: 'Initech',
    slug: uniq('initech'),
    ownerEmail,
    ownerPassword: password,
  });
  const branding = await api(
    'PATCH',
    '/tenant/branding',
    { displayName: 'Initech Hiring', primaryColor: '#225588' },
    ownerToken,
  );
  expect(branding.status).toBe(200);
  const recruiter = await api(
    'POST',
    '/users',
    { email: recruiterEmail, role: 'recruiter', password },
    ownerToken,
  );
  expect(recruiter.status).toBe(201);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('candidate invitations by mail', () => {
  it('a recruiter schedules with an invitation; the outbox shows it; its link opens the candidate page', async () => {
    const candidateName = 'Milton Waddams';
    const candidateEmail = `${uniq('milton')}@example.com`;

    // --- the recruiter schedules, "Email the invitation" checked by default ---
    const recruiterContext = await newContext(browser, base, 'recruiter');
    const recruiter = await recruiterContext.newPage();
    await signIn(recruiter, recruiterEmail, password);
    // recruiters do not see Mail (admins and owners do)
    await expect
      .poll(() =>
        recruiter.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Mail' }).count(),
      )
      .toBe(0);
    await recruiter.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Schedule' }).click();
    await recruiter.getByRole('heading', { name: 'Schedule an interview' }).waitFor();
    const role = recruiter.getByLabel('Role', { exact: true });
    await expect.poll(() => role.locator('option').count()).toBeGreaterThan(1);
    await recruiter.getByLabel('Candidate email').fill(candidateEmail);
    await recruiter.getByLabel('Candidate name (optional)').fill(candidateName);
    await role.selectOption('backend-engineer');
    expect(await recruiter.getByLabel('Email the invitation to the candidate').isChecked()).toBe(true);
    await recruiter.getByRole('button', { name: 'Schedule and get the link' }).click();
    await recruiter.getByRole('heading', { name: 'Interview scheduled' }).waitFor();
    await recruiter.getByText(`An invitation with this link is on its way to ${candidateEmail}`).waitFor();
    const joinUrl = await recruiter.getByLabel('Join link').inputValue();

    // the schedule list shows the invitation sent (the outbox delivers at once)
    await recruiter.getByRole('link', { name: 'Back to interviews' }).click();
    const schedules = recruiter.getByTestId('schedules-table');
    const row = schedules.getByRole('row').filter({ hasText: candidateName });
    await row.waitFor();
    await expect
      .poll(
        async () => {
          await recruiter.reload();
          return (await row.textContent()) ?? '';
        },
        { timeout: 15_000 },
      )
      .toContain('Sent');
    await row.getByRole('button', { name: /Resend invitation/ }).waitFor();
    await shot(recruiter, 'schedule-list');

    // --- the owner reads the outbox and follows the link ---
    const ownerContext = await newContext(browser, base, 'owner');
    const owner = await ownerContext.newPage();
    await signIn(owner, ownerEmail, password);
    await owner.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Mail' }).click();
    await owner.getByRole('heading', { name: 'Mail', level: 1 }).waitFor();
    const rows = owner.getByTestId('mail-table').getByRole('row').filter({ hasText: candidateEmail });
    // the invitation, and its reminder waiting for a day before the link expires
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.filter({ hasText: 'Reminder' }).textContent()).toContain('Queued');
    const mailRow = rows.filter({ hasText: 'Interview invitation' });
    await mailRow.waitFor();
    expect(await mailRow.textContent()).toContain('Your interview with Initech Hiring: Backend Engineer');
    expect(await mailRow.textContent()).toContain('Interview invitation');
    expect(await mailRow.textContent()).toContain('Sent');
    await mailRow.getByRole('button', { name: /Preview/ }).click();
    const preview = owner.getByTestId('mail-preview');
    await preview.getByText(`Hello ${candidateName},`).waitFor();
    const link = preview.getByRole('link', { name: joinUrl });
    await link.waitFor();
    await shot(owner, 'outbox');
    // the templates are there to edit, with their variables listed
    await owner.getByRole('heading', { name: 'Candidate templates' }).waitFor();
    await owner.getByText('{{joinUrl}}').first().waitFor();

    const [candidate] = await Promise.all([ownerContext.waitForEvent('page'), link.click()]);
    await candidate.getByRole('heading', { name: 'Interview for Backend Engineer' }).waitFor();
    await candidate.getByText('conducted by an AI interviewer on behalf of Initech Hiring').waitFor();
    expect(candidate.url()).toBe(joinUrl);
    await shot(candidate, 'candidate-page');

    await recruiterContext.close();
    await ownerContext.close();
  }, 120_000);

  it('a member invited from Team chooses their password from the one-time link and is signed in', async () => {
    const ownerContext = await newContext(browser, base, 'owner');
    const owner = await ownerContext.newPage();
    await signIn(owner, ownerEmail, password);
    await owner.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Team' }).click();
    await owner.getByRole('heading', { name: 'Team', level: 1 }).waitFor();
    const newcomer = `${uniq('peter')}@example.com`;
    await owner.getByLabel('Email', { exact: true }).fill(newcomer);
    await owner.getByRole('button', { name: 'Send the invitation' }).click();
    await owner.getByText(`${newcomer} invited by email.`).waitFor();
    // no SMTP here: the inviter is given the link to hand over
    const inviteUrl = await owner.getByLabel('Invitation link').inputValue();
    expect(inviteUrl).toMatch(new RegExp(`^${base}/set-password#token=[A-Za-z0-9_-]{43}&for=invitation$`));

    const memberContext = await newContext(browser, base, 'member');
    const member = await memberContext.newPage();
    await member.goto(inviteUrl);
    await member.getByRole('heading', { name: 'Welcome: choose your password' }).waitFor();
    // the token leaves the address bar as soon as the page has read it
    expect(new URL(member.url()).hash).toBe('');
    await member.getByLabel('New password').fill('my very own password');
    await member.getByLabel('Repeat the password').fill('my very own password');
    await member.getByRole('button', { name: 'Save and sign in' }).click();
    await member.getByRole('heading', { name: 'Interviews', level: 1 }).waitFor();
    await shot(member, 'member-signed-in');

    // the link works once
    const again = await memberContext.newPage();
    await again.goto(inviteUrl);
    await again.getByLabel('New password').fill('someone else 12345');
    await again.getByLabel('Repeat the password').fill('someone else 12345');
    await again.getByRole('button', { name: 'Save and sign in' }).click();
    await again.getByText('This link is not valid').waitFor();

    await memberContext.close();
    await ownerContext.close();
    // the refused second use logs its 400 in the console; nothing else may
    expect(
      problems.filter(
        (p) =>
          !/^\[member\] console error: Failed to load resource: .* status of 400 .*\/set-password\)$/.test(p),
      ),
    ).toEqual([]);
  }, 120_000);
});
