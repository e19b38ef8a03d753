import { type Sql, uuidArray, withoutTenant } from '../db/index.ts';
import type { Logger } from '../observability/index.ts';
import { type AuditActor, recordAudit } from './audit.ts';
import { type ErasureDeps, eraseCandidate } from './candidates/erase.ts';

/**
 * Retention: a tenant keeps a candidate's data `candidate_retention_days` after their last
 * interview ended (default 365; null keeps it). A pass erases every candidate past it exactly as
 * `POST /candidates/:id/erase` does, in the audit log as the system ("retention").
 */

export const RETENTION_ACTOR: AuditActor = { kind: 'system', id: null, label: 'retention' };

/** Candidates erased per pass at most, so one pass stays short; the next pass takes the rest. */
const BATCH = 500;

/** Limits a pass to some tenants (an operator re-running one; a test's own tenants). */
export interface SweepScope {
  tenantIds?: readonly string[] | undefined;
}

export interface RetentionSweep {
  erased: number;
  failed: number;
}

export async function sweepRetention(
  deps: ErasureDeps & { logger: Logger },
  scope: SweepScope = {},
  batch = BATCH,
): Promise<RetentionSweep> {
  const due = await withoutTenant(deps.orm, (em) =>
    em.execute<{ tenant_id: string; candidate_id: string; retention_days: number }[]>(
      'select tenant_id, candidate_id, retention_days from retention_due(?, null, ?::uuid[])',
      [batch, uuidArray(scope.tenantIds)],
    ),
  );
  const result: RetentionSweep = { erased: 0, failed: 0 };
  for (const { tenant_id: tenantId, candidate_id: candidateId, retention_days: days } of due) {
    try {
      const erased = await eraseCandidate(deps, tenantId, candidateId, {
        reason: `retention: ${days} days passed since the candidate's last interview`,
        record: (sql, entry) => recordAudit(sql, tenantId, RETENTION_ACTOR, entry),
        onlyIf: (sql) => stillDue(sql, candidateId),
      });
      if (erased) result.erased++;
    } catch (err) {
      // one candidate's failure never stops the others; the next pass tries it again
      result.failed++;
      deps.logger.error({ err, tenantId, candidateId }, 'retention erasure failed');
    }
  }
  return result;
}

/**
 * Asked again under the candidate's lock: meanwhile the tenant may have changed its retention, a
 * new interview may have started, or another worker's pass erased them.
 */
async function stillDue(sql: Sql, candidateId: string): Promise<boolean> {
  await sql('select 1 from candidates where id = ? for update', [candidateId]);
  return (await sql('select 1 from retention_due(1, ?)', [candidateId])).length > 0;
}
