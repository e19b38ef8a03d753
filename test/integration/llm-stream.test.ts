import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/index.ts';
import {
  attachRealtime,
  candidateAuthorizer,
  type RealtimeServer,
  SOCKET_PATH,
  staffAuthorizer,
} from '../../src/realtime/index.ts';
import { createHarness, type Harness, TEST_REDIS_URL, type TestTenant } from '../helpers/harness.ts';
import { answerLlm } from '../helpers/llm-turn-stand-in.ts';
import { type StandIn, startStandIn } from '../helpers/openai-stand-in.ts';

/**
 * The reply streams: each piece the model writes is pushed to the candidate's Socket.IO room as
 * `interview.reply.delta` while the model is still writing, then `interview.turn` carries the
 * whole reply. The production path: Redis (BullMQ worker, turn signals, the Socket.IO Redis
 * adapter), real socket.io clients authenticated with a candidate's join-link token.
 */

let api: StandIn;
let h: Harness;
let realtime: RealtimeServer;
let origin: string;
const sockets: Socket[] = [];

interface Heard {
  event: string;
  // biome-ignore lint/suspicious/noExplicitAny: payloads are inspected loosely
  payload: any;
}

beforeAll(async () => {
  // a few milliseconds per token, so the reply really arrives in pieces
  api = await startStandIn({ tokenMs: 2 });
  api.reply((req) => answerLlm(req, { level: 1, covered: false }));
  h = await createHarness({
    OPENAI_API_KEY: 'sk-test',
    OPENAI_BASE_URL: api.baseURL,
    OPENAI_MAX_RETRIES: '0',
    REDIS_URL: TEST_REDIS_URL,
    JOIN_RATE_LIMIT: '100000',
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: createApp(h.services).fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  realtime = await attachRealtime({
    httpServer: server as unknown as HttpServer,
    orm: h.orm,
    authorizer: staffAuthorizer(h.orm, h.services.tokens, candidateAuthorizer(h.services.tokens)),
    redis: h.services.redis,
  });
  h.services.realtime.target = realtime.emitter;
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await realtime?.close();
  await api.close();
});

/** A candidate's interview started from a join link: its id and the candidate's token. */
async function joined(t: TestTenant) {
  const scheduled = await h.request('POST', '/api/v1/admin/schedule', {
    token: t.token,
    body: {
      candidateEmail: `c-${Math.random().toString(36).slice(2)}@example.com`,
      candidateName: 'Casey Candidate',
      role: 'backend-engineer',
      scheduledAt: new Date(Date.now() + 3_600_000).toISOString(),
    },
  });
  expect(scheduled.status, scheduled.text).toBe(201);
  const link = (scheduled.body.joinUrl as string).split('/join/')[1]!;
  const started = await h.request('POST', `/api/v1/public/join/${link}/start`);
  expect(started.status, started.text).toBe(200);
  return { interviewId: started.body.interviewId as string, token: started.body.candidateToken as string };
}

/** A connected socket and every event it hears. */
async function listen(token: string) {
  const socket = io(origin, {
    path: SOCKET_PATH,
    transports: ['websocket'],
    auth: { token },
    forceNew: true,
  });
  sockets.push(socket);
  const heard: Heard[] = [];
  socket.onAny((event, payload) => heard.push({ event, payload }));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return { socket, heard };
}

const waitUntil = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!check()) throw new Error(`timed out: ${what}`);
};

describe('the reply streams to the candidate', () => {
  it("in order, to that interview's room only, then the whole reply as interview.turn", async () => {
    const t = await h.signUp();
    const other = await h.signUp();
    const a = await joined(t);
    const b = await joined(t);
    const candidateA = await listen(a.token);
    const candidateB = await listen(b.token);
    const otherTenant = await listen(other.token);
    const staff = await listen(t.token);
    expect(await staff.socket.timeout(5000).emitWithAck('join', { interviewId: a.interviewId })).toEqual({
      ok: true,
    });

    const res = await h.request('POST', `/api/v1/interview/${a.interviewId}/answer`, {
      token: a.token,
      body: { answerText: 'Not sure, it depends.', turn: 1 },
    });
    expect(res.status, res.text).toBe(200);
    const reply: string = res.body.nextReply;
    await waitUntil(() => candidateA.heard.some((e) => e.event === 'interview.turn'), 'interview.turn');

    const events = candidateA.heard.map((e) => e.event);
    const deltas = candidateA.heard.filter((e) => e.event === 'interview.reply.delta').map((e) => e.payload);
    expect(deltas.length).toBeGreaterThan(3);
    // every piece before the whole reply, numbered in order, none starting over
    expect(events.lastIndexOf('interview.reply.delta')).toBeLessThan(events.indexOf('interview.turn'));
    expect(deltas.map((d) => d.seq)).toEqual(deltas.map((_, i) => i));
    for (const d of deltas) {
      expect(d).toMatchObject({ interviewId: a.interviewId, turn: 2, restart: false });
    }
    expect(deltas.map((d) => d.text).join('')).toBe(reply);
    const turn = candidateA.heard.find((e) => e.event === 'interview.turn')!.payload;
    expect(turn).toMatchObject({ interviewId: a.interviewId, turn: 2, reply });
    // staff watching that interview see it too; the other interview and tenant hear nothing of it
    await waitUntil(
      () => staff.heard.filter((e) => e.event === 'interview.reply.delta').length === deltas.length,
      'the staff room',
    );
    expect(candidateB.heard).toEqual([]);
    expect(otherTenant.heard).toEqual([]);
    // candidates never hear scores
    expect(events).not.toContain('interview.evaluated');
  });

  it('a reply worded again for another plan starts over: the pieces after `restart` make the reply', async () => {
    const t = await h.signUp();
    const a = await joined(t);
    const candidate = await listen(a.token);
    // the model grades a weak answer as excellent: the plan it leads to is not the one worded first
    api.reply((req) => answerLlm(req, { level: 5, covered: true }));
    try {
      for (const turn of [1, 2]) {
        candidate.heard.length = 0;
        const res = await h.request('POST', `/api/v1/interview/${a.interviewId}/answer`, {
          token: a.token,
          body: { answerText: 'Not sure, it depends.', turn },
        });
        expect(res.status, res.text).toBe(200);
        await waitUntil(() => candidate.heard.some((e) => e.event === 'interview.turn'), 'interview.turn');
        const deltas = candidate.heard
          .filter((e) => e.event === 'interview.reply.delta')
          .map((e) => e.payload);
        const restart = deltas.findLastIndex((d) => d.restart);
        expect(deltas.map((d) => d.seq)).toEqual(deltas.map((_, i) => i));
        const shown = deltas
          .slice(Math.max(restart, 0))
          .map((d) => d.text)
          .join('');
        expect(shown).toBe(res.body.nextReply);
        if (restart > 0) return; // a turn whose plan changed was seen
      }
      throw new Error('no turn changed its plan');
    } finally {
      api.reply((req) => answerLlm(req, { level: 1, covered: false }));
    }
  });
});
