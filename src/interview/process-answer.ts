import type { Exchange } from '../ai/types.ts';
import {
  Answer,
  EvaluationRecord,
  Interview,
  InterviewTurn,
  type TenantEm,
  withTenant,
} from '../db/index.ts';
import type { Report } from '../evaluation/report.ts';
import type { Evaluation, EvaluationInput } from '../evaluation/types.ts';
import { loadManifest, type Manifest } from '../plugins/index.ts';
import { estimateTokens, exchangeTokens, RECENT_SHARE } from './conversation.ts';
import type { InterviewDeps } from './deps.ts';
import { loadLiveState } from './live-state.ts';
import { lockInterview } from './record-answer.ts';
import { composeReply } from './replies.ts';
import { announceReportJob, announceReportJobId } from './report.job.ts';
import { persistReport } from './reports.ts';
import type { LiveState } from './session-store.ts';
import { advance } from './strategy.ts';
import { HISTORY_BUDGET_TOKENS, summariseConversationJob } from './summarise.job.ts';

export interface ProcessResult {
  evaluation: Evaluation;
  live: LiveState;
  interview: Interview;
  manifest: Manifest;
  reply: string;
  report: Report | undefined;
  /** the turn asked next, when there is one */
  next: InterviewTurn | undefined;
  /** this turn had been processed already (an at-least-once re-run): nothing moved on */
  rerun: boolean;
}

/**
 * The evaluator's input for a turn: question, rubric, the answer, and earlier turns as data:
 * the stored conversation summary plus the turns after it, the most recent first within the
 * token budget. `summarise` says the summary should move on (a job does that, off this path).
 */
async function evaluationInput(
  _deps: InterviewDeps,
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
  const pending = earlier
    .filter((t) => t.turn > interview.summaryThroughTurn)
    .map((t) => ({ turn: t.turn, questionText: t.prompt, answer: answerByTurn.get(t.turn)! }));
  const context = recentWithin(
    pending,
    HISTORY_BUDGET_TOKENS - estimateTokens(interview.summary ?? undefined),
  );
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
    summary: interview.summary ?? undefined,
    plugin: { id: interview.pluginId, version: interview.pluginVersion },
  };
  return { input, summarise: context.dropped > 0 || context.tokens > HISTORY_BUDGET_TOKENS * RECENT_SHARE };
}

/** The most recent exchanges that fit in `budget` tokens, oldest first, and how many did not. */
function recentWithin(exchanges: Exchange[], budget: number) {
  const recent: Exchange[] = [];
  let tokens = 0;
  for (const e of [...exchanges].reverse()) {
    const t = exchangeTokens(e);
    if (tokens + t > budget) break;
    recent.unshift(e);
    tokens += t;
  }
  return { recent, tokens, dropped: exchanges.length - recent.length };
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
): Promise<ProcessResult> {
  const prepared = await withTenant(deps.orm, tenantId, async (em) => {
    const interview = await em.findOneOrFail(Interview, { id: interviewId });
    const manifest = await loadManifest(em, interview.pluginId, interview.pluginVersion);
    const answer = await em.findOneOrFail(Answer, { interviewId, turn });
    const stored = await em.findOne(EvaluationRecord, { interviewId, turn });
    const context = stored ? undefined : await evaluationInput(deps, em, interview, manifest, turn);
    return { answerId: answer.id, stored: stored?.result as Evaluation | undefined, context };
  });
  // Evaluate outside any transaction: an LLM call must not hold a database connection.
  const fresh = prepared.stored ?? (await deps.evaluator.evaluate(prepared.context!.input));

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

    let live = await loadLiveState(em, deps.sessions, interview);
    live = { ...live, lastEvaluated: { turn, score: evaluation.score } };
    if (interview.status !== 'in_progress' || interview.turn !== turn) {
      // Already moved on (a re-run): answer with the reply that was stored for the next turn.
      const next = await em.findOne(InterviewTurn, { interviewId, turn: turn + 1 });
      const report = interview.status === 'in_progress' ? undefined : await persistReport(em, interview);
      const reply = next?.reply ?? interview.closingReply ?? '';
      return {
        evaluation,
        live,
        interview,
        manifest,
        reply,
        report,
        next: next ?? undefined,
        rerun: true,
      };
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
    let nextTurn: InterviewTurn | undefined;

    if (step.kind === 'end') {
      interview.status = 'completed';
      interview.endedAt = new Date();
      interview.closingReply = reply;
      await em.flush();
      report = await persistReport(em, interview);
    } else {
      const next = state.turns.at(-1)!;
      nextTurn = em.create(InterviewTurn, {
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
    return { evaluation, live, interview, manifest, reply, report, next: nextTurn, rerun: false };
  });
  // A re-run of an older turn must not move the cached state backwards.
  if (!result.rerun) await deps.sessions.set(result.live).catch(() => undefined);
  // After the commit: the once-only announcement of a finished interview, and the summary.
  if (result.report) {
    await deps.jobs.enqueue(
      announceReportJob,
      { tenantId, interviewId },
      { jobId: announceReportJobId(interviewId) },
    );
  }
  if (prepared.context?.summarise && !result.report) {
    await deps.jobs.enqueue(
      summariseConversationJob,
      { tenantId, interviewId },
      { jobId: `${interviewId}:summary:${turn}` },
    );
  }
  return result;
}
