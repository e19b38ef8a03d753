import { LlmFailure, toLlmFailure } from './chat.ts';

/**
 * Retries of one model call within a budget (the candidate is waiting): a rate limit (429) waits
 * what its Retry-After asks, server errors, timeouts and dropped connections back off
 * exponentially with jitter, and every attempt gets what is left of the budget at most. A wait
 * that would end past the deadline is not made: the caller falls back at once instead of
 * sleeping through the turn. Other failures (a 400, a refusal, malformed output) are not retried:
 * the same request would fail the same way.
 */

export interface RetryBudget {
  /** epoch milliseconds by which the call is over, its retries and waits included */
  deadline: number;
  maxRetries: number;
  /** bound on one attempt's waits (cut to what is left of the budget) */
  attemptTimeoutMs: number;
  /** the first backoff; it doubles on each retry (default 250 ms) */
  baseDelayMs?: number | undefined;
}

/** An attempt shorter than this is not worth starting. */
const MIN_ATTEMPT_MS = 50;

export function isRetryable(failure: LlmFailure): boolean {
  const r = failure.reason;
  if (r === 'timeout' || r === 'connection') return true;
  if (!r.startsWith('http_')) return false;
  const status = Number(r.slice(5));
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** How long to wait before retry number `retry` (1-based): Retry-After when given, else backoff. */
export function retryDelayMs(failure: LlmFailure, retry: number, baseDelayMs = 250): number {
  if (failure.retryAfterMs !== undefined) return failure.retryAfterMs;
  const full = baseDelayMs * 2 ** (retry - 1);
  return full / 2 + Math.random() * (full / 2);
}

/**
 * Run `attempt` until it succeeds, fails for good, or the budget is spent; it gets its attempt
 * number (1-based) and its timeout. Throws the last failure.
 */
export async function withRetries<T>(
  budget: RetryBudget,
  attempt: (n: number, timeoutMs: number) => Promise<T>,
): Promise<T> {
  for (let n = 1; ; n++) {
    const left = budget.deadline - Date.now();
    if (left < MIN_ATTEMPT_MS) throw new LlmFailure('timeout', 'the turn budget is spent');
    try {
      return await attempt(n, Math.min(budget.attemptTimeoutMs, left));
    } catch (err) {
      const failure = toLlmFailure(err);
      if (n > budget.maxRetries || !isRetryable(failure)) throw failure;
      const wait = retryDelayMs(failure, n, budget.baseDelayMs);
      if (Date.now() + wait + MIN_ATTEMPT_MS > budget.deadline) throw failure;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
