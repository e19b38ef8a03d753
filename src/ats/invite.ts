import type { LinkTokens } from '../auth/index.ts';
import { emSql, type Orm, withTenant } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import type { JobQueue } from '../jobs/index.ts';
import { enqueueMail, type QueuedMail, recordInvitation } from '../notifications/index.ts';
import { createSchedule, emitScheduled } from '../scheduling/index.ts';
import { enqueueDeliveries } from '../webhooks/index.ts';
import { type ConnectionRow, settingsOf } from './connections.ts';
import { openPosition } from './positions.ts';

export interface InviteDeps {
  orm: Orm;
  jobs: JobQueue;
  mail: { links: LinkTokens; reminderHours: number };
}

/** What an ATS asks for: this candidate interviews for this position, and the ATS's ids for it. */
export interface AtsInvite {
  connection: Pick<ConnectionRow, 'id' | 'tenant_id' | 'settings'>;
  positionId: string;
  /** one interview per key and connection: the same request again gets the same interview */
  dedupeKey: string;
  candidate: { email: string; name: string };
  applicationId?: string | null | undefined;
  candidateId?: string | null | undefined;
  jobId?: string | null | undefined;
  /** where the ATS wants to hear that it finished (Greenhouse) */
  callbackUrl?: string | null | undefined;
}

export interface Invited {
  /** the id the ATS knows the interview by (partner_interview_id, assessment_id) */
  linkId: string;
  scheduleId: string;
  /** false: the request was a repeat, answered with the interview it made before */
  created: boolean;
}

// what a mail server accepts, roughly: one @, no spaces, a dotted domain
const EMAIL =
  /^[^\s@<>()[\]\\,;:"]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** C0 controls and DEL: never in a name or an address. */
const isControl = (ch: string) => ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127;

/** A name as an ATS sent it, made storable: at most 200 characters, no control characters. */
export function candidateName(name: string, email: string): string {
  const clean = Array.from(name, (ch) => (isControl(ch) ? ' ' : ch))
    .join('')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
  return clean || email.split('@')[0]!;
}

export function checkEmail(email: string, path: string): void {
  if (email.length > 254 || Array.from(email).some(isControl) || !EMAIL.test(email))
    throw new AppError(
      'invalid_email',
      `"${email.slice(0, 100)}" is not an email address the invitation can go to`,
      {
        errors: [{ path, message: 'not a valid email address' }],
      },
    );
}

/**
 * Schedule an interview an ATS asked for, keep its ATS references, and mail the candidate their
 * link (unless the connection says the ATS mails its own). At the earliest the tenant's notice
 * period allows; once per dedupe key (a repeat, even concurrent, gets the same interview and no
 * second email).
 */
export async function inviteFromAts(deps: InviteDeps, invite: AtsInvite): Promise<Invited> {
  const tenantId = invite.connection.tenant_id;
  const result = await withTenant(deps.orm, tenantId, async (em) => {
    const sql = emSql(em);
    // concurrent repeats of one request wait here, then find the first one's link
    await sql('select pg_advisory_xact_lock(hashtextextended(?, 0))', [
      `ats:${invite.connection.id}:${invite.dedupeKey}`,
    ]);
    const [existing] = await sql<{ id: string; schedule_id: string }>(
      'select id, schedule_id from ats_links where connection_id = ? and dedupe_key = ? and tenant_id = ?',
      [invite.connection.id, invite.dedupeKey, tenantId],
    );
    if (existing)
      return {
        invited: { linkId: existing.id, scheduleId: existing.schedule_id, created: false },
        deliveries: [] as string[],
        mails: [] as QueuedMail[],
      };
    // after the repeat check: a retried request is answered as before even once the position closed
    const position = await openPosition(sql, tenantId, invite.positionId);
    const { schedule, candidate } = await createSchedule(
      em,
      tenantId,
      {
        candidateEmail: invite.candidate.email,
        candidateName: candidateName(invite.candidate.name, invite.candidate.email),
        positionId: position.id,
        scheduledAt: 'earliest',
      },
      null,
      deps.mail.links,
    );
    const [link] = await sql<{ id: string }>(
      `insert into ats_links (id, tenant_id, connection_id, schedule_id, dedupe_key, application_id, candidate_id, job_id, callback_url)
       values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
      [
        tenantId,
        invite.connection.id,
        schedule.id,
        invite.dedupeKey,
        invite.applicationId ?? null,
        invite.candidateId ?? null,
        invite.jobId ?? null,
        invite.callbackUrl ?? null,
      ],
    );
    const deliveries = await emitScheduled(sql, tenantId, schedule, candidate);
    const mails = settingsOf(invite.connection).sendInvitation
      ? await recordInvitation(
          sql,
          tenantId,
          {
            id: schedule.id,
            candidateId: candidate.id,
            candidateEmail: candidate.email,
            expiresAt: schedule.expiresAt,
          },
          deps.mail.reminderHours,
        )
      : [];
    return { invited: { linkId: link!.id, scheduleId: schedule.id, created: true }, deliveries, mails };
  });
  await enqueueDeliveries(deps.jobs, tenantId, result.deliveries);
  await enqueueMail(deps.jobs, result.mails);
  return result.invited;
}
