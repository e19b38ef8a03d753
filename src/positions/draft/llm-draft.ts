import type { OpenAI } from 'openai';
import { chatJson, LlmFailure, loadPrompt } from '../../ai/index.ts';
import { AppError } from '../../errors/index.ts';
import { INTERVIEW_LENGTH, Locale, type ManifestProblem, planQuotas } from '../../plugins/index.ts';
import { checkDraft, type DraftContext } from './check-draft.ts';
import { draftMessages, draftSchema, repairMessages } from './llm-request.ts';
import type { Draft, DraftPick } from './types.ts';

/**
 * A first interview design written by an LLM from a job description: the tenant's own questions,
 * competencies and behaviourally anchored rubrics, as structured JSON output. The job description
 * travels as data in its own delimited message, never in the instructions. The reply is used only
 * if all of it validates (check-draft.ts); otherwise the model is sent the problems once and asked
 * for a corrected reply, and a second invalid reply is an `invalid_design` error (422) listing the
 * problems. Never half a draft.
 *
 * Other model failures (timeout, HTTP error, refusal, a reply cut at the token limit) are thrown
 * as they are, an LlmFailure: the caller decides (e.g. a 503, or a draft from the banks instead).
 */

export interface DraftWithLlmInput {
  client: OpenAI;
  model: string;
  title: string;
  description: string;
  /** interview length in turns (default 10) */
  length?: number;
  /** BCP 47 tag of the interview's language (default 'en') */
  language?: string;
  /** default 0; null omits it (for models that reject temperature) */
  temperature?: number | null;
  /** bound on each call including the SDK's retries; default: the client's timeout and retries */
  deadlineMs?: number;
}

const PROMPT_VERSION = 1;
/** A design of 30 turns with rubrics is long; the limit only stops runaway replies. */
const MAX_COMPLETION_TOKENS = 16_000;
export const LLM_DRAFT_WHY = 'drafted by the model from the job description';

const NOT_JSON = Symbol('not JSON');
const notJson = (): { ok: false; problems: ManifestProblem[] } => ({
  ok: false,
  problems: [{ path: '', message: 'the reply is not valid JSON' }],
});

export async function draftWithLlm(input: DraftWithLlmInput): Promise<Draft> {
  const ctx = draftContext(input);
  const prompt = loadPrompt('draft-position', PROMPT_VERSION);
  const first = draftMessages(ctx, prompt);
  const ask = async (messages: typeof first) => {
    try {
      return await chatJson(
        input.client,
        {
          model: input.model,
          messages,
          temperature: input.temperature,
          maxCompletionTokens: MAX_COMPLETION_TOKENS,
          deadlineMs: input.deadlineMs,
        },
        { name: 'position_draft', schema: draftSchema() },
      );
    } catch (err) {
      // a reply that is not JSON at all is invalid output, like one that does not validate
      if (err instanceof LlmFailure && err.reason === 'malformed_json') return NOT_JSON;
      throw err;
    }
  };

  const reply = await ask(first);
  let check = reply === NOT_JSON ? notJson() : checkDraft(reply, ctx);
  let repaired = false;
  if (!check.ok) {
    const second = await ask(repairMessages(first, reply === NOT_JSON ? undefined : reply, check.problems));
    check = second === NOT_JSON ? notJson() : checkDraft(second, ctx);
    repaired = true;
  }
  if (!check.ok) {
    throw new AppError(
      'invalid_design',
      "The model's draft did not validate, also after it was asked to correct it. Try again, or draft from the installed question banks.",
      { errors: check.problems },
    );
  }

  const { design } = check;
  const names = new Map(design.competencies.map((c) => [c.id, c.name]));
  const picks = design.questions.map(
    (q): DraftPick => ({
      ref: q.id,
      pluginId: null,
      questionId: q.id,
      phase: q.phase,
      text: q.text,
      competencies: q.competencies.map((id) => names.get(id) ?? id),
      score: 0,
      why: LLM_DRAFT_WHY,
    }),
  );
  const notes = [
    `Drafted by ${input.model} (prompt ${prompt.id}): review every question and rubric before saving.`,
    ...(repaired ? ["The model's first draft did not validate; this is its corrected draft."] : []),
  ];
  return { source: 'llm', design, picks, notes };
}

/** The caller's settings, checked: a bad one is the caller's error (400), not the model's. */
function draftContext(input: DraftWithLlmInput): DraftContext {
  const length = input.length ?? INTERVIEW_LENGTH.default;
  const language = input.language ?? 'en';
  const errors: { path: string; message: string }[] = [];
  if (!input.title.trim()) errors.push({ path: '/title', message: 'the job title is empty' });
  if (!input.description.trim())
    errors.push({ path: '/description', message: 'the job description is empty' });
  if (!Number.isInteger(length) || length < INTERVIEW_LENGTH.min || length > INTERVIEW_LENGTH.max)
    errors.push({
      path: '/length',
      message: `an interview has ${INTERVIEW_LENGTH.min} to ${INTERVIEW_LENGTH.max} turns`,
    });
  if (!Locale.safeParse(language).success)
    errors.push({ path: '/language', message: 'a BCP 47 tag like en or en-US' });
  if (errors.length > 0) throw new AppError('validation_failed', undefined, { errors });
  return {
    title: input.title.trim(),
    description: input.description.trim(),
    length,
    language,
    quotas: planQuotas(length),
  };
}
