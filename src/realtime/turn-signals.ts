import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';

/**
 * "Turn processed" signals, so an API process can wait for the worker that evaluated an answer
 * (the seed's synchronous answer route) without polling: in-process events on the embedded
 * default, Redis pub/sub across processes.
 */
export interface TurnSignals {
  /** resolves true when the turn is signalled, false after `timeoutMs` */
  wait(interviewId: string, turn: number, timeoutMs: number): { done: Promise<boolean>; cancel: () => void };
  notify(interviewId: string, turn: number): Promise<void>;
  close(): Promise<void>;
}

const channel = (interviewId: string, turn: number) => `aii:turn:${interviewId}:${turn}`;

function waiter(bus: EventEmitter) {
  return (interviewId: string, turn: number, timeoutMs: number) => {
    const key = channel(interviewId, turn);
    let cancel = () => {};
    const done = new Promise<boolean>((resolve) => {
      const onSignal = () => finish(true);
      const timer = setTimeout(() => finish(false), timeoutMs);
      const finish = (ok: boolean) => {
        clearTimeout(timer);
        bus.off(key, onSignal);
        resolve(ok);
      };
      cancel = () => finish(false);
      bus.on(key, onSignal);
    });
    return { done, cancel };
  };
}

export function inProcessTurnSignals(): TurnSignals {
  const bus = new EventEmitter().setMaxListeners(0);
  return {
    wait: waiter(bus),
    async notify(interviewId, turn) {
      bus.emit(channel(interviewId, turn));
    },
    async close() {},
  };
}

/**
 * Across processes: the API subscribes (one connection, pattern subscription) and re-emits
 * locally; workers publish. `subscriber` must be a dedicated connection (subscribe mode).
 */
export async function redisTurnSignals(publisher: Redis, subscriber?: Redis): Promise<TurnSignals> {
  const bus = new EventEmitter().setMaxListeners(0);
  if (subscriber) {
    await subscriber.psubscribe('aii:turn:*');
    subscriber.on('pmessage', (_pattern, ch) => bus.emit(ch));
  }
  return {
    wait: waiter(bus),
    async notify(interviewId, turn) {
      await publisher.publish(channel(interviewId, turn), '1');
    },
    async close() {
      await subscriber?.quit();
    },
  };
}
