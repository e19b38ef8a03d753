import type { OpenAI } from 'openai';
import { type LlmFailure, toLlmFailure } from './chat.ts';
import { streamChat } from './chat-stream.ts';
import { delimit } from './delimit.ts';
import { NAME_TOKEN, nameStream, withName } from './name-token.ts';
import { loadPrompt } from './prompts.ts';
import { checkReply, MAX_REPLY_CHARS } from './reply-check.ts';
import { withRetries } from './retry.ts';
import type { InterviewerVoice, ReplyContext, ReplyHooks } from './types.ts';
import { addUsage, type LlmCall, NO_USAGE } from './usage.ts';

export { MAX_REPLY_CHARS, NAME_TOKEN };

/**
 * The LLM interviewer voice: the fallback (template) voice writes a draft and the model rephrases
 * it more naturally, keeping its meaning; the reply streams to `hooks.onText` as it is written.
 * The candidate's first name never reaches the model: the draft carries NAME_TOKEN and the name
 * is put back afterwards. Any failure, or a reply that fails checkReply, returns the draft itself.
 */

export interface LlmVoiceOptions {
  client: OpenAI;
  model: string;
  fallback: InterviewerVoice;
  promptVersion?: number | undefined;
  /** default 0.3: some variety, little drift; null omits it */
  temperature?: number | null | undefined;
  /** bound on the whole call including retries (the candidate is waiting) */
  deadlineMs?: number | undefined;
  /** retries of a failed call (default: the client's) */
  maxRetries?: number | undefined;
  logger?: { warn(obj: object, msg: string): void } | undefined;
}

const KIND_LABEL: Record<ReplyContext['kind'], string> = {
  greeting: 'greeting that opens the interview',
  question: 'question',
  follow_up: 'follow-up question on the previous answer',
  transition: 'transition to a new part of the interview, with its first question',
  closing: 'closing message that ends the interview',
};

/** What kind of message the model words, in the prompts' words. */
export const replyKindLabel = (kind: ReplyContext['kind']) => KIND_LABEL[kind];

export function createLlmVoice(opts: LlmVoiceOptions): InterviewerVoice {
  const prompt = loadPrompt('interviewer-reply', opts.promptVersion ?? 1);
  return {
    name: 'llm',
    async compose(ctx, hooks?: ReplyHooks) {
      const name = ctx.candidateFirstName?.trim();
      const draft = await opts.fallback.compose(name ? { ...ctx, candidateFirstName: NAME_TOKEN } : ctx);
      const retries = opts.maxRetries ?? opts.client.maxRetries;
      const deadline = Math.min(
        hooks?.deadline ?? Number.POSITIVE_INFINITY,
        Date.now() + (opts.deadlineMs ?? opts.client.timeout * (retries + 1)),
      );
      let usage = NO_USAGE;
      let attempts = 0;
      let shown = false;
      // a call never started (the budget was spent) cost nothing and is not recorded
      const record = (outcome: LlmCall['outcome']) =>
        attempts > 0 &&
        hooks?.onCall?.({
          purpose: ctx.kind === 'greeting' ? 'greeting' : 'reply',
          model: opts.model,
          usage,
          attempts,
          outcome,
        });
      try {
        const completion = await withRetries(
          { deadline, maxRetries: retries, attemptTimeoutMs: opts.client.timeout },
          (n, timeoutMs) => {
            attempts = n;
            // a retry starts the reply over: the first piece it shows says so
            let restart = shown;
            const text = nameStream(name, (piece) => {
              hooks?.onText?.(piece, restart);
              restart = false;
              shown = true;
            });
            return streamChat(
              opts.client,
              {
                model: opts.model,
                messages: [
                  {
                    role: 'system',
                    content: prompt.render({
                      company: ctx.company,
                      role: ctx.roleTitle,
                      kind: KIND_LABEL[ctx.kind],
                      phase: ctx.phase,
                    }),
                  },
                  { role: 'user', content: delimit('interviewer_draft', draft) },
                ],
                temperature: opts.temperature === undefined ? 0.3 : opts.temperature,
                maxCompletionTokens: 400,
              },
              undefined,
              {
                timeoutMs,
                onContent: (delta) => text.push(delta),
                onUsage: (u) => {
                  usage = addUsage(usage, u);
                },
              },
            );
          },
        );
        const reply = checkReply(completion.content, draft, name);
        record('ok');
        return reply;
      } catch (err) {
        const failure: LlmFailure = toLlmFailure(err);
        record(failure.reason);
        opts.logger?.warn(
          { voice: 'llm', reason: failure.reason, err: failure.message },
          'LLM reply failed; using the template',
        );
        return withName(draft, name);
      }
    },
  };
}
