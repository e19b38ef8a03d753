import { createExtractiveSummarizer, type Exchange } from '../../ai/index.ts';
import { buildContext, type StoredSummary } from './context.ts';

/**
 * The earlier turns a model reads in a turn's call, within LLM_CONTEXT_TOKEN_BUDGET: the stored
 * conversation summary and the exchanges after it, the most recent verbatim, the ones that do not
 * fit folded into extractive summary lines on the spot (deterministic, no model call; nothing is
 * stored here: the summarising job moves the stored summary on). The built-in evaluator keeps its
 * own, larger window (HISTORY_BUDGET_TOKENS): this budget bounds what each call costs.
 */

/** Verbatim exchanges a prompt shows at most (llm-request.ts MAX_EARLIER_ANSWERS). */
const MAX_VERBATIM = 5;
/** Each earlier answer is cut to this before it counts (llm-request.ts cuts it so). */
const ANSWER_CHARS = 1_200;

const extractive = createExtractiveSummarizer();

export interface ModelContext {
  summary: string | undefined;
  recent: Exchange[];
}

export async function modelContext(
  pending: Exchange[],
  stored: StoredSummary | undefined,
  budgetTokens: number,
): Promise<ModelContext> {
  const exchanges = pending.map((e) => ({ ...e, answer: e.answer.slice(0, ANSWER_CHARS) }));
  const context = await buildContext({ exchanges, budgetTokens, summarizer: extractive, stored });
  const overflow = context.recent.slice(0, -MAX_VERBATIM);
  if (overflow.length === 0) return { summary: context.summary, recent: context.recent };
  return {
    summary: (await extractive.summarize(overflow, context.summary)) || undefined,
    recent: context.recent.slice(-MAX_VERBATIM),
  };
}
