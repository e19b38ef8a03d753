import type { Sql } from '../db/index.ts';
import { AppError } from '../errors/index.ts';

/**
 * A candidate's request for a human review or another way to be assessed (NYC LL144's
 * alternative process, the GDPR's right not to be subject to a solely automated decision). One
 * per interview: asking again keeps the first. It stays open on the interview and its report
 * until a person resolves it, with a note.
 */

export interface ReviewRequest {
  interviewId: string;
  requestedBy: 'candidate' | 'staff';
  message: string | null;
  requestedAt: string;
  status: 'open' | 'resolved';
  resolvedAt: string | null;
  resolutionNote: string | null;
}

interface Row {
  interview_id: string;
  requested_by: 'candidate' | 'staff';
  message: string | null;
  requested_at: Date;
  resolved_at: Date | null;
  resolution_note: string | null;
}

const COLUMNS = 'interview_id, requested_by, message, requested_at, resolved_at, resolution_note';

const toRequest = (r: Row): ReviewRequest => ({
  interviewId: r.interview_id,
  requestedBy: r.requested_by,
  message: r.message,
  requestedAt: new Date(r.requested_at).toISOString(),
  status: r.resolved_at ? 'resolved' : 'open',
  resolvedAt: r.resolved_at ? new Date(r.resolved_at).toISOString() : null,
  resolutionNote: r.resolution_note,
});

export async function reviewRequestOf(sql: Sql, interviewId: string): Promise<ReviewRequest | null> {
  const [row] = await sql<Row>(`select ${COLUMNS} from review_requests where interview_id = ?`, [
    interviewId,
  ]);
  return row ? toRequest(row) : null;
}

/** Record the request (once); `created` says whether it is new (then the caller announces it). */
export async function requestReview(
  sql: Sql,
  tenantId: string,
  interviewId: string,
  input: { message?: string | undefined; by: 'candidate' | 'staff' },
): Promise<{ request: ReviewRequest; created: boolean }> {
  const [exists] = await sql('select 1 from interviews where id = ?', [interviewId]);
  if (!exists) throw new AppError('not_found', 'No such interview');
  const inserted = await sql<Row>(
    `insert into review_requests (interview_id, tenant_id, message, requested_by) values (?, ?, ?, ?)
     on conflict (interview_id) do nothing returning ${COLUMNS}`,
    [interviewId, tenantId, input.message ?? null, input.by],
  );
  if (inserted[0]) return { request: toRequest(inserted[0]), created: true };
  return { request: (await reviewRequestOf(sql, interviewId))!, created: false };
}

/** A person resolves the request with a note (409 when there is none or it is resolved already). */
export async function resolveReview(
  sql: Sql,
  interviewId: string,
  input: { note: string; by: string | null },
): Promise<ReviewRequest> {
  const [row] = await sql<Row>(
    `update review_requests set resolved_at = now(), resolved_by = ?, resolution_note = ?
      where interview_id = ? and resolved_at is null returning ${COLUMNS}`,
    [input.by, input.note, interviewId],
  );
  if (row) return toRequest(row);
  const current = await reviewRequestOf(sql, interviewId);
  if (!current) throw new AppError('not_found', 'No review was requested for this interview');
  throw new AppError('review_resolved', 'This review request is resolved already');
}
