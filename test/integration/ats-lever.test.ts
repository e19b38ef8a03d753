import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callLog, connect, createPosition, invitationFor, takeInterview, until } from '../helpers/ats.ts';
import { type LeverStandIn, leverSign, startLeverStandIn } from '../helpers/ats-stand-ins.ts';
import { createHarness, type Harness, type TestTenant, uniq } from '../helpers/harness.ts';

/**
 * Lever against a stand-in of its Data API: a signed candidateStageChange webhook into the
 * connection's trigger stage makes us read the opportunity (name, email, posting), schedule the
 * mapped position's interview and mail the candidate; on completion a note with the score, the
 * recommendation and the report link goes onto the opportunity.
 */

let h: Harness;
let lever: LeverStandIn;
const WEBHOOK_TOKEN = 'lever-signature-token-0123456789';
const TRIGGER = 'stage-ai-interview';

beforeAll(async () => {
  lever = await startLeverStandIn();
  h = await createHarness({
    PUBLIC_URL: 'http://app.example.test',
    WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
    WEBHOOK_RETRY_SCHEDULE: '100ms,100ms,100ms',
    LEVER_API_URL: lever.url,
    JOIN_RATE_LIMIT: '100000',
  });
});
afterAll(() => lever?.close());

async function leverTenant(overrides: Record<string, unknown> = {}) {
  const t = await h.signUp({ name: 'Lever Co' });
  const positionId = await createPosition(h, t, 'Site Reliability Engineer');
  const postingId = uniq('posting');
  const conn = await connect(h, t, {
    provider: 'lever',
    credentials: { apiKey: lever.apiKey, webhookToken: WEBHOOK_TOKEN },
    settings: { triggerStageId: TRIGGER, positionMap: { [postingId]: positionId } },
    ...overrides,
  });
  return { t, positionId, postingId, conn };
}

function opportunity(postingId: string, email = `${uniq('grace')}@example.com`) {
  const o = { id: uniq('opp'), name: 'Grace Hopper', emails: [email], contact: uniq('contact'), postingId };
  lever.addOpportunity(o);
  return o;
}

const hook = (conn: { endpoints: Record<string, string> }) =>
  new URL(conn.endpoints['webhook_url']!).pathname;

async function links(t: TestTenant) {
  return h.ownerOrm.em.fork().execute('select id from ats_links where tenant_id = ?', [t.id]);
}

describe('Lever: the full loop', () => {
  it('a stage change into the trigger stage schedules and mails; the result is a note on the opportunity', async () => {
    const { t, postingId, conn } = await leverTenant();
    expect(conn.inboundKey).toBeNull();
    expect(conn.endpoints['webhook_url']).toBe(`http://app.example.test/ats/lever/${conn.id}/webhook`);
    const o = opportunity(postingId);
    const event = lever.stageChange(WEBHOOK_TOKEN, {
      opportunityId: o.id,
      contactId: o.contact,
      fromStageId: 'stage-screen',
      toStageId: TRIGGER,
    });
    const res = await h.request('POST', hook(conn), { body: event });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ scheduled: true, created: true });
    // Lever delivers again when unsure: one interview, one email
    const again = await h.request('POST', hook(conn), { body: event });
    expect(again.body).toMatchObject({ scheduled: true, created: false, interview: res.body.interview });

    const opened = lever.requests.find((r) => r.path === `/v1/opportunities/${o.id}` && r.method === 'GET');
    expect(opened?.user).toBe(lever.apiKey);

    const invitation = await invitationFor(h, t, o.emails[0]!);
    expect(invitation.count).toBe(1);
    expect(invitation.text).toContain('Grace Hopper');
    const interviewId = await takeInterview(h, invitation.token);

    const note = await until('the note', () => lever.notes.find((n) => n.opportunityId === o.id));
    const report = await h.request('GET', `/api/v1/report/${interviewId}`, { token: t.token });
    expect(note.user).toBe(lever.apiKey);
    expect(note.value).toContain(`overall score ${report.body.overall.effectiveScore}/100`);
    expect(note.value).toContain(`http://app.example.test/interviews/${interviewId}/report`);
    expect(note.value).toMatch(/recommendation: (Strong hire|Hire|Lean no|No hire)/);
    expect(lever.notes.filter((n) => n.opportunityId === o.id)).toHaveLength(1);

    const seen = await callLog(h, t, conn.id);
    expect(seen).toEqual(
      expect.arrayContaining([
        'in webhook.candidateStageChange 200',
        'out opportunities.get 200',
        'out notes.create 201',
      ]),
    );

    const view = await h.request('GET', `/api/v1/interviews/${interviewId}`, { token: t.token });
    expect(view.status).toBe(200);
  });

  it('other stages, other events and unmapped postings schedule nothing', async () => {
    const { t, conn } = await leverTenant();
    const o = opportunity(uniq('unmapped-posting'));
    const base = { opportunityId: o.id, contactId: o.contact, fromStageId: 'a' };
    const other = await h.request('POST', hook(conn), {
      body: lever.stageChange(WEBHOOK_TOKEN, { ...base, toStageId: 'stage-offer' }),
    });
    expect(other.body).toMatchObject({
      scheduled: false,
      reason: expect.stringContaining('not the trigger stage'),
    });
    const unmapped = await h.request('POST', hook(conn), {
      body: lever.stageChange(WEBHOOK_TOKEN, { ...base, toStageId: TRIGGER }),
    });
    expect(unmapped.body).toMatchObject({ scheduled: false, reason: expect.stringContaining('not mapped') });
    // another event, signed as Lever signs every event (token and time)
    const event: Record<string, unknown> = {
      ...lever.stageChange(WEBHOOK_TOKEN, { ...base, toStageId: TRIGGER }),
      event: 'candidateHired',
    };
    expect(event['signature']).toBe(
      leverSign(WEBHOOK_TOKEN, event['token'] as string, event['triggeredAt'] as number),
    );
    const hired = await h.request('POST', hook(conn), { body: event });
    expect(hired.body).toMatchObject({ scheduled: false });
    expect(await links(t)).toHaveLength(0);
  });
});

describe('Lever: what bad input gets', () => {
  it('a bad signature is a 401 and schedules nothing; so is another connection’s token', async () => {
    const { t, postingId, conn } = await leverTenant();
    const o = opportunity(postingId);
    const data = { opportunityId: o.id, contactId: o.contact, fromStageId: 'a', toStageId: TRIGGER };
    const forged = { ...lever.stageChange(WEBHOOK_TOKEN, data), signature: 'f'.repeat(64) };
    const res = await h.request('POST', hook(conn), { body: forged });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.body).toMatchObject({ code: 'unauthorized', message: expect.any(String) });
    const wrongToken = await h.request('POST', hook(conn), {
      body: lever.stageChange('someone-elses-token-000000', data),
    });
    expect(wrongToken.status).toBe(401);
    // a valid signature over other values: the token and time are what is signed
    const replayed = { ...lever.stageChange(WEBHOOK_TOKEN, data), triggeredAt: Date.now() + 5 };
    expect((await h.request('POST', hook(conn), { body: replayed })).status).toBe(401);
    expect(await links(t)).toHaveLength(0);
    expect(lever.requests.filter((r) => r.path === `/v1/opportunities/${o.id}`)).toHaveLength(0);
    const log = await h.request('GET', `/api/v1/ats/connections/${conn.id}/calls`, { token: t.token });
    expect(log.body.items[0]).toMatchObject({
      direction: 'in',
      status: 401,
      error: expect.stringContaining('signature'),
    });
  });

  it('a replayed signed delivery with another opportunity invites no one (Lever says where it is)', async () => {
    const { t, postingId, conn } = await leverTenant();
    const seen = opportunity(postingId);
    const other = opportunity(postingId);
    const signed = lever.stageChange(WEBHOOK_TOKEN, {
      opportunityId: seen.id,
      contactId: seen.contact,
      fromStageId: 'a',
      toStageId: TRIGGER,
    });
    const data = signed['data'] as Record<string, unknown>;
    const forged = { ...signed, data: { ...data, opportunityId: other.id, candidateId: other.id } };
    const res = await h.request('POST', hook(conn), { body: forged });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      scheduled: false,
      reason: expect.stringContaining('not in the trigger stage'),
    });
    expect(await links(t)).toHaveLength(0);
    const badId = { ...signed, data: { ...data, opportunityId: '../notes' } };
    expect((await h.request('POST', hook(conn), { body: badId })).status).toBe(400);
  });

  it("an unknown connection is a 404; one tenant's webhook URL never schedules for another", async () => {
    const a = await leverTenant();
    const b = await leverTenant();
    const o = opportunity(a.postingId);
    const event = lever.stageChange(WEBHOOK_TOKEN, {
      opportunityId: o.id,
      contactId: o.contact,
      fromStageId: 'a',
      toStageId: TRIGGER,
    });
    expect((await h.request('POST', '/ats/lever/not-a-uuid/webhook', { body: event })).status).toBe(404);
    expect(
      (await h.request('POST', `/ats/lever/${crypto.randomUUID()}/webhook`, { body: event })).status,
    ).toBe(404);
    // A's posting is not mapped on B's connection
    const res = await h.request('POST', hook(b.conn), { body: event });
    expect(res.body).toMatchObject({ scheduled: false });
    expect(await links(b.t)).toHaveLength(0);
    expect(await links(a.t)).toHaveLength(0);
  });

  it('an opportunity without a valid email is a 422 problem', async () => {
    const { t, postingId, conn } = await leverTenant();
    const o = opportunity(postingId, 'grace at navy');
    const event = lever.stageChange(WEBHOOK_TOKEN, {
      opportunityId: o.id,
      contactId: o.contact,
      fromStageId: 'a',
      toStageId: TRIGGER,
    });
    const res = await h.request('POST', hook(conn), { body: event });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'invalid_email' });
    expect(await links(t)).toHaveLength(0);
  });

  it('test connection reads Lever’s stages with the stored key; a wrong key fails with 401', async () => {
    const good = await leverTenant();
    const ok = await h.request('POST', `/api/v1/ats/connections/${good.conn.id}/test`, {
      token: good.t.token,
    });
    expect(ok.body).toMatchObject({ ok: true, status: 200 });
    const bad = await leverTenant({
      credentials: { apiKey: 'wrong-lever-key', webhookToken: WEBHOOK_TOKEN },
    });
    const refused = await h.request('POST', `/api/v1/ats/connections/${bad.conn.id}/test`, {
      token: bad.t.token,
    });
    expect(refused.body).toMatchObject({ ok: false, status: 401, error: expect.stringContaining('401') });
  });
});
