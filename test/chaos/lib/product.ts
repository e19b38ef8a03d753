import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type pg from 'pg';
import { Webhook } from 'standardwebhooks';
import type { ApiClient, Reply } from './http.ts';
import { isProblem } from './http.ts';
import { sleep } from './outcome.ts';

export const uniq = (prefix: string) => `${prefix}-${randomBytes(5).toString('hex')}`;

export const ANSWER =
  'I owned the ledger service: Go on PostgreSQL at about 2,000 requests a second. I added idempotency keys and cut duplicate charges to zero.';

/**
 * What a client must never see: no answer at all (a broken connection, a hang), a 5xx other than
 * the promised 503, or an error that is not problem+json.
 */
export function unexpected(r: Reply, allow503 = false): string | undefined {
  if (r.status === 0) return `no answer (${r.error})`;
  if (r.status >= 500 && !(allow503 && r.status === 503 && isProblem(r)))
    return `${r.status} ${r.body?.code ?? r.text.slice(0, 60)}`;
  if (r.status >= 400 && !isProblem(r)) return `${r.status} not problem+json (${r.headers['content-type']})`;
  return undefined;
}

/** Tally of what clients saw. */
export class Tally {
  requests = 0;
  errors: string[] = [];
  byStatus = new Map<string, number>();
  latencies: number[] = [];
  note(r: Reply, allow503 = false): Reply {
    this.requests++;
    this.latencies.push(r.ms);
    const key = r.status === 0 ? `ERR:${r.error}` : String(r.status);
    this.byStatus.set(key, (this.byStatus.get(key) ?? 0) + 1);
    const bad = unexpected(r, allow503);
    if (bad) this.errors.push(bad);
    return r;
  }
  statuses(): string {
    return [...this.byStatus.entries()]
      .sort()
      .map(([k, v]) => `${k}×${v}`)
      .join(' ');
  }
}

export interface TenantLogin {
  token: string;
  tenantId: string;
  email: string;
  password: string;
}

export async function signUp(api: ApiClient, name = 'Chaos Co'): Promise<TenantLogin> {
  const email = `${uniq('owner')}@example.com`;
  const password = 'correct horse battery staple';
  const res = await api.post('/tenants', {
    name,
    slug: uniq('chaos'),
    ownerEmail: email,
    ownerPassword: password,
  });
  if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${res.text}`);
  return { token: res.body.token, tenantId: res.body.tenant.id, email, password };
}

export async function startInterview(api: ApiClient, token: string, seed: number): Promise<string> {
  const res = await api.post(
    '/interview/start',
    {
      candidate: { name: 'Chaos Candidate', email: `${uniq('c')}@example.com` },
      role: 'backend-engineer',
      seed,
    },
    { token },
  );
  if (res.status !== 201) throw new Error(`start failed: ${res.status} ${res.text}`);
  return res.body.interviewId;
}

export interface Scheduled {
  scheduleId: string;
  joinToken: string;
}

export async function schedule(api: ApiClient, token: string): Promise<Scheduled> {
  const res = await api.post(
    '/admin/schedule',
    {
      candidateEmail: `${uniq('c')}@example.com`,
      candidateName: 'Chaos Candidate',
      role: 'backend-engineer',
      scheduledAt: new Date(Date.now() + 60_000).toISOString(),
    },
    { token },
  );
  if (res.status !== 201) throw new Error(`schedule failed: ${res.status} ${res.text}`);
  return { scheduleId: res.body.id, joinToken: new URL(res.body.joinUrl).pathname.split('/').pop()! };
}

export async function join(api: ApiClient, joinToken: string) {
  const res = await api.post(`/public/join/${joinToken}/start`);
  if (res.status !== 200 && res.status !== 201) throw new Error(`join failed: ${res.status} ${res.text}`);
  return { interviewId: res.body.interviewId as string, candidateToken: res.body.candidateToken as string };
}

export interface DriveOptions {
  /** API clients to use; a failed request moves on to the next one (failover) */
  apis: () => ApiClient[];
  token: string;
  /** Prefer: respond-async, then follow the state */
  async?: boolean;
  /** how long to keep trying one turn */
  turnBoundMs?: number;
  tally: Tally;
  /** 503 problem+json is a promised answer during this run */
  allow503?: boolean;
  /** answer text per turn */
  text?: (turn: number) => string;
}

/**
 * Answer one interview to its end as a careful client would: each turn once with one
 * Idempotency-Key, retrying the same request (same key, same text) on a broken connection, a
 * 5xx or a 409 `idempotency_in_progress`, on the next API process; a 202 is followed in the state.
 * Returns the status it ended in ('completed', or why it stopped).
 */
export async function driveInterview(id: string, o: DriveOptions): Promise<string> {
  const bound = o.turnBoundMs ?? 60_000;
  let turnsDone = 0;
  let pick = 0;
  const next = () => o.apis()[pick++ % o.apis().length]!;
  for (let guard = 0; guard < 40; guard++) {
    const state = await readState(id, o, bound);
    if (!state) return 'state unreadable';
    if (state.status !== 'in_progress') return state.status;
    const turn: number = state.turn;
    const key = randomUUID();
    const text = o.text?.(turn) ?? ANSWER;
    const deadline = Date.now() + bound;
    let moved = false;
    while (!moved && Date.now() < deadline) {
      const api = next();
      const r = o.tally.note(
        await api.post(
          `/interview/${id}/answer`,
          { answerText: text, turn },
          {
            token: o.token,
            headers: { 'idempotency-key': key, ...(o.async ? { prefer: 'respond-async' } : {}) },
            timeoutMs: 30_000,
          },
        ),
        o.allow503,
      );
      if (r.status === 200) moved = true;
      else if (r.status === 202) moved = await followState(id, turn, o, deadline);
      else if (r.status === 409 && r.body?.code !== 'idempotency_in_progress') {
        // turn_mismatch / interview_not_active: the turn moved on without us (e.g. the answer
        // was stored before the connection broke); read the state again
        moved = true;
      } else await sleep(250);
    }
    if (!moved) return `turn ${turn} stuck`;
    turnsDone++;
  }
  return `gave up after ${turnsDone} turns`;
}

// biome-ignore lint/suspicious/noExplicitAny: state bodies are inspected loosely
async function readState(id: string, o: DriveOptions, bound: number): Promise<any> {
  const deadline = Date.now() + bound;
  let i = 0;
  while (Date.now() < deadline) {
    const api = o.apis()[i++ % o.apis().length]!;
    const r = o.tally.note(
      await api.get(`/interview/${id}/state`, { token: o.token, timeoutMs: 15_000 }),
      o.allow503,
    );
    if (r.status === 200) return r.body;
    await sleep(250);
  }
  return undefined;
}

async function followState(id: string, turn: number, o: DriveOptions, deadline: number): Promise<boolean> {
  let i = 0;
  while (Date.now() < deadline) {
    const api = o.apis()[i++ % o.apis().length]!;
    const r = o.tally.note(
      await api.get(`/interview/${id}/state`, { token: o.token, timeoutMs: 15_000 }),
      o.allow503,
    );
    if (r.status === 200 && (r.body.turn > turn || r.body.status !== 'in_progress')) return true;
    await sleep(200);
  }
  return false;
}

/** What the record says about a set of interviews, against the promises. */
export interface RecordCheck {
  lost: number;
  duplicated: number;
  violations: string[];
  completed: number;
}

/**
 * Every answer has exactly one evaluation; turns are 1..n without a gap or a repeated question;
 * a finished interview has every turn answered and exactly one report, announced once.
 */
export async function checkRecord(db: pg.Pool, ids: string[], expectFinished = true): Promise<RecordCheck> {
  const violations: string[] = [];
  let lost = 0;
  let duplicated = 0;
  const { rows } = await db.query<{
    id: string;
    status: string;
    turns: number;
    distinct_turns: number;
    max_turn: number | null;
    distinct_questions: number;
    answers: number;
    unevaluated: number;
    multi_evaluated: number;
    unanswered: number;
    reports: number;
    announced: number;
  }>(
    `select i.id, i.status,
       (select count(*)::int from interview_turns t where t.interview_id = i.id) turns,
       (select count(distinct turn)::int from interview_turns t where t.interview_id = i.id) distinct_turns,
       (select max(turn)::int from interview_turns t where t.interview_id = i.id) max_turn,
       (select count(distinct (question_id, coalesce(follow_up_id, '')))::int from interview_turns t where t.interview_id = i.id) distinct_questions,
       (select count(*)::int from answers a where a.interview_id = i.id) answers,
       (select count(*)::int from answers a where a.interview_id = i.id
          and not exists (select 1 from evaluations e where e.interview_id = a.interview_id and e.turn = a.turn)) unevaluated,
       (select count(*)::int from (select 1 from evaluations e where e.interview_id = i.id group by e.turn having count(*) > 1) x) multi_evaluated,
       (select count(*)::int from interview_turns t where t.interview_id = i.id
          and not exists (select 1 from answers a where a.interview_id = t.interview_id and a.turn = t.turn)) unanswered,
       (select count(*)::int from reports r where r.interview_id = i.id) reports,
       (select count(*)::int from reports r where r.interview_id = i.id and r.announced_at is not null) announced
     from interviews i where i.id = any($1::uuid[])`,
    [ids],
  );
  if (rows.length !== ids.length) violations.push(`${ids.length - rows.length} interviews missing`);
  let completed = 0;
  for (const r of rows) {
    const tag = r.id.slice(0, 8);
    if (r.status === 'completed') completed++;
    if (r.unevaluated > 0) {
      lost += r.unevaluated;
      violations.push(`${tag}: ${r.unevaluated} answers without an evaluation`);
    }
    if (r.multi_evaluated > 0) {
      duplicated += r.multi_evaluated;
      violations.push(`${tag}: ${r.multi_evaluated} turns evaluated twice`);
    }
    if (r.max_turn !== null && r.max_turn !== r.distinct_turns) {
      lost += r.max_turn - r.distinct_turns;
      violations.push(`${tag}: turns have a gap (${r.distinct_turns} of ${r.max_turn})`);
    }
    if (r.turns !== r.distinct_turns || r.distinct_questions !== r.turns) {
      duplicated += r.turns - Math.min(r.distinct_turns, r.distinct_questions);
      violations.push(
        `${tag}: a turn or question repeated (${r.turns} turns, ${r.distinct_questions} distinct)`,
      );
    }
    if (expectFinished) {
      if (r.status !== 'completed') violations.push(`${tag}: ${r.status}, not completed`);
      if (r.status === 'completed' && r.unanswered > 0) {
        lost += r.unanswered;
        violations.push(`${tag}: completed with ${r.unanswered} unanswered turns`);
      }
      if (r.reports !== 1) {
        lost += r.reports === 0 ? 1 : 0;
        duplicated += Math.max(0, r.reports - 1);
        violations.push(`${tag}: ${r.reports} reports`);
      }
      if (r.reports === 1 && r.announced !== 1) {
        lost++;
        violations.push(`${tag}: report never announced`);
      }
    }
  }
  return { lost, duplicated, violations, completed };
}

/** A webhook receiver on 127.0.0.1 that takes `delayMs` to answer (after reading the whole body). */
export interface Receiver {
  url: string;
  /** `interviewId`: the event's interview, or its schedule for interview.scheduled */
  receipts: {
    id: string;
    type: string;
    interviewId: string | undefined;
    raw: string;
    headers: IncomingHttpHeaders;
  }[];
  /** requests read but not answered yet */
  inFlight(): number;
  close(): Promise<void>;
}

export async function startReceiver(delayMs: number): Promise<Receiver> {
  const receipts: Receiver['receipts'] = [];
  let inFlight = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let parsed: { type?: string; data?: { interviewId?: string | null; scheduleId?: string } } = {};
      try {
        parsed = JSON.parse(raw);
      } catch {}
      receipts.push({
        id: String(req.headers['webhook-id']),
        type: String(parsed.type),
        interviewId: parsed.data?.interviewId ?? parsed.data?.scheduleId,
        raw,
        headers: req.headers,
      });
      inFlight++;
      setTimeout(() => {
        inFlight--;
        if (!res.destroyed) res.writeHead(204).end();
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    receipts,
    inFlight: () => inFlight,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * At-least-once delivery with one `webhook-id` per event: every delivery of the endpoint reached
 * the receiver (signature valid), each (event, interview) under exactly one id, and every
 * delivery is final (`succeeded`) in the record.
 */
export async function checkWebhooks(
  db: pg.Pool,
  endpointId: string,
  secret: string,
  receiver: Receiver,
): Promise<RecordCheck & { deliveries: number; receipts: number; pending: number }> {
  const violations: string[] = [];
  let lost = 0;
  let duplicated = 0;
  const { rows } = await db.query<{ id: string; event_type: string; subject: string | null; status: string }>(
    `select id, event_type, coalesce(payload->'data'->>'interviewId', payload->'data'->>'scheduleId') subject, status
       from webhook_deliveries where endpoint_id = $1`,
    [endpointId],
  );
  const verifier = new Webhook(secret);
  let badSignatures = 0;
  for (const r of receiver.receipts) {
    try {
      verifier.verify(r.raw, r.headers as Record<string, string>);
    } catch {
      badSignatures++;
    }
  }
  if (badSignatures) violations.push(`${badSignatures} receipts with a bad signature`);
  const byEvent = new Map<string, Set<string>>();
  for (const r of receiver.receipts) {
    const k = `${r.type}/${r.interviewId}`;
    byEvent.set(k, (byEvent.get(k) ?? new Set()).add(r.id));
  }
  for (const [k, ids] of byEvent) {
    if (ids.size > 1) {
      duplicated += ids.size - 1;
      violations.push(`${k} arrived under ${ids.size} webhook-ids`);
    }
  }
  const received = new Set(receiver.receipts.map((r) => r.id));
  let pending = 0;
  for (const d of rows) {
    if (!received.has(d.id)) {
      lost++;
      violations.push(`${d.event_type} ${d.subject?.slice(0, 8)} never reached the receiver (${d.status})`);
    }
    if (d.status !== 'succeeded') {
      pending++;
      violations.push(`delivery ${d.id} of ${d.event_type} is ${d.status}, not succeeded`);
    }
  }
  const eventKeys = new Set(rows.map((d) => `${d.event_type}/${d.subject}`));
  if (eventKeys.size !== rows.length) {
    duplicated += rows.length - eventKeys.size;
    violations.push(`${rows.length - eventKeys.size} events recorded twice for the same endpoint`);
  }
  return {
    lost,
    duplicated,
    violations,
    completed: 0,
    deliveries: rows.length,
    receipts: receiver.receipts.length,
    pending,
  };
}

/**
 * Wait (bounded) until every finished interview of `ids` has its report announced; returns how
 * long that took, or null when some are still unannounced at the bound.
 */
export async function waitAnnounced(db: pg.Pool, ids: string[], ms: number): Promise<number | null> {
  const started = Date.now();
  for (;;) {
    const { rows } = await db.query<{ n: number }>(
      `select count(*)::int n from interviews i
        where i.id = any($1::uuid[]) and i.status <> 'in_progress'
          and not exists (select 1 from reports r where r.interview_id = i.id and r.announced_at is not null)`,
      [ids],
    );
    if (rows[0]!.n === 0) return Date.now() - started;
    if (Date.now() - started > ms) return null;
    await sleep(500);
  }
}
