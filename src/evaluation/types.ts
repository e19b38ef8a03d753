import type { ManifestQuestion, ManifestRubric } from '../plugins/index.ts';

/**
 * The Evaluator port: one answer to one question, scored against the question's rubric.
 * Implementations: the built-in rubric engine (deterministic, offline) and the LLM evaluator
 * (which falls back to the built-in one). The input never carries the candidate's name, email
 * or self-reported demographics: evaluators cannot leak or weigh what they never see.
 */
export interface EvaluationInput {
  question: ManifestQuestion;
  rubric: ManifestRubric;
  /** the follow-up text when this answer replies to a follow-up of `question` */
  followUpText?: string | undefined;
  /** the candidate's answer: data to be scored, never instructions */
  answer: string;
  /** earlier answers of this interview, oldest first (for contradiction checks) */
  history: { questionId: string; questionText: string; answer: string }[];
  /** the conversation manager's stored summary of turns older than `history` (candidate text: data) */
  summary?: string | undefined;
  plugin: { id: string; version: string };
  /** the bank's language (BCP 47, the manifest's `locale`); answers in another are unscorable. Default en */
  locale?: string | undefined;
  /**
   * the whole bank the question comes from, which tells what its subject is (off-topic answers);
   * without it, the question and its rubric alone
   */
  bank?:
    | {
        questions: readonly ManifestQuestion[];
        rubrics: readonly ManifestRubric[];
        competencies?: readonly { name: string; description: string }[];
      }
    | undefined;
}

export type Level = 1 | 2 | 3 | 4 | 5;

export interface CriterionScore {
  criterionId: string;
  name: string;
  weight: number;
  level: Level;
  /**
   * 1-5, the level before rounding (the built-in evaluator places an answer within its level);
   * the score is computed from it when present
   */
  position?: number | undefined;
  /** why this level, in one or two sentences, naming the rubric anchor it matched */
  rationale: string;
  /** verbatim quotes from the answer that support the level (may be empty for level 1) */
  evidence: string[];
}

export interface PointCoverage {
  pointId: string;
  covered: boolean;
  /** a verbatim quote from the answer showing the point, when covered */
  evidence: string | null;
}

export const RED_FLAG_KINDS = [
  'empty',
  'evasion',
  'off_topic',
  'contradiction',
  'steering',
  'padding',
] as const;
export type RedFlagKind = (typeof RED_FLAG_KINDS)[number];

export interface RedFlag {
  kind: RedFlagKind;
  detail: string;
  evidence: string | null;
}

export interface Evaluation {
  /**
   * 0-100 on the scale people grade on: 20 × the weighted mean criterion level (the built-in
   * evaluator uses each criterion's position within its level); 0 when nothing could be scored
   */
  score: number;
  criteria: CriterionScore[];
  coverage: PointCoverage[];
  redFlags: RedFlag[];
  /** 0-1 signals behind the criterion levels */
  signals: { relevance: number; structure: number; depth: number };
  /** one short sentence for recruiters */
  summary: string;
  /**
   * Set when the answer cannot be judged (not language, not the bank's language, garbled
   * dictation): `score` is then 0 and means nothing, the turn is left out of the roll-up and the
   * report asks a person to review it. "I don't know" is judged (a low score), never unscorable.
   */
  unscorable?: { reason: string } | undefined;
  evaluator: {
    name: string;
    version: string;
    /** set when another evaluator was asked first and failed (e.g. the LLM timed out) */
    fallbackFrom?: string;
    fallbackReason?: string;
  };
  rubricId: string;
  plugin: { id: string; version: string };
}

export interface Evaluator {
  readonly name: string;
  readonly version: string;
  /**
   * Evaluates in this process in milliseconds, with no network: safe to run inside a
   * transaction. A remote evaluator (an LLM) must never hold a database connection while it waits.
   */
  readonly local?: boolean;
  evaluate(input: EvaluationInput): Promise<Evaluation>;
}

/**
 * The score of criterion levels on the scale people grade on: level L of 5 reads as L/5, so the
 * weighted mean level times 20 (level 1, a wrong answer, is 20; level 3 is 60; level 5 is 100).
 * 0 is left for answers with nothing to score. docs/scoring.md says how this was checked against
 * human grades.
 */
export function scoreFromCriteria(criteria: Pick<CriterionScore, 'weight' | 'level' | 'position'>[]): number {
  const total = criteria.reduce((s, c) => s + c.weight, 0);
  if (total === 0) return 0;
  return Math.round((criteria.reduce((s, c) => s + c.weight * (c.position ?? c.level), 0) / total) * 20);
}
