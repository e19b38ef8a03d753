import type Stripe from 'stripe';
import { z } from 'zod';
import { emSql, type Orm, type Sql, withoutTenant, withTenantSql } from '../db/index.ts';
import { defineJob, type JobQueue } from '../jobs/index.ts';
import type { Logger } from '../observability/index.ts';

/**
 * Usage metering: every completed interview is recorded in PostgreSQL (the record, written with
 * the interview's report) and reported to Stripe as one billing meter event, from a job, with the
 * interview id as the event's identifier, so a retried job or a re-sent event is counted once.
 * Reconciliation re-sends what was recorded and never reported (a job lost with a worker).
 */

export const meterUsageJob = defineJob({
  name: 'billing.meter-usage',
  queue: 'billing',
  schema: z.object({ tenantId: z.uuid(), interviewId: z.uuid() }),
  retry: { attempts: 8, backoffMs: 2000 },
});

export const meterUsageJobId = (interviewId: string) => `${interviewId}:meter`;

/** Record a completed interview's usage (once) in the caller's transaction; true when new. */
export async function recordUsage(
  sql: Sql,
  tenantId: string,
  interviewId: string,
  completedAt: Date,
): Promise<boolean> {
  const inserted = await sql(
    `insert into usage_records (interview_id, tenant_id, completed_at) values (?, ?, ?)
     on conflict (interview_id) do nothing returning interview_id`,
    [interviewId, tenantId, completedAt],
  );
  return inserted.length > 0;
}

export const enqueueMeterUsage = (jobs: JobQueue, tenantId: string, interviewId: string) =>
  jobs.enqueue(meterUsageJob, { tenantId, interviewId }, { jobId: meterUsageJobId(interviewId) });

export interface MeterDeps {
  orm: Orm;
  stripe: Stripe;
  meterEventName: string;
  logger?: Logger | undefined;
}

/**
 * Stripe's answer to an identifier it has already counted: an invalid_request_error with no code
 * and the message "An event already exists with identifier <id>." (what test mode answers).
 */
function alreadyCounted(err: unknown): boolean {
  const e = err as { code?: string; message?: string; rawType?: string };
  return (
    e.rawType === 'invalid_request_error' &&
    (e.code === 'resource_already_exists' ||
      /already exists with identifier|duplicate identifier/i.test(e.message ?? ''))
  );
}

export function handleMeterUsage(deps: MeterDeps) {
  return async (p: z.infer<typeof meterUsageJob.schema>) => {
    const row = await withTenantSql(deps.orm, p.tenantId, async (sql) => {
      const [usage] = await sql<{ completed_at: Date; reported_at: Date | null; customer: string | null }>(
        `select u.completed_at, u.reported_at, a.stripe_customer_id as customer
           from usage_records u left join billing_accounts a on a.tenant_id = u.tenant_id
          where u.interview_id = ? and u.tenant_id = ?`,
        [p.interviewId, p.tenantId],
      );
      return usage;
    });
    // nothing recorded, already reported, or nobody to bill (a trial without a Stripe customer)
    if (!row || row.reported_at || !row.customer) return;
    try {
      await deps.stripe.billing.meterEvents.create({
        event_name: deps.meterEventName,
        identifier: p.interviewId,
        timestamp: Math.floor(new Date(row.completed_at).getTime() / 1000),
        payload: { stripe_customer_id: row.customer, value: '1' },
      });
    } catch (err) {
      if (!alreadyCounted(err)) {
        await withTenantSql(deps.orm, p.tenantId, (sql) =>
          sql('update usage_records set attempts = attempts + 1, last_error = ? where interview_id = ?', [
            String((err as Error).message ?? err).slice(0, 500),
            p.interviewId,
          ]),
        );
        throw err; // the job is retried with backoff
      }
    }
    await withTenantSql(deps.orm, p.tenantId, (sql) =>
      sql(
        'update usage_records set reported_at = now(), attempts = attempts + 1, last_error = null where interview_id = ?',
        [p.interviewId],
      ),
    );
  };
}

/** Re-enqueue the usage recorded and not reported for a while (a bounded batch, across tenants). */
export async function reconcileUsage(
  orm: Orm,
  jobs: JobQueue,
  olderThanSeconds = 600,
  limit = 500,
): Promise<number> {
  const rows = await withoutTenant(orm, (em) =>
    emSql(em)<{ tenant_id: string; interview_id: string }>(
      'select tenant_id, interview_id from unreported_usage(?, ?)',
      [olderThanSeconds, limit],
    ),
  );
  // a fresh job each time (the first one's id is taken by the finished job); the identifier dedupes
  for (const r of rows)
    await jobs.enqueue(
      meterUsageJob,
      { tenantId: r.tenant_id, interviewId: r.interview_id },
      { jobId: `${meterUsageJobId(r.interview_id)}:${Date.now()}` },
    );
  return rows.length;
}
