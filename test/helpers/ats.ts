import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, expect } from 'vitest';
import type { Harness, TestTenant } from './harness.ts';

/** The harness's app on a real port (an ATS calls us over HTTP); closed after the file. */
export async function listenOnPort(h: Harness): Promise<string> {
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export async function createPosition(h: Harness, t: TestTenant, title = 'Backend Engineer'): Promise<string> {
  const res = await h.request('POST', '/api/v1/positions', {
    token: t.token,
    body: { title, description: '', design: { banks: [{ pluginId: 'ai-interviewer.backend-engineer' }] } },
  });
  expect(res.status, res.text).toBe(201);
  return res.body.id;
}

export async function closePosition(h: Harness, t: TestTenant, id: string): Promise<void> {
  const res = await h.request('PATCH', `/api/v1/positions/${id}`, {
    token: t.token,
    body: { status: 'closed' },
  });
  expect(res.status, res.text).toBe(200);
}

export async function connect(
  h: Harness,
  t: TestTenant,
  body: Record<string, unknown>,
): Promise<{ id: string; inboundKey: string | null; endpoints: Record<string, string> }> {
  const res = await h.request('POST', '/api/v1/ats/connections', { token: t.token, body });
  expect(res.status, res.text).toBe(201);
  return {
    id: res.body.connection.id,
    inboundKey: res.body.inboundKey,
    endpoints: res.body.connection.endpoints,
  };
}

export async function until<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  ms = 20_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The candidate's invitation in the outbox (mail sent without SMTP), once it is sent; its join token. */
export async function invitationFor(h: Harness, t: TestTenant, email: string) {
  const messages = await until(`the invitation to ${email}`, async () => {
    const res = await h.request('GET', '/api/v1/mail/messages?limit=200&kind=invitation', { token: t.token });
    const mine = res.body.items.filter((m: { to: string; status: string }) => m.to === email);
    return mine.length > 0 && mine.every((m: { status: string }) => m.status === 'sent') ? mine : undefined;
  });
  const detail = await h.request('GET', `/api/v1/mail/messages/${messages[0].id}`, { token: t.token });
  const token = /\/join\/([A-Za-z0-9_-]{43})/.exec(detail.body.text)?.[1];
  expect(token, detail.body.text).toBeTruthy();
  return { count: messages.length as number, token: token!, text: detail.body.text as string };
}

/** The candidate opens the link and answers every question. */
export async function takeInterview(h: Harness, joinToken: string): Promise<string> {
  const started = await h.request('POST', `/api/v1/public/join/${joinToken}/start`);
  expect(started.status, started.text).toBe(200);
  const { candidateToken, interviewId } = started.body;
  let state = started.body.state;
  for (let guard = 0; state.status === 'in_progress' && guard < 40; guard++) {
    const q = state.currentQuestion;
    const res = await h.request('POST', `/api/v1/interview/${interviewId}/answer`, {
      token: candidateToken,
      body: {
        answerText:
          'I would add an index on the filtered columns, check the plan with EXPLAIN ANALYZE, and keep transactions short so locks are released quickly; I measured p99 before and after.',
        turn: q.turn,
      },
    });
    expect(res.status, res.text).toBe(200);
    state = res.body.state;
  }
  return interviewId;
}

/** The connection's call log as `direction operation status` lines, newest first. */
export async function callLog(h: Harness, t: TestTenant, connectionId: string): Promise<string[]> {
  const log = await h.request('GET', `/api/v1/ats/connections/${connectionId}/calls?limit=50`, {
    token: t.token,
  });
  expect(log.status, log.text).toBe(200);
  return log.body.items.map(
    (c: { direction: string; operation: string; status: number }) =>
      `${c.direction} ${c.operation} ${c.status}`,
  );
}
