import type { OpenAI } from 'openai';
import { chatText, LlmFailure, toLlmFailure } from './chat.ts';
import { delimit } from './delimit.ts';
import { loadPrompt } from './prompts.ts';
import type { InterviewerVoice, ReplyContext } from './types.ts';

/**
 * The LLM interviewer voice: the fallback (template) voice writes a draft and the model rephrases
 * it more naturally, keeping its meaning. The candidate's first name never reaches the model:
 * the draft carries NAME_TOKEN and the name is put back afterwards. Any failure, an empty reply,
 * one over MAX_REPLY_CHARS, or one asking more questions than the draft returns the draft itself.
 */

export const NAME_TOKEN = '[[first_name]]';
export const MAX_REPLY_CHARS = 600;

export interface LlmVoiceOptions {
  client: OpenAI;
  model: string;
  fallback: InterviewerVoice;
  promptVersion?: number | undefined;
  /** default 0.3: some variety, little drift; null omits it */
  temperature?: number | null | undefined;
  /** bound on the whole call including retries (the candidate is waiting) */
  deadlineMs?: number | undefined;
  logger?: { warn(obj: object, msg: string): void } | undefined;
}

const KIND_LABEL: Record<ReplyContext['kind'], string> = {
  greeting: 'greeting that opens the interview',
  question: 'question',
  follow_up: 'follow-up question on the previous answer',
  transition: 'transition to a new part of the interview, with its first question',
  closing: 'closing message that ends the interview',
};

const count = (text: string, ch: string) => text.split(ch).length - 1;

/** Strip quotation marks a model may wrap the whole reply in. */
function unwrap(reply: string): string {
  const m = /^(["'\u201C\u2018])([\s\S]*)(["'\u201D\u2019])$/.exec(reply.trim());
  return (m ? m[2]! : reply).trim();
}

export function createLlmVoice(opts: LlmVoiceOptions): InterviewerVoice {
  const prompt = loadPrompt('interviewer-reply', opts.promptVersion ?? 1);
  return {
    name: 'llm',
    async compose(ctx) {
      const name = ctx.candidateFirstName?.trim();
      const draft = await opts.fallback.compose(name ? { ...ctx, candidateFirstName: NAME_TOKEN } : ctx);
      const personal = (text: string) => (name ? text.split(NAME_TOKEN).join(name) : text);
      try {
        const reply = unwrap(
          await chatText(opts.client, {
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
            deadlineMs: opts.deadlineMs,
          }),
        );
        const text = personal(reply);
        if (!text) throw new LlmFailure('empty', 'the reply is empty');
        if (text.length > MAX_REPLY_CHARS)
          throw new LlmFailure('unusable', `reply over ${MAX_REPLY_CHARS} chars`);
        if (count(reply, '?') > count(draft, '?')) throw new LlmFailure('unusable', 'reply adds a question');
        if (/first_name|interviewer_draft/i.test(text))
          throw new LlmFailure('unusable', 'reply has leftover markup');
        return text;
      } catch (err) {
        const failure = toLlmFailure(err);
        opts.logger?.warn(
          { voice: 'llm', reason: failure.reason, err: failure.message },
          'LLM reply failed; using the template',
        );
        return personal(draft);
      }
    },
  };
}
