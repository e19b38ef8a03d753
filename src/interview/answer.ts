import { createHash } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import {
  Answer,
  EvaluationRecord,
  IdempotentResponse,
  Interview,
  InterviewTurn,
  type TenantEm,
  withTenant,
} from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import type { Report } from '../evaluation/report.ts';
import type { Evaluation, EvaluationInput } from '../evaluation/types.ts';
import { loadManifest, type Manifest } from '../plugins/index.ts';
import { buildContext } from './conversation.ts';
import type { InterviewDeps } from './deps.ts';
import { loadLiveState, type StateView, stateView } from './live-state.ts';
import { composeReply } from './replies.ts';
import { persistReport } from './reports.ts';
import type { LiveState } from './session-store.ts';
import { advance } from './strategy.ts';

export const MAX_ANSWER_CHARS = 20_000;

export interface AnswerInput {
  answerText: string;
  turn?: number | undefined;
}

export interface AnswerResponse {
  state: StateView;
  /** what the interviewer says next: the next question, or the closing */
  nextReply: string;
  /** the evaluation of this answer */
  evaluation: Evaluation & { turn: number };
  /** present when this answer completed the interview */
  report?: Report;
}

const lockInterview = async (em: TenantEm, id: string) => {
  const interview = await em.findOne(Interview, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!interview) throw new AppError('not_found', 'No such interview');
  return interview;
};

/** What step 2 needs, when step 1 already had it at hand (saves a transaction per answer). */
interface Prepared {
  answerId: string;
  stored: Evaluation | undefined;
  context: Awaited<ReturnType<typeof evaluationInput>> | undefined;
}

type Recorded =
  | { kind: 'replay'; body: AnswerResponse }
  | { kind: 'process'; turn: number; prepared?: Prepared };

/**
 * Step 1: store the answer for the turn awaiting one (unique per interview and turn), under a
 * lock on the interview row so concurrent submissions serialise. A repeated Idempotency-Key
 * replays the first response; the same answer to a turn whose processing was interrupted
 * resumes it instead of failing.
 */
async function recordAnswer(
  deps: InterviewDeps,
  em: TenantEm,
  interviewId: string,
  input: AnswerInput,
  idempotency: { key: string; hash: string } | undefined,
): Promise<Recorded> {
  const interview = await lockInterview(em, interviewId);
  const scope = `interview:${interviewId}:answer`;
  if (idempotency) {
    const prior = await em.findOne(IdempotentResponse, { scope, key: idempotency.key });
    if (prior) {
      if (prior.requestHash !== idempotency.hash) {
        throw new AppError('idempotency_key_reused', 'This Idempotency-Key was used with a different answer');
      }
      if (prior.status === 0)
        throw new AppError('idempotency_in_progress', 'The first request with this key is still running');
      return { kind: 'replay', body: prior.body as AnswerResponse };
    }
  }
  if (interview.status !== 'in_progress') {
    throw new AppError('interview_not_active', `The interview is ${interview.status.replace('_', ' ')}`);
  }
  if (input.turn !== undefined && input.turn !== interview.turn) {
    throw new AppError(
      'turn_mismatch',
      `Turn ${interview.turn} is awaiting an answer, not turn ${input.turn}`,
      {
        expectedTurn: interview.turn,
      },
    );
  }
  const existing = await em.findOne(Answer, { interviewId, turn: interview.turn });
  if (existing && existing.text !== input.answerText) {
    throw new AppError('turn_already_answered', `Turn ${interview.turn} already has an answer`, {
      expectedTurn: interview.turn,
    });
  }
  const answer =
    existing ??
    em.create(Answer, {
      tenantId: interview.tenantId,
      interviewId,
      turn: interview.turn,
      text: input.answerText,
    });
  if (idempotency) {
    em.create(IdempotentResponse, {
      tenantId: interview.tenantId,
      scope,
      key: idempotency.key,
      requestHash: idempotency.hash,
      status: 0,
      body: {},
    });
  }
  await em.flush();
  if (existing) return { kind: 'process', turn: interview.turn }; // resuming: step 2 looks for itself
  const manifest = await loadManifest(em, interview.pluginId, interview.pluginVersion);
  const context = await evaluationInput(deps, em, interview, manifest, interview.turn);
  return {
    kind: 'process',
    turn: interview.turn,
    prepared: { answerId: answer.id, stored: undefined, context },
  };
}

export interface ProcessResult {
  evaluation: Evaluation;
  live: LiveState;
  interview: Interview;
  manifest: Manifest;
  reply: string;
  report: Report | undefined;
}

/** Token budget for earlier turns in the evaluator's context (the rest is folded into a summary). */
export const HISTORY_BUDGET_TOKENS = 1_500;

/**
 * The evaluator's input for a turn: question, rubric, the answer, and earlier turns as data —
 * recent ones verbatim, older ones folded into the conversation summary (returned for storing).
 */
async function evaluationInput(
  deps: InterviewDeps,
  em: TenantEm,
  interview: Interview,
  manifest: Manifest,
  turn: number,
) {
  const turns = await em.find(
    InterviewTurn,
    { interviewId: interview.id, turn: { $lte: turn } },
    { orderBy: { turn: 'asc' } },
  );
  const answers = await em.find(Answer, { interviewId: interview.id, turn: { $lte: turn } });
  const answerByTurn = new Map(answers.map((a) => [a.turn, a.text]));
  const current = turns.find((t) => t.turn === turn)!;
  const question = manifest.questions.find((q) => q.id === current.questionId)!;
  const rubric = manifest.rubrics.find((r) => r.id === question.rubric)!;
  const earlier = turns.filter((t) => t.turn < turn && answerByTurn.has(t.turn));
  const context = await buildContext({
    exchanges: earlier.map((t) => ({
      turn: t.turn,
      questionText: t.prompt,
      answer: answerByTurn.get(t.turn)!,
    })),
    budgetTokens: HISTORY_BUDGET_TOKENS,
    summarizer: deps.summarizer,
    stored: interview.summary
      ? { text: interview.summary, throughTurn: interview.summaryThroughTurn }
      : undefined,
  });
  const questionOf = new Map(earlier.map((t) => [t.turn, t.questionId]));
  const input: EvaluationInput = {
    question,
    rubric,
    followUpText: current.followUpId ? current.prompt : undefined,
    answer: answerByTurn.get(turn)!,
    history: context.recent.map((e) => ({
      questionId: questionOf.get(e.turn)!,
      questionText: e.questionText,
      answer: e.answer,
    })),
    summary: context.summary,
    plugin: { id: interview.pluginId, version: interview.pluginVersion },
  };
  const summary =
    context.summary && (context.summaryThroughTurn ?? 0) > interview.summaryThroughTurn
      ? { text: context.summary, throughTurn: context.summaryThroughTurn! }
      : undefined;
  return { input, summary };
}

/**
 * Step 2: evaluate a stored answer and move the interview on: store the evaluation (once per
 * turn), pick the next question or complete the interview with its report. Safe to run again
 * for the same turn (at-least-once jobs): every effect is keyed by (interview, turn).
 */
export async function processAnswer(
  deps: InterviewDeps,
  tenantId: string,
  interviewId: string,
  turn: number,
  preparedByStep1?: Prepared,
): Promise<ProcessResult> {
  const prepared: Prepared =
    preparedByStep1 ??
    (await withTenant(deps.orm, tenantId, async (em) => {
      const interview = await em.findOneOrFail(Interview, { id: interviewId });
      const manifest = await loadManifest(em, interview.pluginId, interview.pluginVersion);
      const answer = await em.findOneOrFail(Answer, { interviewId, turn });
      const stored = await em.findOne(EvaluationRecord, { interviewId, turn });
      const context = stored ? undefined : await evaluationInput(deps, em, interview, manifest, turn);
      return { answerId: answer.id, stored: stored?.result as Evaluation | undefined, context };
    }));
  // Evaluate outside any transaction: an LLM call must not hold a database connection.
  const fresh = prepared.stored ?? (await deps.evaluator.evaluate(prepared.context!.input));
  const newSummary = prepared.context?.summary;

  const result = await withTenant(deps.orm, tenantId, async (em) => {
    const interview = await lockInterview(em, interviewId);
    const manifest = await loadManifest(em, interview.pluginId, interview.pluginVersion);
    const inserted = await em.execute<{ id: string }[]>(
      `insert into evaluations (id, tenant_id, interview_id, turn, answer_id, score, result, evaluator_name,
         evaluator_version, rubric_id, plugin_id, plugin_version)
       values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?) on conflict (interview_id, turn) do nothing returning id`,
      [
        new EvaluationRecord().id,
        tenantId,
        interviewId,
        turn,
        prepared.answerId,
        fresh.score,
        JSON.stringify(fresh),
        fresh.evaluator.name,
        fresh.evaluator.version,
        fresh.rubricId,
        fresh.plugin.id,
        fresh.plugin.version,
      ],
    );
    // A concurrent or earlier run won: use what is stored, never a second opinion.
    const evaluation =
      inserted.length > 0
        ? fresh
        : ((await em.findOneOrFail(EvaluationRecord, { interviewId, turn })).result as Evaluation);

    if (newSummary && newSummary.throughTurn > interview.summaryThroughTurn) {
      interview.summary = newSummary.text;
      interview.summaryThroughTurn = newSummary.throughTurn;
    }
    let live = await loadLiveState(em, deps.sessions, interview);
    live = { ...live, lastEvaluated: { turn, score: evaluation.score } };
    if (interview.status !== 'in_progress' || interview.turn !== turn) {
      // Already moved on (a re-run): answer with the reply that was stored for the next turn.
      const next = await em.findOne(InterviewTurn, { interviewId, turn: turn + 1 });
      const report = interview.status === 'in_progress' ? undefined : await persistReport(em, interview);
      return { evaluation, live, interview, manifest, reply: next?.reply ?? '', report };
    }

    const outcome = {
      score: evaluation.score,
      missingPointIds: evaluation.coverage.filter((p) => !p.covered).map((p) => p.pointId),
    };
    const { state, step } = advance(manifest.questions, live.strategy, outcome);

    const previous = live.strategy.turns.at(-1)!;
    const reply = await composeReply(
      deps.voice,
      {
        company: live.names.company,
        roleTitle: interview.roleTitle,
        candidateName: live.names.candidate,
        totalTurns: interview.length,
      },
      step,
      previous.turn + 1,
      previous.phase,
    );

    let report: Report | undefined;
    if (step.kind === 'end') {
      interview.status = 'completed';
      interview.endedAt = new Date();
      await em.flush();
      report = await persistReport(em, interview);
    } else {
      const next = state.turns.at(-1)!;
      em.create(InterviewTurn, {
        tenantId,
        interviewId,
        turn: next.turn,
        kind: next.kind,
        phase: next.phase,
        questionId: next.questionId,
        followUpId: next.followUpId,
        difficulty: next.difficulty,
        prompt: step.kind === 'follow_up' ? step.followUp.text : step.question.text,
        reply,
      });
      interview.turn = next.turn;
      await em.flush();
    }
    live = { ...live, status: interview.status, strategy: state };
    return { evaluation, live, interview, manifest, reply, report };
  });
  await deps.sessions.set(result.live).catch(() => undefined);
  return result;
}

const requestHash = (input: AnswerInput) =>
  createHash('sha256')
    .update(JSON.stringify([input.answerText, input.turn ?? null]))
    .digest('hex');

/** Submit an answer and get the evaluation and the interviewer's next reply (the seed's shape). */
export async function submitAnswer(
  deps: InterviewDeps,
  tenantId: string,
  interviewId: string,
  input: AnswerInput,
  idempotencyKey?: string,
): Promise<AnswerResponse> {
  if (input.answerText.length > MAX_ANSWER_CHARS) {
    throw new AppError('answer_too_long', `Answers are limited to ${MAX_ANSWER_CHARS} characters`);
  }
  const idempotency = idempotencyKey ? { key: idempotencyKey, hash: requestHash(input) } : undefined;
  const recorded = await withTenant(deps.orm, tenantId, (em) =>
    recordAnswer(deps, em, interviewId, input, idempotency),
  );
  if (recorded.kind === 'replay') return recorded.body;

  try {
    const r = await processAnswer(deps, tenantId, interviewId, recorded.turn, recorded.prepared);
    const body: AnswerResponse = {
      state: stateView(r.live, r.interview, r.manifest),
      nextReply: r.reply,
      evaluation: { ...r.evaluation, turn: recorded.turn },
      ...(r.report ? { report: r.report } : {}),
    };
    if (idempotency) {
      await withTenant(deps.orm, tenantId, (em) =>
        em.nativeUpdate(
          IdempotentResponse,
          { scope: `interview:${interviewId}:answer`, key: idempotency.key },
          { status: 200, body },
        ),
      );
    }
    return body;
  } catch (err) {
    // Let a retry with the same key run again instead of waiting on a request that died.
    if (idempotency) {
      await withTenant(deps.orm, tenantId, (em) =>
        em.nativeDelete(IdempotentResponse, {
          scope: `interview:${interviewId}:answer`,
          key: idempotency.key,
          status: 0,
        }),
      ).catch(() => undefined);
    }
    throw err;
  }
}
