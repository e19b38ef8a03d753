import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  type OpenAI,
} from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';

/**
 * One chat-completions call with every way it can fail turned into an LlmFailure with a short
 * machine-readable reason, so callers can fall back to their built-in engine and record why.
 * Retries and per-attempt timeouts are the SDK's (client options); `deadlineMs` optionally bounds
 * the whole call, backoff sleeps included.
 */

export type LlmFailureReason =
  | 'timeout'
  | 'connection'
  | `http_${number}`
  | 'aborted'
  | 'refusal'
  | 'truncated'
  | 'content_filter'
  | 'empty'
  | 'malformed_json'
  | 'schema_mismatch'
  | 'unusable'
  | 'error';

export class LlmFailure extends Error {
  /** how long the provider asked us to wait before trying again (a 429's or 503's Retry-After) */
  readonly retryAfterMs: number | undefined;
  constructor(
    readonly reason: LlmFailureReason,
    message: string,
    options?: { cause?: unknown; retryAfterMs?: number | undefined },
  ) {
    super(message, options);
    this.name = 'LlmFailure';
    this.retryAfterMs = options?.retryAfterMs;
  }
}

export interface ChatRequest {
  model: string;
  messages: ChatCompletionMessageParam[];
  temperature?: number | null | undefined;
  maxCompletionTokens?: number | undefined;
  /** bound on the whole call including retries; default: only the SDK's per-attempt timeout */
  deadlineMs?: number | undefined;
}

export interface JsonSchemaFormat {
  name: string;
  schema: Record<string, unknown>;
}

/** Plain-text completion: the assistant message's content, trimmed (never empty). */
export async function chatText(client: OpenAI, req: ChatRequest): Promise<string> {
  return complete(client, req, undefined);
}

/** Structured Outputs (strict JSON schema): the parsed JSON, not yet validated. */
export async function chatJson(client: OpenAI, req: ChatRequest, format: JsonSchemaFormat): Promise<unknown> {
  const content = await complete(client, req, format);
  try {
    return JSON.parse(content);
  } catch (err) {
    throw new LlmFailure('malformed_json', 'the model did not return valid JSON', { cause: err });
  }
}

async function complete(client: OpenAI, req: ChatRequest, format: JsonSchemaFormat | undefined) {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline =
    req.deadlineMs === undefined
      ? undefined
      : new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            controller.abort();
            reject(new LlmFailure('timeout', `no answer within the ${req.deadlineMs} ms deadline`));
          }, req.deadlineMs);
        });
  const call = client.chat.completions.create(requestBody(req, format), { signal: controller.signal });
  try {
    const completion = await (deadline ? Promise.race([call, deadline]) : call);
    const choice = completion.choices?.[0];
    if (!choice) throw new LlmFailure('empty', 'the response has no choices');
    const message = choice.message;
    if (message?.refusal) throw new LlmFailure('refusal', 'the model refused');
    if (choice.finish_reason === 'length') throw new LlmFailure('truncated', 'the reply hit the token limit');
    if (choice.finish_reason === 'content_filter') {
      throw new LlmFailure('content_filter', 'the reply was withheld by the content filter');
    }
    const content = typeof message?.content === 'string' ? message.content.trim() : '';
    if (!content) throw new LlmFailure('empty', 'the reply is empty');
    return content;
  } catch (err) {
    throw toLlmFailure(err);
  } finally {
    clearTimeout(timer);
    // A call that lost the race to the deadline is aborted; its rejection is expected.
    call.catch(() => {});
  }
}

/** The chat-completions body of a request (streamed or not). */
export function requestBody(req: ChatRequest, format: JsonSchemaFormat | undefined) {
  return {
    model: req.model,
    messages: req.messages,
    ...(req.temperature === null ? {} : { temperature: req.temperature ?? 0 }),
    ...(req.maxCompletionTokens ? { max_completion_tokens: req.maxCompletionTokens } : {}),
    ...(format
      ? {
          response_format: {
            type: 'json_schema' as const,
            json_schema: { name: format.name, strict: true, schema: format.schema },
          },
        }
      : {}),
  };
}

/** Classify any error from the SDK (or ours) into an LlmFailure. */
export function toLlmFailure(err: unknown): LlmFailure {
  if (err instanceof LlmFailure) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof APIConnectionTimeoutError) return new LlmFailure('timeout', message, { cause: err });
  if (err instanceof APIUserAbortError) return new LlmFailure('aborted', message, { cause: err });
  if (err instanceof APIConnectionError) return new LlmFailure('connection', message, { cause: err });
  if (err instanceof APIError && typeof err.status === 'number') {
    return new LlmFailure(`http_${err.status}`, message, {
      cause: err,
      retryAfterMs: retryAfterMs(err.headers),
    });
  }
  return new LlmFailure('error', message, { cause: err });
}

/** `retry-after-ms`, or `retry-after` in seconds or as an HTTP date; undefined when absent or odd. */
export function retryAfterMs(headers: Headers | undefined): number | undefined {
  const ms = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers?.get('retry-after');
  if (!value) return undefined;
  const seconds = Number.parseFloat(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}
