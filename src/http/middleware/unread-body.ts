import type { HttpBindings } from '@hono/node-server';
import { createMiddleware } from 'hono/factory';

/** The most unread request body the server reads off (and discards) to keep a connection open. */
export const DRAIN_MAX_BYTES = 256 * 1024;
/** How long it waits for that body before giving up on the connection instead. */
export const DRAIN_TIMEOUT_MS = 1_000;

/** How long a closing connection keeps reading off (and dropping) a body it refused. */
export const LINGER_MS = 2_000;

const TIMED_OUT = Symbol('timed out');

/**
 * After an answer that left the request body unread (a 401, 404, 413, 415, 429 given before the
 * body was looked at), read off the rest when it is small, so the connection can carry the next
 * request; otherwise answer with `Connection: close`, so the client opens a new one.
 *
 * Without this the Node adapter says keep-alive, then tries to drain the body after the response:
 * once a middleware has touched the body stream (hono/body-limit does, on every request), that
 * stream holds the request paused, the drain stalls, and the adapter closes the socket 500 ms later,
 * under the client's next request.
 *
 * A connection closed under a client still sending its body is reset, and the client often loses
 * the answer with it (EPIPE). So a close is a lingering one (RFC 9112 §9.6): the answer, then a
 * half-close, then the rest of the body read off and dropped until the client ends or `LINGER_MS`.
 */
export function settleUnreadBody(maxBytes = DRAIN_MAX_BYTES, timeoutMs = DRAIN_TIMEOUT_MS) {
  return createMiddleware(async (c, next) => {
    await next();
    const incoming = (c.env as Partial<HttpBindings> | undefined)?.incoming;
    if (!incoming || incoming.readableEnded || !hasBody(incoming)) return;
    if (!(await drain(c.req.raw.body, incoming, maxBytes, timeoutMs))) {
      c.header('connection', 'close');
      lingerOnClose(incoming);
    }
  });
}

/**
 * Node closes a `Connection: close` socket with `destroySoon()` once the answer is written: a
 * reset, while the client may still be sending. Instead: half-close, drop whatever more comes
 * (detached from the body stream, so nothing piles up in memory), destroy when the client ends or
 * after `LINGER_MS`.
 */
function lingerOnClose(incoming: HttpBindings['incoming']) {
  const socket = incoming.socket;
  socket.destroySoon = () => {
    incoming.removeAllListeners('data');
    incoming.on('data', () => {});
    incoming.resume();
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    socket.once('close', () => clearTimeout(timer));
    socket.once('end', () => socket.destroy());
    socket.end();
  };
}

/** Node hands GET and HEAD bodies to no one and discards them itself. */
function hasBody(incoming: HttpBindings['incoming']): boolean {
  if (incoming.method === 'GET' || incoming.method === 'HEAD') return false;
  const length = incoming.headers['content-length'];
  return (length !== undefined && length !== '0') || incoming.headers['transfer-encoding'] !== undefined;
}

/** Reads the rest of the body within the limits; true when the request has been read to its end. */
async function drain(
  body: ReadableStream<Uint8Array> | null,
  incoming: HttpBindings['incoming'],
  maxBytes: number,
  timeoutMs: number,
): Promise<boolean> {
  if (Number(incoming.headers['content-length'] ?? 0) > maxBytes) return false;
  if (!body || body.locked) return false; // e.g. hono/body-limit stopped reading a chunked body
  const reader = body.getReader();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), timeoutMs);
  });
  try {
    for (let read = 0; read <= maxBytes; ) {
      const chunk = await Promise.race([reader.read(), deadline]);
      if (chunk === TIMED_OUT) return false;
      if (chunk.done) return incoming.readableEnded;
      read += chunk.value.byteLength;
    }
    return false;
  } catch {
    return false; // the client went away or sent a broken body
  } finally {
    clearTimeout(timer);
  }
}
