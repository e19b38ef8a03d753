import { Emitter } from '@socket.io/redis-emitter';
import type { Redis } from 'ioredis';
import { type RealtimeEmitter, roomsFor } from './events.ts';

/** For processes without a Socket.IO server (workers): publish through Redis to every API process. */
export function redisEmitter(redis: Redis): RealtimeEmitter {
  const emitter = new Emitter(redis);
  return {
    emit(tenantId, event, payload) {
      emitter.to(roomsFor(tenantId, event, payload.interviewId)).emit(event, payload);
    },
  };
}
