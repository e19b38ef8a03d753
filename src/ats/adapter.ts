import type { OutboundRequest } from './calls.ts';
import type { AtsCredentials, ConnectionRow } from './connections.ts';

/**
 * One ATS's part (src/ats/<ats>/): what it is told when an interview it started moves on, and
 * how "test connection" checks it. Its inbound routes (the ATS calling us) are in src/http.
 */

/** An interview an ATS started, with its ATS references. */
export interface LinkRow {
  id: string;
  tenant_id: string;
  connection_id: string;
  schedule_id: string;
  application_id: string | null;
  candidate_id: string | null;
  job_id: string | null;
  callback_url: string | null;
  status: 'invited' | 'cancelled';
}

/** Where the interview stands when a push is sent. */
export interface InterviewOutcome {
  interviewId: string | null;
  status: 'scheduled' | 'in_progress' | 'completed' | 'ended' | 'cancelled';
  startedAt: string | null;
  endedAt: string | null;
  /** null until the report exists */
  report: {
    overallScore: number;
    recommendation: 'strong_hire' | 'hire' | 'lean_no' | 'no_hire';
    provisional: boolean;
    competencies: { name: string; score: number }[];
    /** the recruiter's report page */
    url: string;
  } | null;
}

export interface AdapterContext {
  connection: ConnectionRow;
  credentials: AtsCredentials;
  urls: { ashbyApiUrl: string; leverApiUrl: string };
}

export interface PushContext extends AdapterContext {
  link: LinkRow;
  outcome: InterviewOutcome;
}

export interface AtsAdapter {
  /** the pushes an interview's start and end record (each sent once, retried like a webhook) */
  pushes: { started: readonly string[]; finished: readonly string[] };
  /** the request of one push */
  push(kind: string, ctx: PushContext): OutboundRequest;
  /** a push overtaken by events (a "Started" still unsent once the result exists): not sent */
  superseded?(kind: string, outcome: InterviewOutcome): boolean;
  /** a 2xx that still says no (Ashby answers `{success: false}` with 200) */
  refused?(json: unknown): string | undefined;
  /** the cheapest call that proves the credentials work; undefined: the ATS only calls us */
  test(ctx: AdapterContext): OutboundRequest | undefined;
}

export const RECOMMENDATION_LABELS = {
  strong_hire: 'Strong hire',
  hire: 'Hire',
  lean_no: 'Lean no',
  no_hire: 'No hire',
} as const;
