import { createHash } from 'node:crypto';
import { setTimeout } from 'node:timers/promises';
import { type Sql, withTenantSql } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import type { InterviewDeps } from '../deps.ts';
import { evaluateAnswerJob, evaluateAnswerJobId } from './evaluate-answer.job.ts';
import {
  type AnswerInput,
  type AnswerResponse,
  CLAIM_MARGIN_SECONDS,
  forgetIdempotencyClaim,
  keepIdempotentResponse,
  MAX_ANSWER_CHARS,
  recordAnswer,
} from './record-answer.ts';

/** The turn was accepted and is being evaluated; the result arrives over Socket.IO and in state. */
export interface AcceptedAnswer {
  interviewId: string;
  turn: number;
  status: 'accepted';
}

export type SubmitResult = { status: 200; body: AnswerResponse } | { status: 202; body: AcceptedAnswer };

const requestHash = (input: AnswerInput) =>
  createHash('sha256')
    .update(JSON.stringify([input.answerText, input.turn ?? null]))
    .digest('hex');

/**
 * Submit an answer: store it, enqueue its evaluation (a worker, or this process on the embedded
 * default, runs it), and wait up to `waitMs` for the result so the seed's synchronous response
 * still holds. `async` (Prefer: respond-async) or a timeout answers 202 at once instead.
 */
export async function submitAnswer(
  deps: InterviewDeps,
  tenantId: string,
  interviewId: string,
  input: AnswerInput,
  options: {
    idempotencyKey?: string | undefined;
    async?: boolean;
    waitMs: number;
    /**
     * The caller's access check, run first in the transaction that stores the answer. Required:
     * `null` only when the caller was checked already (a candidate's token, bound to this
     * interview, or a staff check that ran before the handler).
     */
    authorize: ((sql: Sql) => Promise<void>) | null;
  },
): Promise<SubmitResult> {
  if (input.answerText.length > MAX_ANSWER_CHARS) {
    throw new AppError('answer_too_long', `Answers are limited to ${MAX_ANSWER_CHARS} characters`);
  }
  const key = options.idempotencyKey;
  const idempotency = key
    ? {
        key,
        hash: requestHash(input),
        abandonedAfterSeconds: Math.ceil(options.waitMs / 1000) + CLAIM_MARGIN_SECONDS,
      }
    : undefined;
  const recorded = await withTenantSql(deps.orm, tenantId, async (sql) => {
    if (options.authorize) await options.authorize(sql);
    return recordAnswer(sql, tenantId, interviewId, input, idempotency);
  });
  if (recorded.kind === 'replay') return { status: 200, body: recorded.body };
  const { turn } = recorded;

  // At a human pace (answer-pace.ts): an answer past its interview's burst is held here up to the
  // wait bound, and its evaluation waits for the rest. A resumed answer books again, or sending
  // it twice would skip the wait.
  const paceMs = await deps.answerPace.reserve(interviewId, input.answerText.length);
  const heldMs = Math.min(paceMs, options.waitMs);
  if (heldMs > 0) await setTimeout(heldMs);

  // Listen before enqueueing, so a fast worker cannot finish unheard.
  const waiting = options.async ? undefined : deps.signals.wait(interviewId, turn, options.waitMs - heldMs);
  const forget = () =>
    idempotency &&
    withTenantSql(deps.orm, tenantId, (sql) =>
      forgetIdempotencyClaim(sql, tenantId, interviewId, idempotency.key),
    ).catch(() => undefined);
  try {
    // A resumed turn gets a job id of its own: the first job may have failed for good, and a
    // queue keeps failed ids (processing is idempotent, so a second run is harmless).
    const jobId = evaluateAnswerJobId(interviewId, turn) + (recorded.resumed ? `:resume:${Date.now()}` : '');
    const delayMs = paceMs > heldMs ? paceMs - heldMs : undefined;
    await deps.jobs.enqueue(evaluateAnswerJob, { tenantId, interviewId, turn }, { jobId, delayMs });
  } catch (err) {
    waiting?.cancel();
    await forget();
    throw err;
  }
  const signal = waiting ? await waiting.done : null;
  try {
    return await finish(signal);
  } catch (err) {
    await forget();
    throw err;
  }

  async function finish(signal: string | null): Promise<SubmitResult> {
    if (signal === null) {
      // Not waiting (or not in time): a retry with the same key resumes rather than conflicts.
      await forget();
      return { status: 202, body: { interviewId, turn, status: 'accepted' } };
    }
    // The evaluate-answer job sends the finished response with its signal.
    const body = JSON.parse(signal) as AnswerResponse;
    if (idempotency) {
      await withTenantSql(deps.orm, tenantId, (sql) =>
        keepIdempotentResponse(sql, tenantId, interviewId, idempotency.key, body),
      );
    }
    return { status: 200, body };
  }
}
