import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callLog,
  closePosition,
  connect,
  createPosition,
  invitationFor,
  listenOnPort,
  takeInterview,
  until,
} from '../helpers/ats.ts';
import { type AshbyStandIn, basicAuth, startAshbyStandIn } from '../helpers/ats-stand-ins.ts';
import { createHarness, type Harness, uniq } from '../helpers/harness.ts';

/**
 * Ashby's assessments against a stand-in: Ashby calls our assessment.list/start/cancel (POST,
 * Basic with the connection's key), and we report with Ashby's assessment.update (Basic with the
 * tenant's Ashby API key): "Started" when the candidate begins, then the result in Ashby's
 * identifier/label/type/value shape, which completes the assessment in Ashby.
 */

let h: Harness;
let base: string;
let ashby: AshbyStandIn;

beforeAll(async () => {
  ashby = await startAshbyStandIn();
  h = await createHarness({
    PUBLIC_URL: 'http://app.example.test',
    WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
    WEBHOOK_RETRY_SCHEDULE: '100ms,100ms,100ms',
    ASHBY_API_URL: ashby.url,
    JOIN_RATE_LIMIT: '100000',
  });
  base = await listenOnPort(h);
});
afterAll(() => ashby?.close());

async function ashbyTenant(apiKey = ashby.apiKey) {
  const t = await h.signUp({ name: 'Ashby Co' });
  const positionId = await createPosition(h, t, 'Platform Engineer');
  const conn = await connect(h, t, { provider: 'ashby', credentials: { apiKey } });
  return { t, positionId, conn, key: conn.inboundKey! };
}

const startBody = (positionId: string, email: string, application = uniq('app')) => ({
  assessment_type_id: positionId,
  candidate: {
    ashby_id: uniq('cand'),
    first_name: 'Ada',
    last_name: 'Lovelace',
    email,
    ashby_profile_url: 'https://app.ashbyhq.com/candidates/abc',
  },
  application: { ashby_id: application, status: 'Active' },
  job: {
    ashby_id: 'job-1',
    name: 'Platform Engineer',
    req_id: 'R-12',
    ashby_job_url: 'https://app.ashbyhq.com/jobs/job-1',
    hiringTeam: [
      { userId: 'u-1', firstName: 'Joey', lastName: 'Joe', email: 'j@x.com', role: 'Hiring Manager' },
    ],
  },
});

const updatesFor = (assessmentId: string) =>
  ashby.updates.filter((u) => u.json['assessment_id'] === assessmentId);

describe('Ashby: the full loop', () => {
  it('lists positions, starts once per application, reports Started then the result with assessment.update', async () => {
    const { t, positionId, conn, key } = await ashbyTenant();
    const baseUrl = `${base}/ats/ashby`;
    expect(conn.endpoints).toEqual({ base_url: 'http://app.example.test/ats/ashby' });

    const list = await ashby.call(baseUrl, key, 'assessment.list', {});
    expect(list).toEqual({
      status: 200,
      body: {
        success: true,
        results: [{ assessment_type_id: positionId, name: 'Platform Engineer', description: 'AI interview' }],
      },
    });

    const email = `${uniq('ada')}@example.com`;
    const body = startBody(positionId, email);
    const started = await ashby.call(baseUrl, key, 'assessment.start', body);
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    const assessmentId = (started.body as { results: { assessment_id: string } }).results.assessment_id;
    expect(started.body).toEqual({
      success: true,
      results: { assessment_id: expect.stringMatching(/^[0-9a-f-]{36}$/) },
    });
    const repeat = await ashby.call(baseUrl, key, 'assessment.start', body);
    expect(repeat.body).toEqual(started.body);

    const invitation = await invitationFor(h, t, email);
    expect(invitation.count).toBe(1);
    const interviewId = await takeInterview(h, invitation.token);

    const done = await until('the result update', () =>
      updatesFor(assessmentId).find((u) => u.json['assessment_result']),
    );
    const first = updatesFor(assessmentId)[0]!;
    expect(first.user).toBe(ashby.apiKey);
    expect(first.headers['content-type']).toBe('application/json');
    expect(first.json).toEqual({
      assessment_id: assessmentId,
      timestamp: expect.any(Number),
      assessment_status: { identifier: 'status', label: 'Status', type: 'string', value: 'Started' },
    });
    expect(first.json['timestamp']).toBeGreaterThan(Date.now() - 600_000); // milliseconds, not seconds

    const report = await h.request('GET', `/api/v1/report/${interviewId}`, { token: t.token });
    expect(done.json).toMatchObject({
      assessment_id: assessmentId,
      assessment_status: { identifier: 'status', type: 'string', value: 'Completed' },
      assessment_result: {
        identifier: 'score',
        label: 'Overall score',
        type: 'numeric_score',
        value: report.body.overall.effectiveScore,
      },
      assessment_profile_url: {
        identifier: 'report',
        type: 'url',
        value: `http://app.example.test/interviews/${interviewId}/report`,
      },
    });
    const metadata = done.json['metadata'] as { identifier: string; type: string }[];
    expect(metadata.map((m) => m.identifier)).toContain('recommendation');
    expect(new Set(metadata.map((m) => m.identifier)).size).toBe(metadata.length);
    for (const m of [done.json['assessment_status'], done.json['assessment_result'], ...metadata] as {
      type: string;
    }[])
      expect(['numeric_score', 'numeric_duration_minutes', 'url', 'string', 'boolean_success']).toContain(
        m.type,
      );

    const seen = await callLog(h, t, conn.id);
    expect(seen).toEqual(
      expect.arrayContaining([
        'in assessment.list 200',
        'in assessment.start 200',
        'out assessment.update 200',
      ]),
    );
  });

  it('an update Ashby refuses in its body ({success: false} with 200) is retried', async () => {
    const { t, positionId, key } = await ashbyTenant();
    const email = `${uniq('grace')}@example.com`;
    const started = await ashby.call(
      `${base}/ats/ashby`,
      key,
      'assessment.start',
      startBody(positionId, email),
    );
    const assessmentId = (started.body as { results: { assessment_id: string } }).results.assessment_id;
    const { token } = await invitationFor(h, t, email);
    ashby.refuseNext = 1;
    await takeInterview(h, token);
    await until('the result accepted', async () => {
      const rows = await h.ownerOrm.em
        .fork()
        .execute<{ kind: string; status: string; attempts: number }[]>(
          `select kind, status, attempts from ats_pushes where tenant_id = ? order by kind`,
          [t.id],
        );
      return rows.length === 2 && rows.every((r) => r.status === 'succeeded') ? rows : undefined;
    });
    // one refused, then each accepted once; a Started never follows the result
    const sent = updatesFor(assessmentId);
    const results = sent.filter((u) => u.json['assessment_result']);
    expect(results).toHaveLength(1);
    expect(sent.indexOf(results[0]!)).toBe(sent.length - 1);
    expect(sent.length).toBeGreaterThanOrEqual(2);
  });

  it('assessment.cancel cancels the link and its mail; the candidate can no longer start', async () => {
    const { t, positionId, key } = await ashbyTenant();
    const email = `${uniq('linus')}@example.com`;
    const body = startBody(positionId, email);
    const started = await ashby.call(`${base}/ats/ashby`, key, 'assessment.start', body);
    const assessmentId = (started.body as { results: { assessment_id: string } }).results.assessment_id;
    const { token } = await invitationFor(h, t, email);
    const cancelled = await ashby.call(`${base}/ats/ashby`, key, 'assessment.cancel', {
      assessment_id: assessmentId,
    });
    expect(cancelled).toEqual({
      status: 200,
      body: { success: true, results: { assessment_id: assessmentId } },
    });
    const join = await h.request('POST', `/api/v1/public/join/${token}/start`);
    expect(join.status).toBe(410);
    const again = await ashby.call(`${base}/ats/ashby`, key, 'assessment.cancel', {
      assessment_id: assessmentId,
    });
    expect(again.status).toBe(200);
    expect(updatesFor(assessmentId)).toHaveLength(0);
    // Ashby may send the same assessment to the application again: a new one, a new email
    const restarted = await ashby.call(`${base}/ats/ashby`, key, 'assessment.start', body);
    const newId = (restarted.body as { results: { assessment_id: string } }).results.assessment_id;
    expect(newId).not.toBe(assessmentId);
    await until('the second invitation', async () => {
      const res = await h.request('GET', '/api/v1/mail/messages?limit=200&kind=invitation', {
        token: t.token,
      });
      const mine = res.body.items.filter((m: { to: string }) => m.to === email);
      return mine.length === 2 ? true : undefined;
    });
  });
});

describe('Ashby: what bad input gets', () => {
  it('a wrong key is 401 in Ashby’s envelope; another tenant’s positions and assessments are unknown', async () => {
    const a = await ashbyTenant();
    const b = await ashbyTenant();
    const wrong = await ashby.call(
      `${base}/ats/ashby`,
      'atk_wrong-key-000000000000000000000000',
      'assessment.list',
      {},
    );
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({
      success: false,
      code: 'unauthorized',
      errorInfo: { code: 'unauthorized' },
    });
    const listed = await ashby.call(`${base}/ats/ashby`, b.key, 'assessment.list', {});
    expect(
      (listed.body as { results: { assessment_type_id: string }[] }).results.map((r) => r.assessment_type_id),
    ).toEqual([b.positionId]);
    const cross = await ashby.call(
      `${base}/ats/ashby`,
      b.key,
      'assessment.start',
      startBody(a.positionId, 'x@example.com'),
    );
    expect(cross.status).toBe(422);
    expect(cross.body).toMatchObject({ code: 'position_unavailable' });
    expect(cross.body).toMatchObject({ success: false, message: expect.any(String) });
    const mine = await ashby.call(
      `${base}/ats/ashby`,
      a.key,
      'assessment.start',
      startBody(a.positionId, `${uniq('y')}@example.com`),
    );
    const id = (mine.body as { results: { assessment_id: string } }).results.assessment_id;
    const cancel = await ashby.call(`${base}/ats/ashby`, b.key, 'assessment.cancel', { assessment_id: id });
    expect(cancel.status).toBe(404);
    // a Greenhouse endpoint does not take an Ashby key
    const gh = await h.request('GET', '/ats/greenhouse/list_tests', {
      headers: { authorization: basicAuth(a.key) },
    });
    expect(gh.status).toBe(401);
  });

  it('an invalid email is a 422 problem with a message for the Ashby user; a closed position is unknown', async () => {
    const { t, positionId, key } = await ashbyTenant();
    const bad = await ashby.call(
      `${base}/ats/ashby`,
      key,
      'assessment.start',
      startBody(positionId, 'not-an-email'),
    );
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({
      code: 'invalid_email',
      success: false,
      message: expect.stringContaining('not-an-email'),
    });
    await closePosition(h, t, positionId);
    const closed = await ashby.call(
      `${base}/ats/ashby`,
      key,
      'assessment.start',
      startBody(positionId, 'ok@example.com'),
    );
    expect(closed.status).toBe(422);
    expect(closed.body).toMatchObject({
      code: 'position_unavailable',
      message: expect.stringContaining('closed'),
    });
    const rows = await h.ownerOrm.em.fork().execute('select 1 from ats_links where tenant_id = ?', [t.id]);
    expect(rows).toHaveLength(0);
  });

  it('test connection calls apiKey.info with the stored key; a wrong key says so', async () => {
    const good = await ashbyTenant();
    const ok = await h.request('POST', `/api/v1/ats/connections/${good.conn.id}/test`, {
      token: good.t.token,
    });
    expect(ok.body).toMatchObject({ ok: true, status: 200, error: null });
    const bad = await ashbyTenant('ashby-wrong-key-123');
    const refused = await h.request('POST', `/api/v1/ats/connections/${bad.conn.id}/test`, {
      token: bad.t.token,
    });
    expect(refused.body).toMatchObject({ ok: false, status: 403 });
    const view = await h.request('GET', `/api/v1/ats/connections/${bad.conn.id}`, { token: bad.t.token });
    expect(view.body.lastTest).toMatchObject({ ok: false });
  });
});
