export {
  type AnswerInput,
  type AnswerResponse,
  MAX_ANSWER_CHARS,
  processAnswer,
  submitAnswer,
} from './answer.ts';
export { type CandidateInput, createCandidate, getCandidate, listCandidates } from './candidates.ts';
export type { InterviewDeps } from './deps.ts';
export { endInterview, getInterviewState } from './end.ts';
export { createInterviewDeps } from './engines.ts';
export { rebuildLiveState, type StateView } from './live-state.ts';
export { addOverride, listOverrides, type OverrideInput } from './overrides.ts';
export { getInterview, getReport } from './reports.ts';
export { type LiveState, memorySessionStore, redisSessionStore, type SessionStore } from './session-store.ts';
export { type StartInput, type StartResult, startInterview } from './start.ts';
export { advance, initialState, planQuotas, type StrategyState, type TurnOutcome } from './strategy.ts';
