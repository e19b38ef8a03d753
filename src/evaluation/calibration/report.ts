import { bias, mean, meanAbsoluteError, pearson, quadraticWeightedKappa, spearman } from './agreement.ts';
import type { ScoredItem } from './run.ts';
import { type GradeScale, gradeTo100, gradeToGrid, scoreToGrid } from './scale.ts';

/**
 * What a calibration run found: the agreement of the evaluator's scores with the people's grades
 * over every scorable answer, grade by grade, question by question, and where they disagree most.
 * Unscorable answers stay in `items` but are left out of every figure.
 */

export interface CalibrationRow {
  /** a grade people gave, as given */
  human: number;
  n: number;
  /** the grade on 0-100: where a perfectly calibrated evaluator's mean would sit */
  expected: number;
  meanScore: number;
}

export interface QuestionAgreement {
  questionId: string;
  n: number;
  pearson: number | null;
  /** on the grading scale */
  meanHuman: number;
  meanScore: number;
  /** on 0-100 */
  mae: number;
}

export interface Disagreement {
  id: string;
  questionId: string;
  human: number;
  score: number;
  /** score - the grade on 0-100 */
  difference: number;
  answer: string;
  summary: string;
  rationale: string;
}

export interface CalibrationReport {
  plugin: { id: string; version: string; name: string };
  evaluator: { name: string; version: string };
  scale: GradeScale;
  /** graded answers scored (all of `items`) */
  n: number;
  /** answers the evaluator could not judge: in `items`, out of every figure */
  unscorable: number;
  /** answers scored by a fallback evaluator (e.g. the LLM failed), by reason */
  fallbacks: number;
  fallbackReasons: Record<string, number>;
  /** Pearson r of grade and score */
  pearson: number | null;
  /** Spearman r (average ranks for ties) */
  spearman: number | null;
  /** quadratic weighted kappa, both on the scale's integer grid */
  qwk: number | null;
  /** mean |score - grade on 0-100| */
  mae: number | null;
  /** mean score - mean grade on 0-100 */
  bias: number | null;
  /** mean grade on 0-100, and mean score */
  meanHuman: number | null;
  meanScore: number | null;
  calibration: CalibrationRow[];
  questions: QuestionAgreement[];
  disagreements: Disagreement[];
  items: ScoredItem[];
}

export const MAX_DISAGREEMENTS = 10;

/** The headline figures over some scored items (unscorable ones are left out here). */
export function agreementOf(
  items: readonly Pick<ScoredItem, 'human' | 'score' | 'unscorable'>[],
  scale: GradeScale,
) {
  const judged = items.filter((i) => i.unscorable === null);
  const human = judged.map((i) => i.human);
  const human100 = human.map((h) => gradeTo100(scale, h));
  const score = judged.map((i) => i.score);
  return {
    n: judged.length,
    pearson: pearson(human, score),
    spearman: spearman(human, score),
    qwk: quadraticWeightedKappa(
      human.map((h) => gradeToGrid(scale, h)),
      score.map((s) => scoreToGrid(scale, s)),
      scale.min,
      scale.max,
    ),
    mae: meanAbsoluteError(human100, score),
    bias: bias(human100, score),
    meanHuman: mean(human100),
    meanScore: mean(score),
  };
}

export function buildCalibrationReport(input: {
  plugin: CalibrationReport['plugin'];
  evaluator: CalibrationReport['evaluator'];
  scale: GradeScale;
  items: ScoredItem[];
  /** question ids in the bank's order (per-question rows follow it) */
  questionOrder?: readonly string[];
}): CalibrationReport {
  const { scale, items } = input;
  const judged = items.filter((i) => i.unscorable === null);
  const overall = agreementOf(items, scale);

  const byGrade = new Map<number, ScoredItem[]>();
  for (const item of judged) byGrade.set(item.human, [...(byGrade.get(item.human) ?? []), item]);
  const calibration = [...byGrade.entries()]
    .sort(([a], [b]) => a - b)
    .map(([human, group]) => ({
      human,
      n: group.length,
      expected: gradeTo100(scale, human),
      meanScore: mean(group.map((i) => i.score))!,
    }));

  const byQuestion = new Map<string, ScoredItem[]>();
  for (const item of judged)
    byQuestion.set(item.questionId, [...(byQuestion.get(item.questionId) ?? []), item]);
  const order = new Map((input.questionOrder ?? []).map((id, i) => [id, i]));
  const questions = [...byQuestion.entries()]
    .sort(
      ([a], [b]) =>
        (order.get(a) ?? Number.MAX_SAFE_INTEGER) - (order.get(b) ?? Number.MAX_SAFE_INTEGER) ||
        a.localeCompare(b),
    )
    .map(([questionId, group]) => {
      const human = group.map((i) => i.human);
      const score = group.map((i) => i.score);
      return {
        questionId,
        n: group.length,
        pearson: pearson(human, score),
        meanHuman: mean(human)!,
        meanScore: mean(score)!,
        mae: meanAbsoluteError(
          human.map((h) => gradeTo100(scale, h)),
          score,
        )!,
      };
    });

  const disagreements = judged
    .map((i) => ({ item: i, difference: i.score - gradeTo100(scale, i.human) }))
    .sort((a, b) => Math.abs(b.difference) - Math.abs(a.difference) || a.item.line - b.item.line)
    .slice(0, MAX_DISAGREEMENTS)
    .map(({ item, difference }) => ({
      id: item.id,
      questionId: item.questionId,
      human: item.human,
      score: item.score,
      difference,
      answer: item.answer,
      summary: item.summary,
      rationale: item.rationale,
    }));

  const fallbackReasons: Record<string, number> = {};
  for (const item of items) {
    if (item.fallback !== null) fallbackReasons[item.fallback] = (fallbackReasons[item.fallback] ?? 0) + 1;
  }

  return {
    plugin: input.plugin,
    evaluator: input.evaluator,
    scale,
    n: items.length,
    unscorable: items.length - judged.length,
    fallbacks: items.filter((i) => i.fallback !== null).length,
    fallbackReasons,
    pearson: overall.pearson,
    spearman: overall.spearman,
    qwk: overall.qwk,
    mae: overall.mae,
    bias: overall.bias,
    meanHuman: overall.meanHuman,
    meanScore: overall.meanScore,
    calibration,
    questions,
    disagreements,
    items,
  };
}

/**
 * The `--json` document: the report's figures and tables, and each item as
 * `{id, questionId, human, score, unscorable, fallback}` (`human` as given, `score` 0-100).
 */
export function calibrationJson(report: CalibrationReport) {
  const { items, ...rest } = report;
  return {
    evaluator: rest.evaluator,
    n: rest.n,
    pearson: rest.pearson,
    spearman: rest.spearman,
    qwk: rest.qwk,
    mae: rest.mae,
    bias: rest.bias,
    unscorable: rest.unscorable,
    fallbacks: rest.fallbacks,
    fallbackReasons: rest.fallbackReasons,
    scale: rest.scale,
    plugin: rest.plugin,
    meanHuman: rest.meanHuman,
    meanScore: rest.meanScore,
    calibration: rest.calibration,
    questions: rest.questions,
    disagreements: rest.disagreements,
    items: items.map((i) => ({
      id: i.id,
      questionId: i.questionId,
      human: i.human,
      score: i.score,
      unscorable: i.unscorable !== null,
      ...(i.unscorable !== null ? { unscorableReason: i.unscorable } : {}),
      fallback: i.fallback,
    })),
  };
}
