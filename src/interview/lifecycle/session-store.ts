import type { Redis } from 'ioredis';
import type { InterviewStatus } from '../../db/index.ts';
import type { StrategyState } from '../next-question/strategy.ts';

/**
 * Live interview state: a cache in front of PostgreSQL. Redis (with a TTL) when configured so
 * every API and worker process shares it; process memory otherwise. A miss is never an error:
 * the caller rebuilds the state from the stored rows, so losing the store loses nothing.
 */
export interface LiveState {
  interviewId: string;
  tenantId: string;
  status: InterviewStatus;
  strategy: StrategyState;
  /** the latest evaluated turn and its score, for clients */
  lastEvaluated: { turn: number; score: number } | null;
  /** how the interviewer addresses things: the company's display name, the candidate's name */
  names: { company: string; candidate: string };
}

export interface SessionStore {
  get(tenantId: string, interviewId: string): Promise<LiveState | undefined>;
  set(state: LiveState): Promise<void>;
  delete(tenantId: string, interviewId: string): Promise<void>;
}

export const SESSION_TTL_SECONDS = 24 * 60 * 60;

const key = (tenantId: string, interviewId: string) => `interview:${tenantId}:${interviewId}:state`;

export function memorySessionStore(maxEntries = 10_000): SessionStore {
  const map = new Map<string, LiveState>();
  return {
    async get(tenantId, interviewId) {
      const state = map.get(key(tenantId, interviewId));
      return state ? structuredClone(state) : undefined;
    },
    async set(state) {
      const k = key(state.tenantId, state.interviewId);
      map.delete(k);
      map.set(k, structuredClone(state));
      if (map.size > maxEntries) map.delete(map.keys().next().value!);
    },
    async delete(tenantId, interviewId) {
      map.delete(key(tenantId, interviewId));
    },
  };
}

export function redisSessionStore(redis: Redis, ttlSeconds = SESSION_TTL_SECONDS): SessionStore {
  return {
    async get(tenantId, interviewId) {
      const raw = await redis.get(key(tenantId, interviewId));
      return raw ? (JSON.parse(raw) as LiveState) : undefined;
    },
    async set(state) {
      await redis.set(key(state.tenantId, state.interviewId), JSON.stringify(state), 'EX', ttlSeconds);
    },
    async delete(tenantId, interviewId) {
      await redis.del(key(tenantId, interviewId));
    },
  };
}
