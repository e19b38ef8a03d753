/**
 * Outbound webhooks (Standard Webhooks): tenants' endpoints, events recorded as deliveries in the
 * emitting transaction, and a job that makes one signed attempt at a time behind an SSRF guard.
 */
export { type AtsRef, atsRefOf, atsRefsOf } from './ats-ref.ts';
export {
  DELIVERY_ID_PATTERN,
  type DeliverWebhookPayload,
  DUE_TOLERANCE_MS,
  deliverWebhookJob,
  deliverWebhookJobId,
  handleWebhookDelivery,
  inFlightLeaseMs,
  registerWebhookJobs,
  type WebhookDeliveryDeps,
  type WebhookSettings,
} from './deliver.job.ts';
export { emitWebhookEvent, enqueueDeliveries } from './emit.ts';
export {
  createEndpoint,
  deleteEndpoint,
  type EndpointPatch,
  getDelivery,
  getEndpoint,
  listDeliveries,
  listEndpoints,
  type NewEndpoint,
  retryDelivery,
  rotateEndpointSecret,
  updateEndpoint,
} from './endpoints.ts';
export {
  WEBHOOK_EVENTS,
  type WebhookEventData,
  type WebhookEventType,
  type WebhookInterviewRef,
} from './events.ts';
export { type PostInput, type PostResult, postWebhook, type Transport, USER_AGENT } from './http.ts';
export { newWebhookSecret, sign, webhookHeaders } from './sign.ts';
export { blockedReason, type LookupFn, resolveTarget, SsrfBlockedError, type Target } from './ssrf.ts';
