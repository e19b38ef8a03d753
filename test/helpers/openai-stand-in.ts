import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';

/**
 * A local stand-in for the OpenAI chat-completions API: a node:http server on 127.0.0.1 that
 * answers POST /v1/chat/completions in the real wire format, records every request body, and
 * replies as the test's handler says (content, refusal, HTTP error, delay). A request with
 * `stream: true` gets server-sent events as OpenAI sends them (`data:` chunks, the usage chunk
 * when `stream_options.include_usage` is set, then `data: [DONE]`), with realistic timing when
 * asked: the first token after `firstTokenMs`, one more every `tokenMs`.
 *
 * Usage is counted the way the product estimates it: a token is `charsPerToken` characters (4)
 * of the prompt (the response format's schema, then each message's role and content) and of the
 * content. Prompt caching is simulated as OpenAI documents it: a prompt of 1,024 tokens or more
 * is cached in 128-token steps, and a later prompt that starts with a cached prefix reports it as
 * `prompt_tokens_details.cached_tokens`.
 */

export interface StandInReply {
  /** HTTP status (default 200); non-200 sends an OpenAI-style error body */
  status?: number;
  headers?: Record<string, string>;
  content?: string | null;
  refusal?: string | null;
  finishReason?: 'stop' | 'length' | 'content_filter';
  /** wait this long before answering (before the first chunk, when streaming) */
  delayMs?: number;
  /** streaming: time to the first token and between tokens (default: the stand-in's) */
  firstTokenMs?: number;
  tokenMs?: number;
  /** streaming: drop the connection after this many content chunks (no finish, no [DONE]) */
  cutAfterChunks?: number;
}

export interface CapturedRequest {
  // biome-ignore lint/suspicious/noExplicitAny: request bodies are inspected freely in tests
  body: any;
  raw: string;
  headers: IncomingMessage['headers'];
  /** when it arrived (ms since epoch) */
  receivedAt: number;
}

export type StandInHandler = (req: CapturedRequest, attempt: number) => StandInReply;

export interface StandInOptions {
  /** streaming replies: the first token after this long (default 0) */
  firstTokenMs?: number;
  /** streaming replies: one more token every this long (default 0: all at once) */
  tokenMs?: number;
  /** characters per token, for the stream's pieces and the usage counts (default 4) */
  charsPerToken?: number;
}

export interface StandInUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number; audio_tokens: number };
  completion_tokens_details: { reasoning_tokens: number; audio_tokens: number };
}

export interface StandIn {
  baseURL: string;
  requests: CapturedRequest[];
  /** the usage reported for each answered request, in order */
  usages: StandInUsage[];
  reply(handler: StandInHandler): void;
  client(options?: { timeout?: number; maxRetries?: number }): OpenAI;
  close(): Promise<void>;
}

export function chatCompletionBody(model: string, reply: StandInReply, usage?: StandInUsage) {
  return {
    id: `chatcmpl-${Math.random().toString(36).slice(2, 12)}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: reply.content ?? null, refusal: reply.refusal ?? null },
        logprobs: null,
        finish_reason: reply.finishReason ?? 'stop',
      },
    ],
    usage: usage ?? { prompt_tokens: 100, completion_tokens: 50, total_tokens: 150 },
    system_fingerprint: 'fp_stand_in',
  };
}

const CACHE_MIN_TOKENS = 1024;
const CACHE_STEP_TOKENS = 128;

/** The text a request's prompt tokens are counted from (schema first, as providers place it). */
function promptText(body: CapturedRequest['body']): string {
  const schema = body.response_format?.json_schema;
  const messages = (body.messages ?? []) as { role: string; content: unknown }[];
  return (
    (schema ? `${JSON.stringify(schema)}\n` : '') +
    messages
      .map((m) => `${m.role}\n${typeof m.content === 'string' ? m.content : JSON.stringify(m.content)}\n`)
      .join('')
  );
}

export async function startStandIn(options: StandInOptions = {}): Promise<StandIn> {
  let handler: StandInHandler = () => ({ content: 'ok' });
  const requests: CapturedRequest[] = [];
  const usages: StandInUsage[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const cached = new Set<string>();
  const cpt = options.charsPerToken ?? 4;
  const later = (ms: number, fn: () => void) => {
    if (ms <= 0) return fn();
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  /** Usage of one answered request; remembers its prefixes for the prompt cache. */
  const usageFor = (body: CapturedRequest['body'], content: string): StandInUsage => {
    const text = promptText(body);
    const tokens = Math.ceil(text.length / cpt);
    const keys: [number, string][] = [];
    for (let k = CACHE_MIN_TOKENS; k <= tokens; k += CACHE_STEP_TOKENS) {
      keys.push([
        k,
        createHash('sha1')
          .update(text.slice(0, k * cpt))
          .digest('hex'),
      ]);
    }
    const hit = keys.filter(([, key]) => cached.has(key)).at(-1)?.[0] ?? 0;
    for (const [, key] of keys) cached.add(key);
    const completion = Math.ceil(content.length / cpt);
    const usage: StandInUsage = {
      prompt_tokens: tokens,
      completion_tokens: completion,
      total_tokens: tokens + completion,
      prompt_tokens_details: { cached_tokens: hit, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0 },
    };
    usages.push(usage);
    return usage;
  };

  const stream = (res: ServerResponse, captured: CapturedRequest, reply: StandInReply) => {
    const body = captured.body;
    const base = {
      id: `chatcmpl-${Math.random().toString(36).slice(2, 12)}`,
      object: 'chat.completion.chunk',
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      system_fingerprint: 'fp_stand_in',
    };
    const text = reply.refusal ?? reply.content ?? '';
    const field = reply.refusal ? 'refusal' : 'content';
    const pieces: string[] = [];
    for (let i = 0; i < text.length; i += cpt) pieces.push(text.slice(i, i + cpt));
    const send = (choices: unknown[], usage: StandInUsage | null = null) => {
      if (!res.destroyed) res.write(`data: ${JSON.stringify({ ...base, choices, usage })}\n\n`);
    };
    const delta = (d: Record<string, unknown>, finish: string | null = null) =>
      send([{ index: 0, delta: d, logprobs: null, finish_reason: finish }]);
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'x-request-id': `req_${requests.length}`,
      ...reply.headers,
    });
    const first = reply.firstTokenMs ?? options.firstTokenMs ?? 0;
    const every = reply.tokenMs ?? options.tokenMs ?? 0;
    const finish = () => {
      if (res.destroyed) return;
      delta({}, reply.finishReason ?? 'stop');
      if (body.stream_options?.include_usage) send([], usageFor(body, text));
      res.end('data: [DONE]\n\n');
    };
    // The first chunk carries the role (and the first token); one more token every `every` ms.
    const emit = (i: number) => {
      if (res.destroyed) return;
      if (reply.cutAfterChunks !== undefined && i >= reply.cutAfterChunks) {
        res.destroy();
        return;
      }
      if (i >= pieces.length) return finish();
      if (i === 0)
        delta({ role: 'assistant', [field]: pieces[0], ...(field === 'content' ? { refusal: null } : {}) });
      else delta({ [field]: pieces[i] });
      if (every > 0) later(every, () => emit(i + 1));
      else emit(i + 1);
    };
    later(first, () => {
      if (pieces.length > 0) return emit(0);
      delta({ role: 'assistant', content: '' });
      finish();
    });
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'not found', type: 'invalid_request_error' } }));
        return;
      }
      const raw = Buffer.concat(chunks).toString('utf8');
      const captured: CapturedRequest = {
        body: JSON.parse(raw),
        raw,
        headers: req.headers,
        receivedAt: Date.now(),
      };
      requests.push(captured);
      const reply = handler(captured, requests.length);
      const send = () => {
        if (res.destroyed) return;
        const status = reply.status ?? 200;
        if (status === 200 && captured.body.stream) return stream(res, captured, reply);
        const body =
          status === 200
            ? chatCompletionBody(
                captured.body.model,
                reply,
                usageFor(captured.body, reply.content ?? reply.refusal ?? ''),
              )
            : {
                error: { message: `stand-in error ${status}`, type: 'server_error', param: null, code: null },
              };
        res.writeHead(status, {
          'content-type': 'application/json',
          'x-request-id': `req_${requests.length}`,
          ...reply.headers,
        });
        res.end(JSON.stringify(body));
      };
      later(reply.delayMs ?? 0, send);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseURL = `http://127.0.0.1:${port}/v1`;

  return {
    baseURL,
    requests,
    usages,
    reply(h) {
      handler = h;
    },
    client(options = {}) {
      return new OpenAI({
        apiKey: 'sk-test-stand-in',
        baseURL,
        timeout: options.timeout ?? 5_000,
        maxRetries: options.maxRetries ?? 0,
      });
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
