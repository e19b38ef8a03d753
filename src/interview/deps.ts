import type { InterviewerVoice, Summarizer } from '../ai/types.ts';
import type { Orm } from '../db/index.ts';
import type { Evaluator } from '../evaluation/types.ts';
import type { SessionStore } from './session-store.ts';

/** What the interview engine needs from the outside, passed in (ports, never singletons). */
export interface InterviewDeps {
  orm: Orm;
  sessions: SessionStore;
  evaluator: Evaluator;
  voice: InterviewerVoice;
  /** folds older turns into the stored conversation summary */
  summarizer: Summarizer;
}
