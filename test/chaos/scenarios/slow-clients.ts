import net from 'node:net';
import { keepAliveAgent, send } from '../lib/http.ts';
import type { ChaosRow } from '../lib/outcome.ts';
import { percentile, sleep, waitUntil } from '../lib/outcome.ts';
import { signUp, startInterview } from '../lib/product.ts';
import { fdCount, type Stack } from '../lib/stack.ts';

/**
 * The API process's HTTP server limits with the default settings (src/http/server.ts, README:
 * HTTP_HEADERS_TIMEOUT_MS, HTTP_REQUEST_TIMEOUT_MS, HTTP_KEEP_ALIVE_TIMEOUT_MS). Before they were
 * set, Node 20's defaults applied: 60 s, 300 s, 5 s, checked every 30 s.
 */
export const SERVER_LIMITS = {
  headersTimeoutMs: 15_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  /** how often the server checks headersTimeout / requestTimeout */
  connectionsCheckingIntervalMs: 1_000,
};

interface Raw {
  socket: net.Socket;
  openedAt: number;
  closedAt: number | null;
  received: string;
}

function rawConnect(port: number, first: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const raw: Raw = { socket: new net.Socket(), openedAt: Date.now(), closedAt: null, received: '' };
    raw.socket.on('data', (d) => {
      raw.received += d.toString('latin1');
    });
    raw.socket.on('close', () => {
      raw.closedAt = Date.now();
    });
    raw.socket.on('error', () => undefined);
    raw.socket.connect(port, '127.0.0.1', () => {
      if (first) raw.socket.write(first);
      resolve(raw);
    });
    raw.socket.once('error', reject);
  });
}

async function openMany(port: number, n: number, first: string): Promise<Raw[]> {
  const out: Raw[] = [];
  for (let i = 0; i < n; i += 100) {
    out.push(
      ...(await Promise.all(Array.from({ length: Math.min(100, n - i) }, () => rawConnect(port, first)))),
    );
  }
  return out;
}

/** A steady ordinary client: its latency while others misbehave. */
function victim(url: string, token: string) {
  const agent = keepAliveAgent(2);
  const ms: number[] = [];
  const failures: string[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const r = await send(url, { token, agent, timeoutMs: 10_000 });
      if (r.status !== 200) failures.push(r.status ? String(r.status) : `${r.error}`);
      else ms.push(r.ms);
      await sleep(50);
    }
  })();
  return {
    ms,
    failures,
    async stop() {
      running = false;
      await loop;
      agent.destroy();
    },
  };
}

/**
 * Slowloris headers, bodies that stop mid-way, clients that vanish mid-response and `idle` idle
 * keep-alive connections, one after another against one API process, while an ordinary client
 * keeps calling it. Promise: the ordinary client is served throughout; the server closes idle
 * and stalled connections by its settings (measured here); no file descriptor leaks.
 */
export async function slowClients(
  stack: Stack,
  opts: {
    idle: number;
    slowloris: number;
    stalledBodies: number;
    disconnects: number;
    waitHeadersTimeout: boolean;
  },
): Promise<ChaosRow> {
  const api = stack.apis[0]!;
  const port = Number(new URL(api.origin).port);
  const t = await signUp(api.client);
  const interviewId = await startInterview(api.client, t.token, 1);
  // warm up: the database pools open their connections
  await Promise.all(Array.from({ length: 20 }, () => api.client.get('/interviews', { token: t.token })));
  await sleep(500);
  const fdBase = await fdCount(api.pid);
  const v = victim(`${api.origin}/api/v1/interviews`, t.token);
  await sleep(2_000);
  const phases: string[] = [];
  const violations: string[] = [];
  let requests = 0;
  const victimP99 = (from: number) => Math.round(percentile(v.ms.slice(from), 99));

  // 1. idle keep-alive connections (each made one request, then stays silent)
  let mark = v.ms.length;
  const idle = await openMany(
    port,
    opts.idle,
    'GET /healthz HTTP/1.1\r\nHost: chaos\r\nConnection: keep-alive\r\n\r\n',
  );
  requests += idle.length;
  await waitUntil(() => (idle.every((c) => c.received.includes('\r\n\r\n')) ? true : undefined), 30_000, 50);
  const answered = idle.filter((c) => c.received.startsWith('HTTP/1.1 200')).length;
  const fdIdle = await fdCount(api.pid);
  const idleClosed = await waitUntil(
    () => (idle.every((c) => c.closedAt !== null) ? Date.now() : undefined),
    30_000,
    100,
  );
  const idleAfter = idle.map((c) => (c.closedAt ?? Date.now()) - c.openedAt);
  phases.push(
    `${opts.idle} idle keep-alive: ${answered} answered, fds ${fdBase}→${fdIdle}, closed by the server after p50 ${(percentile(idleAfter, 50) / 1000).toFixed(1)} s (keepAliveTimeout ${SERVER_LIMITS.keepAliveTimeoutMs / 1000} s), victim p99 ${victimP99(mark)} ms`,
  );
  if (answered < opts.idle)
    violations.push(`${opts.idle - answered} of ${opts.idle} keep-alive connections got no answer`);
  if (!idleClosed) violations.push('idle keep-alive connections still open 30 s later');
  for (const c of idle) c.socket.destroy();

  // 2. slowloris: headers that never end, one more line every 2 s
  mark = v.ms.length;
  const loris = await openMany(port, opts.slowloris, 'GET /healthz HTTP/1.1\r\nHost: chaos\r\n');
  requests += loris.length;
  const drip = setInterval(() => {
    for (const c of loris) if (c.closedAt === null) c.socket.write(`X-Drip-${Date.now()}: a\r\n`);
  }, 2_000);
  let lorisClosed: number | undefined;
  if (opts.waitHeadersTimeout) {
    const bound = SERVER_LIMITS.headersTimeoutMs + SERVER_LIMITS.connectionsCheckingIntervalMs + 15_000;
    lorisClosed = await waitUntil(
      () => (loris.every((c) => c.closedAt !== null) ? Date.now() : undefined),
      bound,
      250,
    );
  } else await sleep(5_000);
  clearInterval(drip);
  const lorisAfter = loris.filter((c) => c.closedAt !== null).map((c) => c.closedAt! - c.openedAt);
  const lorisStatus = loris[0]?.received.split('\r\n')[0] || 'nothing';
  phases.push(
    `${opts.slowloris} slowloris: ${lorisAfter.length} closed by the server${lorisAfter.length ? ` after p50 ${(percentile(lorisAfter, 50) / 1000).toFixed(0)} s with "${lorisStatus}"` : ''} (headersTimeout ${SERVER_LIMITS.headersTimeoutMs / 1000} s, checked every ${SERVER_LIMITS.connectionsCheckingIntervalMs / 1000} s), victim p99 ${victimP99(mark)} ms`,
  );
  if (opts.waitHeadersTimeout && !lorisClosed)
    violations.push('slowloris connections outlived headersTimeout + its check interval');
  for (const c of loris) c.socket.destroy();

  // 3. bodies that stop mid-way (a tenth of the declared length, then silence)
  mark = v.ms.length;
  const body = JSON.stringify({ email: 'x@example.com', password: 'y'.repeat(900) });
  const stalled = await openMany(
    port,
    opts.stalledBodies,
    `POST /api/v1/admin/login HTTP/1.1\r\nHost: chaos\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 100)}`,
  );
  requests += stalled.length;
  const stalledClosed = await waitUntil(
    () => (stalled.every((c) => c.closedAt !== null) ? Date.now() : undefined),
    SERVER_LIMITS.requestTimeoutMs + SERVER_LIMITS.connectionsCheckingIntervalMs + 10_000,
    250,
  );
  const stalledAfter = stalled.filter((c) => c.closedAt !== null).map((c) => c.closedAt! - c.openedAt);
  phases.push(
    `${opts.stalledBodies} bodies stalled mid-way: ${stalledAfter.length} closed by the server after p50 ${(percentile(stalledAfter, 50) / 1000).toFixed(0)} s (requestTimeout ${SERVER_LIMITS.requestTimeoutMs / 1000} s), victim p99 ${victimP99(mark)} ms`,
  );
  if (!stalledClosed) violations.push('stalled bodies outlived requestTimeout + its check interval');
  for (const c of stalled) c.socket.destroy();

  // 4. clients that vanish mid-response: a large document, and an answer waiting for its evaluation
  mark = v.ms.length;
  for (let i = 0; i < opts.disconnects; i++) {
    const c = await rawConnect(port, 'GET /api/v1/openapi.json HTTP/1.1\r\nHost: chaos\r\n\r\n');
    await new Promise<void>((resolve) => {
      c.socket.once('data', () => resolve());
      setTimeout(resolve, 2_000);
    });
    c.socket.destroy();
    requests++;
  }
  const answerBody = JSON.stringify({ answerText: 'I kept the ledger consistent with idempotency keys.' });
  const gone = await rawConnect(
    port,
    `POST /api/v1/interview/${interviewId}/answer HTTP/1.1\r\nHost: chaos\r\nAuthorization: Bearer ${t.token}\r\nContent-Type: application/json\r\nContent-Length: ${answerBody.length}\r\n\r\n${answerBody}`,
  );
  await sleep(30);
  gone.socket.destroy();
  requests++;
  phases.push(`${opts.disconnects + 1} clients gone mid-response, victim p99 ${victimP99(mark)} ms`);

  // the answer whose client vanished was still taken and evaluated
  const state = await waitUntil(async () => {
    const r = await api.client.get(`/interview/${interviewId}/state`, { token: t.token });
    return r.status === 200 && r.body.turn === 2 ? r.body : undefined;
  }, 30_000);
  if (!state) violations.push('the answer of a client that vanished mid-response was not evaluated');

  await v.stop();
  requests += v.ms.length + v.failures.length;
  // every connection closed: descriptors back to where they were (pools may have shrunk meanwhile)
  const fdAfter = await waitUntil(
    async () => {
      const n = await fdCount(api.pid);
      return n <= fdBase + 5 ? n : undefined;
    },
    20_000,
    500,
  );
  const fdEnd = fdAfter ?? (await fdCount(api.pid));
  if (fdAfter === undefined)
    violations.push(`file descriptors ${fdBase} before, ${fdEnd} after every client closed`);
  if (v.failures.length)
    violations.push(
      `the ordinary client failed ${v.failures.length} times (${[...new Set(v.failures)].join(', ')})`,
    );
  const alive = (() => {
    try {
      return process.kill(api.pid, 0);
    } catch {
      return false;
    }
  })();
  if (!alive) violations.push('the API process died');
  return {
    fault: 'slow and broken clients (slowloris, stalled bodies, vanishing clients, idle keep-alive)',
    requests,
    errors: v.failures.length,
    lost: state ? 0 : 1,
    duplicated: 0,
    recoveryMs: null,
    notes: `${phases.join('; ')}; ordinary client p50 ${Math.round(percentile(v.ms, 50))} ms p99 ${Math.round(percentile(v.ms, 99))} ms over ${v.ms.length} calls; fds ${fdBase} before, ${fdEnd} after`,
    violations,
  };
}
