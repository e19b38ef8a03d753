import {
  decodeCursorKey,
  type Page,
  type PageRequest,
  pageOfRows,
  paginate,
  type TenantEm,
  WebhookAttempt,
  WebhookDelivery,
  type WebhookDeliveryStatus,
  WebhookEndpoint,
} from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { DELIVERY_ID_PATTERN, deliverWebhookJobId, SECRET_ROTATION_GRACE_MS } from './deliver.job.ts';
import type { WebhookEventType } from './events.ts';
import { newWebhookSecret } from './sign.ts';
import { undeliverableReason } from './ssrf.ts';

/** A URL no delivery could ever reach is refused when saved (422), not discovered at delivery. */
function assertDeliverable(url: string, allowedHosts: readonly string[]): void {
  const reason = undeliverableReason(url, allowedHosts);
  if (reason)
    throw new AppError('webhook_url_refused', `Webhooks are never delivered to this URL: ${reason}`, {
      errors: [{ path: '/body/url', message: reason }],
    });
}

/** Endpoint and delivery management for the routes; every function runs in a tenant transaction. */

export interface NewEndpoint {
  url: string;
  events: WebhookEventType[];
  description?: string | undefined;
  enabled?: boolean | undefined;
}

export interface EndpointPatch {
  url?: string | undefined;
  events?: WebhookEventType[] | undefined;
  description?: string | null | undefined;
  enabled?: boolean | undefined;
}

const dedupe = <T>(xs: readonly T[]) => [...new Set(xs)];

export function listEndpoints(em: TenantEm, page: PageRequest): Promise<Page<WebhookEndpoint>> {
  return paginate(em, WebhookEndpoint, {}, page);
}

export async function getEndpoint(em: TenantEm, id: string): Promise<WebhookEndpoint> {
  const endpoint = await em.findOne(WebhookEndpoint, { id });
  if (!endpoint) throw new AppError('not_found', 'No such webhook endpoint');
  return endpoint;
}

/** Create an endpoint; its secret is returned here once and never again. */
export async function createEndpoint(
  em: TenantEm,
  tenantId: string,
  input: NewEndpoint,
  allowedHosts: readonly string[],
): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  assertDeliverable(input.url, allowedHosts);
  const secret = newWebhookSecret();
  const endpoint = em.create(WebhookEndpoint, {
    tenantId,
    url: input.url,
    events: dedupe(input.events),
    secret,
    description: input.description ?? null,
    enabled: input.enabled ?? true,
  });
  await em.flush();
  return { endpoint, secret };
}

/** Enabling clears the reason the platform disabled it for. */
export async function updateEndpoint(
  em: TenantEm,
  id: string,
  patch: EndpointPatch,
  allowedHosts: readonly string[],
): Promise<WebhookEndpoint> {
  const endpoint = await getEndpoint(em, id);
  if (patch.url !== undefined) assertDeliverable(patch.url, allowedHosts);
  if (patch.url !== undefined) endpoint.url = patch.url;
  if (patch.events !== undefined) endpoint.events = dedupe(patch.events);
  if (patch.description !== undefined) endpoint.description = patch.description;
  if (patch.enabled !== undefined) {
    endpoint.enabled = patch.enabled;
    if (patch.enabled) endpoint.disabledReason = null;
  }
  await em.flush();
  return endpoint;
}

/** Deleting an endpoint deletes its deliveries and attempts; jobs still queued for them do nothing. */
export async function deleteEndpoint(em: TenantEm, id: string): Promise<void> {
  const endpoint = await getEndpoint(em, id);
  em.remove(endpoint);
  await em.flush();
}

/**
 * A new secret, returned once. The previous one keeps signing alongside it for 24 hours (the
 * `webhook-signature` header then carries both), so receivers can switch without losing events.
 */
export async function rotateEndpointSecret(
  em: TenantEm,
  id: string,
): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  const endpoint = await getEndpoint(em, id);
  const secret = newWebhookSecret();
  endpoint.previousSecret = endpoint.secret;
  endpoint.previousSecretExpiresAt = new Date(Date.now() + SECRET_ROTATION_GRACE_MS);
  endpoint.secret = secret;
  await em.flush();
  return { endpoint, secret };
}

// ---------------------------------------------------------------------------------------------
// Deliveries
// ---------------------------------------------------------------------------------------------

const invalidCursor = () =>
  new AppError('validation_failed', 'Invalid cursor', {
    errors: [{ path: '/query/cursor', message: 'not a cursor returned by this list' }],
  });

/** An endpoint's deliveries, newest first (keyset on the time-ordered `msg_<uuidv7>` id). */
export async function listDeliveries(
  em: TenantEm,
  endpointId: string,
  page: PageRequest & { status?: WebhookDeliveryStatus | undefined },
): Promise<Page<WebhookDelivery>> {
  await getEndpoint(em, endpointId);
  let before: string | undefined;
  if (page.cursor) {
    before = decodeCursorKey(page.cursor);
    if (!DELIVERY_ID_PATTERN.test(before)) throw invalidCursor();
  }
  const rows = await em.find(
    WebhookDelivery,
    {
      endpointId,
      ...(page.status ? { status: page.status } : {}),
      ...(before ? { id: { $lt: before } } : {}),
    },
    { orderBy: { id: 'desc' }, limit: page.limit + 1 },
  );
  return pageOfRows(rows, page.limit, (r) => r);
}

export async function getDelivery(
  em: TenantEm,
  endpointId: string,
  deliveryId: string,
): Promise<{ delivery: WebhookDelivery; attempts: WebhookAttempt[] }> {
  const delivery = await em.findOne(WebhookDelivery, { id: deliveryId, endpointId });
  if (!delivery) throw new AppError('not_found', 'No such delivery for this webhook endpoint');
  const attempts = await em.find(WebhookAttempt, { deliveryId }, { orderBy: { attempt: 'asc' } });
  return { delivery, attempts };
}

/**
 * Plan one more attempt now (same delivery, same `webhook-id`), whatever its status. Returns the
 * job id to enqueue once the transaction has committed.
 */
export async function retryDelivery(
  em: TenantEm,
  endpointId: string,
  deliveryId: string,
): Promise<{ delivery: WebhookDelivery; jobId: string }> {
  const endpoint = await getEndpoint(em, endpointId);
  const { delivery } = await getDelivery(em, endpointId, deliveryId);
  if (!endpoint.enabled) {
    throw new AppError('webhook_endpoint_disabled', 'The endpoint is disabled; enable it before retrying');
  }
  delivery.status = 'pending';
  delivery.nextAttemptAt = new Date();
  await em.flush();
  return { delivery, jobId: deliverWebhookJobId(deliveryId, delivery.attempts + 1, `retry-${Date.now()}`) };
}
