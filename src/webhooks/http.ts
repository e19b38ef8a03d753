import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { type LookupFn, resolveTarget, SsrfBlockedError, type Target } from './ssrf.ts';

/** How much of a response body an attempt keeps. */
export const RESPONSE_EXCERPT_BYTES = 1024;
export const USER_AGENT = 'AI-Interviewer-Webhooks/1.0';

export interface TransportRequest {
  /** POST unless given (an ATS adapter also PATCHes and GETs) */
  method?: string | undefined;
  url: URL;
  /** where to connect: the vetted address, never a second DNS lookup */
  target: Target;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** how much of the response to read (default RESPONSE_EXCERPT_BYTES) */
  maxResponseBytes?: number | undefined;
}

export interface TransportResponse {
  status: number;
  bodyExcerpt: string;
}

/** Sends one request to the vetted address. Replaceable in tests (e.g. to prove it is never called). */
export type Transport = (req: TransportRequest) => Promise<TransportResponse>;

export interface PostInput {
  /** POST unless given */
  method?: string | undefined;
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  allowedHosts: readonly string[];
  lookup?: LookupFn | undefined;
  transport?: Transport | undefined;
  /** how much of the response to keep (default RESPONSE_EXCERPT_BYTES) */
  maxResponseBytes?: number | undefined;
}

export interface PostResult {
  startedAt: Date;
  durationMs: number;
  /** the HTTP status, when a response came */
  status: number | null;
  bodyExcerpt: string | null;
  /** why there is no usable response: `ssrf_blocked: …`, `timeout: …`, `network: …`, `dns: …` */
  error: string | null;
  /** refused by the SSRF guard: nothing was sent, and retrying will not help */
  blocked: boolean;
}

/** The receiver did not answer within the deadline. */
export class NoResponseError extends Error {
  constructor(timeoutMs: number) {
    super(`timeout: no response within ${timeoutMs} ms`);
  }
}

const clip = (s: string, max = 500) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/**
 * One request (POST unless `method` says otherwise): vet the URL's host (SSRF guard), then send
 * to the vetted address with a deadline. Never throws; never follows redirects (a 3xx is
 * returned as is). Webhooks and the ATS adapters' outbound calls both go through here.
 */
export async function postWebhook(input: PostInput): Promise<PostResult> {
  const startedAt = new Date();
  const deadline = startedAt.getTime() + input.timeoutMs;
  const done = (r: Omit<PostResult, 'startedAt' | 'durationMs' | 'blocked'> & { blocked?: boolean }) => ({
    startedAt,
    durationMs: Date.now() - startedAt.getTime(),
    blocked: false,
    ...r,
  });
  try {
    const url = new URL(input.url);
    const target = await withDeadline(
      resolveTarget(url, { allowedHosts: input.allowedHosts, lookup: input.lookup }),
      deadline,
      'dns',
    );
    const res = await (input.transport ?? nodeTransport)({
      method: input.method,
      url,
      target,
      headers: input.headers,
      body: input.body,
      timeoutMs: Math.max(1, deadline - Date.now()),
      maxResponseBytes: input.maxResponseBytes,
    });
    return done({ status: res.status, bodyExcerpt: res.bodyExcerpt, error: null });
  } catch (err) {
    if (err instanceof SsrfBlockedError) {
      return done({ status: null, bodyExcerpt: null, error: clip(err.message), blocked: true });
    }
    // The transport only had what was left of the deadline; report the configured timeout.
    const message =
      err instanceof NoResponseError
        ? new NoResponseError(input.timeoutMs).message
        : err instanceof Error
          ? err.message
          : String(err);
    return done({ status: null, bodyExcerpt: null, error: clip(message) });
  }
}

async function withDeadline<T>(work: Promise<T>, deadline: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`timeout: ${what} took too long`)),
      Math.max(0, deadline - Date.now()),
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * node:http(s) to the vetted IP: `host` is the address itself (no lookup happens), while the
 * Host header and TLS SNI/certificate check use the URL's name. No agent (one connection per
 * attempt, never reused for another address), no redirects, a hard deadline, and only the first
 * 1 KB of the response is read.
 */
export const nodeTransport: Transport = (req) =>
  new Promise<TransportResponse>((resolve, reject) => {
    const isHttps = req.url.protocol === 'https:';
    const client = isHttps ? https : http;
    const auth =
      req.url.username || req.url.password
        ? `${decodeURIComponent(req.url.username)}:${decodeURIComponent(req.url.password)}`
        : undefined;
    const maxBytes = req.maxResponseBytes ?? RESPONSE_EXCERPT_BYTES;
    const request = client.request({
      method: req.method ?? 'POST',
      host: req.target.address,
      family: req.target.family,
      port: req.url.port ? Number(req.url.port) : isHttps ? 443 : 80,
      path: `${req.url.pathname}${req.url.search}`,
      agent: false,
      ...(auth ? { auth } : {}),
      ...(isHttps && !isIP(req.target.hostname) ? { servername: req.target.hostname } : {}),
      headers: {
        ...req.headers,
        host: req.url.host,
        ...(req.body === '' && (req.method ?? 'POST') === 'GET'
          ? {}
          : { 'content-length': String(Buffer.byteLength(req.body)) }),
        connection: 'close',
      },
    });

    let settled = false;
    const finish = (err: Error | null, value?: TransportResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(value!);
    };
    const timer = setTimeout(() => {
      const err = new NoResponseError(req.timeoutMs);
      request.destroy(err);
      finish(err);
    }, req.timeoutMs);

    request.on('error', (err) => finish(new Error(`network: ${err.message}`)));
    request.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const complete = () => {
        const excerpt = Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8').replaceAll('\u0000', '');
        finish(null, { status: res.statusCode ?? 0, bodyExcerpt: excerpt });
        res.destroy();
        request.destroy();
      };
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= maxBytes) complete();
      });
      res.on('end', complete);
      res.on('error', complete);
      res.on('close', complete);
    });
    request.end(req.body);
  });
