import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';

/**
 * A local stand-in for the OpenAI chat-completions API: a node:http server on 127.0.0.1 that
 * answers POST /v1/chat/completions in the real wire format, records every request body, and
 * replies as the test's handler says (content, refusal, HTTP error, delay).
 */

export interface StandInReply {
  /** HTTP status (default 200); non-200 sends an OpenAI-style error body */
  status?: number;
  headers?: Record<string, string>;
  content?: string | null;
  refusal?: string | null;
  finishReason?: 'stop' | 'length' | 'content_filter';
  /** wait this long before answering */
  delayMs?: number;
}

export interface CapturedRequest {
  // biome-ignore lint/suspicious/noExplicitAny: request bodies are inspected freely in tests
  body: any;
  raw: string;
  headers: IncomingMessage['headers'];
}

export type StandInHandler = (req: CapturedRequest, attempt: number) => StandInReply;

export interface StandIn {
  baseURL: string;
  requests: CapturedRequest[];
  reply(handler: StandInHandler): void;
  client(options?: { timeout?: number; maxRetries?: number }): OpenAI;
  close(): Promise<void>;
}

export function chatCompletionBody(model: string, reply: StandInReply) {
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
    usage: { prompt_tokens: 100, completion_tokens: 50, total_tokens: 150 },
    system_fingerprint: 'fp_stand_in',
  };
}

export async function startStandIn(): Promise<StandIn> {
  let handler: StandInHandler = () => ({ content: 'ok' });
  const requests: CapturedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

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
      const captured: CapturedRequest = { body: JSON.parse(raw), raw, headers: req.headers };
      requests.push(captured);
      const reply = handler(captured, requests.length);
      const send = () => {
        if (res.destroyed) return;
        const status = reply.status ?? 200;
        const body =
          status === 200
            ? chatCompletionBody(captured.body.model, reply)
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
      if (reply.delayMs) {
        const t = setTimeout(() => {
          timers.delete(t);
          send();
        }, reply.delayMs);
        timers.add(t);
      } else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseURL = `http://127.0.0.1:${port}/v1`;

  return {
    baseURL,
    requests,
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
