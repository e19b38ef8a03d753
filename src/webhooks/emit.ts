import { type Sql, uuidv7, type WebhookPayload } from '../db/index.ts';
import type { JobQueue } from '../jobs/index.ts';
import { deliverWebhookJob, deliverWebhookJobId } from './deliver.job.ts';
import type { WebhookEventData, WebhookEventType } from './events.ts';

/**
 * Record an event for delivery, in the caller's tenant transaction: one delivery (status
 * pending, due now) per enabled endpoint subscribed to `type`. Returns the delivery ids; after
 * the transaction commits, pass them to enqueueDeliveries (a job enqueued before the commit
 * could run before the rows exist, and a rolled-back event must not be sent).
 */
export async function emitWebhookEvent<T extends WebhookEventType>(
  sql: Sql,
  tenantId: string,
  type: T,
  data: WebhookEventData[T],
): Promise<string[]> {
  const endpoints = await sql<{ id: string }>(
    'select id from webhook_endpoints where tenant_id = ? and enabled and ? = any(events) order by id',
    [tenantId, type],
  );
  if (endpoints.length === 0) return [];
  const payload: WebhookPayload = {
    type,
    timestamp: new Date().toISOString(),
    data: data as unknown as Record<string, unknown>,
  };
  // `msg_` + a UUIDv7, so a tenant's deliveries sort in creation order
  const rows = endpoints.map((e) => ({ id: `msg_${uuidv7()}`, endpoint_id: e.id }));
  // the rows go as one JSON parameter: the same text runs on pg and inside an ORM transaction
  await sql(
    `insert into webhook_deliveries (id, tenant_id, endpoint_id, event_type, payload, next_attempt_at)
     select d.id, ?, d.endpoint_id, ?, ?::jsonb, now()
       from jsonb_to_recordset(?::jsonb) as d(id text, endpoint_id uuid)`,
    [tenantId, type, JSON.stringify(payload), JSON.stringify(rows)],
  );
  return rows.map((r) => r.id);
}

/** Enqueue the first attempt of each delivery (after the emitting transaction committed). */
export async function enqueueDeliveries(
  jobs: JobQueue,
  tenantId: string,
  deliveryIds: readonly string[],
): Promise<void> {
  for (const deliveryId of deliveryIds) {
    await jobs.enqueue(
      deliverWebhookJob,
      { tenantId, deliveryId },
      { jobId: deliverWebhookJobId(deliveryId, 1) },
    );
  }
}
