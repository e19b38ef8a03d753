import { beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../src/db/index.ts';
import { addBusinessDays } from '../../src/scheduling/schedules.ts';
import { createHarness, type Harness, type TestTenant, uniq } from '../helpers/harness.ts';
import { runInterview, startInterview } from '../helpers/interview.ts';

/** The AI notice kept with the interview, the notice lead time, and a candidate's request for a human review. */

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});

const HOUR = 3_600_000;

async function schedule(t: TestTenant, at: Date, extra: Record<string, unknown> = {}) {
  return h.request('POST', '/api/v1/admin/schedule', {
    token: t.token,
    body: {
      candidateEmail: `${uniq('c')}@example.com`,
      role: 'backend-engineer',
      scheduledAt: at.toISOString(),
      ...extra,
    },
  });
}

const tokenOf = (joinUrl: string) => new URL(joinUrl).pathname.split('/').at(-1)!;

describe('the AI notice', () => {
  it('the notice a candidate read on the link page is stored with the interview, with when', async () => {
    const t = await h.signUp({ name: 'Notice Co' });
    const link = await schedule(t, new Date(Date.now() + HOUR));
    const token = tokenOf(link.body.joinUrl);
    const page = await h.request('GET', `/api/v1/public/join/${token}`);
    const before = Date.now();
    const started = await h.request('POST', `/api/v1/public/join/${token}/start`);
    expect(started.status).toBe(200);
    const detail = await h.request('GET', `/api/v1/interviews/${started.body.interviewId}`, {
      token: t.token,
    });
    expect(detail.body.aiNotice.text).toBe(page.body.aiNotice);
    expect(detail.body.aiNotice.text).toContain('Notice Co');
    expect(Date.parse(detail.body.aiNotice.shownAt)).toBeGreaterThanOrEqual(before - 1000);
    // an interview started by staff through the API showed no page: nothing is claimed
    const staff = await startInterview(h, t);
    expect(
      (await h.request('GET', `/api/v1/interviews/${staff.interviewId}`, { token: t.token })).body.aiNotice,
    ).toBeNull();
  });

  it('a notice lead time refuses sooner schedules (422 with the earliest time) unless overridden, which is audited', async () => {
    const t = await h.signUp();
    const set = await h.request('PATCH', '/api/v1/tenant/settings', {
      token: t.token,
      body: { noticeLeadBusinessDays: 10 },
    });
    expect(set.status, set.text).toBe(200);
    expect(set.body.noticeLeadBusinessDays).toBe(10);
    const soon = await schedule(t, new Date(Date.now() + HOUR));
    expect(soon.status).toBe(422);
    expect(soon.body.code).toBe('notice_too_short');
    const earliest = Date.parse(soon.body.earliest);
    expect(earliest).toBeGreaterThanOrEqual(addBusinessDays(new Date(), 10).getTime() - 60_000);
    expect(earliest - Date.now()).toBeGreaterThanOrEqual(11 * 86_400_000); // 10 business days span a weekend at least
    expect((await schedule(t, new Date(earliest + HOUR))).status).toBe(201);
    const overridden = await schedule(t, new Date(Date.now() + HOUR), {
      noticeOverride: { reason: 'candidate asked for tomorrow' },
    });
    expect(overridden.status).toBe(201);
    const audit = await h.request('GET', '/api/v1/audit?action=schedule.notice_overridden', {
      token: t.token,
    });
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({
      target: overridden.body.id,
      data: { reason: 'candidate asked for tomorrow' },
    });
  });
});

describe('a request for a human review', () => {
  it('the candidate asks once; the report is marked until a person resolves it; the ATS hears of it', async () => {
    const t = await h.signUp();
    const hook = await h.request('POST', '/api/v1/webhooks', {
      token: t.token,
      body: { url: 'http://hooks.invalid/in', events: ['candidate.review_requested'] },
    });
    expect(hook.status).toBe(201);
    const link = await schedule(t, new Date(Date.now() + HOUR));
    const started = await h.request('POST', `/api/v1/public/join/${tokenOf(link.body.joinUrl)}/start`);
    const { interviewId, candidateToken } = started.body;
    const asked = await h.request('POST', `/api/v1/interview/${interviewId}/review-request`, {
      token: candidateToken,
      body: { message: 'I would prefer a call with a person.' },
    });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({
      requestedBy: 'candidate',
      status: 'open',
      message: 'I would prefer a call with a person.',
    });
    const again = await h.request('POST', `/api/v1/interview/${interviewId}/review-request`, {
      token: candidateToken,
      body: {},
    });
    expect(again.status).toBe(200);
    expect(again.body.requestedAt).toBe(asked.body.requestedAt);
    // a candidate token reaches its own interview only
    const other = await startInterview(h, t);
    expect(
      (
        await h.request('POST', `/api/v1/interview/${other.interviewId}/review-request`, {
          token: candidateToken,
          body: {},
        })
      ).status,
    ).toBe(404);

    await runInterview(h, t, interviewId, () => 'I would measure first, then index.');
    const report = await h.request('GET', `/api/v1/report/${interviewId}`, { token: t.token });
    expect(report.body.humanReview).toMatchObject({ status: 'open', resolvedAt: null });
    const detail = await h.request('GET', `/api/v1/interviews/${interviewId}`, { token: t.token });
    expect(detail.body.reviewRequest).toMatchObject({ status: 'open', requestedBy: 'candidate' });

    const resolved = await h.request('POST', `/api/v1/interviews/${interviewId}/review-request/resolve`, {
      token: t.token,
      body: { note: 'Called the candidate; a recruiter re-scored by hand.' },
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body.status).toBe('resolved');
    expect(
      (await h.request('GET', `/api/v1/report/${interviewId}`, { token: t.token })).body.humanReview,
    ).toMatchObject({
      status: 'resolved',
      resolutionNote: 'Called the candidate; a recruiter re-scored by hand.',
    });
    const twice = await h.request('POST', `/api/v1/interviews/${interviewId}/review-request/resolve`, {
      token: t.token,
      body: { note: 'again' },
    });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('review_resolved');

    const deliveries = await withTenant(h.orm, t.id, (em) =>
      em.execute<{ event_type: string; payload: { data: Record<string, unknown> } }[]>(
        `select event_type, payload from webhook_deliveries where event_type = 'candidate.review_requested'`,
      ),
    );
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]!.payload.data).toMatchObject({ interviewId, requestedBy: 'candidate' });
    // the candidate's own words stay in the product: the webhook says that, not what
    expect(JSON.stringify(deliveries[0]!.payload)).not.toContain('prefer a call');
    const audit = await h.request('GET', '/api/v1/audit', { token: t.token });
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['review.requested', 'review.resolved']),
    );
  });
});
