import type { Candidate, Schedule, Sql } from '../db/index.ts';
import { positionRef } from '../positions/index.ts';
import { atsRefOf, emitWebhookEvent } from '../webhooks/index.ts';

/**
 * Record interview.scheduled for a new schedule (dashboard, API or an ATS), in its transaction;
 * returns the delivery ids to enqueue after the commit.
 */
export async function emitScheduled(
  sql: Sql,
  tenantId: string,
  schedule: Schedule,
  candidate: Pick<Candidate, 'id' | 'externalId' | 'email'>,
): Promise<string[]> {
  return emitWebhookEvent(sql, tenantId, 'interview.scheduled', {
    interviewId: null,
    scheduleId: schedule.id,
    candidateId: candidate.id,
    candidateExternalId: candidate.externalId,
    candidateEmail: candidate.email,
    positionId: schedule.positionId,
    position: await positionRef(sql, schedule.positionId, schedule.positionVersion),
    roleId: schedule.roleId,
    scheduledAt: schedule.scheduledAt.toISOString(),
    expiresAt: schedule.expiresAt.toISOString(),
    ats: await atsRefOf(sql, tenantId, { scheduleId: schedule.id }),
  });
}
