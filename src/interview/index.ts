export { readTranscript, type TranscriptTurn } from './conversation/transcript.ts';
export type { InterviewDeps, InterviewOutcomes } from './deps.ts';
export { createInterviewDeps } from './engines.ts';
export { registerInterviewJobs } from './jobs.ts';
export {
  type CandidateInput,
  createCandidate,
  getCandidate,
  listCandidates,
  resolveCandidate,
} from './lifecycle/candidates.ts';
export { endInterview, getInterviewState } from './lifecycle/end.ts';
export {
  type InterviewListItem,
  type InterviewTurnView,
  interviewDetail,
  listInterviews,
} from './lifecycle/list.ts';
export { candidateStateView, type StateView } from './lifecycle/live-state.ts';
export { type SelectedBank, selectBank } from './lifecycle/select-plugin.ts';
export type { LiveState, SessionStore } from './lifecycle/session-store.ts';
export {
  afterCreate,
  bankFor,
  type CreatedInterview,
  createInterview,
  type StartInput,
  type StartResult,
  startInterview,
} from './lifecycle/start.ts';
export { type PreviewTurn, previewInterview } from './next-question/preview.ts';
export {
  advance,
  initialState,
  planQuotas,
  type StrategyState,
  type TurnOutcome,
} from './next-question/strategy.ts';
export { handleAnnounceReport } from './report/finished.job.ts';
export { addOverride, listOverrides, type OverrideInput } from './report/overrides.ts';
export { getInterview, getReport } from './report/reports.ts';
export { interviewRef } from './report/webhook-ref.ts';
export {
  forgetExpiredIdempotencyKeys,
  IDEMPOTENCY_RETENTION_SECONDS,
  startSweeper,
  sweepStalledWork,
  sweepWhenRedisReturns,
} from './sweeper.ts';
export { evaluateAnswerJob, evaluateAnswerJobId } from './turn/evaluate-answer.job.ts';
export { processAnswer } from './turn/process-answer.ts';
export { type AnswerInput, type AnswerResponse, MAX_ANSWER_CHARS } from './turn/record-answer.ts';
export { type AcceptedAnswer, type SubmitResult, submitAnswer } from './turn/submit-answer.ts';
