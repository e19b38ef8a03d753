import type { RealtimeEmitter } from '../../realtime/index.ts';

/**
 * The next reply as the model writes it, pushed to the interview's rooms (the candidate's page
 * and staff watching it, never the tenant room) as `interview.reply.delta` events: `seq` counts
 * from 0 within the turn, `restart` says that what was shown of it before is void (a retry, or
 * the reply worded again for another plan). The final `interview.turn` carries the whole reply.
 */
export function replyDeltas(events: RealtimeEmitter, tenantId: string, interviewId: string, turn: number) {
  let seq = 0;
  let startOver = false;
  return {
    push(text: string, restart: boolean) {
      events.emit(tenantId, 'interview.reply.delta', {
        interviewId,
        turn,
        seq,
        text,
        restart: seq > 0 && (restart || startOver),
      });
      seq++;
      startOver = false;
    },
    /** the next piece starts the reply over (another call words it) */
    startOver() {
      startOver = true;
    },
    /** whether any piece was pushed */
    get shown() {
      return seq > 0;
    },
  };
}
