import { Answer, IdempotentResponse, Interview, type TenantEm, tenantOf, uuidv7 } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import type { Report } from '../evaluation/report.ts';
import type { Evaluation } from '../evaluation/types.ts';
import type { StateView } from './live-state.ts';

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

/** The interview row, locked for this transaction (raw SQL: the hottest read of a turn). */
export const lockInterview = async (em: TenantEm, id: string) => {
  const [row] = await em.execute('select * from interviews where id = ? and tenant_id = ? for update', [
    id,
    tenantOf(em),
  ]);
  if (!row) throw new AppError('not_found', 'No such interview');
  return em.map(Interview, row);
};

export const idempotencyScope = (interviewId: string) => `interview:${interviewId}:answer`;

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
  em: TenantEm,
  interviewId: string,
  input: AnswerInput,
  idempotency: { key: string; hash: string } | undefined,
): Promise<Recorded> {
  const interview = await lockInterview(em, interviewId);
  const scope = idempotencyScope(interviewId);
  if (idempotency) {
    const prior = await em.findOne(IdempotentResponse, { scope, key: idempotency.key });
    if (prior) {
      if (prior.requestHash !== idempotency.hash) {
        throw new AppError('idempotency_key_reused', 'This Idempotency-Key was used with a different answer');
      }
      if (prior.status === 0) {
        throw new AppError('idempotency_in_progress', 'The first request with this key is still running');
      }
      return { kind: 'replay', body: prior.body as AnswerResponse };
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
  const inserted = await em.execute<{ id: string }[]>(
    `insert into answers (id, tenant_id, interview_id, turn, text) values (?, ?, ?, ?, ?)
     on conflict (interview_id, turn) do nothing returning id`,
    [uuidv7(), interview.tenantId, interviewId, interview.turn, input.answerText],
  );
  const resumed = inserted.length === 0;
  if (resumed) {
    const existing = await em.findOneOrFail(Answer, { interviewId, turn: interview.turn });
    if (existing.text !== input.answerText) {
      throw new AppError('turn_already_answered', `Turn ${interview.turn} already has an answer`, {
        expectedTurn: interview.turn,
      });
    }
  }
  if (idempotency) {
    em.create(IdempotentResponse, {
      tenantId: interview.tenantId,
      scope,
      key: idempotency.key,
      requestHash: idempotency.hash,
      status: 0,
      body: {},
    });
    await em.flush();
  }
  return { kind: 'recorded', turn: interview.turn, resumed };
}
