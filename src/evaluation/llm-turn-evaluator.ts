import type { OpenAI } from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import {
  addUsage,
  checkReply,
  delimit,
  type LlmCall,
  LlmFailure,
  leadingStringField,
  loadPrompt,
  MAX_REPLY_CHARS,
  NO_USAGE,
  nameStream,
  neutralizeDelimiters,
  streamChat,
  toLlmFailure,
  withRetries,
} from '../ai/index.ts';
import {
  fallbackEvaluation,
  LLM_EVALUATOR_NAME,
  LLM_EVALUATOR_RELEASE,
  mergeJudgement,
} from './llm-evaluator.ts';
import { parseJudgement } from './llm-output.ts';
import { answerForModel, dataMessages, questionBlock } from './llm-request.ts';
import { type Evaluation, type EvaluationInput, RED_FLAG_KINDS } from './types.ts';

/**
 * One model call per interview turn: the model words the interviewer's next message (chosen by
 * the interview engine, given as a draft) and grades the answer, in one structured response
 * whose first property is the reply, so the reply streams to the candidate (`onReplyText`) long
 * before the grading is written. The grading is checked and merged exactly as the LLM evaluator
 * does (llm-evaluator.ts): the built-in evaluation comes in, its steering flags cap the score,
 * and any failure returns it, marked with fallbackFrom. A reply streamed whole before a failure
 * (the grading after it malformed or cut) is still used.
 *
 * For providers' prompt caching, everything that never varies comes first: the response schema
 * (no per-question enums: ids are checked after parsing) and the prompt's fixed text; then the
 * interview (role, company), the question with its points and rubric, and the delimited data.
 */

export const TURN_PROMPT_VERSION = 1;

export interface TurnWording {
  /** the engine's draft of the next message, with NAME_TOKEN where the first name goes */
  draft: string;
  /** what kind of message it is, in words (e.g. "follow-up question on the previous answer") */
  kind: string;
  phase: string;
  company: string;
  roleTitle: string;
  /** put back in place of NAME_TOKEN; never sent */
  firstName?: string | undefined;
}

export interface TurnCallOptions {
  /** epoch milliseconds by which the call is over, retries included */
  deadline: number;
  /** the reply as it streams, the name in place; `restart`: a retry starts it over */
  onReplyText?: ((text: string, restart: boolean) => void) | undefined;
  onCall?: ((call: LlmCall) => void) | undefined;
}

export interface TurnCallResult {
  /** the model's grading checked by the built-in one, or the built-in one (fallbackFrom) */
  evaluation: Evaluation;
  /** the model's wording of the draft, checked, the name in place; undefined when unusable */
  reply: string | undefined;
}

export interface LlmTurnEvaluator {
  readonly name: string;
  readonly version: string;
  /** `builtin`: the built-in evaluation of the same input (run first by the caller) */
  evaluateAndWord(
    input: EvaluationInput,
    builtin: Evaluation,
    wording: TurnWording,
    options: TurnCallOptions,
  ): Promise<TurnCallResult>;
}

export interface LlmTurnEvaluatorOptions {
  client: OpenAI;
  model: string;
  /** retries of a failed call within the deadline (default: the client's) */
  maxRetries?: number | undefined;
  /** bound on one attempt (default: the client's timeout) */
  attemptTimeoutMs?: number | undefined;
  logger?: { warn(obj: object, msg: string): void } | undefined;
}

const MAX_COMPLETION_TOKENS = 3_400;

const str = { type: 'string' } as const;
const nullableStr = { type: ['string', 'null'] } as const;
const obj = (properties: Record<string, unknown>) => ({
  type: 'object',
  additionalProperties: false,
  required: Object.keys(properties),
  properties,
});

/** The same for every turn of every interview, so it stays inside the cached prefix. */
export const TURN_SCHEMA = obj({
  reply: str,
  redFlags: {
    type: 'array',
    items: obj({ kind: { type: 'string', enum: [...RED_FLAG_KINDS] }, detail: str, evidence: nullableStr }),
  },
  coverage: {
    type: 'array',
    items: obj({ pointId: str, covered: { type: 'boolean' }, evidence: nullableStr }),
  },
  criteria: {
    type: 'array',
    items: obj({
      criterionId: str,
      evidence: { type: 'array', items: str },
      rationale: str,
      level: { type: 'integer', enum: [1, 2, 3, 4, 5] },
    }),
  },
  summary: str,
});

export function createLlmTurnEvaluator(opts: LlmTurnEvaluatorOptions): LlmTurnEvaluator {
  const prompt = loadPrompt('evaluate-and-reply', TURN_PROMPT_VERSION);
  const fixed = prompt.render({ max_reply_chars: String(MAX_REPLY_CHARS) });
  const version = `${LLM_EVALUATOR_RELEASE}+${opts.model}+${prompt.id}`;
  const evaluator = { name: LLM_EVALUATOR_NAME, version };

  const messages = (input: EvaluationInput, w: TurnWording): ChatCompletionMessageParam[] => [
    {
      role: 'system',
      content: `${fixed}\n\n# This interview\n\nFor the ${w.roleTitle} role at ${w.company}.\n\n${questionBlock(input)}`,
    },
    ...dataMessages(input, true),
    {
      role: 'user',
      content: `Word this ${w.kind} of the ${w.phase} phase:\n${delimit('interviewer_draft', w.draft)}`,
    },
  ];

  return {
    ...evaluator,
    async evaluateAndWord(input, builtin, wording, options) {
      let usage = NO_USAGE;
      let attempts = 0;
      let shown = false;
      // the reply as the model wrote it in the latest attempt, and whether it was read whole
      let reply = '';
      let replyDone = () => false;
      const record = (outcome: LlmCall['outcome']) =>
        attempts > 0 && options.onCall?.({ purpose: 'turn', model: opts.model, usage, attempts, outcome });
      const checked = () => {
        try {
          return replyDone() ? checkReply(reply, wording.draft, wording.firstName) : undefined;
        } catch {
          return undefined;
        }
      };
      try {
        const completion = await withRetries(
          {
            deadline: options.deadline,
            maxRetries: opts.maxRetries ?? opts.client.maxRetries,
            attemptTimeoutMs: opts.attemptTimeoutMs ?? opts.client.timeout,
          },
          (n, timeoutMs) => {
            attempts = n;
            reply = '';
            let restart = shown;
            const named = nameStream(wording.firstName, (piece) => {
              options.onReplyText?.(piece, restart);
              restart = false;
              shown = true;
            });
            const field = leadingStringField('reply', (text) => {
              reply += text;
              named.push(text);
            });
            replyDone = () => field.complete;
            return streamChat(
              opts.client,
              {
                model: opts.model,
                messages: messages(input, wording),
                temperature: 0,
                maxCompletionTokens: MAX_COMPLETION_TOKENS,
              },
              { name: 'answer_evaluation', schema: TURN_SCHEMA },
              {
                timeoutMs,
                onContent: (delta) => {
                  field.push(delta);
                  if (field.complete) named.flush();
                },
                onUsage: (u) => {
                  usage = addUsage(usage, u);
                },
              },
            );
          },
        );
        let raw: { reply?: unknown };
        try {
          raw = JSON.parse(completion.content);
        } catch (err) {
          throw new LlmFailure('malformed_json', 'the model did not return valid JSON', { cause: err });
        }
        const judgement = parseJudgement(raw, input, neutralizeDelimiters(answerForModel(input)));
        record('ok');
        // a reply the stream did not yield (not first in the object) is read from the whole
        if (!replyDone() && typeof raw.reply === 'string') {
          reply = raw.reply;
          replyDone = () => true;
        }
        return { evaluation: mergeJudgement(builtin, judgement, input, evaluator), reply: checked() };
      } catch (err) {
        const failure = toLlmFailure(err);
        record(failure.reason);
        opts.logger?.warn(
          { evaluator: LLM_EVALUATOR_NAME, reason: failure.reason, err: failure.message },
          'LLM turn failed; using the built-in evaluation',
        );
        return { evaluation: fallbackEvaluation(builtin, failure.reason), reply: checked() };
      }
    },
  };
}
