import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BULLMQ_PREFIX, bullmqConnection, QUEUES } from '../../src/jobs/index.ts';
import { createHarness, type Harness, TEST_REDIS_URL, type TestTenant, uniq } from '../helpers/harness.ts';
import { signedInMember } from '../helpers/members.ts';

/**
 * A candidate's export and erasure, end to end on the production adapters: Redis live state and
 * BullMQ (on a Redis database of its own, /11, flushed first), webhooks to a local receiver that
 * echoes what it gets (so the attempts' response excerpts hold the candidate's data too). The
 * candidate arrives through every path: added with an ATS id, scheduled, started by the join link
 * and answered (left running), and a staff-started interview answered to the end with
 * Idempotency-Keys, overridden by a recruiter. Afterwards every text and JSON column of every table
 * of the database, every Redis key and every BullMQ job is searched for them.
 */

const REDIS_URL = (() => {
  const url = new URL(TEST_REDIS_URL);
  url.pathname = '/11';
  return url.toString();
})();

const hex = randomBytes(4).toString('hex');
const FIRST = `Zorva${hex}`;
const LAST = `Quillimore${hex}`;
const NAME = `${FIRST} ${LAST}`;
const EMAIL = `zorva.${hex}@example.com`;
const EXTERNAL_ID = `ats-cand-${hex}`;
const PHRASE = `heliotrope-lattice-${hex}`;
const NEEDLES = [NAME, FIRST, LAST, EMAIL, EXTERNAL_ID, PHRASE];

/** A long, specific answer carrying the unique phrase (and, once, the name and some markup). */
const answer = (turn: number) =>
  `In my last role I owned the ${PHRASE} migration end to end. I measured the baseline latency first, ` +
  `then moved the reads to a replica, added an index on the filtered column and cut p95 from 800 ms to ` +
  `120 ms in two weeks. I explained the trade-offs to the team and we kept a rollback plan. ` +
  `${turn === 1 ? `My name is ${NAME}, you can reach me at ${EMAIL}. <script>alert("x")</script> ` : ''}` +
  `Looking back, I would have added load tests earlier; the ${PHRASE} work taught me to verify with numbers. ` +
  // long enough that older turns are folded into the stored conversation summary
  'We tracked error budgets weekly, wrote runbooks for the on-call rotation, and I paired with two juniors ' +
  'on the schema changes so the knowledge did not sit with me alone; the result was fewer incidents.';

let h: Harness;
let redis: Redis;
const servers: Server[] = [];

/** A receiver on 127.0.0.1 that answers 200 with the body it got. */
async function echoReceiver(): Promise<string> {
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      body += c;
    });
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
}

beforeAll(async () => {
  // a database index of its own, so scanning and flushing it cannot disturb other test files
  redis = new Redis(REDIS_URL);
  await redis.flushdb();
  h = await createHarness({
    REDIS_URL,
    WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
    WEBHOOK_RETRY_SCHEDULE: '50ms,50ms',
    JOIN_RATE_LIMIT: '100000',
    // the invitation only: a reminder days ahead would keep a delayed job in the queue
    MAIL_REMINDER_HOURS: '0',
  });
});

afterAll(async () => {
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
  await redis.quit();
});

const db = () => h.ownerOrm.em.fork();

const member = (t: TestTenant, role: string) => signedInMember(h, t, role);

async function apiKey(t: TestTenant, role: string): Promise<string> {
  const res = await h.request('POST', '/api/v1/api-keys', {
    token: t.token,
    body: { name: uniq('key'), role },
  });
  expect(res.status, res.text).toBe(201);
  return res.body.key;
}

/** Answer the interview's current turns (as `token`), `n` turns or to the end, with Idempotency-Keys. */
async function answerTurns(interviewId: string, token: string, n = Number.POSITIVE_INFINITY) {
  let state = (await h.request('GET', `/api/v1/interview/${interviewId}/state`, { token })).body;
  let answered = 0;
  for (; state.status === 'in_progress' && answered < n && answered < 40; answered++) {
    const turn = state.currentQuestion.turn as number;
    const res = await h.request('POST', `/api/v1/interview/${interviewId}/answer`, {
      token,
      body: { answerText: answer(turn), turn },
      headers: { 'idempotency-key': `${interviewId}-${turn}` },
    });
    expect(res.status, res.text).toBe(200);
    state = res.body.state;
  }
  return answered;
}

async function waitFor(what: string, check: () => Promise<boolean>, ms = 20_000) {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const count = async (sql: string, params: unknown[]) =>
  Number((await db().execute<{ n: string }[]>(sql, params))[0]?.n);

/** Every text-like column of every table of the database: which of `needles` each holds, in how many rows. */
async function scanDatabase(needles: string[]): Promise<string[]> {
  const columns = await db().execute<{ table_name: string; column_name: string }[]>(
    `select c.table_name, c.column_name from information_schema.columns c
       join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
        and (c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')
             or c.udt_name in ('citext'))`,
  );
  expect(columns.length).toBeGreaterThan(50);
  const hits: string[] = [];
  for (const { table_name, column_name } of columns) {
    // one pass over the column for every needle
    const sums = needles.map((_, i) => `count(*) filter (where strpos(v, lower(?)) > 0) as n${i}`).join(', ');
    const [row] = await db().execute<Record<string, string>[]>(
      `select ${sums} from (select lower("${column_name}"::text) as v from "${table_name}") t`,
      needles,
    );
    needles.forEach((needle, i) => {
      const n = Number(row?.[`n${i}`]);
      if (n > 0) hits.push(`${table_name}.${column_name} holds "${needle}" in ${n} row(s)`);
    });
  }
  return hits;
}

/** Every key of the test's Redis database with its value, as text. */
async function redisContents(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const key of await redis.keys('*')) {
    const type = await redis.type(key);
    let value: unknown;
    if (type === 'string') value = await redis.get(key);
    else if (type === 'hash') value = await redis.hgetall(key);
    else if (type === 'list') value = await redis.lrange(key, 0, -1);
    else if (type === 'set') value = await redis.smembers(key);
    else if (type === 'zset') value = await redis.zrange(key, 0, -1, 'WITHSCORES');
    else if (type === 'stream') value = await redis.xrange(key, '-', '+');
    else value = `(${type})`;
    out.set(key, JSON.stringify(value));
  }
  return out;
}

const hitsIn = (contents: Map<string, string>, needles: string[]) =>
  [...contents].flatMap(([key, value]) =>
    needles
      .filter((n) => `${key} ${value}`.toLowerCase().includes(n.toLowerCase()))
      .map((n) => `${key}: "${n}"`),
  );

/** Every job BullMQ holds in every queue, in every state. */
async function allJobs() {
  const jobs: { queue: string; id: string; name: string; data: unknown; json: string }[] = [];
  for (const name of QUEUES) {
    const queue = new Queue(name, { connection: bullmqConnection(REDIS_URL, false), prefix: BULLMQ_PREFIX });
    for (const job of await queue.getJobs(
      ['waiting', 'paused', 'prioritized', 'delayed', 'active', 'completed', 'failed', 'waiting-children'],
      0,
      -1,
    )) {
      if (job) {
        jobs.push({
          queue: name,
          id: job.id!,
          name: job.name,
          data: job.data,
          json: JSON.stringify(job.asJSON()),
        });
      }
    }
    await queue.close();
  }
  return jobs;
}

/** The tenant's rows that hold a candidate's record, every column (for "nothing changed"). */
async function rowsOf(tenantId: string) {
  const out: Record<string, unknown[]> = {};
  for (const table of [
    'candidates',
    'interviews',
    'interview_turns',
    'answers',
    'evaluations',
    'reports',
    'score_overrides',
    'schedules',
    'idempotent_responses',
    'webhook_deliveries',
    'webhook_attempts',
  ]) {
    out[table] = await db().execute(`select * from ${table} where tenant_id = ? order by id`, [tenantId]);
  }
  return out;
}

describe('a candidate seeded through every path', () => {
  let t: TestTenant;
  let candidateId: string;
  let joinToken: string;
  let byLink: { interviewId: string; token: string };
  let byStaff: string;
  /** a third interview from a second link, answered once and ended by staff; then self-identified */
  let ended: string;
  /** the candidate's mail (the first link's invitation) */
  let invitationIds: string[] = [];

  beforeAll(async () => {
    t = await h.signUp();
    const hook = await h.request('POST', '/api/v1/webhooks', {
      token: t.token,
      body: {
        url: await echoReceiver(),
        events: [
          'interview.scheduled',
          'interview.started',
          'interview.completed',
          'report.ready',
          'score.overridden',
        ],
      },
    });
    expect(hook.status, hook.text).toBe(201);

    const added = await h.request('POST', '/api/v1/candidates', {
      token: t.token,
      body: { name: NAME, email: EMAIL, externalId: EXTERNAL_ID },
    });
    expect(added.status, added.text).toBe(201);
    candidateId = added.body.id;

    // scheduled with an invitation by mail (the outbox: no SMTP here), and started by the candidate
    // from the join link once it was sent: two turns answered, left running
    const scheduled = await h.request('POST', '/api/v1/admin/schedule', {
      token: t.token,
      body: {
        candidateEmail: EMAIL,
        role: 'backend-engineer',
        scheduledAt: new Date(Date.now() + 3_600_000).toISOString(),
        sendInvitation: true,
      },
    });
    expect(scheduled.status, scheduled.text).toBe(201);
    await waitFor(
      'the invitation',
      async () => {
        const rows = await db().execute<{ id: string; status: string }[]>(
          'select id, status from mail_messages where schedule_id = ?',
          [scheduled.body.id],
        );
        invitationIds = rows.map((r) => r.id);
        return rows.length === 1 && rows[0]!.status === 'sent';
      },
      60_000,
    );
    joinToken = new URL(scheduled.body.joinUrl).pathname.split('/').pop()!;
    const started = await h.request('POST', `/api/v1/public/join/${joinToken}/start`);
    expect(started.status, started.text).toBe(200);
    byLink = { interviewId: started.body.interviewId, token: started.body.candidateToken };
    expect(await answerTurns(byLink.interviewId, byLink.token, 2)).toBe(2);
    // the candidate asks for a person to review it, in their own words; staff resolve it by name
    const review = await h.request('POST', `/api/v1/interview/${byLink.interviewId}/review-request`, {
      token: byLink.token,
      body: { message: `I am ${NAME}; please have a person read my ${PHRASE} answer` },
    });
    expect(review.status, review.text).toBe(201);
    const resolved = await h.request(
      'POST',
      `/api/v1/interviews/${byLink.interviewId}/review-request/resolve`,
      {
        token: t.token,
        body: { note: `Read ${FIRST}'s answers myself` },
      },
    );
    expect(resolved.status, resolved.text).toBe(200);

    // a second link: started, answered once, ended by staff, then the candidate self-identifies
    const second = await h.request('POST', '/api/v1/admin/schedule', {
      token: t.token,
      body: {
        candidateEmail: EMAIL,
        role: 'backend-engineer',
        scheduledAt: new Date(Date.now() + 3_600_000).toISOString(),
      },
    });
    expect(second.status, second.text).toBe(201);
    const secondStart = await h.request(
      'POST',
      `/api/v1/public/join/${new URL(second.body.joinUrl).pathname.split('/').pop()}/start`,
    );
    expect(secondStart.status, secondStart.text).toBe(200);
    ended = secondStart.body.interviewId;
    expect(await answerTurns(ended, secondStart.body.candidateToken, 1)).toBe(1);
    const end = await h.request('POST', `/api/v1/interview/${ended}/end`, { token: t.token });
    expect(end.status, end.text).toBe(200);
    const selfId = await h.request('POST', `/api/v1/public/interviews/${ended}/self-identification`, {
      token: secondStart.body.candidateToken,
      body: { sex: 'female', raceEthnicity: 'asian' },
    });
    expect(selfId.status, selfId.text).toBe(204);

    // started by staff and answered to the end, then overridden with a reason naming the candidate
    const staff = await h.request('POST', '/api/v1/interview/start', {
      token: t.token,
      body: { candidateId, role: 'backend-engineer', seed: 42 },
    });
    expect(staff.status, staff.text).toBe(201);
    byStaff = staff.body.interviewId;
    await answerTurns(byStaff, t.token);
    const override = await h.request('POST', `/api/v1/report/${byStaff}/overrides`, {
      token: t.token,
      body: { score: 81, reason: `Called ${FIRST} back: the ${LAST} reference checks out` },
    });
    expect(override.status, override.text).toBe(201);

    // every webhook delivered (and echoed back into its attempt's response excerpt)
    await waitFor('the webhooks', async () => {
      const rows = await db().execute<{ event_type: string; status: string }[]>(
        'select event_type, status from webhook_deliveries where tenant_id = ?',
        [t.id],
      );
      const types = new Set(rows.map((r) => r.event_type));
      return (
        [
          'interview.scheduled',
          'interview.started',
          'interview.completed',
          'report.ready',
          'score.overridden',
        ].every((e) => types.has(e)) && rows.every((r) => r.status === 'succeeded')
      );
    });
    // and no job still running or waiting
    await waitFor('the queues to drain', async () =>
      (await allJobs()).every((j) => JSON.parse(j.json).finishedOn !== undefined),
    );
  });

  /** Jobs of the candidate's interviews and webhook deliveries. */
  async function theirJobs(): Promise<number> {
    const deliveries = await db().execute<{ id: string }[]>(
      'select id from webhook_deliveries where tenant_id = ?',
      [t.id],
    );
    const ids = [byLink.interviewId, byStaff, ended, ...deliveries.map((d) => d.id), ...invitationIds];
    return (await allJobs()).filter((j) => ids.some((id) => JSON.stringify(j.data).includes(id))).length;
  }

  it('is held everywhere before the erasure: the database, Redis, the webhook attempts', async () => {
    const hits = await scanDatabase(NEEDLES);
    for (const where of [
      'candidates.name',
      'candidates.email',
      'candidates.external_id',
      'answers.text',
      'evaluations.result',
      'reports.report',
      'interview_turns.reply',
      'interviews.closing_reply',
      'interviews.summary',
      'score_overrides.reason',
      'webhook_deliveries.payload',
      'webhook_attempts.response_body_excerpt',
      'review_requests.message',
      'review_requests.resolution_note',
      'mail_messages.to_address',
      'mail_messages.text_body',
      'mail_messages.html_body',
    ]) {
      expect(
        hits.some((x) => x.startsWith(`${where} `)),
        `${where} in ${hits.join('\n')}`,
      ).toBe(true);
    }
    expect(
      await count('select count(*) as n from idempotent_responses where tenant_id = ?', [t.id]),
    ).toBeGreaterThan(0);
    // the running interview's live state is in Redis, with the candidate's name
    const live = await redis.get(`interview:${t.id}:${byLink.interviewId}:state`);
    expect(live).toContain(FIRST);
    // jobs carry ids only
    const jobs = await allJobs();
    expect(jobs.length).toBeGreaterThan(0);
    for (const job of jobs) {
      expect(
        Object.keys(job.data as object).every((k) =>
          ['tenantId', 'interviewId', 'turn', 'deliveryId', 'messageId'].includes(k),
        ),
      ).toBe(true);
    }
  });

  it('a viewer or a recruiter may neither export nor erase (403); an admin API key may export', async () => {
    for (const token of [
      await member(t, 'viewer'),
      await member(t, 'recruiter'),
      await apiKey(t, 'recruiter'),
    ]) {
      const exported = await h.request('GET', `/api/v1/candidates/${candidateId}/export`, { token });
      expect(exported.status, exported.text).toBe(403);
      expect(exported.body.code).toBe('forbidden');
      const erased = await h.request('POST', `/api/v1/candidates/${candidateId}/erase`, {
        token,
        body: { reason: 'not allowed' },
      });
      expect(erased.status, erased.text).toBe(403);
    }
    const byKey = await h.request('GET', `/api/v1/candidates/${candidateId}/export`, {
      token: await apiKey(t, 'admin'),
    });
    expect(byKey.status, byKey.text).toBe(200);
    expect(byKey.body.candidate.email).toBe(EMAIL);
  });

  it("another tenant's export and erase are a 404, like a missing candidate, and change nothing", async () => {
    const other = await h.signUp();
    const otherKey = await apiKey(other, 'admin');
    const before = await rowsOf(t.id);
    for (const token of [other.token, otherKey]) {
      const erased = await h.request('POST', `/api/v1/candidates/${candidateId}/erase`, {
        token,
        body: { reason: 'another tenant trying' },
      });
      expect(erased.status, erased.text).toBe(404);
      expect(erased.body.code).toBe('not_found');
      const exported = await h.request('GET', `/api/v1/candidates/${candidateId}/export`, { token });
      expect(exported.status, exported.text).toBe(404);
      const missing = await h.request('GET', `/api/v1/candidates/${crypto.randomUUID()}/export`, { token });
      expect(missing.body.detail).toBe(exported.body.detail);
    }
    expect(await rowsOf(t.id)).toEqual(before);
    expect(await redis.get(`interview:${t.id}:${byLink.interviewId}:state`)).toContain(FIRST);
  });

  it('the export holds it all (JSON), and as a page with everything escaped (HTML)', async () => {
    const res = await h.request('GET', `/api/v1/candidates/${candidateId}/export`, { token: t.token });
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const e = res.body;
    expect(e.candidate).toMatchObject({
      id: candidateId,
      name: NAME,
      email: EMAIL,
      externalId: EXTERNAL_ID,
      erasedAt: null,
    });
    expect(e.interviews.map((i: { id: string }) => i.id).sort()).toEqual(
      [byLink.interviewId, byStaff, ended].sort(),
    );
    // the invitation mailed to them, as stored (the outbox here: with its text)
    expect(e.mail).toMatchObject([{ id: invitationIds[0], kind: 'invitation', to: EMAIL, status: 'sent' }]);
    expect(e.mail[0].text).toContain(NAME);
    const linked = e.interviews.find((i: { id: string }) => i.id === byLink.interviewId);
    const staffed = e.interviews.find((i: { id: string }) => i.id === byStaff);
    expect(linked.status).toBe('in_progress');
    expect(linked.turns.filter((x: { answer: unknown }) => x.answer)).toHaveLength(2);
    expect(linked.aiNotice.text).toMatch(/AI/);
    expect(linked.reviewRequest).toMatchObject({
      requestedBy: 'candidate',
      resolutionNote: `Read ${FIRST}'s answers myself`,
    });
    expect(e.interviews.find((i: { id: string }) => i.id === ended).selfIdentification.held).toBe(true);
    expect(staffed.status).toBe('completed');
    expect(staffed.report.report.transcript.length).toBe(staffed.turns.length);
    expect(staffed.scoreOverrides).toHaveLength(1);
    expect(staffed.turns[0].reply).toContain(FIRST);
    expect(staffed.turns.every((x: { evaluation: unknown }) => x.evaluation)).toBe(true);
    expect(e.schedules).toEqual([
      expect.objectContaining({ interviewId: byLink.interviewId, linkActive: true }),
      // used up once its interview was over
      expect.objectContaining({ interviewId: ended, status: 'completed', linkActive: false }),
    ]);
    expect(e.storedResponses.length).toBeGreaterThan(0);
    expect(e.webhookDeliveries.map((d: { eventType: string }) => d.eventType).sort()).toEqual(
      expect.arrayContaining(['interview.scheduled', 'report.ready', 'score.overridden']),
    );
    expect(e.webhookDeliveries.every((d: { attempts: unknown[] }) => d.attempts.length > 0)).toBe(true);
    for (const needle of NEEDLES) expect(res.text, needle).toContain(needle);

    const page = await h.request('GET', `/api/v1/candidates/${candidateId}/export?format=html`, {
      token: t.token,
    });
    expect(page.status, page.text).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.text).toMatch(/^<!doctype html>/);
    for (const needle of NEEDLES) expect(page.text, needle).toContain(needle);
    // the candidate's markup is text on the page, never markup
    expect(page.text).not.toMatch(/<script/i);
    expect(page.text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(page.text).not.toMatch(/<(link|img|iframe)\b|src=|href=/i);

    const audited = await db().execute<{ data: Record<string, unknown> }[]>(
      `select data from audit_events where tenant_id = ? and action = 'candidate.exported' and target = ?`,
      [t.id, candidateId],
    );
    expect(audited.length).toBeGreaterThanOrEqual(2);
    expect(audited[0]!.data).toMatchObject({ interviews: 3 });
  });

  it('erasure removes it from every table, Redis and the job queues, keeping de-identified rows; counts are right', async () => {
    const before = {
      answers: await count(
        'select count(*) as n from answers a join interviews i on i.id = a.interview_id where i.candidate_id = ?',
        [candidateId],
      ),
      evaluations: await db().execute<{ id: string; score: number }[]>(
        `select e.id, e.score from evaluations e join interviews i on i.id = e.interview_id
          where i.candidate_id = ? order by e.id`,
        [candidateId],
      ),
      replays: await count('select count(*) as n from idempotent_responses where tenant_id = ?', [t.id]),
      deliveries: await count('select count(*) as n from webhook_deliveries where tenant_id = ?', [t.id]),
      attempts: await count('select count(*) as n from webhook_attempts where tenant_id = ?', [t.id]),
      // live state, and the answer pace of each of their interviews
      liveKeys:
        (await redis.keys(`interview:${t.id}:*`)).length +
        (
          await Promise.all(
            (
              await db().execute<{ id: string }[]>('select id from interviews where candidate_id = ?', [
                candidateId,
              ])
            ).map(async ({ id }) => (await redis.keys(`pace:answers:${id}`)).length),
          )
        ).reduce((a, b) => a + b, 0),
      jobs: await theirJobs(),
      report: (
        await db().execute<{ overall: number; recommendation: string }[]>(
          'select overall, recommendation from reports where interview_id = ?',
          [byStaff],
        )
      )[0],
    };
    expect(before.liveKeys).toBeGreaterThan(0);
    expect(before.jobs).toBeGreaterThan(0);

    const res = await h.request('POST', `/api/v1/candidates/${candidateId}/erase`, {
      token: t.token,
      body: { reason: `Erasure request from ${NAME} <${EMAIL}> on the phone` },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      candidateId,
      removed: {
        postgres: {
          candidates: 1,
          interviewsEnded: 1,
          interviews: 3,
          // the greetings (by first name) of the three interviews
          interviewTurns: 3,
          answers: before.answers,
          evaluations: before.evaluations.length,
          // the completed and the ended one (the running one had none)
          reports: 2,
          scoreOverrides: 1,
          reviewRequests: 1,
          selfIdentifications: 1,
          schedules: 2,
          idempotentResponses: before.replays,
          webhookDeliveries: before.deliveries,
          webhookAttempts: before.attempts,
          mailMessages: 1,
        },
        redis: { keys: before.liveKeys },
        jobs: { removed: before.jobs, keptQueued: 0 },
      },
    });

    // nothing anywhere: every text and JSON column of every table, every Redis key, every job
    expect(await scanDatabase(NEEDLES)).toEqual([]);
    expect(hitsIn(await redisContents(), NEEDLES)).toEqual([]);
    const jobs = await allJobs();
    expect(jobs.filter((j) => NEEDLES.some((n) => j.json.toLowerCase().includes(n.toLowerCase())))).toEqual(
      [],
    );
    expect(await theirJobs()).toBe(0);

    // what the audit trail and billing need stays: the rows, their ids, scores and times
    const after = await db().execute<
      { id: string; score: number; result: { criteria: { evidence: string[] }[] } }[]
    >(
      `select e.id, e.score, e.result from evaluations e join interviews i on i.id = e.interview_id
        where i.candidate_id = ? order by e.id`,
      [candidateId],
    );
    expect(after.map((e) => ({ id: e.id, score: e.score }))).toEqual(before.evaluations);
    expect(after.every((e) => e.result.criteria.every((c) => c.evidence.length === 0))).toBe(true);
    const [report] = await db().execute<{ overall: number; recommendation: string }[]>(
      'select overall, recommendation from reports where interview_id = ?',
      [byStaff],
    );
    expect(report).toEqual(before.report);
    const statuses = await db().execute<{ id: string; status: string }[]>(
      'select id, status from interviews where candidate_id = ? order by id',
      [candidateId],
    );
    expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({
      [byLink.interviewId]: 'ended',
      [byStaff]: 'completed',
      [ended]: 'ended',
    });
    expect(
      await count('select count(*) as n from self_identifications where interview_id = ?', [ended]),
    ).toBe(0);

    // recorded in the audit log, without the candidate's name or email
    const [audited] = await db().execute<{ data: { reason: string; removed: Record<string, number> } }[]>(
      `select data from audit_events where tenant_id = ? and action = 'candidate.erased' and target = ?`,
      [t.id, candidateId],
    );
    expect(audited!.data.reason).toBe('Erasure request from [erased] <[erased]> on the phone');
    expect(audited!.data.removed).toMatchObject({ candidates: 1, reports: 2 });

    // the export now shows the de-identified record
    const exported = await h.request('GET', `/api/v1/candidates/${candidateId}/export`, { token: t.token });
    expect(exported.status, exported.text).toBe(200);
    expect(exported.body.candidate).toMatchObject({ id: candidateId, name: '[erased]', externalId: null });
    expect(exported.body.candidate.erasedAt).toBe(res.body.erasedAt);
    expect(exported.body.schedules.map((x: { linkActive: boolean }) => x.linkActive)).toEqual([false, false]);
    for (const needle of NEEDLES) expect(exported.text, needle).not.toContain(needle);
  });

  it("the candidate's join link and interview token stop working", async () => {
    const page = await h.request('GET', `/api/v1/public/join/${joinToken}`);
    expect([404, 410], page.text).toContain(page.status);
    const start = await h.request('POST', `/api/v1/public/join/${joinToken}/start`);
    expect([404, 410], start.text).toContain(start.status);
    const answered = await h.request('POST', `/api/v1/interview/${byLink.interviewId}/answer`, {
      token: byLink.token,
      body: { answerText: `again ${PHRASE}` },
    });
    expect(answered.status, answered.text).toBe(409);
    expect(answered.body.code).toBe('interview_not_active');
  });

  it('a second erasure is a 200 with zeros everywhere, and changes nothing', async () => {
    const before = await rowsOf(t.id);
    const res = await h.request('POST', `/api/v1/candidates/${candidateId}/erase`, {
      token: t.token,
      body: { reason: 'asked again' },
    });
    expect(res.status, res.text).toBe(200);
    const { postgres, redis: keys, jobs } = res.body.removed;
    expect(
      Object.values(postgres).every((n) => n === 0),
      JSON.stringify(postgres),
    ).toBe(true);
    expect(keys).toEqual({ keys: 0 });
    expect(jobs).toEqual({ removed: 0, keptQueued: 0 });
    expect(await rowsOf(t.id)).toEqual(before);
  });

  it('a candidate that does not exist is a 404', async () => {
    const res = await h.request('POST', `/api/v1/candidates/${crypto.randomUUID()}/erase`, {
      token: t.token,
      body: { reason: 'no one' },
    });
    expect(res.status, res.text).toBe(404);
    expect(res.body.code).toBe('not_found');
  });
});
