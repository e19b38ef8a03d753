import type { InterviewerVoice, Summarizer } from '../ai/index.ts';
import type { BillingSettings } from '../billing/index.ts';
import type { Orm, Sql } from '../db/index.ts';
import type { Evaluator } from '../evaluation/index.ts';
import type { JobQueue } from '../jobs/index.ts';
import type { RealtimeEmitter, TurnSignals } from '../realtime/index.ts';
import type { SessionStore } from './lifecycle/session-store.ts';
import type { AnswerPace } from './turn/answer-pace.ts';
import type { TurnModel } from './turn/model-turn.ts';

/** What the interview engine needs from the outside, passed in (ports, never singletons). */
export interface InterviewDeps {
  orm: Orm;
  sessions: SessionStore;
  evaluator: Evaluator;
  voice: InterviewerVoice;
  /** folds older turns into the stored conversation summary */
  summarizer: Summarizer;
  /** where evaluation jobs go (BullMQ with Redis, in-process otherwise) */
  jobs: JobQueue;
  /** live events to Socket.IO rooms */
  events: RealtimeEmitter;
  /** "turn processed" signals, for API requests waiting on a worker */
  signals: TurnSignals;
  /** LLM mode: one model call per turn grades the answer and words the reply (model-turn.ts) */
  model?: TurnModel | undefined;
  /** how soon an interview's next answer is evaluated: at a human pace (answer-pace.ts) */
  answerPace: AnswerPace;
  /** the public base URL (links in webhooks) */
  baseUrl: string;
  /** billing on: quotas at start and usage metering on completion; undefined: billing off */
  billing?: BillingSettings | undefined;
  /** told when an interview starts and finishes (the ATS that started it hears back); none: nobody */
  outcomes?: InterviewOutcomes | undefined;
}

/**
 * Listeners to an interview's start and end beyond webhooks (src/ats pushes results back to the
 * ATS that started it). Called in the interview's transaction, they record what to send and
 * return ids; `send` enqueues those once the transaction has committed.
 */
export interface InterviewOutcomes {
  started(sql: Sql, tenantId: string, interviewId: string): Promise<string[]>;
  finished(sql: Sql, tenantId: string, interviewId: string): Promise<string[]>;
  send(tenantId: string, ids: readonly string[]): Promise<void>;
}
