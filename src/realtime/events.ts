/**
 * Live events, pushed over Socket.IO to the interview's room (the candidate's page) and the
 * tenant's room (recruiters' dashboards). Payloads are stable: fields are added, never renamed.
 */
export interface RealtimeEvents {
  /** the interviewer asked the next question (or follow-up) */
  'interview.turn': {
    interviewId: string;
    turn: number;
    kind: 'question' | 'follow_up';
    phase: string;
    questionId: string;
    reply: string;
  };
  /**
   * a piece of the interviewer's next reply, as the model writes it: `turn` is the turn the reply
   * opens (the `turn` of the `interview.turn` that follows with the whole reply); `seq` counts from
   * 0 (a piece with seq 0 starts the reply: a re-run of the turn streams it again); `restart`:
   * discard what was shown of this reply and start again with `text`
   */
  'interview.reply.delta': {
    interviewId: string;
    turn: number;
    seq: number;
    text: string;
    restart: boolean;
  };
  /** an answer was scored */
  'interview.evaluated': {
    interviewId: string;
    turn: number;
    /** 0 and meaningless when `unscorable` is set */
    score: number;
    summary: string;
    evaluator: string;
    /**
     * set when the answer could not be judged (not language, not the bank's language, garbled
     * dictation): left out of the report's scores, for a person to review; null otherwise
     */
    unscorable: { reason: string } | null;
  };
  /** the last answer was scored, or the interview was ended */
  'interview.completed': { interviewId: string; status: 'completed' | 'ended' };
  /** the report is stored and can be fetched */
  'report.ready': { interviewId: string; overall: number; recommendation: string };
}

export type RealtimeEventName = keyof RealtimeEvents;

export const tenantRoom = (tenantId: string) => `tenant:${tenantId}`;
/** The candidate's room: only events a candidate may see (never scores). */
export const interviewRoom = (interviewId: string) => `interview:${interviewId}`;
/** Staff watching one interview. */
export const interviewStaffRoom = (interviewId: string) => `interview:${interviewId}:staff`;

/** Events that carry nothing a candidate must not see; the others (scores) go to staff only. */
const CANDIDATE_SAFE = new Set<RealtimeEventName>([
  'interview.turn',
  'interview.completed',
  'interview.reply.delta',
]);
/** Events only those watching the interview hear: a reply's pieces would flood every dashboard. */
const INTERVIEW_ONLY = new Set<RealtimeEventName>(['interview.reply.delta']);

/** The rooms an event goes to. */
export function roomsFor(tenantId: string, event: RealtimeEventName, interviewId: string): string[] {
  const rooms = INTERVIEW_ONLY.has(event)
    ? [interviewStaffRoom(interviewId)]
    : [tenantRoom(tenantId), interviewStaffRoom(interviewId)];
  if (CANDIDATE_SAFE.has(event)) rooms.push(interviewRoom(interviewId));
  return rooms;
}

/** The port capabilities and workers emit through; the adapter decides how it reaches clients. */
export interface RealtimeEmitter {
  emit<E extends RealtimeEventName>(tenantId: string, event: E, payload: RealtimeEvents[E]): void;
}

export const noRealtime: RealtimeEmitter = { emit() {} };

/** An emitter whose target is set later (the Socket.IO server exists only once HTTP listens). */
export function switchableEmitter(): RealtimeEmitter & { target: RealtimeEmitter } {
  return {
    target: noRealtime,
    emit(tenantId, event, payload) {
      this.target.emit(tenantId, event, payload);
    },
  };
}
