import type { Exchange, Summarizer } from '../../ai/index.ts';
import { trimSummary } from '../../ai/index.ts';

/**
 * The conversation manager: what of an interview's history fits in a model's context. The most
 * recent exchanges stay verbatim; when the estimate exceeds the budget, older ones are folded
 * into a summary that the caller stores with the last turn it covers. A stored summary is only
 * ever extended with exchanges after that turn, never recomputed from the start; when even the
 * summary outgrows its share, its oldest lines are dropped (see ai/summary-text.ts).
 *
 * Token estimate: about 4 characters per token (a fair average for English with OpenAI's
 * tokenizers), rounded up, plus EXCHANGE_OVERHEAD_TOKENS per exchange for the labels around it.
 * It is an estimate, not a tokenizer: keep the budget a little under the model's real limit.
 */

export const CHARS_PER_TOKEN = 4;
export const EXCHANGE_OVERHEAD_TOKENS = 8;
/** When folding, recent exchanges may use this share of the budget; the summary gets the rest. */
export const RECENT_SHARE = 0.75;

export function estimateTokens(text: string | undefined): number {
  return text ? Math.ceil(text.length / CHARS_PER_TOKEN) : 0;
}

export function exchangeTokens(e: Exchange): number {
  return estimateTokens(e.questionText) + estimateTokens(e.answer) + EXCHANGE_OVERHEAD_TOKENS;
}

export interface StoredSummary {
  text: string;
  /** the last turn the summary covers */
  throughTurn: number;
}

export interface BuildContextInput {
  /** every exchange of the interview so far, oldest first */
  exchanges: Exchange[];
  budgetTokens: number;
  summarizer: Summarizer;
  /** the summary returned by the previous call, if any */
  stored?: StoredSummary | undefined;
  recentShare?: number | undefined;
}

export interface ConversationContext {
  summary: string | undefined;
  /** the last turn folded into `summary` (store it with the summary) */
  summaryThroughTurn: number | undefined;
  /** exchanges kept verbatim, oldest first */
  recent: Exchange[];
  /** estimated tokens of summary + recent; never above the budget */
  tokens: number;
}

const sum = (xs: Exchange[]) => xs.reduce((n, e) => n + exchangeTokens(e), 0);

export async function buildContext(input: BuildContextInput): Promise<ConversationContext> {
  const { budgetTokens: budget, summarizer, stored } = input;
  if (!Number.isInteger(budget) || budget < 1)
    throw new RangeError('budgetTokens must be a positive integer');
  const share = input.recentShare ?? RECENT_SHARE;
  let summary = stored?.text || undefined;
  let through = stored?.throughTurn;
  const pending = input.exchanges.filter((e) => through === undefined || e.turn > through);

  if (estimateTokens(summary) + sum(pending) <= budget) {
    return {
      summary,
      summaryThroughTurn: through,
      recent: pending,
      tokens: estimateTokens(summary) + sum(pending),
    };
  }

  // Keep the newest exchanges that fit the recent share; fold everything older.
  const recentBudget = Math.floor(budget * share);
  let split = pending.length;
  let recentTokens = 0;
  while (split > 0 && recentTokens + exchangeTokens(pending[split - 1]!) <= recentBudget) {
    recentTokens += exchangeTokens(pending[split - 1]!);
    split -= 1;
  }
  const fold = pending.slice(0, split);
  const recent = pending.slice(split);
  if (fold.length > 0) {
    summary = (await summarizer.summarize(fold, summary)) || undefined;
    through = fold[fold.length - 1]!.turn;
  }
  // The summary gets what the recent exchanges leave; past that, its oldest lines give way.
  if (summary !== undefined)
    summary = trimSummary(summary, (budget - recentTokens) * CHARS_PER_TOKEN) || undefined;
  return { summary, summaryThroughTurn: through, recent, tokens: estimateTokens(summary) + recentTokens };
}
