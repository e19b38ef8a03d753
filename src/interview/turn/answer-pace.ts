import type { Redis } from 'ioredis';
import { MAX_ANSWER_CHARS } from './record-answer.ts';

/**
 * An interview's answers are evaluated at a human pace. The evaluator's cost is linear in an
 * answer's length, and a person reads a question and writes (or pastes) an answer in seconds, not
 * milliseconds: past a burst of two maximal answers, an interview's answers are evaluated at
 * `charsPerSecond` on average (2,000 by default: a maximal answer every 10 s; an ordinary
 * interview never comes near it). A client sending the longest answers as fast as it can is held
 * at that pace instead of taking the evaluator from everyone else; it is not refused, since a
 * refused closed-loop client comes straight back, and the answer is stored either way.
 *
 * The bucket is a GCRA: one timestamp per interview (when its answers so far are paid for), in
 * Redis across API processes or in this process's memory. reserve() books the answer's slot and
 * says how long until it comes.
 */
export interface AnswerPace {
  /** Book a slot for an answer of `chars` characters; resolves to the milliseconds until it (0: now). */
  reserve(interviewId: string, chars: number): Promise<number>;
}

/** Answers within this many characters of an idle interview are never held. */
export const PACE_BURST_CHARS = 2 * MAX_ANSWER_CHARS;

/** No pacing (ANSWER_CHARS_PER_SECOND=0). */
export const unpaced: AnswerPace = { reserve: async () => 0 };

/** An answer's cost and the burst, in milliseconds of the pace. */
const costs = (charsPerSecond: number, chars: number) => ({
  cost: Math.max(1, Math.ceil((chars * 1000) / charsPerSecond)),
  burst: Math.ceil((PACE_BURST_CHARS * 1000) / charsPerSecond),
});

export function memoryAnswerPace(charsPerSecond: number): AnswerPace {
  const paidUntil = new Map<string, number>();
  return {
    async reserve(interviewId, chars) {
      const { cost, burst } = costs(charsPerSecond, chars);
      const now = Date.now();
      const until = Math.max(paidUntil.get(interviewId) ?? 0, now) + cost;
      paidUntil.set(interviewId, until);
      if (paidUntil.size > 100_000) for (const [k, t] of paidUntil) if (t <= now) paidUntil.delete(k);
      return Math.max(0, until - burst - now);
    },
  };
}

/** The GCRA step in Redis (its clock, so API processes agree): KEYS[1] paid-until; ARGV cost, burst (ms). */
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local until_ = math.max(tonumber(redis.call('GET', KEYS[1]) or 0), now) + tonumber(ARGV[1])
redis.call('SET', KEYS[1], until_, 'PX', until_ - now)
return math.max(0, until_ - tonumber(ARGV[2]) - now)`;

export function redisAnswerPace(redis: Redis, charsPerSecond: number): AnswerPace {
  return {
    async reserve(interviewId, chars) {
      const { cost, burst } = costs(charsPerSecond, chars);
      try {
        return Number(await redis.eval(RESERVE, 1, `pace:answers:${interviewId}`, cost, burst));
      } catch {
        return 0; // Redis unreachable: pacing is protection, not a reason to refuse the answer
      }
    },
  };
}
