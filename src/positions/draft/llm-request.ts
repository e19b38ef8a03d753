import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { delimit, type PromptTemplate } from '../../ai/index.ts';
import { PHASES, type Quotas } from '../../plugins/index.ts';

/**
 * What the LLM drafter sends: the system prompt (ours, trusted: the interview's length, phases
 * and language) and the job title and description in their own user message between
 * <job_description> tags (untrusted: a recruiter's text or a copied advertisement). A repair
 * request adds the model's own reply and the validation problems, between <validation_problems>
 * tags: the problems quote the model's output, so they are data too.
 */

/** Longer descriptions are cut; the HTTP layer bounds them anyway. */
export const MAX_JOB_DESCRIPTION_CHARS = 20_000;
/** Problems sent back to the model at most: the first ones are enough to correct a reply. */
export const MAX_PROBLEMS_SENT = 30;

/** Proposals per turn of a phase, as in a draft from the banks. */
const QUESTIONS_PER_TURN = 2;

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)} [cut]` : text);

export interface DraftRequestInput {
  title: string;
  description: string;
  length: number;
  language: string;
  quotas: Quotas;
}

export function draftMessages(
  input: DraftRequestInput,
  prompt: PromptTemplate,
): ChatCompletionMessageParam[] {
  const system = prompt.render({
    language: input.language,
    length: String(input.length),
    phase_plan: PHASES.map((phase) => {
      const turns = input.quotas[phase];
      return `- ${phase}: ${turns} ${turns === 1 ? 'turn' : 'turns'}; propose ${turns * QUESTIONS_PER_TURN} questions`;
    }).join('\n'),
  });
  const job = `Job title: ${input.title}\n\n${cut(input.description, MAX_JOB_DESCRIPTION_CHARS)}`;
  return [
    { role: 'system', content: system },
    { role: 'user', content: delimit('job_description', job) },
  ];
}

/** The first request, the model's reply (when it was JSON at all) and the problems found in it. */
export function repairMessages(
  first: ChatCompletionMessageParam[],
  reply: unknown,
  problems: { path: string; message: string }[],
): ChatCompletionMessageParam[] {
  const listed = problems
    .slice(0, MAX_PROBLEMS_SENT)
    .map((p) => `- ${p.path || '(the whole reply)'}: ${p.message}`);
  if (problems.length > MAX_PROBLEMS_SENT) listed.push(`- and ${problems.length - MAX_PROBLEMS_SENT} more`);
  return [
    ...first,
    ...(reply === undefined ? [] : [{ role: 'assistant' as const, content: JSON.stringify(reply) }]),
    { role: 'user', content: delimit('validation_problems', listed.join('\n')) },
  ];
}

const str = { type: 'string' } as const;
const obj = (properties: Record<string, unknown>) => ({
  type: 'object',
  additionalProperties: false,
  required: Object.keys(properties),
  properties,
});
const list = (items: unknown) => ({ type: 'array', items });

/**
 * The Structured Outputs schema (strict mode: every key required, optional ones nullable). Keys
 * come in the order the model writes them: competencies and rubrics first, then the questions
 * that refer to them. Lengths, id patterns and references are checked after, by the position
 * design schema and the plugin manifest validator.
 */
export function draftSchema(): Record<string, unknown> {
  const levels = obj(Object.fromEntries(['1', '2', '3', '4', '5'].map((l) => [l, str])));
  return obj({
    competencies: list(obj({ id: str, name: str, description: str })),
    rubrics: list(
      obj({
        id: str,
        competency: str,
        criteria: list(obj({ id: str, name: str, weight: { type: 'number' }, levels })),
      }),
    ),
    questions: list(
      obj({
        id: str,
        phase: { type: 'string', enum: [...PHASES] },
        text: str,
        competencies: list(str),
        difficulty: { type: 'integer', enum: [1, 2, 3, 4, 5] },
        expectedPoints: list(obj({ id: str, text: str, keywords: list(str) })),
        referenceAnswer: { type: ['string', 'null'] },
        followUps: list(
          obj({
            id: str,
            text: str,
            when: { anyOf: [obj({ missingPoint: str }), obj({ scoreBelow: { type: 'number' } })] },
          }),
        ),
        rubric: str,
      }),
    ),
  });
}
