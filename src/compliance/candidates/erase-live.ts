import type { Redis } from 'ioredis';
import type { SessionStore } from '../../interview/index.ts';
import { BULLMQ_PREFIX, type StoredJob, sweepStoredJobs } from '../../jobs/index.ts';

/**
 * Erasure outside PostgreSQL, after the database's erasure committed (so nothing rebuilt from the
 * rows meanwhile can bring the data back): the live state of the candidate's interviews and any
 * other Redis key named after them, and the BullMQ jobs of their interviews and webhook deliveries.
 *
 * Jobs carry ids only (tenant, interview, turn, delivery, mail message): checked here job by job. A finished job
 * is removed (its record, error text included, has no use left); a queued one that carries ids
 * only is kept, since it still does work the erasure keeps (usage metering, a de-identified
 * delivery) and reads the de-identified rows when it runs; a queued one carrying anything more is
 * removed. A running job cannot be removed; it carries ids only.
 */

export interface LiveStores {
  sessions: SessionStore;
  redis?: Redis | undefined;
  /** BullMQ's Redis; none with the in-process job runner, which keeps no job once run */
  redisUrl?: string | undefined;
}

export interface ErasureSubject {
  candidateId: string;
  interviewIds: readonly string[];
  deliveryIds: readonly string[];
  /** their deleted mail messages */
  mailIds?: readonly string[] | undefined;
}

export interface LiveErasureCounts {
  redis: { keys: number };
  jobs: { removed: number; keptQueued: number };
}

/** The fields a job's payload may have: ids and a turn number, never a person's data. */
const ID_FIELDS = new Set(['tenantId', 'interviewId', 'turn', 'deliveryId', 'messageId']);
const FINISHED = new Set(['completed', 'failed']);

export async function eraseLiveData(
  stores: LiveStores,
  tenantId: string,
  subject: ErasureSubject,
): Promise<LiveErasureCounts> {
  const ids = [subject.candidateId, ...subject.interviewIds, ...subject.deliveryIds];
  const keys = stores.redis ? await deleteKeysNaming(stores.redis, ids) : 0;
  // the memory store (no Redis) too; with Redis these keys are gone already
  for (const id of subject.interviewIds) await stores.sessions.delete(tenantId, id).catch(() => undefined);

  let removed = 0;
  let keptQueued = 0;
  if (stores.redisUrl) {
    const interviews = new Set(subject.interviewIds);
    const deliveries = new Set(subject.deliveryIds);
    const mail = new Set(subject.mailIds ?? []);
    const theirs = (job: StoredJob) => {
      const data = (job.data ?? {}) as Record<string, unknown>;
      return (
        (typeof data['interviewId'] === 'string' && interviews.has(data['interviewId'])) ||
        (typeof data['deliveryId'] === 'string' && deliveries.has(data['deliveryId'])) ||
        (typeof data['messageId'] === 'string' && mail.has(data['messageId']))
      );
    };
    const idsOnly = (job: StoredJob) =>
      Object.keys((job.data ?? {}) as object).every((k) => ID_FIELDS.has(k));
    const swept = await sweepStoredJobs(stores.redisUrl, (job) => {
      if (!theirs(job)) return undefined;
      return FINISHED.has(job.state) || !idsOnly(job) ? 'remove' : 'keep';
    });
    removed = swept.removed.length;
    keptQueued = swept.kept.filter((j) => !FINISHED.has(j.state)).length;
  }
  return { redis: { keys }, jobs: { removed, keptQueued } };
}

/**
 * Every key (but BullMQ's, handled apart) whose name holds one of `ids`: for a candidate, their
 * own, their interviews' and deliveries' ids; for a tenant, its id. The live state
 * (`interview:<tenant>:<interview>:state`) today. One SCAN pass.
 */
export async function deleteKeysNaming(redis: Redis, ids: readonly string[]): Promise<number> {
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'COUNT', 1000);
    cursor = next;
    const doomed = batch.filter(
      (k) => !k.startsWith(`${BULLMQ_PREFIX}:`) && ids.some((id) => k.includes(id)),
    );
    if (doomed.length > 0) deleted += await redis.del(...doomed);
  } while (cursor !== '0');
  return deleted;
}
