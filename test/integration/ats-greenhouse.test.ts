import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addBusinessDays } from '../../src/scheduling/schedules.ts';
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
import { basicAuth, type GreenhouseStandIn, startGreenhouseStandIn } from '../helpers/ats-stand-ins.ts';
import { createHarness, type Harness, type TestTenant, uniq } from '../helpers/harness.ts';

/**
 * Greenhouse's Assessment Partner API against a stand-in that speaks it: Greenhouse calls our
 * list_tests, send_test and test_status over HTTP with Basic auth (the connection's key as user),
 * and receives our completion PATCH at the URL it gave, then reads test_status. The full loop:
 * Greenhouse asks, the candidate is mailed (outbox), takes the interview, and the result arrives.
 */

let h: Harness;
let base: string;
let gh: GreenhouseStandIn;

beforeAll(async () => {
  h = await createHarness({
    PUBLIC_URL: 'http://app.example.test',
    WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
    WEBHOOK_RETRY_SCHEDULE: '100ms,100ms,100ms',
    JOIN_RATE_LIMIT: '100000',
  });
  base = await listenOnPort(h);
  gh = await startGreenhouseStandIn();
});
afterAll(() => gh?.close());

const candidate = (email: string) => ({
  first_name: 'Harry',
  last_name: 'Potter',
  preferred_name: null,
  email,
  phone_number: '123-456-7890',
  resume_url: null,
  greenhouse_profile_url: 'https://app.greenhouse.io/people/17681532?application_id=26234709',
});

async function greenhouseTenant() {
  const t = await h.signUp({ name: 'Hogwarts Hiring' });
  const positionId = await createPosition(h, t, 'Defence Engineer');
  const conn = await connect(h, t, { provider: 'greenhouse' });
  return { t, positionId, conn };
}

const basic = (key: string) => ({ authorization: basicAuth(key) });

async function links(t: TestTenant) {
  return h.ownerOrm.em
    .fork()
    .execute<{ id: string; schedule_id: string }[]>(
      'select id, schedule_id from ats_links where tenant_id = ?',
      [t.id],
    );
}

describe('Greenhouse: the full loop', () => {
  it('lists open positions as tests, schedules and mails once per application, and PATCHes Greenhouse on completion', async () => {
    const { t, positionId, conn } = await greenhouseTenant();
    expect(conn.inboundKey).toMatch(/^atk_/);
    expect(conn.endpoints).toEqual({
      list_tests: 'http://app.example.test/ats/greenhouse/list_tests',
      send_test: 'http://app.example.test/ats/greenhouse/send_test',
      test_status: 'http://app.example.test/ats/greenhouse/test_status',
      response_error: 'http://app.example.test/ats/greenhouse/response_error',
    });
    const hook = await h.request('POST', '/api/v1/webhooks', {
      token: t.token,
      body: { url: `${gh.url}/hooks`, events: ['report.ready'] },
    });
    expect(hook.status, hook.text).toBe(201);
    gh.configure({ baseUrl: `${base}/ats/greenhouse`, apiKey: conn.inboundKey! });

    const tests = await gh.listTests();
    expect(tests).toMatchObject({
      status: 200,
      body: [{ partner_test_id: positionId, partner_test_name: 'Defence Engineer' }],
    });

    const email = `${uniq('harry')}@hogwarts.example`;
    const request = {
      partner_test_id: positionId,
      candidate: candidate(email),
      sent_by: 'recruiter@hogwarts.example',
      url: gh.callbackUrl(uniq('tht')),
    };
    const sent = await gh.sendTest(request);
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    const partnerId = (sent.body as { partner_interview_id: string }).partner_interview_id;
    expect(partnerId).toMatch(/^[0-9a-f-]{36}$/);

    // Greenhouse retries a send_test it did not hear back from: the same interview, no second email
    const again = await gh.sendTest(request);
    expect(again.body).toEqual({ partner_interview_id: partnerId });
    expect(await links(t)).toHaveLength(1);

    const pending = await gh.testStatus(partnerId);
    expect(pending).toMatchObject({
      status: 200,
      body: { partner_status: 'scheduled', partner_score: null },
    });

    const invitation = await invitationFor(h, t, email);
    expect(invitation.count).toBe(1);
    expect(invitation.text).toContain('Harry Potter');
    const interviewId = await takeInterview(h, invitation.token);

    const patch = await until('the completion PATCH', () => gh.patches.find((p) => p.statusAfter));
    expect(patch.method).toBe('PATCH');
    expect(patch.body).toBe('');
    expect(patch.user).toBe(conn.inboundKey);
    expect(patch.statusAfter).toMatchObject({
      partner_status: 'complete',
      partner_profile_url: `http://app.example.test/interviews/${interviewId}/report`,
      partner_score: expect.any(Number),
      metadata: { Recommendation: expect.any(String), 'Needs human review': expect.any(Boolean) },
    });
    const report = await h.request('GET', `/api/v1/report/${interviewId}`, { token: t.token });
    expect((patch.statusAfter as { partner_score: number }).partner_score).toBe(
      report.body.overall.effectiveScore,
    );
    for (const value of Object.values((patch.statusAfter as { metadata: object }).metadata))
      expect(['string', 'number', 'boolean']).toContain(typeof value);

    // the report.ready webhook carries the ATS references
    const deliveries = await until('the report.ready delivery', async () => {
      const res = await h.request('GET', `/api/v1/webhooks/${hook.body.id}/deliveries`, { token: t.token });
      return res.body.items.length > 0 ? res.body.items : undefined;
    });
    expect(deliveries[0].payload.data.ats).toEqual({
      provider: 'greenhouse',
      connectionId: conn.id,
      partnerId,
      applicationId: '26234709',
      candidateId: '17681532',
      jobId: null,
    });

    // every call in and out is on the connection's log
    const seen = await callLog(h, t, conn.id);
    expect(seen).toEqual(
      expect.arrayContaining([
        'in list_tests 200',
        'in send_test 200',
        'in test_status 200',
        'out mark_completed 200',
      ]),
    );
  });

  it('a refused PATCH is retried on the webhook schedule until Greenhouse takes it', async () => {
    const { t, positionId, conn } = await greenhouseTenant();
    gh.configure({ baseUrl: `${base}/ats/greenhouse`, apiKey: conn.inboundKey! });
    const email = `${uniq('ron')}@hogwarts.example`;
    const tht = uniq('tht');
    await gh.sendTest({ partner_test_id: positionId, candidate: candidate(email), url: gh.callbackUrl(tht) });
    const { token } = await invitationFor(h, t, email);
    gh.patchStatus = 503;
    const before = gh.patches.length;
    await takeInterview(h, token);
    await until('two refused PATCHes', () =>
      gh.patches.filter((p) => p.path.endsWith(tht)).length >= 2 ? true : undefined,
    );
    gh.patchStatus = 200;
    const done = await until('the accepted PATCH', () =>
      gh.patches.slice(before).find((p) => p.path.endsWith(tht) && p.statusAfter),
    );
    expect(done.statusAfter).toMatchObject({ partner_status: 'complete' });
    const pushes = await h.ownerOrm.em
      .fork()
      .execute<{ status: string; attempts: number }[]>(
        'select status, attempts from ats_pushes where tenant_id = ?',
        [t.id],
      );
    expect(pushes).toEqual([{ status: 'succeeded', attempts: expect.any(Number) }]);
    expect(pushes[0]!.attempts).toBeGreaterThanOrEqual(3);
  });
});

describe('Greenhouse: the tenant’s notice period', () => {
  it('an interview asked for now is scheduled as soon as the notice period allows', async () => {
    const { t, positionId, conn } = await greenhouseTenant();
    const settings = await h.request('PATCH', '/api/v1/tenant/settings', {
      token: t.token,
      body: { noticeLeadBusinessDays: 3 },
    });
    expect(settings.status, settings.text).toBe(200);
    const sent = await h.request('POST', '/ats/greenhouse/send_test', {
      headers: basic(conn.inboundKey!),
      body: {
        partner_test_id: positionId,
        candidate: candidate(`${uniq('c')}@example.com`),
        url: gh.callbackUrl(uniq('tht')),
      },
    });
    expect(sent.status, sent.text).toBe(200);
    const [row] = await h.ownerOrm.em
      .fork()
      .execute<{ scheduled_at: Date }[]>(
        'select s.scheduled_at from schedules s join ats_links l on l.schedule_id = s.id where l.id = ?',
        [sent.body.partner_interview_id],
      );
    const earliest = addBusinessDays(new Date(), 3).getTime();
    expect(new Date(row!.scheduled_at).getTime()).toBeGreaterThanOrEqual(earliest - 60_000);
    expect(new Date(row!.scheduled_at).getTime()).toBeLessThanOrEqual(earliest + 60_000);
  });
});

describe('Greenhouse: a candidate’s data', () => {
  it('the export shows the ATS ids; erasure clears them and nothing more goes to Greenhouse', async () => {
    const { t, positionId, conn } = await greenhouseTenant();
    gh.configure({ baseUrl: `${base}/ats/greenhouse`, apiKey: conn.inboundKey! });
    const email = `${uniq('neville')}@hogwarts.example`;
    const url = gh.callbackUrl(uniq('tht'));
    const sent = await gh.sendTest({ partner_test_id: positionId, candidate: candidate(email), url });
    const partnerId = (sent.body as { partner_interview_id: string }).partner_interview_id;
    const [link] = await links(t);
    const [schedule] = await h.ownerOrm.em
      .fork()
      .execute<{ candidate_id: string }[]>('select candidate_id from schedules where id = ?', [
        link!.schedule_id,
      ]);
    const candidateId = schedule!.candidate_id;
    const exported = await h.request('GET', `/api/v1/candidates/${candidateId}/export`, { token: t.token });
    expect(exported.body.schedules[0].ats).toEqual({
      provider: 'greenhouse',
      applicationId: '26234709',
      candidateId: '17681532',
      jobId: null,
    });
    const erased = await h.request('POST', `/api/v1/candidates/${candidateId}/erase`, {
      token: t.token,
      body: { reason: 'asked to be forgotten' },
    });
    expect(erased.status, erased.text).toBe(200);
    expect(erased.body.removed.postgres.atsLinks).toBe(1);
    const [after] = await h.ownerOrm.em.fork().execute('select * from ats_links where id = ?', [partnerId]);
    expect(after).toMatchObject({
      application_id: null,
      candidate_id: null,
      callback_url: null,
      status: 'cancelled',
    });
    expect(JSON.stringify(after)).not.toContain(url);
    const status = await gh.testStatus(partnerId);
    expect(status.body).toMatchObject({ partner_status: 'cancelled', partner_score: null });
  });
});

describe('Greenhouse: what bad input gets', () => {
  it('wrong or missing credentials: 401 with a Basic challenge, and nothing of the tenant', async () => {
    const { conn } = await greenhouseTenant();
    for (const headers of [
      {},
      basic('atk_not-a-real-key-at-all-0000000000000'),
      basic(`${conn.inboundKey}x`),
      { authorization: `Bearer ${conn.inboundKey}` },
    ]) {
      const res = await h.request('GET', '/ats/greenhouse/list_tests', { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.headers.get('www-authenticate')).toMatch(/^Basic/);
      expect(res.body).toMatchObject({ code: 'unauthorized', error: expect.any(String) });
    }
  });

  it("one tenant's key cannot list or start another tenant's positions", async () => {
    const a = await greenhouseTenant();
    const b = await greenhouseTenant();
    const listed = await h.request('GET', '/ats/greenhouse/list_tests', {
      headers: basic(b.conn.inboundKey!),
    });
    expect(listed.body.map((x: { partner_test_id: string }) => x.partner_test_id)).toEqual([b.positionId]);
    const email = `${uniq('x')}@example.com`;
    const res = await h.request('POST', '/ats/greenhouse/send_test', {
      headers: basic(b.conn.inboundKey!),
      body: { partner_test_id: a.positionId, candidate: candidate(email), url: gh.callbackUrl(uniq('tht')) },
    });
    expect(res.status).toBe(404);
    expect(await links(a.t)).toHaveLength(0);
    expect(await links(b.t)).toHaveLength(0);
    // and an interview of A's is unknown to B
    const mine = await h.request('POST', '/ats/greenhouse/send_test', {
      headers: basic(a.conn.inboundKey!),
      body: { partner_test_id: a.positionId, candidate: candidate(email), url: gh.callbackUrl(uniq('tht')) },
    });
    const status = await h.request(
      'GET',
      `/ats/greenhouse/test_status?partner_interview_id=${mine.body.partner_interview_id}`,
      {
        headers: basic(b.conn.inboundKey!),
      },
    );
    expect(status.status).toBe(404);
  });

  it('an unknown test or a closed position is a 404; an invalid email a 422 problem; nothing is scheduled', async () => {
    const { t, positionId, conn } = await greenhouseTenant();
    const send = (body: Record<string, unknown>) =>
      h.request('POST', '/ats/greenhouse/send_test', { headers: basic(conn.inboundKey!), body });
    const good = {
      partner_test_id: positionId,
      candidate: candidate(`${uniq('c')}@example.com`),
      url: gh.callbackUrl(uniq('tht')),
    };

    const unknown = await send({ ...good, partner_test_id: '12345' });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'not_found', error: expect.stringContaining('12345') });

    const bad = await send({ ...good, candidate: { ...good.candidate, email: 'harry at hogwarts' } });
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toBe('application/problem+json');
    expect(bad.body).toMatchObject({ code: 'invalid_email', errors: [{ path: '/body/candidate/email' }] });

    const malformed = await h.request('POST', '/ats/greenhouse/send_test', {
      headers: { ...basic(conn.inboundKey!), 'content-type': 'application/json' },
      raw: '{"partner_test_id":',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('malformed_json');
    const missing = await send({ partner_test_id: positionId });
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe('validation_failed');

    await closePosition(h, t, positionId);
    const closed = await send(good);
    expect(closed.status).toBe(404);
    expect(closed.body.error).toMatch(/closed/);
    expect(await links(t)).toHaveLength(0);
    const listed = await h.request('GET', '/ats/greenhouse/list_tests', { headers: basic(conn.inboundKey!) });
    expect(listed.body).toEqual([]);

    const noId = await h.request('GET', '/ats/greenhouse/test_status', { headers: basic(conn.inboundKey!) });
    expect(noId.status).toBe(400);
    const log = await h.request('GET', `/api/v1/ats/connections/${conn.id}/calls`, { token: t.token });
    expect(log.body.items.find((c: { status: number }) => c.status === 422)).toMatchObject({
      direction: 'in',
      operation: 'send_test',
      error: expect.stringContaining('not an email address'),
    });
  });

  it('the callback must be an https address of Greenhouse (our PATCH carries the key)', async () => {
    const { t, positionId, conn } = await greenhouseTenant();
    const send = (url: string) =>
      h.request('POST', '/ats/greenhouse/send_test', {
        headers: basic(conn.inboundKey!),
        body: { partner_test_id: positionId, candidate: candidate(`${uniq('c')}@example.com`), url },
      });
    for (const url of [
      'https://attacker.example/collect',
      'http://app.greenhouse.io/integrations/testing_partners/take_home_tests/1',
      'https://greenhouse.io.attacker.example/x',
      `https://app.greenhouse.io/${'x'.repeat(480)}`,
    ]) {
      const res = await send(url);
      expect(res.status, url).toBe(400);
      expect(res.body.errors[0].path).toBe('/body/url');
    }
    expect(await links(t)).toHaveLength(0);
    const ok = await send(
      `https://app.greenhouse.io/integrations/testing_partners/take_home_tests/${uniq('t')}`,
    );
    expect(ok.status, ok.text).toBe(200);
  });

  it('names are kept storable: a long one is clipped, a NUL refused', async () => {
    const { t, positionId, conn } = await greenhouseTenant();
    const long = await h.request('POST', '/ats/greenhouse/send_test', {
      headers: basic(conn.inboundKey!),
      body: {
        partner_test_id: positionId,
        candidate: {
          ...candidate(`${uniq('long')}@example.com`),
          first_name: 'A'.repeat(150),
          last_name: 'B'.repeat(150),
        },
        url: gh.callbackUrl(uniq('tht')),
      },
    });
    expect(long.status, long.text).toBe(200);
    const [row] = await h.ownerOrm.em
      .fork()
      .execute<{ name: string }[]>(
        'select c.name from candidates c join schedules s on s.candidate_id = c.id join ats_links l on l.schedule_id = s.id where l.id = ?',
        [long.body.partner_interview_id],
      );
    expect(row!.name).toHaveLength(200);
    const nul = await h.request('POST', '/ats/greenhouse/send_test', {
      headers: basic(conn.inboundKey!),
      body: {
        partner_test_id: positionId,
        candidate: { ...candidate(`${uniq('nul')}@example.com`), first_name: 'Har\u0000ry' },
        url: gh.callbackUrl(uniq('tht')),
      },
    });
    expect(nul.status).toBe(400);
    expect(await links(t)).toHaveLength(1);
  });

  it('a rotated key stops working at once; the new one works', async () => {
    const { t, conn } = await greenhouseTenant();
    const rotated = await h.request('POST', `/api/v1/ats/connections/${conn.id}/inbound-key/rotate`, {
      token: t.token,
    });
    expect(rotated.status, rotated.text).toBe(200);
    expect(rotated.body.inboundKey).toMatch(/^atk_/);
    expect(
      (await h.request('GET', '/ats/greenhouse/list_tests', { headers: basic(conn.inboundKey!) })).status,
    ).toBe(401);
    expect(
      (await h.request('GET', '/ats/greenhouse/list_tests', { headers: basic(rotated.body.inboundKey) }))
        .status,
    ).toBe(200);
  });

  it('response_error reports are taken (200) and logged on the connection', async () => {
    const { t, conn } = await greenhouseTenant();
    const res = await h.request('POST', '/ats/greenhouse/response_error', {
      headers: basic(conn.inboundKey!),
      body: {
        api_call: 'test_status',
        errors: ["partner_status is 'complete' but partner_profile url is missing"],
      },
    });
    expect(res).toMatchObject({ status: 200, body: { status: 200 } });
    const log = await h.request('GET', `/api/v1/ats/connections/${conn.id}/calls`, { token: t.token });
    expect(log.body.items[0]).toMatchObject({ direction: 'in', operation: 'response_error', status: 200 });
  });
});
