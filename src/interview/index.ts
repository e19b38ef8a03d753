export {
  type CandidateInput,
  createCandidate,
  getCandidate,
  listCandidates,
  resolveCandidate,
} from './candidates.ts';
export type { InterviewDeps } from './deps.ts';
export { endInterview, getInterviewState } from './end.ts';
export { createInterviewDeps } from './engines.ts';
export { evaluateAnswerJob, evaluateAnswerJobId } from './evaluate-answer.job.ts';
export { handleAnnounceReport } from './finished.job.ts';
export { registerInterviewJobs } from './jobs.ts';
export { type InterviewListItem, type InterviewTurnView, interviewDetail, listInterviews } from './list.ts';
export { candidateStateView, type StateView } from './live-state.ts';
export { addOverride, listOverrides, type OverrideInput } from './overrides.ts';
export { processAnswer } from './process-answer.ts';
export { type AnswerInput, type AnswerResponse, MAX_ANSWER_CHARS } from './record-answer.ts';
export { getInterview, getReport } from './reports.ts';
export { type SelectedBank, selectBank } from './select-plugin.ts';
export type { LiveState, SessionStore } from './session-store.ts';
export {
  afterCreate,
  type CreatedInterview,
  createInterview,
  type StartInput,
  type StartResult,
  startInterview,
} from './start.ts';
export { advance, initialState, planQuotas, type StrategyState, type TurnOutcome } from './strategy.ts';
export { type AcceptedAnswer, type SubmitResult, submitAnswer } from './submit-answer.ts';
export {
  forgetExpiredIdempotencyKeys,
  IDEMPOTENCY_RETENTION_SECONDS,
  startSweeper,
  sweepStalledWork,
} from './sweeper.ts';
export { readTranscript, type TranscriptTurn } from './transcript.ts';
export { interviewRef } from './webhook-ref.ts';
