import type { OpenAI } from 'openai';
import { type ChatRequest, type JsonSchemaFormat, LlmFailure, requestBody, toLlmFailure } from './chat.ts';
import { type LlmUsage, NO_USAGE, usageOf } from './usage.ts';

/**
 * One streamed chat-completions attempt (`stream: true`, usage in the last chunk): each content
 * delta goes to `onContent` as it arrives, so a reply reaches the candidate while the model is
 * still writing. Every way it can fail is an LlmFailure, as in chat.ts; a stream that stops
 * before the model finished is a `connection` failure (worth a retry), not `truncated` (the
 * token limit, which a retry would hit again). Retries are the caller's (retry.ts).
 */

export interface StreamOptions {
  /**
   * bound on the wait for the first chunk, then on each wait for the next: a stream that keeps
   * coming is not cut, a stalled one is (the whole call is bounded by the caller's budget)
   */
  timeoutMs: number;
  /** aborts the attempt from outside (the turn's budget) */
  signal?: AbortSignal | undefined;
  onContent?: ((delta: string) => void) | undefined;
  /** the provider's usage, once its last chunk arrives (also when the content is then refused) */
  onUsage?: ((usage: LlmUsage) => void) | undefined;
}

export interface StreamedCompletion {
  /** the whole content, trimmed (never empty) */
  content: string;
  usage: LlmUsage;
}

export async function streamChat(
  client: OpenAI,
  req: ChatRequest,
  format: JsonSchemaFormat | undefined,
  opts: StreamOptions,
): Promise<StreamedCompletion> {
  const controller = new AbortController();
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, opts.timeoutMs);
  };
  arm();
  const abort = () => controller.abort();
  opts.signal?.addEventListener('abort', abort, { once: true });
  let content = '';
  let refusal = '';
  let finish: string | null = null;
  let usage: LlmUsage = NO_USAGE;
  try {
    const stream = await client.chat.completions.create(
      { ...requestBody(req, format), stream: true, stream_options: { include_usage: true } },
      { signal: controller.signal, maxRetries: 0, timeout: opts.timeoutMs },
    );
    for await (const chunk of stream) {
      arm();
      if (chunk.usage) {
        usage = usageOf(chunk.usage);
        opts.onUsage?.(usage);
      }
      const choice = chunk.choices?.[0];
      if (!choice) continue;
      if (choice.delta?.refusal) refusal += choice.delta.refusal;
      if (choice.delta?.content) {
        content += choice.delta.content;
        opts.onContent?.(choice.delta.content);
      }
      if (choice.finish_reason) finish = choice.finish_reason;
    }
  } catch (err) {
    if (timedOut) {
      throw new LlmFailure('timeout', `nothing from the model for ${opts.timeoutMs} ms`, { cause: err });
    }
    throw toLlmFailure(err);
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', abort);
  }
  if (refusal) throw new LlmFailure('refusal', 'the model refused');
  if (finish === 'length') throw new LlmFailure('truncated', 'the reply hit the token limit');
  if (finish === 'content_filter') {
    throw new LlmFailure('content_filter', 'the reply was withheld by the content filter');
  }
  if (finish === null) throw new LlmFailure('connection', 'the stream ended before the model finished');
  const trimmed = content.trim();
  if (!trimmed) throw new LlmFailure('empty', 'the reply is empty');
  return { content: trimmed, usage };
}
