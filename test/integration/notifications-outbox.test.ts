import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emSql, withTenant } from '../../src/db/index.ts';
import { recordMail, requestPasswordReset, sweepMail } from '../../src/notifications/index.ts';
import { createHarness, type Harness, type TestTenant, uniq } from '../helpers/harness.ts';
import { signedInMember } from '../helpers/members.ts';

/**
 * Mail on the embedded default: no SMTP_URL, so every message goes to the outbox (the
 * mail_messages table) that the dashboard's Mail page reads, and the flow works with nothing
 * configured. The in-process job runner sends (stores) each message; the candidate's link in it
 * opens the join page. Templates: only their variables, escaped; account links never shown there.
 */

let h: Harness;
let t: TestTenant;
const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

beforeAll(async () => {
  h = await createHarness({ JOIN_RATE_LIMIT: '100000', PUBLIC_URL: 'http://app.example.test' });
  t = await h.signUp({ name: 'Outbox Co' });
});

async function waitFor<T>(what: string, check: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function schedule(body: Record<string, unknown>, token = t.token) {
  const res = await h.request('POST', '/api/v1/admin/schedule', {
    token,
    body: { role: 'backend-engineer', scheduledAt: inHours(2), sendInvitation: true, ...body },
  });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; joinUrl: string; invitation: { status: string } | null };
}

/** The schedule's messages in the outbox, once every one of them has left the queue. */
async function sentFor(scheduleId: string, kind = 'invitation', tenant = t) {
  return waitFor(`the ${kind} of ${scheduleId}`, async () => {
    const res = await h.request('GET', `/api/v1/mail/messages?scheduleId=${scheduleId}&kind=${kind}`, {
      token: tenant.token,
    });
    expect(res.status, res.text).toBe(200);
    const items = res.body.items as { id: string; status: string }[];
    return items.length > 0 && items.every((m) => m.status === 'sent') ? items : undefined;
  });
}

describe('the outbox (no SMTP_URL)', () => {
  it("stores the invitation as sent; its link opens the candidate's page", async () => {
    const email = `${uniq('cand')}@example.com`;
    const created = await schedule({ candidateEmail: email, candidateName: 'Grace Hopper' });
    expect(created.invitation).toMatchObject({ status: 'queued' });
    const [item] = await sentFor(created.id);
    const detail = await h.request('GET', `/api/v1/mail/messages/${item!.id}`, { token: t.token });
    expect(detail.status, detail.text).toBe(200);
    expect(detail.body).toMatchObject({
      kind: 'invitation',
      to: email,
      status: 'sent',
      transport: 'outbox',
      scheduleId: created.id,
      error: null,
    });
    expect(detail.body.subject).toBe('Your interview with Outbox Co: Backend Engineer');
    expect(detail.body.text).toContain('Hello Grace Hopper,');
    // the outbox is the candidate's mailbox here: the link is whole, and the one the API gave
    const link = /http:\/\/app\.example\.test\/join\/([A-Za-z0-9_-]+)/.exec(detail.body.text)?.[0];
    expect(link).toBe(created.joinUrl.replace(/^http:\/\/[^/]+/, 'http://app.example.test'));
    const token = link!.split('/').pop()!;
    const page = await h.request('GET', `/api/v1/public/join/${token}`);
    expect(page.status, page.text).toBe(200);
    expect(page.body).toMatchObject({ status: 'scheduled', branding: { displayName: 'Outbox Co' } });
    expect(detail.body.html).toContain(`href="${link}"`);

    // the schedule says so, with the reminder waiting for its time (a day before the link expires)
    const list = await h.request('GET', '/api/v1/admin/schedules?limit=200', { token: t.token });
    const mine = list.body.items.find((s: { id: string }) => s.id === created.id);
    expect(mine.invitation).toMatchObject({ status: 'sent', error: null, attempts: 1 });
    expect(mine.reminder).toMatchObject({ status: 'queued' });
    expect(Date.parse(mine.reminder.at)).toBe(Date.parse(mine.expiresAt) - 24 * 3_600_000);
  });

  it('a schedule without sendInvitation sends nothing (the default)', async () => {
    const res = await h.request('POST', '/api/v1/admin/schedule', {
      token: t.token,
      body: {
        candidateEmail: `${uniq('quiet')}@example.com`,
        role: 'backend-engineer',
        scheduledAt: inHours(1),
      },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body.invitation).toBeNull();
    const mail = await h.request('GET', `/api/v1/mail/messages?scheduleId=${res.body.id}`, {
      token: t.token,
    });
    expect(mail.body.items).toEqual([]);
  });

  it('only admins and owners read the outbox and the templates; recruiters see delivery on schedules', async () => {
    for (const role of ['viewer', 'recruiter']) {
      const token = await signedInMember(h, t, role);
      for (const path of ['/api/v1/mail/messages', '/api/v1/mail/templates']) {
        const res = await h.request('GET', path, { token });
        expect(res.status, `${role} ${path}`).toBe(403);
        expect(res.body.code).toBe('forbidden');
      }
    }
    const admin = await signedInMember(h, t, 'admin');
    expect((await h.request('GET', '/api/v1/mail/messages', { token: admin })).status).toBe(200);
  });

  it('a message whose job was lost is sent by the sweeper', async () => {
    const created = await h.request('POST', '/api/v1/admin/schedule', {
      token: t.token,
      body: {
        candidateEmail: `${uniq('lost')}@example.com`,
        role: 'backend-engineer',
        scheduledAt: inHours(1),
      },
    });
    const [s] = await h.ownerOrm.em
      .fork()
      .execute<{ candidate_id: string }[]>('select candidate_id from schedules where id = ?', [
        created.body.id,
      ]);
    // recorded, never enqueued (as if the process died right after the commit)
    const queued = await withTenant(h.orm, t.id, (em) =>
      recordMail(emSql(em), t.id, {
        kind: 'invitation',
        dedupeKey: `schedule:${created.body.id}:invitation`,
        to: 'lost@example.com',
        scheduleId: created.body.id,
        candidateId: s!.candidate_id,
      }),
    );
    await h.ownerOrm.em
      .fork()
      .execute(
        `update mail_messages set send_after = now() - interval '2 minutes', updated_at = now() - interval '2 minutes' where id = ?`,
        [queued!.id],
      );
    expect(await sweepMail(h.orm, h.services.jobs)).toBeGreaterThanOrEqual(1);
    await sentFor(created.body.id);
  });
});

describe('templates', () => {
  it('lists the defaults with their variables', async () => {
    const res = await h.request('GET', '/api/v1/mail/templates', { token: t.token });
    expect(res.status, res.text).toBe(200);
    expect(res.body.items.map((x: { kind: string }) => x.kind)).toEqual(['invitation', 'reminder']);
    expect(res.body.items[0]).toMatchObject({ isDefault: true, updatedAt: null });
    expect(res.body.items[0].variables.map((v: { name: string }) => v.name)).toEqual([
      'candidateName',
      'companyName',
      'roleTitle',
      'joinUrl',
      'scheduledAt',
      'expiresAt',
      'aiNotice',
    ]);
  });

  it('refuses unknown variables, expressions and a body without the link (422), saving nothing', async () => {
    const cases: { subject: string; body: string; paths: string[] }[] = [
      { subject: 'Hi {{candidateNmae}}', body: 'Go: {{joinUrl}}', paths: ['/body/subject'] },
      { subject: 'Hi', body: 'Go: {{joinUrl}} {{ candidate.name }}', paths: ['/body/body'] },
      { subject: 'Hi', body: '{{#if x}}{{joinUrl}}{{/if}}', paths: ['/body/body', '/body/body'] },
      { subject: 'Hi', body: '{{joinUrl}} {{constructor}}', paths: ['/body/body'] },
      { subject: 'Hi', body: '{{joinUrl}} {{ unclosed', paths: ['/body/body'] },
      { subject: 'Hi {{candidateName}}', body: 'no link here', paths: ['/body/body'] },
    ];
    for (const c of cases) {
      const res = await h.request('PUT', '/api/v1/mail/templates', {
        token: t.token,
        body: { kind: 'invitation', subject: c.subject, body: c.body },
      });
      expect(res.status, res.text).toBe(422);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.body.code).toBe('invalid_template');
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(c.paths);
    }
    const res = await h.request('GET', '/api/v1/mail/templates', { token: t.token });
    expect(res.body.items[0].isDefault).toBe(true);
  });

  it('a saved template words the next invitation, every value escaped in the HTML; audited; reset', async () => {
    const saved = await h.request('PUT', '/api/v1/mail/templates', {
      token: t.token,
      body: {
        kind: 'invitation',
        subject: '{{ companyName }} <> {{candidateName}}',
        body: 'Dear {{candidateName}} & co,\n\nStart here: {{joinUrl}}\n\n<b>not bold</b> until {{expiresAt}}',
      },
    });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body).toMatchObject({ kind: 'invitation', isDefault: false });
    const created = await schedule({
      candidateEmail: `${uniq('esc')}@example.com`,
      candidateName: 'Eve <script>alert(1)</script>',
    });
    const [item] = await sentFor(created.id);
    const detail = (await h.request('GET', `/api/v1/mail/messages/${item!.id}`, { token: t.token })).body;
    expect(detail.subject).toBe('Outbox Co <> Eve <script>alert(1)</script>');
    expect(detail.text.startsWith('Dear Eve <script>alert(1)</script> & co,')).toBe(true);
    expect(detail.html).toContain('Dear Eve &lt;script&gt;alert(1)&lt;/script&gt; &amp; co,');
    expect(detail.html).toContain('&lt;b&gt;not bold&lt;/b&gt;');
    expect(detail.html).not.toContain('<script>');

    const audit = await h.request('GET', '/api/v1/audit?action=mail_template.changed', { token: t.token });
    expect(audit.body.items[0]).toMatchObject({
      target: 'invitation',
      data: { kind: 'invitation', reset: false },
    });

    const reset = await h.request('POST', '/api/v1/mail/templates/reset', {
      token: t.token,
      body: { kind: 'invitation' },
    });
    expect(reset.status, reset.text).toBe(200);
    expect(reset.body).toMatchObject({ isDefault: true, subject: reset.body.default.subject });
  });
});

describe('account mail in the outbox', () => {
  it('a member invited without a password gets a link; the inviter is shown it, the outbox never', async () => {
    const email = `${uniq('invitee')}@example.com`;
    const res = await h.request('POST', '/api/v1/users', {
      token: t.token,
      body: { email, role: 'recruiter' },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ email, role: 'recruiter', status: 'invited' });
    const url = new URL(res.body.invitationUrl);
    expect(url.origin + url.pathname).toBe('http://app.example.test/set-password');
    const token = new URLSearchParams(url.hash.slice(1)).get('token')!;

    // an invited member cannot sign in yet
    const early = await h.request('POST', '/api/v1/admin/login', {
      body: { email, password: 'anything at all', tenant: t.slug },
    });
    expect(early.status).toBe(401);

    const stored = await waitFor('the invitation', async () => {
      const list = await h.request('GET', '/api/v1/mail/messages?kind=member_invite', { token: t.token });
      const m = list.body.items.find(
        (x: { to: string; status: string }) => x.to === email && x.status === 'sent',
      );
      return m
        ? (await h.request('GET', `/api/v1/mail/messages/${m.id}`, { token: t.token })).body
        : undefined;
    });
    expect(stored.text).toContain('[link hidden]');
    expect(`${stored.text} ${stored.html} ${stored.preview}`).not.toContain(token);

    const set = await h.request('POST', '/api/v1/auth/password-reset/confirm', {
      body: { token, password: 'my own password 1' },
    });
    expect(set.status, set.text).toBe(200);
    const login = await h.request('POST', '/api/v1/admin/login', {
      body: { email, password: 'my own password 1', tenant: t.slug },
    });
    expect(login.status, login.text).toBe(200);
    const users = await h.request('GET', '/api/v1/users?limit=200', { token: t.token });
    expect(users.body.items.find((u: { email: string }) => u.email === email).status).toBe('active');
  });

  it('a password reset is recorded without its link', async () => {
    const email = `${uniq('forgot')}@example.com`;
    await h.request('POST', '/api/v1/users', {
      token: t.token,
      body: { email, role: 'viewer', password: 'the old password' },
    });
    const res = await h.request('POST', '/api/v1/auth/password-reset', { body: { email } });
    expect(res.status, res.text).toBe(202);
    const stored = await waitFor('the reset', async () => {
      const list = await h.request('GET', '/api/v1/mail/messages?kind=password_reset', { token: t.token });
      const m = list.body.items.find(
        (x: { to: string; status: string }) => x.to === email && x.status === 'sent',
      );
      return m
        ? (await h.request('GET', `/api/v1/mail/messages/${m.id}`, { token: t.token })).body
        : undefined;
    });
    expect(stored.text).toContain('[link hidden]');
    expect(stored.text).not.toMatch(/set-password#token=[A-Za-z0-9_-]{20,}/);
  });
  it('an account gets at most PASSWORD_RESET_RATE_LIMIT resets an hour, whatever asks (held in the database)', async () => {
    const email = `${uniq('many')}@example.com`;
    await h.request('POST', '/api/v1/users', {
      token: t.token,
      body: { email, role: 'viewer', password: 'the old password' },
    });
    // straight to the mail path, as a second API replica or a restarted one (a fresh per-address limiter) would
    const limit = h.services.mail.passwordResetRateLimit;
    const sent: number[] = [];
    for (let i = 0; i < limit + 2; i++)
      sent.push((await requestPasswordReset(h.orm, h.services.mail, email)).length);
    expect(sent).toEqual([...Array(limit).fill(1), 0, 0]);
    const [row] = await h.ownerOrm.em
      .fork()
      .execute<{ n: string }[]>(
        `select count(*) as n from account_tokens a join users u on u.id = a.user_id where u.email = ? and a.purpose = 'password_reset'`,
        [email],
      );
    expect(Number(row!.n)).toBe(limit);
  });
});

describe('per client address', () => {
  let low: Harness;
  beforeAll(async () => {
    low = await createHarness({ AUTH_RATE_LIMIT: '3' });
  });
  afterAll(() => undefined);

  it('password-reset requests past AUTH_RATE_LIMIT from one address are 429, whatever the email', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await low.request('POST', '/api/v1/auth/password-reset', {
        body: { email: `${uniq('nobody')}@example.com` },
      });
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.body.code).toBe('rate_limited');
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      }
    }
    expect(statuses).toEqual([202, 202, 202, 429, 429]);
  });
});
