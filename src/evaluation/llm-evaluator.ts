import type { OpenAI } from 'openai';
import { chatJson, type LlmFailure, loadPrompt, neutralizeDelimiters, toLlmFailure } from '../ai/index.ts';
import { type LlmJudgement, parseJudgement } from './llm-output.ts';
import { answerForModel, evaluationMessages, evaluationSchema } from './llm-request.ts';
import {
  type Evaluation,
  type EvaluationInput,
  type Evaluator,
  type RedFlag,
  scoreFromCriteria,
} from './types.ts';

/**
 * The LLM rubric evaluator. The model grades each criterion against its anchors; the score is
 * always computed here from those levels and the rubric weights. The fallback (built-in) evaluator
 * runs on every answer, first (it is local and takes milliseconds):
 * - an answer it finds unscorable (not language, not the bank's language, garbled dictation) gets
 *   its evaluation as it is, and the model is never asked: an answer that cannot be judged is
 *   never scored, and the report asks a person to review it;
 * - any LLM failure (timeout, HTTP error, refusal, malformed JSON, schema mismatch) returns the
 *   fallback's evaluation, marked with fallbackFrom and fallbackReason;
 * - its signals are used as they are (the model is not asked for them);
 * - if either evaluator flags steering, the lower-scoring evaluation's criteria and score are
 *   used (score = min(llm, built-in)) and the steering flag is kept: an answer that tries to
 *   talk to the grader can never score above the deterministic engine.
 */

export const LLM_EVALUATOR_NAME = 'llm-rubric';
/**
 * 1.1.0: the question's reference answer is passed to the model as data (prompt evaluate-answer.v2),
 * and its levels are scored on the scale people grade on (level L of 5 is L × 20; scoreFromCriteria).
 */
export const LLM_EVALUATOR_RELEASE = '1.1.0';
/** The evaluate-answer prompt version used unless the options name another. */
export const LLM_EVALUATOR_PROMPT_VERSION = 2;

export interface LlmEvaluatorOptions {
  client: OpenAI;
  model: string;
  /** the built-in evaluator: consulted on every answer, used alone when the LLM fails */
  fallback: Evaluator;
  /** version of the evaluate-answer prompt (default LLM_EVALUATOR_PROMPT_VERSION) */
  promptVersion?: number | undefined;
  /** default 0 for repeatable grading; null omits it (for models that reject temperature) */
  temperature?: number | null | undefined;
  /** bound on the whole call including retries; default: the client's timeout and retries */
  deadlineMs?: number | undefined;
  /** told about every fallback (e.g. a pino logger) */
  logger?: { warn(obj: object, msg: string): void } | undefined;
}

const MAX_COMPLETION_TOKENS = 3_000;

export function createLlmEvaluator(opts: LlmEvaluatorOptions): Evaluator {
  const prompt = loadPrompt('evaluate-answer', opts.promptVersion ?? LLM_EVALUATOR_PROMPT_VERSION);
  const version = `${LLM_EVALUATOR_RELEASE}+${opts.model}+${prompt.id}`;
  const evaluator = { name: LLM_EVALUATOR_NAME, version };

  async function judge(input: EvaluationInput) {
    const raw = await chatJson(
      opts.client,
      {
        model: opts.model,
        messages: evaluationMessages(input, prompt),
        temperature: opts.temperature === undefined ? 0 : opts.temperature,
        maxCompletionTokens: MAX_COMPLETION_TOKENS,
        deadlineMs: opts.deadlineMs,
      },
      { name: 'answer_evaluation', schema: evaluationSchema(input) },
    );
    return parseJudgement(raw, input, neutralizeDelimiters(answerForModel(input)));
  }

  return {
    ...evaluator,
    async evaluate(input) {
      // The built-in evaluation first: milliseconds, and it decides whether the model is asked at all.
      const builtin = await opts.fallback.evaluate(input);
      if (builtin.unscorable) return builtin;
      let outcome: Awaited<ReturnType<typeof judge>> | LlmFailure;
      try {
        outcome = await judge(input);
      } catch (err) {
        outcome = toLlmFailure(err);
      }

      if (outcome instanceof Error) {
        opts.logger?.warn(
          { evaluator: LLM_EVALUATOR_NAME, reason: outcome.reason, err: outcome.message },
          'LLM evaluation failed; using the built-in evaluation',
        );
        return fallbackEvaluation(builtin, outcome.reason);
      }
      return mergeJudgement(builtin, outcome, input, evaluator);
    },
  };
}

/** The built-in evaluation, saying the LLM was asked first and why it was not used. */
export function fallbackEvaluation(builtin: Evaluation, reason: string): Evaluation {
  return {
    ...builtin,
    evaluator: { ...builtin.evaluator, fallbackFrom: LLM_EVALUATOR_NAME, fallbackReason: reason },
  };
}

/**
 * The evaluation from the model's judgement, checked by the built-in one: the built-in signals;
 * if either flags steering, the lower score and its criteria, with the steering flag kept.
 */
export function mergeJudgement(
  builtin: Evaluation,
  outcome: LlmJudgement,
  input: EvaluationInput,
  evaluator: Evaluation['evaluator'],
): Evaluation {
  const llmScore = scoreFromCriteria(outcome.criteria);
  const steering = [...outcome.redFlags, ...builtin.redFlags].some((f) => f.kind === 'steering');
  const capped = steering && builtin.score < llmScore;
  return {
    score: capped ? builtin.score : llmScore,
    criteria: capped
      ? builtin.criteria.map((c) => ({
          ...c,
          rationale: `Capped at the built-in evaluator's level after a steering attempt. ${c.rationale}`,
        }))
      : outcome.criteria,
    // a point the model skipped takes the built-in's verdict
    coverage: (input.question.expectedPoints ?? []).map(
      (p) =>
        outcome.coverage.find((c) => c.pointId === p.id) ??
        builtin.coverage.find((c) => c.pointId === p.id) ?? {
          pointId: p.id,
          covered: false,
          evidence: null,
        },
    ),
    redFlags: mergeFlags(
      outcome.redFlags,
      builtin.redFlags.filter((f) => f.kind === 'steering'),
    ),
    signals: builtin.signals,
    summary: outcome.summary || builtin.summary,
    evaluator,
    rubricId: input.rubric.id,
    plugin: input.plugin,
  };
}

/** The model's flags, plus the built-in's steering flags unless the model reported the same. */
function mergeFlags(primary: RedFlag[], extra: RedFlag[]): RedFlag[] {
  const merged = [...primary];
  for (const flag of extra) {
    if (!merged.some((f) => f.kind === flag.kind && f.evidence === flag.evidence)) merged.push(flag);
  }
  return merged;
}
