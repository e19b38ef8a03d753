import type { Sql } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import type { RaceEthnicityAnswer, SexAnswer } from './categories.ts';

export interface SelfIdentification {
  sex: SexAnswer;
  raceEthnicity: RaceEthnicityAnswer;
}

/**
 * Store a candidate's voluntary self-identification for their interview, once it is over (while it
 * runs nothing of it exists, so it cannot reach that interview's evaluation). A second answer
 * replaces the first. Nothing else in the platform reads this table but the adverse-impact report.
 */
export async function recordSelfIdentification(
  sql: Sql,
  tenantId: string,
  interviewId: string,
  answer: SelfIdentification,
): Promise<void> {
  const [interview] = await sql<{ status: string }>(
    'select status from interviews where id = ? and tenant_id = ? for share',
    [interviewId, tenantId],
  );
  if (!interview) throw new AppError('not_found', 'No such interview');
  if (interview.status === 'in_progress') {
    throw new AppError(
      'interview_in_progress',
      'Self-identification is asked once the interview is over; this one is still running',
    );
  }
  await sql(
    `insert into self_identifications (interview_id, tenant_id, sex, race_ethnicity)
     values (?, ?, ?, ?)
     on conflict (interview_id) do update
       set sex = excluded.sex, race_ethnicity = excluded.race_ethnicity, updated_at = now()`,
    [interviewId, tenantId, answer.sex, answer.raceEthnicity],
  );
}
