import type { Sql } from '../../db/index.ts';
import type { RaceEthnicityAnswer, SexAnswer } from './categories.ts';
import type { Outcome } from './impact.ts';
import type { ReportWindow } from './window.ts';

export interface OutcomeQuery {
  tenantId: string;
  /** only the interviews of this position (already checked to be the tenant's) */
  positionId: string | null;
  window: ReportWindow;
}

/**
 * The counted candidates: each candidate of the tenant once, by their latest completed interview
 * with a report that ended in the window (of the position, when given), with that report's
 * overall score and recommendation as evaluated (recruiters' later overrides are a person's
 * decision, not the tool's output), and their latest self-identification, given on any of their
 * interviews (none: unknown).
 *
 * The one reader of self_identifications: only aggregates leave this module.
 */
export async function countedOutcomes(sql: Sql, q: OutcomeQuery): Promise<Outcome[]> {
  const where = ['i.tenant_id = ?', "i.status = 'completed'", 'i.ended_at is not null'];
  const params: unknown[] = [q.tenantId];
  if (q.positionId) {
    where.push('i.position_id = ?');
    params.push(q.positionId);
  }
  if (q.window.from) {
    where.push('i.ended_at >= ?');
    params.push(q.window.from);
  }
  if (q.window.to) {
    where.push(q.window.to.inclusive ? 'i.ended_at <= ?' : 'i.ended_at < ?');
    params.push(q.window.to.at);
  }
  params.push(q.tenantId);
  const rows = await sql<{
    overall: number;
    recommendation: string;
    sex: SexAnswer | null;
    race_ethnicity: RaceEthnicityAnswer | null;
  }>(
    `with latest as (
       select distinct on (i.candidate_id) i.candidate_id, r.overall, r.recommendation
         from interviews i
         join reports r on r.interview_id = i.id and r.tenant_id = i.tenant_id
        where ${where.join(' and ')}
        order by i.candidate_id, i.ended_at desc, i.id desc
     )
     select l.overall, l.recommendation, s.sex, s.race_ethnicity
       from latest l
       left join lateral (
         select si.sex, si.race_ethnicity
           from self_identifications si
           join interviews own on own.id = si.interview_id and own.tenant_id = si.tenant_id
          where own.candidate_id = l.candidate_id and si.tenant_id = ?
          order by si.updated_at desc, si.interview_id desc
          limit 1
       ) s on true`,
    params,
  );
  return rows.map((r) => ({
    overall: Number(r.overall),
    recommendation: r.recommendation,
    sex: r.sex,
    raceEthnicity: r.race_ethnicity,
  }));
}
