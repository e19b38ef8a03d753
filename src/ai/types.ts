import type { Phase } from '../plugins/index.ts';
import type { LlmCall } from './usage.ts';

/**
 * The interviewer's voice: turns the engine's next step into what the candidate reads. The
 * template voice is deterministic; an LLM voice may rephrase naturally but must keep the
 * question's meaning (and falls back to the template on any failure).
 */
export type ReplyKind = 'greeting' | 'question' | 'follow_up' | 'transition' | 'closing';

export interface ReplyContext {
  kind: ReplyKind;
  /** display name of the tenant (the company), never the candidate's data beyond a first name */
  company: string;
  roleTitle: string;
  candidateFirstName?: string | undefined;
  phase: Phase;
  /** when entering a new phase */
  previousPhase?: Phase | undefined;
  /** the question or follow-up to ask (absent for closing) */
  questionText?: string | undefined;
  turn: number;
  totalTurns: number;
}

/** What a caller may ask of a remote voice besides the reply: its pieces as they come, and its cost. */
export interface ReplyHooks {
  /** the reply as it streams, the name in place; `restart`: what was shown of it before is void */
  onText?: ((text: string, restart: boolean) => void) | undefined;
  /** every model call made (tokens, attempts, outcome), for the interview's usage record */
  onCall?: ((call: LlmCall) => void) | undefined;
  /** epoch milliseconds by which the reply must be worded (the turn's budget) */
  deadline?: number | undefined;
}

export interface InterviewerVoice {
  readonly name: string;
  /** composes in this process with no network (templates): safe inside a transaction */
  readonly local?: boolean;
  compose(ctx: ReplyContext, hooks?: ReplyHooks): Promise<string>;
}

/** A compact record of one exchange, as the conversation manager keeps it. */
export interface Exchange {
  turn: number;
  questionText: string;
  answer: string;
  score?: number | undefined;
}

/** Summarises older exchanges when the context nears its token budget. */
export interface Summarizer {
  readonly name: string;
  summarize(exchanges: Exchange[], previousSummary: string | undefined): Promise<string>;
}
