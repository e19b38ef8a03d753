import type { Interview, Sql } from '../../db/index.ts';
import { positionRef } from '../../positions/index.ts';
import { atsRefOf, type WebhookInterviewRef } from '../../webhooks/index.ts';

/** The ids an ATS matches an interview by: ours, and its own (external candidate id, position). */
export async function interviewRef(
  sql: Sql,
  interview: Pick<Interview, 'id' | 'tenantId' | 'candidateId' | 'positionId' | 'positionVersion' | 'roleId'>,
): Promise<WebhookInterviewRef> {
  const [candidate] = await sql<{ external_id: string | null }>(
    'select external_id from candidates where id = ? and tenant_id = ?',
    [interview.candidateId, interview.tenantId],
  );
  if (!candidate) throw new Error(`no candidate ${interview.candidateId}`);
  return {
    interviewId: interview.id,
    candidateId: interview.candidateId,
    candidateExternalId: candidate.external_id,
    positionId: interview.positionId,
    position: await positionRef(sql, interview.positionId, interview.positionVersion),
    roleId: interview.roleId,
    ats: await atsRefOf(sql, interview.tenantId, { interviewId: interview.id }),
  };
}
