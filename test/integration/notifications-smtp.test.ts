import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emSql, withTenant } from '../../src/db/index.ts';
import { handleSendMail, recordMail } from '../../src/notifications/index.ts';
import { createHarness, type Harness, TEST_REDIS_URL, type TestTenant, uniq } from '../helpers/harness.ts';
import { signedInMember } from '../helpers/members.ts';
import { type ReceivedMail, type SmtpStandIn, startSmtpStandIn } from '../helpers/smtp-stand-in.ts';

/**
 * Mail through a real SMTP server (the `smtp-server` package on 127.0.0.1) on the production
 * adapters: BullMQ jobs on a Redis database of this file's own (/13), SMTP_URL and MAIL_FROM set.
 * What the server receives is checked as a mail client would see it: headers, the branded parts,
 * the link followed through the API, nothing of another tenant; then the delivery status, the
 * once-per-message guarantee, reminders, resends, refusals, and the account mail.
 */

const REDIS_URL = (() => {
  const url = new URL(TEST_REDIS_URL);
  url.pathname = '/13';
  return url.toString();
})();
const PUBLIC = 'http://app.example.test';
const LINK = /http:\/\/app\.example\.test\/join\/([A-Za-z0-9_-]{43})/;
const ACCOUNT_LINK = /http:\/\/app\.example\.test\/set-password#token=([A-Za-z0-9_-]{43})/;

let h: Harness;
let smtp: SmtpStandIn;
let a: TestTenant;
let b: TestTenant;
const inHours = (n: number) => new Date(Date.now() + n * 3_600_000).toISOString();

beforeAll(async () => {
  const redis = new Redis(REDIS_URL);
  await redis.flushdb();
  await redis.quit();
  smtp = await startSmtpStandIn();
  h = await createHarness({
    REDIS_URL,
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Hiring Desk <jobs@mail.example.com>',
    PUBLIC_URL: PUBLIC,
    JOIN_RATE_LIMIT: '100000',
    PASSWORD_RESET_RATE_LIMIT: '3',
  });
  a = await h.signUp({ name: 'Acme Robotics Ltd' });
  b = await h.signUp({ name: 'Bravo Widgets' });
  for (const [t, branding] of [
    [
      a,
      { displayName: 'Acme Robotics', primaryColor: '#aa3300', logoUrl: 'https://cdn.example.com/acme.png' },
    ],
    [b, { displayName: 'Bravo Widgets Inc', primaryColor: '#0055cc' }],
  ] as const) {
    const res = await h.request('PATCH', '/api/v1/tenant/branding', { token: t.token, body: branding });
    expect(res.status, res.text).toBe(200);
  }
});

afterAll(async () => {
  await smtp?.close();
});

async function schedule(t: TestTenant, body: Record<string, unknown>, token = t.token) {
  const res = await h.request('POST', '/api/v1/admin/schedule', {
    token,
    body: { role: 'backend-engineer', scheduledAt: inHours(3), sendInvitation: true, ...body },
  });
  expect(res.status, res.text).toBe(201);
  return res.body as {
    id: string;
    joinUrl: string;
    expiresAt: string;
    invitation: { status: string } | null;
  };
}

async function scheduleView(t: TestTenant, id: string) {
  const res = await h.request('GET', '/api/v1/admin/schedules?limit=200', { token: t.token });
  expect(res.status, res.text).toBe(200);
  return res.body.items.find((s: { id: string }) => s.id === id);
}

async function until<T>(what: string, check: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const linkIn = (m: ReceivedMail) => LINK.exec(m.text)?.[1];

describe('a candidate invited by mail', () => {
  let email: string;
  let created: Awaited<ReturnType<typeof schedule>>;
  let mail: ReceivedMail;

  beforeAll(async () => {
    email = `${uniq('ada')}@example.com`;
    created = await schedule(a, { candidateEmail: email, candidateName: 'Ada Lovelace' });
    mail = (await smtp.waitFor(email))[0]!;
  });

  it('receives one message from the company, with the headers a client needs', () => {
    expect(created.invitation).toMatchObject({ status: 'queued' });
    expect(mail.to).toEqual([email]);
    expect(mail.from).toBe('jobs@mail.example.com');
    expect(mail.parsed.from?.value).toEqual([{ address: 'jobs@mail.example.com', name: 'Acme Robotics' }]);
    expect(mail.parsed.to && !Array.isArray(mail.parsed.to) ? mail.parsed.to.value : []).toEqual([
      { address: email, name: 'Ada Lovelace' },
    ]);
    expect(mail.subject).toBe('Your interview with Acme Robotics: Backend Engineer');
    expect(mail.parsed.messageId).toMatch(/^<[0-9a-f-]{36}@mail\.example\.com>$/);
    expect(mail.header('auto-submitted')).toBe('auto-generated');
    expect(mail.parsed.date).toBeInstanceOf(Date);
  });

  it('carries the join link (the one the API returned), the time, the branding and the AI notice', async () => {
    const token = linkIn(mail);
    expect(token).toBe(created.joinUrl.split('/').pop());
    expect(mail.text).toContain('Hello Ada Lovelace,');
    expect(mail.text).toContain(
      'This interview is conducted by an AI interviewer on behalf of Acme Robotics.',
    );
    expect(mail.text).toMatch(/scheduled for \w{3}, \d{1,2} \w+ \d{4}, \d\d:\d\d UTC/);
    expect(mail.html).toContain('#aa3300');
    expect(mail.html).toContain('src="https://cdn.example.com/acme.png"');
    expect(mail.html).toContain(`href="${PUBLIC}/join/${token}"`);

    // the link, followed through the API, is the candidate's branded page
    const page = await h.request('GET', `/api/v1/public/join/${token}`);
    expect(page.status, page.text).toBe(200);
    expect(page.body).toMatchObject({
      status: 'scheduled',
      role: { title: 'Backend Engineer' },
      branding: { displayName: 'Acme Robotics', primaryColor: '#aa3300' },
    });
  });

  it("holds nothing of another tenant's", () => {
    for (const other of ['Bravo', b.slug, b.ownerEmail, '#0055cc']) expect(mail.raw).not.toContain(other);
  });

  it('shows as sent on the schedule (reminder queued) and in the outbox, whose copy hides the link', async () => {
    const view = await until('the schedule to say sent', async () => {
      const v = await scheduleView(a, created.id);
      return v?.invitation?.status === 'sent' ? v : undefined;
    });
    expect(view.invitation).toMatchObject({ status: 'sent', error: null, attempts: 1 });
    expect(view.reminder).toMatchObject({ status: 'queued' });
    const list = await h.request('GET', `/api/v1/mail/messages?scheduleId=${created.id}`, { token: a.token });
    const sent = list.body.items.find((m: { kind: string }) => m.kind === 'invitation');
    expect(sent).toMatchObject({ status: 'sent', transport: 'smtp', to: email });
    const detail = await h.request('GET', `/api/v1/mail/messages/${sent.id}`, { token: a.token });
    const token = linkIn(mail)!;
    expect(detail.body.text).toContain(`${PUBLIC}/join/[link hidden]`);
    expect(JSON.stringify(detail.body)).not.toContain(token);
    // and another tenant cannot read it
    const other = await h.request('GET', `/api/v1/mail/messages/${sent.id}`, { token: b.token });
    expect(other.status).toBe(404);
  });

  it('is sent once per message, even when its job runs twice, or twice at once', async () => {
    const deps = { orm: h.orm, jobs: h.services.jobs, mail: h.services.mail };
    const [row] = await h.ownerOrm.em
      .fork()
      .execute<{ id: string; candidate_id: string }[]>(
        `select id, candidate_id from mail_messages where schedule_id = ? and kind = 'invitation'`,
        [created.id],
      );
    await Promise.all([
      handleSendMail(deps, { tenantId: a.id, messageId: row!.id }),
      handleSendMail(deps, { tenantId: a.id, messageId: row!.id }),
    ]);
    // a second message of the same kind for the schedule is the same row (unique per key)
    const again = await withTenant(h.orm, a.id, (em) =>
      recordMail(emSql(em), a.id, {
        kind: 'invitation',
        dedupeKey: `schedule:${created.id}:invitation`,
        to: email,
        scheduleId: created.id,
        candidateId: row!.candidate_id,
      }),
    );
    expect(again).toBeUndefined();
    // a fresh message whose two jobs race: one claims it, one finds nothing to do
    const fresh = await withTenant(h.orm, a.id, (em) =>
      recordMail(emSql(em), a.id, {
        kind: 'invitation',
        dedupeKey: `test:${uniq('race')}`,
        to: email,
        scheduleId: created.id,
        candidateId: row!.candidate_id,
      }),
    );
    await Promise.all([
      handleSendMail(deps, { tenantId: a.id, messageId: fresh!.id }),
      handleSendMail(deps, { tenantId: a.id, messageId: fresh!.id }),
      handleSendMail(deps, { tenantId: a.id, messageId: fresh!.id }),
    ]);
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.received.filter((m) => m.to.includes(email))).toHaveLength(2);
  });
});

describe('reminders and resends', () => {
  it('a reminder goes before the link expires while it is unused; a cancelled interview gets none', async () => {
    const email = `${uniq('remind')}@example.com`;
    const cancelledEmail = `${uniq('cancelled')}@example.com`;
    // links that expire a day and 3 s from now: their reminders are due in 3 s (MAIL_REMINDER_HOURS=24)
    const body = (to: string) => ({
      candidateEmail: to,
      scheduledAt: new Date(Date.now() + 1_000).toISOString(),
      expiresAt: new Date(Date.now() + 24 * 3_600_000 + 3_000).toISOString(),
    });
    const kept = await schedule(a, body(email));
    const dropped = await schedule(a, body(cancelledEmail));
    await smtp.waitFor(cancelledEmail);
    const cancel = await h.request('POST', `/api/v1/admin/schedules/${dropped.id}/cancel`, {
      token: a.token,
    });
    expect(cancel.status, cancel.text).toBe(200);

    const [invitation, reminder] = await smtp.waitFor(email, 2, 20_000);
    expect(invitation!.subject).toBe('Your interview with Acme Robotics: Backend Engineer');
    expect(reminder!.subject).toBe('Reminder: your interview with Acme Robotics is waiting');
    expect(linkIn(reminder!)).toBe(kept.joinUrl.split('/').pop());
    expect((await scheduleView(a, kept.id)).reminder).toMatchObject({ status: 'sent' });

    await new Promise((r) => setTimeout(r, 1_500));
    expect(smtp.received.filter((m) => m.to.includes(cancelledEmail))).toHaveLength(1);
    expect((await scheduleView(a, dropped.id)).reminder).toMatchObject({ status: 'cancelled' });
  });

  it('resend mails the same link again, recruiter+; a cancelled interview is 409', async () => {
    const email = `${uniq('again')}@example.com`;
    const recruiter = await signedInMember(h, a, 'recruiter');
    const created = await schedule(a, { candidateEmail: email }, recruiter);
    const [first] = await smtp.waitFor(email);
    const viewer = await signedInMember(h, a, 'viewer');
    const refused = await h.request('POST', `/api/v1/admin/schedules/${created.id}/invitation/resend`, {
      token: viewer,
    });
    expect(refused.status).toBe(403);

    const res = await h.request('POST', `/api/v1/admin/schedules/${created.id}/invitation/resend`, {
      token: recruiter,
    });
    expect(res.status, res.text).toBe(202);
    expect(res.body.newLink).toBe(false);
    expect(res.body.schedule.invitation).toMatchObject({
      status: expect.stringMatching(/queued|sending|sent/),
    });
    const [, second] = await smtp.waitFor(email, 2);
    expect(linkIn(second!)).toBe(linkIn(first!));
    expect(second!.parsed.messageId).not.toBe(first!.parsed.messageId);
    const audit = await h.request('GET', '/api/v1/audit?action=schedule.invitation_resent', {
      token: a.token,
    });
    expect(audit.body.items[0]).toMatchObject({ target: created.id });

    await h.request('POST', `/api/v1/admin/schedules/${created.id}/cancel`, { token: a.token });
    const locked = await h.request('POST', `/api/v1/admin/schedules/${created.id}/invitation/resend`, {
      token: recruiter,
    });
    expect(locked.status, locked.text).toBe(409);
    expect(locked.body.code).toBe('schedule_locked');
  });

  it('resend sends the first invitation of a schedule made without one', async () => {
    const email = `${uniq('late')}@example.com`;
    const created = await schedule(a, { candidateEmail: email, sendInvitation: false });
    expect(created.invitation).toBeNull();
    const res = await h.request('POST', `/api/v1/admin/schedules/${created.id}/invitation/resend`, {
      token: a.token,
    });
    expect(res.status, res.text).toBe(202);
    const [m] = await smtp.waitFor(email);
    expect(linkIn(m!)).toBe(created.joinUrl.split('/').pop());
  });

  it('a recipient the server refuses (550) fails at once, with the error on the schedule', async () => {
    const email = `${uniq('bounce')}@example.com`;
    smtp.refuse(email, 550, 'No such user here');
    const created = await schedule(a, { candidateEmail: email });
    const view = await until('the invitation to fail', async () => {
      const v = await scheduleView(a, created.id);
      return v?.invitation?.status === 'failed' ? v : undefined;
    });
    expect(view.invitation.error).toMatch(/550/);
    expect(view.invitation.attempts).toBe(1);
  });

  it('a temporary refusal (451) is retried with backoff and then sent; the error shows meanwhile', async () => {
    const email = `${uniq('greylisted')}@example.com`;
    smtp.refuse(email, 451, 'Greylisted, try again later', 1);
    const created = await schedule(a, { candidateEmail: email });
    const waiting = await until('the first attempt to fail', async () => {
      const v = await scheduleView(a, created.id);
      return v?.invitation?.error ? v : undefined;
    });
    expect(waiting.invitation).toMatchObject({ status: 'queued', attempts: 1 });
    expect(waiting.invitation.error).toMatch(/451/);
    // due again after the job's first backoff (10 s)
    expect(Date.parse(waiting.invitation.at) - Date.now()).toBeGreaterThan(5_000);
    await smtp.waitFor(email, 1, 25_000);
    const sent = await until('the retry to be recorded', async () => {
      const v = await scheduleView(a, created.id);
      return v?.invitation?.status === 'sent' ? v : undefined;
    });
    expect(sent.invitation).toMatchObject({ attempts: 2, error: null });
  }, 40_000);
});

describe('account mail', () => {
  it('an invited member chooses their password from the mailed link, once', async () => {
    const email = `${uniq('newbie')}@example.com`;
    const res = await h.request('POST', '/api/v1/users', {
      token: a.token,
      body: { email, role: 'recruiter' },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body.status).toBe('invited');
    expect(res.body.invitationUrl).toBeUndefined(); // mailed, not shown, when SMTP is set
    const [m] = await smtp.waitFor(email);
    expect(m!.subject).toBe('You are invited to Acme Robotics on AI Interviewer');
    expect(m!.parsed.from?.value).toEqual([{ address: 'jobs@mail.example.com', name: 'Hiring Desk' }]);
    const token = ACCOUNT_LINK.exec(m!.text)?.[1];
    expect(token).toBeDefined();
    const set = await h.request('POST', '/api/v1/auth/password-reset/confirm', {
      body: { token, password: 'chosen by me 123' },
    });
    expect(set.status, set.text).toBe(200);
    expect(set.body.email).toBe(email);
    const me = await h.request('GET', '/api/v1/me', { token: set.body.token });
    expect(me.body.role).toBe('recruiter');
    const again = await h.request('POST', '/api/v1/auth/password-reset/confirm', {
      body: { token, password: 'someone else 1234' },
    });
    expect(again.status).toBe(400);
    expect(again.body.code).toBe('account_link_invalid');
    const audit = await h.request('GET', '/api/v1/audit?action=user.invitation_accepted', { token: a.token });
    expect(audit.body.items[0]).toMatchObject({ target: res.body.id, actor: { kind: 'user', label: email } });
  });

  it('password reset: the same answer for an unknown address, a one-time link for a known one', async () => {
    const email = `${uniq('reset')}@example.com`;
    await h.request('POST', '/api/v1/users', {
      token: a.token,
      body: { email, role: 'viewer', password: 'the old password' },
    });
    const unknown = `${uniq('ghost')}@example.com`;
    const known = await h.request('POST', '/api/v1/auth/password-reset', { body: { email } });
    const ghost = await h.request('POST', '/api/v1/auth/password-reset', { body: { email: unknown } });
    expect(known.status).toBe(202);
    expect(ghost.status).toBe(202);
    expect(ghost.body).toEqual(known.body);

    const [m] = await smtp.waitFor(email);
    expect(m!.subject).toBe('Reset your AI Interviewer password for Acme Robotics');
    const token = ACCOUNT_LINK.exec(m!.text)![1]!;
    const set = await h.request('POST', '/api/v1/auth/password-reset/confirm', {
      body: { token, password: 'the new password' },
    });
    expect(set.status, set.text).toBe(200);
    const login = (password: string) =>
      h.request('POST', '/api/v1/admin/login', { body: { email, password, tenant: a.slug } });
    expect((await login('the old password')).status).toBe(401);
    expect((await login('the new password')).status).toBe(200);
    const reused = await h.request('POST', '/api/v1/auth/password-reset/confirm', {
      body: { token, password: 'a third password' },
    });
    expect(reused.body.code).toBe('account_link_invalid');
    // nothing was ever sent to the unknown address
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.received.filter((x) => x.to.includes(unknown))).toEqual([]);
  });

  it('a link expires (30 minutes), and a newer one ends the older', async () => {
    const email = `${uniq('expire')}@example.com`;
    await h.request('POST', '/api/v1/users', {
      token: a.token,
      body: { email, role: 'viewer', password: 'the old password' },
    });
    await h.request('POST', '/api/v1/auth/password-reset', { body: { email } });
    const [first] = await smtp.waitFor(email);
    await h.request('POST', '/api/v1/auth/password-reset', { body: { email } });
    const [, second] = await smtp.waitFor(email, 2);
    const older = ACCOUNT_LINK.exec(first!.text)![1]!;
    const newer = ACCOUNT_LINK.exec(second!.text)![1]!;
    const tokens = await h.ownerOrm.em.fork().execute<{ expires_at: Date; created_at: Date }[]>(
      `select t.expires_at, t.created_at from account_tokens t join users u on u.id = t.user_id
          where u.email = ? order by t.created_at`,
      [email],
    );
    expect(new Date(tokens[1]!.expires_at).getTime() - new Date(tokens[1]!.created_at).getTime()).toBeCloseTo(
      30 * 60_000,
      -3,
    );
    const olderRes = await h.request('POST', '/api/v1/auth/password-reset/confirm', {
      body: { token: older, password: 'not accepted 123' },
    });
    expect(olderRes.body.code).toBe('account_link_invalid');
    await h.ownerOrm.em.fork().execute(
      `update account_tokens set expires_at = now() - interval '1 second'
          where user_id = (select id from users where email = ?) and used_at is null`,
      [email],
    );
    const expired = await h.request('POST', '/api/v1/auth/password-reset/confirm', {
      body: { token: newer, password: 'not accepted 123' },
    });
    expect(expired.status).toBe(400);
    expect(expired.body.code).toBe('account_link_invalid');
    // the stored hash is the token's SHA-256, never the token
    const [row] = await h.ownerOrm.em
      .fork()
      .execute<{ token_hash: string }[]>(
        `select token_hash from account_tokens where user_id = (select id from users where email = ?) order by created_at desc limit 1`,
        [email],
      );
    expect(row!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(newer);
  });

  it('is rate-limited per address, whether or not it has an account (429 for both alike)', async () => {
    for (const email of [a.ownerEmail, `${uniq('nobody')}@example.com`]) {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        statuses.push((await h.request('POST', '/api/v1/auth/password-reset', { body: { email } })).status);
      }
      expect(statuses, email).toEqual([202, 202, 202, 429]);
    }
  });

  it('owners are told when an API key is created or revoked, and when the owner role changes', async () => {
    const key = await h.request('POST', '/api/v1/api-keys', {
      token: b.token,
      body: { name: 'ats sync', role: 'admin' },
    });
    expect(key.status, key.text).toBe(201);
    const [created] = await smtp.waitFor(b.ownerEmail);
    expect(created!.subject).toBe('Security notice for Bravo Widgets Inc: API key "ats sync" created');
    expect(created!.text).toContain(`${key.body.prefix}…`);
    expect(created!.text).toContain(`By: ${b.ownerEmail}`);
    expect(created!.raw).not.toContain(key.body.key);

    await h.request('DELETE', `/api/v1/api-keys/${key.body.id}`, { token: b.token });
    const [, revoked] = await smtp.waitFor(b.ownerEmail, 2);
    expect(revoked!.subject).toContain('API key "ats sync" revoked');

    const co = `${uniq('coowner')}@example.com`;
    const added = await h.request('POST', '/api/v1/users', {
      token: b.token,
      body: { email: co, role: 'admin', password: 'a long password' },
    });
    await h.request('PATCH', `/api/v1/users/${added.body.id}`, { token: b.token, body: { role: 'owner' } });
    const [, , promoted] = await smtp.waitFor(b.ownerEmail, 3);
    expect(promoted!.subject).toContain(`${co} was made an owner`);
    // both owners hear of the next change
    await h.request('PATCH', `/api/v1/users/${added.body.id}`, { token: b.token, body: { role: 'admin' } });
    const notices = await smtp.waitFor(b.ownerEmail, 4);
    expect(notices[3]!.subject).toContain(`${co} is no longer an owner`);
    // nothing of tenant A's in B's notices
    for (const n of notices) for (const x of ['Acme', a.ownerEmail]) expect(n.raw).not.toContain(x);
  });
});
