import { io, type Socket } from 'socket.io-client';

/** Live interview events pushed by the API over Socket.IO (src/realtime/events.ts). */
export const LIVE_EVENTS = [
  'interview.reply.delta',
  'interview.turn',
  'interview.evaluated',
  'interview.completed',
  'report.ready',
] as const;
export type LiveEventName = (typeof LIVE_EVENTS)[number];
export interface LiveEvent {
  interviewId: string;
  turn?: number;
  score?: number;
  summary?: string;
  status?: string;
  /** `interview.evaluated`: set when the answer could not be judged (then `score` means nothing) */
  unscorable?: { reason: string } | null;
  /** `interview.reply.delta`: a piece of the next reply (`turn` is the turn it opens), in `seq` order */
  seq?: number;
  text?: string;
  /** `interview.reply.delta`: what was shown of this reply is void; start again with `text` */
  restart?: boolean;
}

export type LiveStatus = 'connecting' | 'live' | 'offline';

/**
 * Connects to the same origin with a staff or candidate token; with `interviewId`, a staff socket
 * joins that interview's room (acknowledged with {ok}). Staff sockets are in their tenant's room,
 * so without an id every interview's events arrive; a candidate's socket is in its own
 * interview's room from the start (no id needed). `onStatus('offline')` tells the caller to poll instead; the socket
 * keeps retrying and reports 'live' again when it is back. Returns a function that disconnects.
 */
export function subscribeLive(options: {
  token: string;
  interviewId?: string;
  onEvent: (name: LiveEventName, payload: LiveEvent) => void;
  onStatus: (status: LiveStatus) => void;
}): () => void {
  const socket: Socket = io({
    path: '/socket.io',
    // WebSocket from the start: no HTTP long-polling, so several API replicas need no sticky sessions.
    transports: ['websocket'],
    auth: { token: options.token },
    timeout: 5000,
    reconnectionDelay: 2000,
    reconnectionDelayMax: 10000,
  });
  options.onStatus('connecting');

  socket.on('connect', () => {
    if (!options.interviewId) {
      options.onStatus('live');
      return;
    }
    socket
      .timeout(5000)
      .emit('join', { interviewId: options.interviewId }, (err: unknown, reply?: { ok?: boolean }) => {
        options.onStatus(!err && reply?.ok ? 'live' : 'offline');
      });
  });
  socket.on('connect_error', () => options.onStatus('offline'));
  socket.on('disconnect', () => options.onStatus('offline'));

  for (const name of LIVE_EVENTS) {
    socket.on(name, (payload: LiveEvent) => {
      if (options.interviewId && payload?.interviewId !== options.interviewId) return;
      options.onEvent(name, payload);
    });
  }

  return () => {
    socket.removeAllListeners();
    socket.disconnect();
  };
}
