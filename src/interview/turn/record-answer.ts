import { type Sql, uuidv7 } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import type { Evaluation, Report } from '../../evaluation/index.ts';
import type { StateView } from '../lifecycle/live-state.ts';
import { lockInterviewRow } from './interview-row.ts';

export const MAX_ANSWER_CHARS = 20_000;

export interface AnswerInput {
  answerText: string;
  turn?: number | undefined;
}

/** The seed's answer response: the evaluation, the interviewer's next reply, the live state. */
export interface AnswerResponse {
  state: StateView;
  /** what the interviewer says next: the next question, or the closing */
  nextReply: string;
  /** the evaluation of this answer */
  evaluation: Evaluation & { turn: number };
  /** present when this answer completed the interview */
  report?: Report;
}

export const idempotencyScope = (interviewId: string) => `interview:${interviewId}:answer`;

/** `idempotent_responses.status` of a key whose first request is still running. */
const CLAIMED = 0;
/** … and of a key whose response is stored, to be replayed (the answer route's 200). */
const REPLAYABLE = 200;
/**
 * How long past the answer route's wait a claim may live: the request also stores the answer and
 * enqueues its job (bounded by ENQUEUE_TIMEOUT_MS) before it waits, and forgets the claim after.
 */
export const CLAIM_MARGIN_SECONDS = 10;

export interface IdempotencyClaim {
  key: string;
  hash: string;
  /**
   * A claim older than this was left by a process that died mid-request (no request holds one
   * longer: ANSWER_WAIT_MS + CLAIM_MARGIN_SECONDS), so a retry with the key takes it over
   * instead of a 409.
   */
  abandonedAfterSeconds: number;
}

export type Recorded =
  | { kind: 'replay'; body: AnswerResponse }
  /** `resumed`: the same answer was already stored (its processing was interrupted) */
  | { kind: 'recorded'; turn: number; resumed: boolean };

/**
 * Step 1 of a turn: store the answer for the turn awaiting one (unique per interview and turn),
 * under a lock on the interview row so concurrent submissions serialise. A repeated
 * Idempotency-Key replays the first response; the same answer to a turn whose processing was
 * interrupted is accepted again, so processing resumes instead of failing.
 */
export async function recordAnswer(
  sql: Sql,
  tenantId: string,
  interviewId: string,
  input: AnswerInput,
  idempotency: IdempotencyClaim | undefined,
): Promise<Recorded> {
  const interview = await lockInterviewRow(sql, tenantId, interviewId);
  const scope = idempotencyScope(interviewId);
  if (idempotency) {
    const [prior] = await sql<{ request_hash: string; status: number; body: unknown; abandoned: boolean }>(
      `select request_hash, status, body, created_at < now() - make_interval(secs => ?) as abandoned
         from idempotent_responses where tenant_id = ? and scope = ? and key = ?`,
      [idempotency.abandonedAfterSeconds, tenantId, scope, idempotency.key],
    );
    if (prior) {
      if (prior.request_hash !== idempotency.hash) {
        throw new AppError('idempotency_key_reused', 'This Idempotency-Key was used with a different answer');
      }
      if (prior.status === CLAIMED && !prior.abandoned) {
        throw new AppError('idempotency_in_progress', 'The first request with this key is still running', {
          retryAfterSeconds: 1,
        });
      }
      if (prior.status !== CLAIMED) return { kind: 'replay', body: prior.body as AnswerResponse };
      // the process that claimed it died before answering (the claim outlived any request): the
      // retry takes over; the answer it stored is found below and its processing resumes
      await sql('delete from idempotent_responses where tenant_id = ? and scope = ? and key = ?', [
        tenantId,
        scope,
        idempotency.key,
      ]);
      const resumedEarlier = await storedEarlierTurn(sql, tenantId, interview, input);
      if (resumedEarlier) {
        await claim(sql, tenantId, scope, idempotency);
        return { kind: 'recorded', turn: resumedEarlier, resumed: true };
      }
    }
  }
  if (interview.status !== 'in_progress') {
    throw new AppError('interview_not_active', `The interview is ${interview.status.replace('_', ' ')}`);
  }
  if (input.turn !== undefined && input.turn !== interview.turn) {
    throw new AppError(
      'turn_mismatch',
      `Turn ${interview.turn} is awaiting an answer, not turn ${input.turn}`,
      {
        expectedTurn: interview.turn,
      },
    );
  }
  // One statement stores the answer, or finds the turn answered already.
  const inserted = await sql<{ id: string }>(
    `insert into answers (id, tenant_id, interview_id, turn, text) values (?, ?, ?, ?, ?)
     on conflict (interview_id, turn) do nothing returning id`,
    [uuidv7(), tenantId, interviewId, interview.turn, input.answerText],
  );
  const resumed = inserted.length === 0;
  if (resumed) {
    if ((await storedAnswerText(sql, tenantId, interviewId, interview.turn)) !== input.answerText) {
      throw new AppError('turn_already_answered', `Turn ${interview.turn} already has an answer`, {
        expectedTurn: interview.turn,
      });
    }
  }
  if (idempotency) await claim(sql, tenantId, scope, idempotency);
  return { kind: 'recorded', turn: interview.turn, resumed };
}

const claim = (sql: Sql, tenantId: string, scope: string, idempotency: IdempotencyClaim) =>
  sql(
    `insert into idempotent_responses (id, tenant_id, scope, key, request_hash, status, body)
     values (?, ?, ?, ?, ?, ?, '{}'::jsonb)`,
    [uuidv7(), tenantId, scope, idempotency.key, idempotency.hash, CLAIMED],
  );

/**
 * The turn of a taken-over claim whose answer was stored and processed before its process died:
 * the interview has moved on (or ended), so the retry replays that turn rather than answering
 * `turn_mismatch`. Undefined unless the request names an earlier turn holding this very text.
 */
async function storedEarlierTurn(
  sql: Sql,
  tenantId: string,
  interview: { id: string; turn: number; status: string },
  input: AnswerInput,
): Promise<number | undefined> {
  const movedOn =
    input.turn !== undefined && (input.turn < interview.turn || interview.status !== 'in_progress');
  if (!movedOn) return undefined;
  return (await storedAnswerText(sql, tenantId, interview.id, input.turn!)) === input.answerText
    ? input.turn
    : undefined;
}

/** A claimed key whose request did not finish: forget it, so a retry runs again. */
export const forgetIdempotencyClaim = (sql: Sql, tenantId: string, interviewId: string, key: string) =>
  sql('delete from idempotent_responses where tenant_id = ? and scope = ? and key = ? and status = ?', [
    tenantId,
    idempotencyScope(interviewId),
    key,
    CLAIMED,
  ]);

/** The finished response under its key: a repeat of the request replays it. */
export const keepIdempotentResponse = (
  sql: Sql,
  tenantId: string,
  interviewId: string,
  key: string,
  body: AnswerResponse,
) =>
  sql(
    `update idempotent_responses set status = ?, body = ?::jsonb
      where tenant_id = ? and scope = ? and key = ?`,
    [REPLAYABLE, JSON.stringify(body), tenantId, idempotencyScope(interviewId), key],
  );

/** The text stored as the answer of a turn, if any. */
async function storedAnswerText(sql: Sql, tenantId: string, interviewId: string, turn: number) {
  const [stored] = await sql<{ text: string }>(
    'select text from answers where interview_id = ? and turn = ? and tenant_id = ?',
    [interviewId, turn, tenantId],
  );
  return stored?.text;
}
