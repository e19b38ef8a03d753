import { emSql, type Orm, type Sql, withTenant } from '../../db/index.ts';
import type { RealtimeEmitter } from '../../realtime/index.ts';
import type { AuditEntry } from '../audit.ts';
import { eraseLiveData, type LiveErasureCounts, type LiveStores } from './erase-live.ts';
import { eraseCandidateRecords, type PostgresErasureCounts } from './erase-records.ts';

/**
 * One candidate's erasure, the one way it is done (a staff request, or the retention sweeper):
 * PostgreSQL and the audit entry in one transaction, then Redis and the job queues once it
 * committed, then the ended interviews announced to live viewers.
 */

export interface ErasureDeps extends LiveStores {
  orm: Orm;
  /** live events: an interview the erasure ended is announced as ended */
  events: RealtimeEmitter;
}

export interface ErasureRequest {
  /** why; kept in the audit entry with the candidate's identifiers redacted */
  reason: string;
  /** writes the audit entry inside the erasure's transaction, as whoever asked */
  record: (sql: Sql, entry: AuditEntry) => Promise<void>;
  /** checked first in the same transaction: false leaves the candidate untouched */
  onlyIf?: (sql: Sql) => Promise<boolean>;
}

export interface CandidateErasure {
  candidateId: string;
  /** when the candidate was first erased */
  erasedAt: Date;
  removed: { postgres: PostgresErasureCounts } & LiveErasureCounts;
}

/** Erase the candidate; undefined when `onlyIf` said no. A missing candidate is a 404. */
export async function eraseCandidate(
  deps: ErasureDeps,
  tenantId: string,
  candidateId: string,
  request: ErasureRequest,
): Promise<CandidateErasure | undefined> {
  const erased = await withTenant(deps.orm, tenantId, async (em) => {
    const sql = emSql(em);
    if (request.onlyIf && !(await request.onlyIf(sql))) return undefined;
    const records = await eraseCandidateRecords(sql, tenantId, candidateId);
    await request.record(sql, {
      action: 'candidate.erased',
      target: candidateId,
      data: { reason: records.redact(request.reason), removed: records.counts },
    });
    return records;
  });
  if (!erased) return undefined;
  const live = await eraseLiveData(deps, tenantId, {
    candidateId,
    interviewIds: erased.interviewIds,
    deliveryIds: erased.deliveryIds,
    mailIds: erased.mailIds,
  });
  for (const interviewId of erased.endedInterviewIds) {
    deps.events.emit(tenantId, 'interview.completed', { interviewId, status: 'ended' });
  }
  return { candidateId, erasedAt: erased.erasedAt, removed: { postgres: erased.counts, ...live } };
}
