import { LlmFailure } from './chat.ts';
import { withName } from './name-token.ts';

/**
 * What a model's wording of the interviewer's draft must pass before a candidate reads it: not
 * empty, at most MAX_REPLY_CHARS, no more questions than the draft asks (the engine decides what
 * is asked), no leftover markup. Quotation marks around the whole reply are dropped.
 */

export const MAX_REPLY_CHARS = 600;

const count = (text: string, ch: string) => text.split(ch).length - 1;

/** Strip quotation marks a model may wrap the whole reply in. */
export function unwrapReply(reply: string): string {
  const m = /^(["'\u201C\u2018])([\s\S]*)(["'\u201D\u2019])$/.exec(reply.trim());
  return (m ? m[2]! : reply).trim();
}

/** The reply as the candidate reads it (unwrapped, the name put back); throws when it is unusable. */
export function checkReply(raw: string, draft: string, name: string | undefined): string {
  const reply = unwrapReply(raw);
  const text = withName(reply, name);
  if (!text) throw new LlmFailure('empty', 'the reply is empty');
  if (text.length > MAX_REPLY_CHARS) throw new LlmFailure('unusable', `reply over ${MAX_REPLY_CHARS} chars`);
  if (count(reply, '?') > count(draft, '?')) throw new LlmFailure('unusable', 'reply adds a question');
  if (/first_name|interviewer_draft/i.test(text))
    throw new LlmFailure('unusable', 'reply has leftover markup');
  return text;
}
