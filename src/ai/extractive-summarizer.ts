import { appendToSummary, cap } from './summary-text.ts';
import type { Exchange, Summarizer } from './types.ts';

/**
 * The offline summarizer: deterministic, no model. One line per exchange, the question's gist and
 * the answer's first sentence, each capped. New lines are appended to the previous summary (never
 * recomputed); past SUMMARY_MAX_CHARS the oldest lines give way (see summary-text.ts).
 */

export const SUMMARY_MAX_CHARS = 2_000;
const GIST_CHARS = 80;
const ANSWER_CHARS = 160;

export function firstSentence(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const end = /[.!?](?=\s|$)/.exec(flat);
  return cap(end ? flat.slice(0, end.index + 1) : flat, max);
}

export function exchangeLine(e: Exchange): string {
  return `T${e.turn}: ${firstSentence(e.questionText, GIST_CHARS)} - ${firstSentence(e.answer, ANSWER_CHARS) || '(no answer)'}`;
}

export function createExtractiveSummarizer(options: { maxChars?: number } = {}): Summarizer {
  const maxChars = options.maxChars ?? SUMMARY_MAX_CHARS;
  return {
    name: 'extractive',
    async summarize(exchanges, previousSummary) {
      return appendToSummary(previousSummary, exchanges.map(exchangeLine), maxChars);
    },
  };
}
