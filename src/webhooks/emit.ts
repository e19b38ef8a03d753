import { type TenantEm, WebhookDelivery, WebhookEndpoint, type WebhookPayload } from '../db/index.ts';
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
  em: TenantEm,
  tenantId: string,
  type: T,
  data: WebhookEventData[T],
): Promise<string[]> {
  const endpoints = await em.find(
    WebhookEndpoint,
    { enabled: true, events: { $contains: [type] } },
    { orderBy: { id: 'asc' } },
  );
  if (endpoints.length === 0) return [];
  const now = new Date();
  const payload: WebhookPayload = {
    type,
    timestamp: now.toISOString(),
    data: data as unknown as Record<string, unknown>,
  };
  const ids = endpoints.map(
    (endpoint) =>
      em.create(WebhookDelivery, {
        tenantId,
        endpointId: endpoint.id,
        eventType: type,
        payload,
        nextAttemptAt: now,
      }).id,
  );
  await em.flush();
  return ids;
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
