import type { AtsRef } from './ats-ref.ts';

/** The events a webhook endpoint can subscribe to. Add only; a name is a contract with receivers. */
export const WEBHOOK_EVENTS = [
  'interview.scheduled',
  'interview.started',
  'interview.completed',
  'report.ready',
  'score.overridden',
  'billing.plan_changed',
  'candidate.review_requested',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

/**
 * What every event's `data` carries so an ATS can match it to its own records without a
 * second call: our ids and the ATS's own ids given when the interview was started.
 */
export interface PositionRef {
  id: string;
  title: string;
  designVersion: number;
}

export interface WebhookInterviewRef {
  interviewId: string;
  candidateId: string;
  /** the ATS's candidate id (`candidate.externalId` at start), when given */
  candidateExternalId: string | null;
  /** the position interviewed for (its id), when the interview runs one */
  positionId: string | null;
  /** the position's title and the design version the interview runs */
  position: PositionRef | null;
  /** the plugin role interviewed for */
  roleId: string;
  /** the ATS that started the interview and its ids (application, candidate, job); null otherwise */
  ats: AtsRef | null;
}

/** The `data` of each event type (documented in README.md, "Webhooks"). */
export interface WebhookEventData {
  'interview.scheduled': Omit<WebhookInterviewRef, 'interviewId'> & {
    /** no interview exists until the candidate opens the link */
    interviewId: null;
    scheduleId: string;
    candidateEmail: string;
    scheduledAt: string;
    expiresAt: string;
  };
  'interview.started': WebhookInterviewRef & { startedAt: string };
  'interview.completed': WebhookInterviewRef & {
    /** `completed`: every turn answered; `ended`: stopped early */
    status: 'completed' | 'ended';
    endedAt: string;
  };
  'report.ready': WebhookInterviewRef & {
    /** the effective overall score, 0-100 */
    overallScore: number;
    recommendation: 'strong_hire' | 'hire' | 'lean_no' | 'no_hire';
    /** some answers could not be judged: the recommendation waits for a person to read them */
    provisional: boolean;
    /** GET this (with an API key) for the full report */
    reportUrl: string;
  };
  'score.overridden': WebhookInterviewRef & {
    overrideId: string;
    /** null for the overall score */
    competency: string | null;
    originalScore: number;
    score: number;
    recommendation: 'strong_hire' | 'hire' | 'lean_no' | 'no_hire';
  };
  'candidate.review_requested': WebhookInterviewRef & {
    /** `candidate`: from their interview page; `staff`: recorded on their behalf */
    requestedBy: 'candidate' | 'staff';
    requestedAt: string;
  };
  'billing.plan_changed': {
    plan: string;
    status: 'trialing' | 'active' | 'past_due' | 'canceled';
    previousPlan: string;
    previousStatus: 'trialing' | 'active' | 'past_due' | 'canceled';
    periodEnd: string;
  };
}
