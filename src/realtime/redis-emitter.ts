import { Emitter } from '@socket.io/redis-emitter';
import type { Redis } from 'ioredis';
import { type RealtimeEmitter, roomsFor } from './events.ts';

/**
 * For processes without a Socket.IO server (workers): publish through Redis to every API process.
 * The emitter never awaits its `publish`: with Redis away the rejection went unhandled and ended
 * the worker. Live events are best effort (clients read the state again), so a failed one is
 * dropped.
 */
export function redisEmitter(redis: Redis): RealtimeEmitter {
  const publisher = {
    publish: (channel: string, message: string | Buffer) => redis.publish(channel, message).catch(() => 0),
  };
  const emitter = new Emitter(publisher as unknown as Redis);
  return {
    emit(tenantId, event, payload) {
      emitter.to(roomsFor(tenantId, event, payload.interviewId)).emit(event, payload);
    },
  };
}
