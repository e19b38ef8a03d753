import type { Sql } from '../db/index.ts';

/**
 * The ATS that started an interview and its own ids for it (src/ats), as webhooks carry them:
 * an ATS-side receiver matches our events to its application without a lookup.
 */
export interface AtsRef {
  provider: 'greenhouse' | 'ashby' | 'lever';
  connectionId: string;
  /** the id the ATS knows this interview by (Greenhouse partner_interview_id, Ashby assessment_id) */
  partnerId: string;
  /** Greenhouse: the application id from the profile URL; Ashby: application.ashby_id; Lever: the opportunity */
  applicationId: string | null;
  candidateId: string | null;
  jobId: string | null;
}

type AtsRow = {
  schedule_id: string;
  provider: AtsRef['provider'];
  connection_id: string;
  id: string;
  application_id: string | null;
  candidate_id: string | null;
  job_id: string | null;
};

const refOf = (row: AtsRow): AtsRef => ({
  provider: row.provider,
  connectionId: row.connection_id,
  partnerId: row.id,
  applicationId: row.application_id,
  candidateId: row.candidate_id,
  jobId: row.job_id,
});

const SELECT = `select s.id as schedule_id, c.provider, l.connection_id, l.id, l.application_id, l.candidate_id, l.job_id
   from ats_links l
   join schedules s on s.id = l.schedule_id and s.tenant_id = l.tenant_id
   join ats_connections c on c.id = l.connection_id and c.tenant_id = l.tenant_id`;

/** The ATS reference of a schedule, or of the interview its link started; null when no ATS started it. */
export async function atsRefOf(
  sql: Sql,
  tenantId: string,
  of: { scheduleId: string } | { interviewId: string },
): Promise<AtsRef | null> {
  const [row] = await sql<AtsRow>(
    `${SELECT} where l.tenant_id = ? and ${'scheduleId' in of ? 's.id' : 's.interview_id'} = ?`,
    [tenantId, 'scheduleId' in of ? of.scheduleId : of.interviewId],
  );
  return row ? refOf(row) : null;
}

/** The ATS references of many schedules at once (a list page), by schedule id. */
export async function atsRefsOf(
  sql: Sql,
  tenantId: string,
  scheduleIds: readonly string[],
): Promise<Map<string, AtsRef>> {
  if (scheduleIds.length === 0) return new Map();
  const rows = await sql<AtsRow>(`${SELECT} where l.tenant_id = ? and s.id = any(?::uuid[])`, [
    tenantId,
    `{${scheduleIds.join(',')}}`,
  ]);
  return new Map(rows.map((r) => [r.schedule_id, refOf(r)]));
}
