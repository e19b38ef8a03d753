import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRAIN_MAX_BYTES } from '../../src/http/middleware/unread-body.ts';
import { PROBLEM_CONTENT_TYPE } from '../../src/http/problem.ts';
import { createHarness, type Harness, type TestTenant } from '../helpers/harness.ts';

/**
 * A request answered before its body is read (401, 404, 413, 415) must leave its connection
 * usable: either the server reads off the rest of the body and keeps the connection, or it says
 * `Connection: close`. It once said keep-alive for bodies over ~200 KB and then closed the socket
 * under the client's next request ("socket hang up" / "other side closed").
 */

const KB = 1024;
const MB = 1024 * KB;

/** A real HTTP server over the app, as the API process serves it. */
async function listen(h: Harness) {
  const server = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  return (server.address() as AddressInfo).port;
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** whether the request went over a connection an earlier request had used */
  reusedSocket: boolean;
}

interface Send {
  method: string;
  path: string;
  headers?: Record<string, string>;
  /** sent with Content-Length, or chunked (no declared length) */
  body?: { bytes: number; type: string; chunked?: boolean };
}

/** A client on one keep-alive connection, as a Node service talking to the API would hold it. */
function client(port: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  afterAll(() => agent.destroy());
  /** Errors after a complete answer: a refused body the client was still writing may be cut off. */
  const lateErrors: { path: string; connection: string | undefined; code: string | undefined }[] = [];

  const send = ({ method, path, headers = {}, body }: Send) =>
    new Promise<Answer>((resolve, reject) => {
      const payload = body ? Buffer.from(JSON.stringify({ pad: 'x'.repeat(body.bytes - 10) })) : undefined;
      const req = http.request({
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: {
          ...headers,
          ...(body ? { 'content-type': body.type } : {}),
          ...(payload && !body?.chunked ? { 'content-length': String(payload.length) } : {}),
        },
      });
      let answer: Answer | undefined;
      req.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => {
          answer = { status: res.statusCode!, headers: res.headers, text, reusedSocket: req.reusedSocket };
          resolve(answer);
        });
      });
      req.on('error', (err: NodeJS.ErrnoException) => {
        if (!answer) return reject(err);
        lateErrors.push({ path, connection: answer.headers.connection, code: err.code });
      });
      if (payload && body?.chunked) {
        for (let at = 0; at < payload.length; at += 64 * KB) req.write(payload.subarray(at, at + 64 * KB));
        req.end();
      } else req.end(payload);
    });

  return { send, lateErrors };
}

function expectProblem(answer: Answer, status: number) {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.headers['content-type']).toBe(PROBLEM_CONTENT_TYPE);
  expect(JSON.parse(answer.text)).toMatchObject({ status });
}

/** Each early rejection, then an ordinary request right behind it on the same agent. */
async function rejectThenContinue(
  c: ReturnType<typeof client>,
  t: TestTenant,
  rejection: Send,
  status: number,
): Promise<Answer> {
  const rejected = await c.send(rejection);
  expectProblem(rejected, status);
  const next = await c.send({
    method: 'GET',
    path: '/api/v1/me',
    headers: { authorization: `Bearer ${t.token}` },
  });
  expect(next.status, next.text).toBe(200);
  // Kept open means usable: the next request went over the same connection.
  const kept = rejected.headers.connection !== 'close';
  expect(next.reusedSocket).toBe(kept);
  return rejected;
}

const rejections = (bytes: number): [string, Send, number][] => [
  [
    '401 without a token',
    { method: 'POST', path: '/api/v1/users', body: { bytes, type: 'application/json' } },
    401,
  ],
  [
    '404 for an unknown route',
    { method: 'POST', path: '/api/v1/no-such-route', body: { bytes, type: 'application/json' } },
    404,
  ],
  ['415 for text/plain', { method: 'POST', path: '/api/v1/users', body: { bytes, type: 'text/plain' } }, 415],
];

describe('an early rejection leaves the connection usable', () => {
  describe('with the default body limit (1 MB)', () => {
    let h: Harness;
    let t: TestTenant;
    let c: ReturnType<typeof client>;
    beforeAll(async () => {
      h = await createHarness();
      t = await h.signUp();
      c = client(await listen(h));
    });

    it.each(rejections(250 * KB))(
      '250 KB body, %s: read off, the connection is kept',
      async (_, rejection, status) => {
        const rejected = await rejectThenContinue(c, t, rejection, status);
        expect(rejected.headers.connection).toBe('keep-alive');
      },
    );

    it('2 MB body over BODY_LIMIT_BYTES, 413: the server says Connection: close', async () => {
      const body = { bytes: 2 * MB, type: 'application/json' };
      const rejected = await rejectThenContinue(c, t, { method: 'POST', path: '/api/v1/users', body }, 413);
      expect(rejected.headers.connection).toBe('close');
    });

    it('2 MB chunked body (no Content-Length) over the limit, 413: Connection: close', async () => {
      const body = { bytes: 2 * MB, type: 'application/json', chunked: true };
      const rejected = await rejectThenContinue(c, t, { method: 'POST', path: '/api/v1/users', body }, 413);
      expect(rejected.headers.connection).toBe('close');
    });

    it('a kept connection is not closed later (the adapter once did, 500 ms after the answer)', async () => {
      const rejection: Send = {
        method: 'POST',
        path: '/api/v1/users',
        body: { bytes: 250 * KB, type: 'application/json' },
      };
      expect((await c.send(rejection)).headers.connection).toBe('keep-alive');
      await new Promise((resolve) => setTimeout(resolve, 800));
      const next = await c.send({
        method: 'GET',
        path: '/api/v1/me',
        headers: { authorization: `Bearer ${t.token}` },
      });
      expect(next.status).toBe(200);
      expect(next.reusedSocket).toBe(true);
    });

    it('a body the route reads still keeps the connection', async () => {
      const res = await c.send({
        method: 'POST',
        path: '/api/v1/admin/login',
        body: { bytes: 300 * KB, type: 'application/json' },
      });
      expectProblem(res, 400);
      expect(res.headers.connection).toBe('keep-alive');
    });

    afterAll(() => {
      // Only a refused body the client was still writing when the server closed may fail late.
      for (const late of c.lateErrors) {
        expect(late.connection, late.path).toBe('close');
        expect(['EPIPE', 'ECONNRESET']).toContain(late.code);
      }
    });
  });

  describe('a body far over the limit (8 MB, 32 MB declared)', () => {
    let t: TestTenant;
    let c: ReturnType<typeof client>;
    beforeAll(async () => {
      const h = await createHarness();
      t = await h.signUp();
      c = client(await listen(h));
    });

    // The server answered and reset the connection while the client was still sending: the client
    // got EPIPE and, often, no answer. Now it lingers: the answer, a half-close, the rest dropped.
    it.each([
      ['8 MB without a token', 8 * MB, false, 413],
      ['8 MB with a token', 8 * MB, true, 413],
      ['32 MB with a token', 32 * MB, true, 413],
    ] as const)(
      '%s: the client reads the answer and its write is never cut',
      async (_, bytes, withToken, status) => {
        for (let i = 0; i < 5; i++) {
          const rejected = await rejectThenContinue(
            c,
            t,
            {
              method: 'POST',
              path: '/api/v1/users',
              headers: withToken ? { authorization: `Bearer ${t.token}` } : {},
              body: { bytes, type: 'application/json' },
            },
            status,
          );
          expect(rejected.headers.connection).toBe('close');
        }
        expect(c.lateErrors).toEqual([]);
      },
    );
  });

  describe('with a 4 MB body limit', () => {
    let t: TestTenant;
    let c: ReturnType<typeof client>;
    beforeAll(async () => {
      const h = await createHarness({ BODY_LIMIT_BYTES: String(4 * MB) });
      t = await h.signUp();
      c = client(await listen(h));
    });

    it.each(rejections(2 * MB))('2 MB body, %s: Connection: close', async (_, rejection, status) => {
      expect(2 * MB).toBeGreaterThan(DRAIN_MAX_BYTES);
      const rejected = await rejectThenContinue(c, t, rejection, status);
      expect(rejected.headers.connection).toBe('close');
    });

    afterAll(() => {
      for (const late of c.lateErrors) {
        expect(late.connection, late.path).toBe('close');
        expect(['EPIPE', 'ECONNRESET']).toContain(late.code);
      }
    });
  });
});
