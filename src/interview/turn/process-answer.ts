import type { Exchange, LlmCall } from '../../ai/index.ts';
import { type Interview, type InterviewTurn, type Sql, uuidv7, withTenantSql } from '../../db/index.ts';
import type { Evaluation, EvaluationInput, Report } from '../../evaluation/index.ts';
import { loadManifest, type Manifest } from '../../plugins/index.ts';
import { estimateTokens, exchangeTokens, RECENT_SHARE, type StoredSummary } from '../conversation/context.ts';
import {
  HISTORY_BUDGET_TOKENS,
  summariseConversationJob,
  summariseConversationJobId,
} from '../conversation/summarise.job.ts';
import { readTranscript, turnRow } from '../conversation/transcript.ts';
import type { InterviewDeps } from '../deps.ts';
import { loadLiveState } from '../lifecycle/live-state.ts';
import type { LiveState } from '../lifecycle/session-store.ts';
import { type PlannedStep, planNext } from '../next-question/plan.ts';
import { inTransactionVoice } from '../next-question/replies.ts';
import { announceReportJob, announceReportJobId } from '../report/finished.job.ts';
import { persistReport } from '../report/reports.ts';
import { finishInterviewRow, lockInterviewRow, readInterviewRow } from './interview-row.ts';
import { recordLlmCalls } from './llm-usage.ts';
import { prepareWithModel, type TurnRead } from './model-turn.ts';

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

/** What evaluating a turn needs, read in one statement. */
interface TurnContext {
  answerId: string;
  stored: Evaluation | undefined;
  input: EvaluationInput;
  /** answered turns after the stored summary, oldest first (what a model's context is cut from) */
  pending: TurnRead['context']['pending'];
  summary: StoredSummary | undefined;
  /** the stored summary should move on (a job does that, off this path) */
  summarise: boolean;
}

/**
 * The evaluator's input for a turn: question, rubric, the answer, and earlier turns as data:
 * the stored conversation summary plus the turns after it, the most recent first within the
 * token budget. One statement reads the turns with their answers and this turn's evaluation.
 */
async function readTurnContext(
  sql: Sql,
  interview: Interview,
  manifest: Manifest,
  turn: number,
): Promise<TurnContext> {
  const rows = await readTranscript(sql, interview, { evaluations: { turn }, throughTurn: turn });
  const current = rows.find((r) => r.turn === turn);
  if (!current?.answerId || current.answer === null) {
    throw new Error(`turn ${turn} of interview ${interview.id} has no answer`);
  }
  const question = manifest.questions.find((q) => q.id === current.questionId)!;
  const rubric = manifest.rubrics.find((r) => r.id === question.rubric)!;
  const earlier = rows.filter((r) => r.turn < turn && r.answer !== null);
  const pending = earlier
    .filter((r) => r.turn > interview.summaryThroughTurn)
    .map((r) => ({ turn: r.turn, questionId: r.questionId, questionText: r.prompt, answer: r.answer! }));
  const context = recentWithin(
    pending,
    HISTORY_BUDGET_TOKENS - estimateTokens(interview.summary ?? undefined),
  );
  const questionOf = new Map(earlier.map((r) => [r.turn, r.questionId]));
  const input: EvaluationInput = {
    question,
    rubric,
    followUpText: current.followUpId ? current.prompt : undefined,
    answer: current.answer,
    history: context.recent.map((e) => ({
      questionId: questionOf.get(e.turn)!,
      questionText: e.questionText,
      answer: e.answer,
    })),
    summary: interview.summary ?? undefined,
    plugin: { id: interview.pluginId, version: interview.pluginVersion },
    locale: manifest.locale,
    bank: manifest,
  };
  return {
    answerId: current.answerId,
    stored: current.evaluation ?? undefined,
    input,
    pending,
    summary: interview.summary
      ? { text: interview.summary, throughTurn: interview.summaryThroughTurn }
      : undefined,
    // A re-run that reuses the stored evaluation has nothing new to summarise.
    summarise:
      !current.evaluation && (context.dropped > 0 || context.tokens > HISTORY_BUDGET_TOKENS * RECENT_SHARE),
  };
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

/** Store a turn's evaluation unless one is stored; returns the one that is (a stored one wins). */
async function storeEvaluation(
  sql: Sql,
  interview: Interview,
  turn: number,
  context: TurnContext,
  fresh: Evaluation,
): Promise<Evaluation> {
  if (context.stored) return context.stored;
  const inserted = await sql<{ id: string }>(
    INSERT_EVALUATION,
    evaluationParams(interview, turn, context, fresh),
  );
  if (inserted.length > 0) return fresh;
  const [stored] = await sql<{ result: Evaluation }>(
    'select result from evaluations where interview_id = ? and turn = ? and tenant_id = ?',
    [interview.id, turn, interview.tenantId],
  );
  return stored!.result;
}

/** A turn's evaluation, unless one is stored (then nothing); returns the id of one inserted. */
const INSERT_EVALUATION = `insert into evaluations (id, tenant_id, interview_id, turn, answer_id, score, result,
    evaluator_name, evaluator_version, rubric_id, plugin_id, plugin_version)
  values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)
  on conflict (interview_id, turn) do nothing returning id`;

/** A plan made from an evaluation other than the one stored: roll back; the retry reads the stored one. */
const evaluatedMeanwhile = (interview: Interview, turn: number) =>
  new Error(`turn ${turn} of interview ${interview.id} was evaluated meanwhile; run it again`);

const evaluationParams = (interview: Interview, turn: number, context: TurnContext, e: Evaluation) => [
  uuidv7(),
  interview.tenantId,
  interview.id,
  turn,
  context.answerId,
  e.score,
  JSON.stringify(e),
  e.evaluator.name,
  e.evaluator.version,
  e.rubricId,
  e.plugin.id,
  e.plugin.version,
];

/**
 * The common step of every turn but the last, in one statement: store the evaluation, ask the
 * next question and move the interview to it. A stored evaluation is left as it is (the plan was
 * made from it); a fresh one that meets a stored one means the plan is stale, so nothing commits.
 */
async function storeStep(
  sql: Sql,
  interview: Interview,
  turn: number,
  context: TurnContext,
  evaluation: Evaluation,
  next: InterviewTurn,
): Promise<void> {
  const [row] = await sql<{ stored: number }>(
    `with evaluation as (
       ${INSERT_EVALUATION}
     ), next_turn as (
       insert into interview_turns (id, tenant_id, interview_id, turn, kind, phase, question_id, follow_up_id,
         difficulty, prompt, reply, asked_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ), moved as (
       update interviews set turn = ? where id = ? and tenant_id = ?
     )
     select count(*)::int as stored from evaluation`,
    [
      ...evaluationParams(interview, turn, context, evaluation),
      next.id,
      next.tenantId,
      next.interviewId,
      next.turn,
      next.kind,
      next.phase,
      next.questionId,
      next.followUpId,
      next.difficulty,
      next.prompt,
      next.reply,
      next.askedAt,
      next.turn,
      interview.id,
      interview.tenantId,
    ],
  );
  if (!context.stored && row?.stored !== 1) throw evaluatedMeanwhile(interview, turn);
}

/** What a remote evaluator produced before the write: the evaluation, the plan made from it, the calls. */
interface Prepared {
  fresh: Evaluation;
  planned: PlannedStep | undefined;
  calls: LlmCall[];
}

/**
 * A remote evaluator (the LLM) takes seconds: read what it needs in a short transaction, then
 * evaluate and word the next reply outside any, so an LLM call never holds a connection or the
 * interview's row lock.
 */
async function prepareRemotely(
  deps: InterviewDeps,
  tenantId: string,
  interviewId: string,
  turn: number,
): Promise<Prepared> {
  const read = await withTenantSql(deps.orm, tenantId, async (sql) => {
    const interview = await readInterviewRow(sql, tenantId, interviewId);
    const manifest = await loadManifest(sql, interview.pluginId, interview.pluginVersion);
    const live = await loadLiveState(sql, deps.sessions, interview);
    return { interview, manifest, live, context: await readTurnContext(sql, interview, manifest, turn) };
  });
  const current = read.interview.status === 'in_progress' && read.interview.turn === turn;
  // LLM mode: one call grades and words the reply (model-turn.ts)
  if (deps.model && current && !read.context.stored) return prepareWithModel(deps.model, deps.events, read);
  const calls: LlmCall[] = [];
  const fresh = read.context.stored ?? (await deps.evaluator.evaluate(read.context.input));
  const planned = current
    ? await planNext(deps.voice, read.interview, read.manifest, read.live, fresh, {
        onCall: (call) => calls.push(call),
      })
    : undefined;
  return { fresh, planned, calls };
}

/**
 * The turn, under the interview's row lock, in one transaction: read the turn, evaluate it (a
 * local evaluator here; a remote one's evaluation comes `prepared`), plan the next step, and
 * write it: the evaluation with the next question, or with the interview's completion and its
 * report. A stored evaluation always wins (the plan is made from it, never a second opinion);
 * a turn no longer current (an at-least-once re-run, or an interview ended meanwhile) moves
 * nothing and answers with what was stored.
 */
async function takeTurn(
  deps: InterviewDeps,
  sql: Sql,
  tenantId: string,
  interviewId: string,
  turn: number,
  prepared: Prepared | undefined,
): Promise<{ result: ProcessResult; context: TurnContext }> {
  // read
  const interview = await lockInterviewRow(sql, tenantId, interviewId);
  const manifest = await loadManifest(sql, interview.pluginId, interview.pluginVersion);
  const context = await readTurnContext(sql, interview, manifest, turn);
  // evaluate
  const fresh = context.stored ?? prepared?.fresh ?? (await deps.evaluator.evaluate(context.input));
  if (interview.status !== 'in_progress' || interview.turn !== turn) {
    return { result: await replayTurn(deps, sql, interview, manifest, turn, context, fresh), context };
  }
  // The turn is current, so no evaluation of it is stored unless this run read one (both are
  // written in the same transaction as the move to the next turn).
  const evaluation = context.stored ?? fresh;
  const cached = await loadLiveState(sql, deps.sessions, interview);
  const live = { ...cached, lastEvaluated: { turn, score: evaluation.score } };
  // plan: a remote plan holds when it was made from the evaluation stored (the strategy is
  // deterministic); otherwise plan here, with the template voice, never a remote one
  const plan =
    prepared?.planned && prepared.planned.evaluation === evaluation
      ? prepared.planned
      : await planNext(inTransactionVoice(deps.voice), interview, manifest, live, evaluation);
  // write
  let report: Report | undefined;
  let next: InterviewTurn | undefined;
  if (plan.step.kind === 'end') {
    if ((await storeEvaluation(sql, interview, turn, context, evaluation)) !== evaluation) {
      throw evaluatedMeanwhile(interview, turn);
    }
    await finishInterviewRow(sql, interview, 'completed', plan.reply);
    report = await persistReport(sql, interview);
  } else {
    next = turnRow(interview, plan.state, plan.step, plan.reply);
    await storeStep(sql, interview, turn, context, evaluation, next);
    interview.turn = next.turn;
  }
  const result: ProcessResult = {
    evaluation,
    live: { ...live, status: interview.status, strategy: plan.state },
    interview,
    manifest,
    reply: plan.reply,
    report,
    next,
    rerun: false,
  };
  return { result, context };
}

/**
 * A turn processed already (an at-least-once re-run), or an interview ended meanwhile: keep the
 * evaluation (a stored one wins), move nothing, and answer with the reply stored for the next
 * turn, or the closing reply and the report.
 */
async function replayTurn(
  deps: InterviewDeps,
  sql: Sql,
  interview: Interview,
  manifest: Manifest,
  turn: number,
  context: TurnContext,
  fresh: Evaluation,
): Promise<ProcessResult> {
  const evaluation = await storeEvaluation(sql, interview, turn, context, fresh);
  const live = await loadLiveState(sql, deps.sessions, interview);
  const [next] = await sql<{ reply: string }>(
    'select reply from interview_turns where interview_id = ? and tenant_id = ? and turn = ?',
    [interview.id, interview.tenantId, turn + 1],
  );
  const report = interview.status === 'in_progress' ? undefined : await persistReport(sql, interview);
  return {
    evaluation,
    live: { ...live, lastEvaluated: { turn, score: evaluation.score } },
    interview,
    manifest,
    reply: next?.reply ?? interview.closingReply ?? '',
    report,
    next: undefined,
    rerun: true,
  };
}

/**
 * Step 2: evaluate a stored answer and move the interview on: read -> evaluate -> plan -> write,
 * for every turn (common, re-run, last turn, cache miss, remote evaluator). Safe to run again for
 * the same turn (at-least-once jobs): every effect is keyed by (interview, turn).
 */
export async function processAnswer(
  deps: InterviewDeps,
  tenantId: string,
  interviewId: string,
  turn: number,
): Promise<ProcessResult> {
  // A local evaluator takes milliseconds of CPU: it evaluates inside the write's transaction.
  const prepared = deps.evaluator.local
    ? undefined
    : await prepareRemotely(deps, tenantId, interviewId, turn);
  // what the model calls cost, kept even if this run's write is then refused (they were made)
  if (prepared?.calls.length) await recordLlmCalls(deps, tenantId, interviewId, turn, prepared.calls);
  const { result, context } = await withTenantSql(deps.orm, tenantId, (sql) =>
    takeTurn(deps, sql, tenantId, interviewId, turn, prepared),
  );
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
  if (context.summarise && !result.report) {
    await deps.jobs.enqueue(
      summariseConversationJob,
      { tenantId, interviewId },
      { jobId: summariseConversationJobId(interviewId, turn) },
    );
  }
  return result;
}
