import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';

/**
 * "Turn processed" signals, so an API process can wait for the worker that evaluated an answer
 * (the seed's synchronous answer route) without polling: in-process events on the embedded
 * default, Redis pub/sub across processes. A signal may carry a message (the worker sends the
 * finished answer response, which spares the API a round of reads).
 */
export interface TurnSignals {
  /** resolves with the signal's message, or null after `timeoutMs` */
  wait(
    interviewId: string,
    turn: number,
    timeoutMs: number,
  ): { done: Promise<string | null>; cancel: () => void };
  notify(interviewId: string, turn: number, message: string): Promise<void>;
  close(): Promise<void>;
}

const channel = (interviewId: string, turn: number) => `aii:turn:${interviewId}:${turn}`;

function waiter(bus: EventEmitter) {
  return (interviewId: string, turn: number, timeoutMs: number) => {
    const key = channel(interviewId, turn);
    let cancel = () => {};
    const done = new Promise<string | null>((resolve) => {
      const onSignal = (message: string) => finish(message);
      const timer = setTimeout(() => finish(null), timeoutMs);
      const finish = (result: string | null) => {
        clearTimeout(timer);
        bus.off(key, onSignal);
        resolve(result);
      };
      cancel = () => finish(null);
      bus.on(key, onSignal);
    });
    return { done, cancel };
  };
}

export function inProcessTurnSignals(): TurnSignals {
  const bus = new EventEmitter().setMaxListeners(0);
  return {
    wait: waiter(bus),
    async notify(interviewId, turn, message) {
      bus.emit(channel(interviewId, turn), message);
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
    subscriber.on('pmessage', (_pattern, ch, message) => bus.emit(ch, message));
  }
  return {
    wait: waiter(bus),
    async notify(interviewId, turn, message) {
      await publisher.publish(channel(interviewId, turn), message);
    },
    async close() {
      await subscriber?.quit();
    },
  };
}
