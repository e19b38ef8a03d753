import type { Manifest } from '../../plugins/index.ts';
import { firstTurnInput } from '../first-turn.ts';
import type { Evaluator } from '../types.ts';
import type { GradedItem } from './graded-file.ts';

/** One graded answer with what the evaluator made of it. */
export interface ScoredItem extends GradedItem {
  /** 0-100, as the evaluator returned it */
  score: number;
  /** the evaluator's reason when it could not judge the answer (then out of the statistics) */
  unscorable: string | null;
  /** why the evaluator fell back to another one (e.g. the LLM timed out), if it did */
  fallback: string | null;
  /** the evaluation's one-sentence summary */
  summary: string;
  /** the rationale of the first criterion */
  rationale: string;
}

/**
 * Score every graded answer with `evaluator`, one after the other (each awaited: an LLM is not
 * flooded and the order of the output is the file's), as a single-turn interview would: the
 * question and its rubric from the manifest, no history.
 */
export async function scoreGradedItems(
  manifest: Manifest,
  items: readonly GradedItem[],
  evaluator: Evaluator,
  onEach: (done: number) => void = () => {},
): Promise<ScoredItem[]> {
  const questions = new Map(manifest.questions.map((q) => [q.id, q]));
  const scored: ScoredItem[] = [];
  for (const item of items) {
    const question = questions.get(item.questionId);
    if (!question) throw new Error(`line ${item.line}: unknown questionId "${item.questionId}"`);
    let evaluation: Awaited<ReturnType<Evaluator['evaluate']>>;
    try {
      evaluation = await evaluator.evaluate(firstTurnInput(manifest, question, item.answer));
    } catch (err) {
      throw new Error(
        `evaluating "${item.id}" (line ${item.line}) failed: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    scored.push({
      ...item,
      score: evaluation.score,
      unscorable: evaluation.unscorable ? evaluation.unscorable.reason || 'unscorable' : null,
      fallback: evaluation.evaluator.fallbackFrom ? (evaluation.evaluator.fallbackReason ?? 'unknown') : null,
      summary: evaluation.summary,
      rationale: evaluation.criteria[0]?.rationale ?? '',
    });
    onEach(scored.length);
  }
  return scored;
}
