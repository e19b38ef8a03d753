export {
  type RealtimeEmitter,
  type RealtimeEventName,
  type RealtimeEvents,
  switchableEmitter,
} from './events.ts';
export { redisEmitter } from './redis-emitter.ts';
export {
  attachRealtime,
  candidateAuthorizer,
  type RealtimeServer,
  SOCKET_PATH,
  type SocketAuthorizer,
  type SocketIdentity,
  socketEmitter,
  staffAuthorizer,
} from './server.ts';
export { inProcessTurnSignals, redisTurnSignals, type TurnSignals } from './turn-signals.ts';
