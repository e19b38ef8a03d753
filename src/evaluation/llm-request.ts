import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { PromptTemplate } from '../ai/index.ts';
import { delimit } from '../ai/index.ts';
import { type EvaluationInput, RED_FLAG_KINDS } from './types.ts';

/**
 * What the LLM evaluator sends: the system prompt (rubric, question, expected points; authored
 * by the plugin, trusted) and the candidate's words in separate user messages inside delimiters
 * (untrusted). The question's reference answer, when the bank has one and the prompt reads it
 * (evaluate-answer.v2 on), goes as data too, in the first user message between
 * <reference_answer> tags: a model answer to compare with, never instructions. Built field by
 * field from the input, never by serialising it, so nothing but the question, the rubric, the
 * reference answer and the answers can reach the model: no name, email or ids.
 */

/** Longer answers are cut (the HTTP layer bounds them anyway); quotes are still checked. */
export const MAX_ANSWER_CHARS = 20_000;
/** Contradiction checks look at the latest earlier answers only, each cut to this length. */
export const MAX_EARLIER_ANSWERS = 5;
export const MAX_EARLIER_ANSWER_CHARS = 1_200;
/** The manifest caps a reference answer at this length already; the cut is a second bound. */
export const MAX_REFERENCE_ANSWER_CHARS = 4_000;

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)} [cut]` : text);

/** The answer exactly as the model sees it (cut, not yet neutralised). */
export function answerForModel(input: EvaluationInput): string {
  return cut(input.answer, MAX_ANSWER_CHARS);
}

/** Prompts before evaluate-answer.v2 know nothing of a reference answer: it is not sent to them. */
export const readsReferenceAnswer = (prompt: PromptTemplate) => prompt.text.includes('<reference_answer>');

export function evaluationMessages(
  input: EvaluationInput,
  prompt: PromptTemplate,
): ChatCompletionMessageParam[] {
  return [
    { role: 'system', content: prompt.render(questionValues(input)) },
    ...dataMessages(input, readsReferenceAnswer(prompt)),
  ];
}

/** What the grading prompts' placeholders are filled with: the question, its points, the rubric. */
export function questionValues(input: EvaluationInput): Record<string, string> {
  const { question, rubric } = input;
  const points = question.expectedPoints ?? [];
  return {
    question: question.text,
    follow_up: input.followUpText
      ? `\nThe candidate is answering this follow-up to the question: ${input.followUpText}`
      : '',
    expected_points:
      points.length > 0
        ? points.map((p) => `- ${p.id}: ${p.text}`).join('\n')
        : '(none listed: grade against the rubric only and return an empty coverage list)',
    rubric_id: rubric.id,
    criteria: rubric.criteria
      .map((c) =>
        [
          `## ${c.id}: ${c.name} (weight ${c.weight})`,
          ...(['1', '2', '3', '4', '5'] as const).map((l) => `- level ${l}: ${c.levels[l]}`),
        ].join('\n'),
      )
      .join('\n\n'),
  };
}

/**
 * The question, its expected points and its rubric as one block, for a prompt whose own text
 * stays the same for every question (evaluate-and-reply: a prefix providers can cache).
 */
export function questionBlock(input: EvaluationInput): string {
  const v = questionValues(input);
  return [
    `# The question\n\n${v['question']}${v['follow_up']}`,
    `# Expected points\n\nA strong answer covers these points (id: description):\n${v['expected_points']}`,
    `# Rubric "${v['rubric_id']}"\n\n${v['criteria']}`,
  ].join('\n\n');
}

/**
 * The untrusted data after the system prompt, each in its own delimited user message: the
 * reference answer (when `withReference`), earlier answers and the summary, then the answer.
 */
export function dataMessages(input: EvaluationInput, withReference: boolean): ChatCompletionMessageParam[] {
  const messages: ChatCompletionMessageParam[] = [];
  const reference = input.question.referenceAnswer?.trim();
  if (reference && withReference) {
    messages.push({
      role: 'user',
      content: delimit('reference_answer', cut(reference, MAX_REFERENCE_ANSWER_CHARS)),
    });
  }
  const earlier = input.history.slice(-MAX_EARLIER_ANSWERS);
  if (earlier.length > 0 || input.summary) {
    const body = [
      ...(input.summary
        ? [`Summary of earlier turns:\n${cut(input.summary, MAX_EARLIER_ANSWER_CHARS * 2)}`]
        : []),
      ...earlier.map(
        (h) => `Question: ${h.questionText}\nAnswer: ${cut(h.answer, MAX_EARLIER_ANSWER_CHARS)}`,
      ),
    ].join('\n---\n');
    messages.push({ role: 'user', content: delimit('earlier_answers', body) });
  }
  messages.push({ role: 'user', content: delimit('candidate_answer', answerForModel(input)) });
  return messages;
}

const str = { type: 'string' } as const;
const nullableStr = { type: ['string', 'null'] } as const;
const obj = (properties: Record<string, unknown>) => ({
  type: 'object',
  additionalProperties: false,
  required: Object.keys(properties),
  properties,
});

/**
 * The Structured Outputs schema (strict mode). Keys are generated in schema order, so the model
 * states red flags (steering first of all) and cites evidence before it commits to a level.
 */
export function evaluationSchema(input: EvaluationInput): Record<string, unknown> {
  const pointIds = (input.question.expectedPoints ?? []).map((p) => p.id);
  return obj({
    redFlags: {
      type: 'array',
      items: obj({ kind: { type: 'string', enum: [...RED_FLAG_KINDS] }, detail: str, evidence: nullableStr }),
    },
    coverage: {
      type: 'array',
      items: obj({
        pointId: pointIds.length > 0 ? { type: 'string', enum: pointIds } : str,
        covered: { type: 'boolean' },
        evidence: nullableStr,
      }),
    },
    criteria: {
      type: 'array',
      items: obj({
        criterionId: { type: 'string', enum: input.rubric.criteria.map((c) => c.id) },
        evidence: { type: 'array', items: str },
        rationale: str,
        level: { type: 'integer', enum: [1, 2, 3, 4, 5] },
      }),
    },
    summary: str,
  });
}
