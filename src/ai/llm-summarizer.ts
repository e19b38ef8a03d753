import type { OpenAI } from 'openai';
import { chatText, LlmFailure, toLlmFailure } from './chat.ts';
import { delimit, neutralizeDelimiters } from './delimit.ts';
import { SUMMARY_MAX_CHARS } from './extractive-summarizer.ts';
import { loadPrompt } from './prompts.ts';
import { appendToSummary, cap } from './summary-text.ts';
import type { Exchange, Summarizer } from './types.ts';

/**
 * The LLM summarizer: the model writes one note line per new exchange, and the code appends them
 * to the previous summary, so a stored summary is extended, never rewritten (the previous summary
 * is not even sent). Any failure, or a reply without exactly one line per exchange, falls back to
 * the extractive summarizer.
 */

const LINE_CHARS = 300;

export interface LlmSummarizerOptions {
  client: OpenAI;
  model: string;
  fallback: Summarizer;
  maxChars?: number | undefined;
  promptVersion?: number | undefined;
  deadlineMs?: number | undefined;
  logger?: { warn(obj: object, msg: string): void } | undefined;
}

/** Each exchange in its own block; questions and answers neutralised, answers delimited. */
function exchangesMessage(exchanges: Exchange[]): string {
  const items = exchanges.map(
    (e) =>
      `<interview_exchange turn="${e.turn}">\nQuestion: ${neutralizeDelimiters(e.questionText)}\n${delimit('candidate_answer', e.answer)}\n</interview_exchange>`,
  );
  return `<interview_exchanges>\n${items.join('\n')}\n</interview_exchanges>`;
}

export function createLlmSummarizer(opts: LlmSummarizerOptions): Summarizer {
  const prompt = loadPrompt('summarize-exchanges', opts.promptVersion ?? 1);
  const maxChars = opts.maxChars ?? SUMMARY_MAX_CHARS;
  return {
    name: 'llm',
    async summarize(exchanges, previousSummary) {
      if (exchanges.length === 0) return previousSummary ?? '';
      try {
        const reply = await chatText(opts.client, {
          model: opts.model,
          messages: [
            { role: 'system', content: prompt.render({ max_chars: String(maxChars) }) },
            { role: 'user', content: exchangesMessage(exchanges) },
          ],
          temperature: 0,
          maxCompletionTokens: 200 + 120 * exchanges.length,
          deadlineMs: opts.deadlineMs,
        });
        const lines = reply
          .split('\n')
          .map((l) => l.trim())
          .filter((l) => l !== '');
        if (lines.length !== exchanges.length) {
          throw new LlmFailure('unusable', `${lines.length} lines for ${exchanges.length} exchanges`);
        }
        return appendToSummary(
          previousSummary,
          lines.map((l) => cap(l, LINE_CHARS)),
          maxChars,
        );
      } catch (err) {
        const failure = toLlmFailure(err);
        opts.logger?.warn(
          { summarizer: 'llm', reason: failure.reason, err: failure.message },
          'LLM summary failed; using the extractive summary',
        );
        return opts.fallback.summarize(exchanges, previousSummary);
      }
    },
  };
}
