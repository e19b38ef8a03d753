import { LockMode } from '@mikro-orm/core';
import { z } from 'zod';
import { emSql, isStorableText, type Orm, Schedule, type Sql, withTenant } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import { cancelScheduleMail } from '../../notifications/index.ts';
import { cancelSchedule } from '../../scheduling/index.ts';
import type { ConnectionRow } from '../connections.ts';
import { checkEmail, type InviteDeps, inviteFromAts } from '../invite.ts';
import { linkOf, openPositions } from '../positions.ts';

/**
 * Ashby's assessments, our side: an assessment type is one of the tenant's open positions;
 * assessment.start schedules an interview and mails the candidate (once per application and
 * type); assessment.cancel cancels it. Answers use Ashby's `{success, results}` envelope.
 */

export async function listAssessments(sql: Sql, tenantId: string) {
  return {
    success: true as const,
    results: (await openPositions(sql, tenantId)).map((p) => ({
      assessment_type_id: p.id,
      name: p.title,
      description: [p.department, p.location].filter(Boolean).join(' · ') || 'AI interview',
    })),
  };
}

const Str = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine(isStorableText, { message: 'must not contain NUL characters or unpaired surrogates' });
export const StartBody = z.object({
  assessment_type_id: Str(200).min(1),
  candidate: z.object({
    ashby_id: Str(200).min(1),
    first_name: Str(200).nullish(),
    last_name: Str(200).nullish(),
    email: Str(254).min(1),
    ashby_profile_url: Str(2000).nullish(),
  }),
  application: z.object({ ashby_id: Str(200).min(1), status: Str(50).nullish() }),
  job: z.object({ ashby_id: Str(200).min(1), name: Str(300).nullish() }).passthrough(),
});
export type StartAssessment = z.infer<typeof StartBody>;

export async function startAssessment(deps: InviteDeps, connection: ConnectionRow, body: StartAssessment) {
  checkEmail(body.candidate.email, '/body/candidate/email');
  const c = body.candidate;
  let invited: Awaited<ReturnType<typeof inviteFromAts>>;
  try {
    invited = await inviteFromAts(deps, {
      connection,
      positionId: body.assessment_type_id,
      dedupeKey: `application:${body.application.ashby_id}:${body.assessment_type_id}`,
      candidate: {
        email: c.email,
        name: [c.first_name, c.last_name].filter(Boolean).join(' ') || c.email.split('@')[0]!,
      },
      applicationId: body.application.ashby_id,
      candidateId: c.ashby_id,
      jobId: body.job.ashby_id,
    });
  } catch (err) {
    // Ashby shows a 422's message to the recruiter who started it
    if (err instanceof AppError && err.code === 'not_found')
      throw new AppError('position_unavailable', err.message);
    throw err;
  }
  return { success: true as const, results: { assessment_id: invited.linkId } };
}

export const CancelBody = z.object({ assessment_id: Str(200).min(1) });

/**
 * Cancel: the link stops working, its mail that has not gone is cancelled; returns the interview
 * to end (one already started), which the caller ends outside this transaction.
 */
export async function cancelAssessment(
  orm: Orm,
  connection: ConnectionRow,
  assessmentId: string,
): Promise<{
  response: { success: true; results: { assessment_id: string } };
  startedInterviewId: string | null;
}> {
  const tenantId = connection.tenant_id;
  return withTenant(orm, tenantId, async (em) => {
    const sql = emSql(em);
    const linkId = await linkOf(sql, tenantId, connection.id, assessmentId);
    const [link] = await sql<{ schedule_id: string; status: string }>(
      'select schedule_id, status from ats_links where id = ?',
      [linkId],
    );
    let startedInterviewId: string | null = null;
    if (link!.status !== 'cancelled') {
      // locked as the join link's start locks it: a start and a cancel at once end one way
      await em.findOne(Schedule, { id: link!.schedule_id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      const schedule = await cancelSchedule(em, link!.schedule_id);
      await cancelScheduleMail(sql, tenantId, schedule.id);
      // its key is freed: Ashby may start the same assessment for the application again
      await sql(
        `update ats_links set status = 'cancelled', dedupe_key = 'cancelled:' || id::text where id = ?`,
        [linkId],
      );
      startedInterviewId = schedule.interviewId;
    }
    return { response: { success: true as const, results: { assessment_id: linkId } }, startedInterviewId };
  });
}
