import { Candidate, type Interview, type TenantEm } from '../../db/index.ts';
import type { WebhookInterviewRef } from '../../webhooks/index.ts';

/** The ids an ATS matches an interview by: ours, and its own (external candidate id, position). */
export async function interviewRef(em: TenantEm, interview: Interview): Promise<WebhookInterviewRef> {
  const candidate = await em.findOneOrFail(Candidate, { id: interview.candidateId });
  return {
    interviewId: interview.id,
    candidateId: candidate.id,
    candidateExternalId: candidate.externalId,
    positionId: interview.positionId,
    roleId: interview.roleId,
  };
}
