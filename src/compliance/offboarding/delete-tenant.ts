import type { Redis } from 'ioredis';
import { type Orm, uuidArray, withoutTenant, withTenant } from '../../db/index.ts';
import type { SessionStore } from '../../interview/index.ts';
import { sweepStoredJobs } from '../../jobs/index.ts';
import { deleteKeysNaming } from '../candidates/erase-live.ts';

/**
 * The end of a tenant whose deletion fell due (its grace period is over, so it can no longer be
 * restored): its Stripe subscription is cancelled first (while the account still says which it
 * is), then every row of every table holding its rows goes in one transaction (the audit log
 * included: nothing of the tenant stays), then its Redis keys and its jobs. A failure up to the
 * database's commit leaves the tenant due and the next pass starts over (every step is safe to
 * repeat); after it, what Redis still holds expires by itself (live state in a day, finished jobs
 * in a day or a week) and a queued job finds nothing left to do.
 */

export interface TenantDeletionDeps {
  orm: Orm;
  /** the live state without Redis (the memory store) */
  sessions: SessionStore;
  redis?: Redis | undefined;
  /** BullMQ's Redis; none with the in-process job runner, which keeps no job once run */
  redisUrl?: string | undefined;
  /** ends the tenant's Stripe subscription; undefined with billing off */
  cancelSubscription?: ((tenantId: string) => Promise<string | undefined>) | undefined;
}

export interface DeletedTenant {
  tenantId: string;
  /** rows deleted per table */
  rows: Record<string, number>;
  subscriptionCancelled: string | undefined;
  redisKeys: number;
  jobs: { removed: number; running: number };
}

/** Tenants deleted per pass at most; the next pass takes the rest. */
const BATCH = 20;

/** The tenants whose deletion is due now (of `among`, when given). */
export async function tenantsDueForDeletion(
  orm: Orm,
  among?: readonly string[],
  limit = BATCH,
): Promise<string[]> {
  const rows = await withoutTenant(orm, (em) =>
    em.execute<{ tenant_id: string }[]>('select tenant_id from tenants_due_for_deletion(?, ?::uuid[])', [
      limit,
      uuidArray(among),
    ]),
  );
  return rows.map((r) => r.tenant_id);
}

/** Delete one tenant if its deletion is due; undefined when it is not (or is gone already). */
export async function deleteTenant(
  deps: TenantDeletionDeps,
  tenantId: string,
): Promise<DeletedTenant | undefined> {
  const state = await withTenant(deps.orm, tenantId, async (em) => {
    const [row] = await em.execute<{ due: boolean }[]>(
      'select deletion_due_at <= now() as due from tenants where id = ?',
      [tenantId],
    );
    // the memory store has no key to scan: its entries are found by interview
    const interviews = deps.redis
      ? []
      : await em.execute<{ id: string }[]>('select id from interviews where tenant_id = ?', [tenantId]);
    return { due: row?.due === true, interviewIds: interviews.map((i) => i.id) };
  });
  if (!state.due) return undefined;

  const subscriptionCancelled = await deps.cancelSubscription?.(tenantId);

  const deleted = await withoutTenant(deps.orm, (em) =>
    em.execute<{ table_name: string; deleted: string }[]>(
      'select table_name, deleted from delete_tenant_data(?)',
      [tenantId],
    ),
  );
  if (deleted.length === 0) return undefined;

  // after the commit, so nothing rebuilt from the rows meanwhile is left behind
  const redisKeys = deps.redis ? await deleteKeysNaming(deps.redis, [tenantId]) : 0;
  for (const id of state.interviewIds) await deps.sessions.delete(tenantId, id).catch(() => undefined);
  const jobs = deps.redisUrl
    ? await sweepStoredJobs(deps.redisUrl, (job) =>
        (job.data as { tenantId?: unknown } | null)?.tenantId === tenantId ? 'remove' : undefined,
      )
    : { removed: [], kept: [] };

  return {
    tenantId,
    rows: Object.fromEntries(deleted.map((d) => [d.table_name, Number(d.deleted)])),
    subscriptionCancelled,
    redisKeys,
    // a running job cannot be removed: it finds nothing left and ends
    jobs: { removed: jobs.removed.length, running: jobs.kept.length },
  };
}
