import type { Sql } from '../../db/index.ts';

/**
 * Delete a candidate's self-identifications (every interview of theirs), for an erasure that keeps
 * the de-identified interviews: afterwards the adverse-impact report counts them as unknown. The
 * one writer of self_identifications besides the candidate's own answer.
 */
export async function eraseSelfIdentifications(
  sql: Sql,
  tenantId: string,
  candidateId: string,
): Promise<number> {
  const rows = await sql<{ interview_id: string }>(
    `delete from self_identifications si
      using interviews i
      where i.id = si.interview_id and i.tenant_id = si.tenant_id
        and si.tenant_id = ? and i.candidate_id = ?
      returning si.interview_id`,
    [tenantId, candidateId],
  );
  return rows.length;
}
