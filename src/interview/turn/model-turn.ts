import type { OpenAI } from 'openai';
import {
  composeFromTemplate,
  type InterviewerVoice,
  type LlmCall,
  NAME_TOKEN,
  type ReplyContext,
  replyKindLabel,
} from '../../ai/index.ts';
import type { Interview } from '../../db/index.ts';
import {
  createLlmTurnEvaluator,
  type Evaluation,
  type Evaluator,
  type LlmTurnEvaluator,
} from '../../evaluation/index.ts';
import type { Metrics } from '../../observability/index.ts';
import type { Manifest } from '../../plugins/index.ts';
import type { RealtimeEmitter } from '../../realtime/index.ts';
import type { StoredSummary } from '../conversation/context.ts';
import { modelContext } from '../conversation/model-context.ts';
import type { LiveState } from '../lifecycle/session-store.ts';
import { type PlannedStep, planFrom, planNext } from '../next-question/plan.ts';
import { replyDeltas } from './reply-deltas.ts';

/**
 * A turn in LLM mode, in one model call where one suffices: the strategy decides what is asked
 * next from the evaluation, and the model only words it, so the plan must be known before the
 * call. The built-in evaluation (milliseconds, and run on every answer anyway) gives it: the call
 * words that plan's reply, first, streamed to the candidate's room as it is written, and grades
 * the answer after it. The plan is then made again from the evaluation the turn keeps (the
 * model's, checked by the built-in one). It is the same plan on a common turn; where the
 * evaluations disagree on what comes next (a follow-up, a difficulty step), the plan from the kept
 * evaluation wins and a second call words its reply, streamed over the first. The model never
 * chooses the next question. Every call ends within the turn's budget, then the templates answer.
 */

export interface TurnModel {
  /** the built-in evaluator: run first, it plans the reply and checks the model's grading */
  builtin: Evaluator;
  /** grades and words in one call */
  evaluator: LlmTurnEvaluator;
  /** words a reply alone (another plan, an unjudgeable answer, a stored evaluation) */
  voice: InterviewerVoice;
  /** tokens of earlier turns one call carries (LLM_CONTEXT_TOKEN_BUDGET) */
  contextTokens: number;
  /** every model call of a turn ends within this (LLM_TURN_BUDGET_MS) */
  turnBudgetMs: number;
  /** counts every call's tokens and outcome (Prometheus) */
  onCalls?: ((calls: LlmCall[]) => void) | undefined;
}

/** What a turn's read gave: the interview, its bank and live state, and the turn's context. */
export interface TurnRead {
  interview: Interview;
  manifest: Manifest;
  live: LiveState;
  context: {
    input: Parameters<Evaluator['evaluate']>[0];
    /** answered turns after the stored summary, oldest first */
    pending: { turn: number; questionId: string; questionText: string; answer: string }[];
    summary: StoredSummary | undefined;
  };
}

export interface ModelTurn {
  fresh: Evaluation;
  planned: PlannedStep;
  calls: LlmCall[];
}

/** The draft the templates write for a reply, the first name as NAME_TOKEN (never sent). */
const draftOf = (reply: ReplyContext) =>
  composeFromTemplate({ ...reply, candidateFirstName: reply.candidateFirstName ? NAME_TOKEN : undefined });

export async function prepareWithModel(
  model: TurnModel,
  events: RealtimeEmitter,
  read: TurnRead,
): Promise<ModelTurn> {
  const { interview, manifest, live, context } = read;
  const builtin = await model.builtin.evaluate(context.input);
  // the budget is the model calls' own, from here
  const deadline = Date.now() + model.turnBudgetMs;
  const calls: LlmCall[] = [];
  const replyTurn = live.strategy.turns.at(-1)!.turn + 1;
  const deltas = replyDeltas(events, interview.tenantId, interview.id, replyTurn);
  const hooks = {
    deadline,
    onCall: (call: LlmCall) => calls.push(call),
    onText: (text: string, restart: boolean) => deltas.push(text, restart),
  };

  // An answer that cannot be judged is never graded by the model: its reply is all there is to word.
  if (builtin.unscorable) {
    const planned = await planNext(model.voice, interview, manifest, live, builtin, hooks);
    return { fresh: builtin, planned, calls };
  }

  const predicted = planFrom(interview, manifest, live, builtin);
  const earlier = await modelContext(context.pending, context.summary, model.contextTokens);
  const questionOf = new Map(context.pending.map((e) => [e.turn, e.questionId]));
  const input = {
    ...context.input,
    history: earlier.recent.map((e) => ({
      questionId: questionOf.get(e.turn)!,
      questionText: e.questionText,
      answer: e.answer,
    })),
    summary: earlier.summary,
  };
  const result = await model.evaluator.evaluateAndWord(
    input,
    builtin,
    {
      draft: draftOf(predicted.reply),
      kind: replyKindLabel(predicted.reply.kind),
      phase: predicted.reply.phase,
      company: predicted.reply.company,
      roleTitle: predicted.reply.roleTitle,
      firstName: predicted.reply.candidateFirstName,
    },
    { deadline, onReplyText: hooks.onText, onCall: hooks.onCall },
  );

  // The strategy decides from the evaluation kept; the reply worded holds if its plan is the same.
  const fresh = result.evaluation;
  const plan = planFrom(interview, manifest, live, fresh);
  let reply = result.reply;
  if (reply === undefined || draftOf(plan.reply) !== draftOf(predicted.reply)) {
    if (deltas.shown) deltas.startOver();
    reply = await model.voice.compose(plan.reply, hooks);
  }
  return { fresh, planned: { evaluation: fresh, state: plan.state, step: plan.step, reply }, calls };
}

/** The turn model of a configuration with OPENAI_API_KEY set. */
export function createTurnModel(input: {
  client: OpenAI;
  openai: {
    model: string;
    maxRetries: number;
    timeoutMs: number;
    contextTokens: number;
    turnBudgetMs: number;
  };
  builtin: Evaluator;
  voice: InterviewerVoice;
  logger?: { warn(obj: object, msg: string): void } | undefined;
  metrics?: Pick<Metrics, 'llmCalls' | 'llmTokens'> | undefined;
}): TurnModel {
  const { openai, metrics } = input;
  return {
    builtin: input.builtin,
    evaluator: createLlmTurnEvaluator({
      client: input.client,
      model: openai.model,
      maxRetries: openai.maxRetries,
      attemptTimeoutMs: openai.timeoutMs,
      logger: input.logger,
    }),
    voice: input.voice,
    contextTokens: openai.contextTokens,
    turnBudgetMs: openai.turnBudgetMs,
    onCalls: metrics
      ? (calls) => {
          for (const c of calls) {
            metrics.llmCalls.inc({ purpose: c.purpose, outcome: c.outcome });
            metrics.llmTokens.inc({ kind: 'prompt' }, c.usage.promptTokens);
            metrics.llmTokens.inc({ kind: 'cached' }, c.usage.cachedTokens);
            metrics.llmTokens.inc({ kind: 'completion' }, c.usage.completionTokens);
          }
        }
      : undefined,
  };
}
