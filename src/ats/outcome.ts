import type { Sql } from '../db/index.ts';
import type { InterviewOutcome, LinkRow } from './adapter.ts';

export const LINK_COLUMNS =
  'l.id, l.tenant_id, l.connection_id, l.schedule_id, l.application_id, l.candidate_id, l.job_id, l.callback_url, l.status';

/** Where an ATS-started interview stands, read from its schedule, interview and report. */
export async function readOutcome(sql: Sql, link: LinkRow, baseUrl: string): Promise<InterviewOutcome> {
  const [row] = await sql<{
    schedule_status: string;
    interview_id: string | null;
    status: string | null;
    started_at: Date | null;
    ended_at: Date | null;
    report: {
      overall: { effectiveScore: number };
      recommendation: 'strong_hire' | 'hire' | 'lean_no' | 'no_hire';
      provisional: boolean;
      competencies: { name: string; effectiveScore: number }[];
    } | null;
  }>(
    `select s.status as schedule_status, i.id as interview_id, i.status, i.started_at, i.ended_at, r.report
       from schedules s
       left join interviews i on i.id = s.interview_id and i.tenant_id = s.tenant_id
       left join reports r on r.interview_id = i.id and r.tenant_id = i.tenant_id
      where s.id = ? and s.tenant_id = ?`,
    [link.schedule_id, link.tenant_id],
  );
  if (!row) throw new Error(`no schedule ${link.schedule_id}`);
  const status: InterviewOutcome['status'] =
    row.schedule_status === 'cancelled'
      ? 'cancelled'
      : row.status === 'completed' || row.status === 'ended'
        ? row.status
        : row.interview_id
          ? 'in_progress'
          : 'scheduled';
  const r = row.report;
  return {
    interviewId: row.interview_id,
    status,
    startedAt: row.started_at ? new Date(row.started_at).toISOString() : null,
    endedAt: row.ended_at ? new Date(row.ended_at).toISOString() : null,
    report:
      r && row.interview_id && (status === 'completed' || status === 'ended')
        ? {
            overallScore: r.overall.effectiveScore,
            recommendation: r.recommendation,
            provisional: r.provisional,
            competencies: r.competencies.map((c) => ({ name: c.name, score: c.effectiveScore })),
            url: `${baseUrl}/interviews/${row.interview_id}/report`,
          }
        : null,
  };
}
