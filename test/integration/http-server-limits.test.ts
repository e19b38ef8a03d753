import type { AddressInfo } from 'node:net';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer } from '../../src/http/index.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';

/**
 * The HTTP server's own limits on slow, idle and too many clients, set explicitly
 * (src/http/server.ts) rather than Node's defaults, under which a body that stopped mid-way held
 * its connection for 5 minutes and a trickled header block for up to 90 s (docs/reliability.md,
 * finding 8). Short limits here; the defaults are in the README.
 */

let h: Harness;
let port: number;

beforeAll(async () => {
  h = await createHarness({
    HTTP_HEADERS_TIMEOUT_MS: '1000',
    HTTP_REQUEST_TIMEOUT_MS: '2000',
    HTTP_KEEP_ALIVE_TIMEOUT_MS: '1000',
    HTTP_MAX_CONNECTIONS: '20',
  });
  const server = startHttpServer(h.app, { ...h.services.config, port: 0, host: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  port = (server.address() as AddressInfo).port;
  afterAll(() => new Promise((resolve) => server.close(resolve)));
});

interface Conn {
  socket: Socket;
  received: () => string;
  /** resolves when the server closed the connection, with what it sent */
  closed: Promise<string>;
}

async function open(): Promise<Conn> {
  const socket = connect(port, '127.0.0.1');
  let data = '';
  socket.setEncoding('utf8');
  socket.on('data', (c: string) => {
    data += c;
  });
  socket.on('error', () => {});
  const closed = new Promise<string>((resolve) => socket.once('close', () => resolve(data)));
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  afterAll(() => {
    socket.destroy();
  });
  return { socket, received: () => data, closed };
}

/** Fails the test if the server has not closed the connection within `ms`. */
const closedWithin = (conn: Conn, ms: number) =>
  Promise.race([
    conn.closed,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still open after ${ms} ms`)), ms)),
  ]);

describe('the HTTP server limits', () => {
  it('a client trickling its headers gets 408 and is closed after the headers timeout', async () => {
    const conn = await open();
    conn.socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n');
    const trickle = setInterval(() => conn.socket.write(`x-slow-${Date.now()}: 1\r\n`), 200);
    try {
      const sent = await closedWithin(conn, 8_000);
      expect(sent).toMatch(/^HTTP\/1\.1 408 /);
    } finally {
      clearInterval(trickle);
    }
  });

  it('a body that stops mid-way is cut after the request timeout', async () => {
    const conn = await open();
    conn.socket.write(
      'POST /api/v1/admin/login HTTP/1.1\r\nHost: localhost\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"email":',
    );
    await closedWithin(conn, 10_000);
  });

  it('an idle keep-alive connection is closed after the keep-alive timeout, having been served', async () => {
    const conn = await open();
    conn.socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n');
    const sent = await closedWithin(conn, 8_000);
    expect(sent).toMatch(/^HTTP\/1\.1 200 /);
    expect(sent.toLowerCase()).toContain('keep-alive: timeout=1');
  });

  it('connections over the limit are refused while the ones held are served', async () => {
    const held = await Promise.all(Array.from({ length: 20 }, () => open()));
    const extra = await open();
    expect(await closedWithin(extra, 5_000)).toBe('');
    const first = held[0]!;
    first.socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    expect(await closedWithin(first, 5_000)).toMatch(/^HTTP\/1\.1 200 /);
    for (const c of held) c.socket.destroy();
  });
});
