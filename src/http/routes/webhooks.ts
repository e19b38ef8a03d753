import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import {
  WEBHOOK_DELIVERY_STATUSES,
  type WebhookAttempt,
  type WebhookDelivery,
  type WebhookEndpoint,
  withTenant,
} from '../../db/index.ts';
import {
  createEndpoint,
  DELIVERY_ID_PATTERN,
  deleteEndpoint,
  deliverWebhookJob,
  getDelivery,
  getEndpoint,
  listDeliveries,
  listEndpoints,
  retryDelivery,
  rotateEndpointSecret,
  updateEndpoint,
  WEBHOOK_EVENTS,
} from '../../webhooks/index.ts';
import { audit } from '../audit.ts';
import type { AppEnv } from '../env.ts';
import { requireAuth } from '../middleware/auth.ts';
import { requireQuota } from '../middleware/quota.ts';
import {
  bearerSecurity,
  HttpUrl,
  IdParams,
  json,
  jsonBody,
  PageQuery,
  pageOf,
  problems,
  Text,
} from '../openapi.ts';

const base = { tags: ['webhooks'], security: bearerSecurity };
const admin = requireAuth('admin');

// ---------------------------------------------------------------------------------------------
// Schemas and views
// ---------------------------------------------------------------------------------------------

const EventName = z.enum(WEBHOOK_EVENTS).openapi('WebhookEvent');
const Events = z
  .array(EventName)
  .min(1, { message: 'subscribe to at least one event' })
  .max(20)
  .openapi({ description: 'the event types sent to this endpoint (at least one)' });
const Url = HttpUrl.openapi({
  description: 'absolute http(s) URL; private and loopback addresses are refused when delivering',
  example: 'https://ats.example.com/webhooks/ai-interviewer',
});

const EndpointSchema = z
  .object({
    id: z.uuid(),
    url: z.string(),
    events: z.array(EventName),
    enabled: z.boolean(),
    description: z.string().nullable(),
    disabledReason: z.string().nullable().openapi({ description: 'why the platform disabled it' }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('WebhookEndpoint');

const WithSecret = EndpointSchema.extend({
  secret: z.string().openapi({
    description: 'the signing secret (`whsec_…`), shown in this response only; store it now',
  }),
}).openapi('WebhookEndpointWithSecret');

const RotatedSchema = WithSecret.extend({
  previousSecretExpiresAt: z.string().openapi({
    description: 'until then deliveries are signed with both the new and the previous secret',
  }),
}).openapi('RotatedWebhookSecret');

const DeliveryStatus = z.enum(WEBHOOK_DELIVERY_STATUSES);

const DeliverySchema = z
  .object({
    id: z.string().openapi({ description: 'the `webhook-id` header, the same on every attempt' }),
    endpointId: z.uuid(),
    eventType: EventName,
    status: DeliveryStatus,
    attemptCount: z.number().int(),
    nextAttemptAt: z.string().nullable(),
    payload: z
      .object({ type: EventName, timestamp: z.string(), data: z.record(z.string(), z.unknown()) })
      .openapi({ description: 'the body sent (Standard Webhooks)' }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('WebhookDelivery');

const AttemptSchema = z
  .object({
    attempt: z.number().int(),
    startedAt: z.string(),
    durationMs: z.number().int(),
    responseStatus: z.number().int().nullable(),
    responseBodyExcerpt: z.string().nullable().openapi({ description: 'the first 1 KB of the response' }),
    error: z.string().nullable(),
  })
  .openapi('WebhookAttempt');

const DeliveryDetailSchema = DeliverySchema.extend({ attempts: z.array(AttemptSchema) }).openapi(
  'WebhookDeliveryDetail',
);

const endpointView = (e: WebhookEndpoint): z.infer<typeof EndpointSchema> => ({
  id: e.id,
  url: e.url,
  events: e.events as z.infer<typeof EventName>[],
  enabled: e.enabled,
  description: e.description,
  disabledReason: e.disabledReason,
  createdAt: e.createdAt.toISOString(),
  updatedAt: e.updatedAt.toISOString(),
});

const deliveryView = (d: WebhookDelivery): z.infer<typeof DeliverySchema> => ({
  id: d.id,
  endpointId: d.endpointId,
  eventType: d.eventType as z.infer<typeof EventName>,
  status: d.status,
  attemptCount: d.attempts,
  nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
  payload: d.payload as z.infer<typeof DeliverySchema>['payload'],
  createdAt: d.createdAt.toISOString(),
  updatedAt: d.updatedAt.toISOString(),
});

const attemptView = (a: WebhookAttempt): z.infer<typeof AttemptSchema> => ({
  attempt: a.attempt,
  startedAt: a.startedAt.toISOString(),
  durationMs: a.durationMs,
  responseStatus: a.responseStatus,
  responseBodyExcerpt: a.responseBodyExcerpt,
  error: a.error,
});

const DeliveryParams = IdParams.extend({
  deliveryId: z
    .string()
    .regex(DELIVERY_ID_PATTERN, { message: 'must be a delivery id (msg_<uuid>)' })
    .openapi({ param: { name: 'deliveryId', in: 'path' }, example: 'msg_0193a1b2-…' }),
});

// ---------------------------------------------------------------------------------------------
// Routes
// ---------------------------------------------------------------------------------------------

const list = createRoute({
  ...base,
  method: 'get',
  path: '/api/v1/webhooks',
  summary: "List the tenant's webhook endpoints (never their secrets)",
  middleware: [admin] as const,
  request: { query: PageQuery },
  responses: {
    200: json(pageOf(EndpointSchema, 'WebhookEndpointPage'), 'A page of endpoints'),
    ...problems(400, 401, 403),
  },
});

const create = createRoute({
  ...base,
  method: 'post',
  path: '/api/v1/webhooks',
  summary: 'Add a webhook endpoint; its signing secret is shown in this response only',
  middleware: [admin, requireQuota('webhookEndpoints')] as const,
  request: jsonBody(
    z
      .object({
        url: Url,
        events: Events,
        description: Text(1, 500).optional(),
        enabled: z.boolean().optional().openapi({ description: 'default true' }),
      })
      .strict()
      .openapi('NewWebhookEndpoint'),
  ),
  responses: {
    201: json(WithSecret, 'The endpoint, with its secret'),
    ...problems(400, 401, 402, 403, 413, 415, 422),
  },
});

const get = createRoute({
  ...base,
  method: 'get',
  path: '/api/v1/webhooks/{id}',
  summary: 'A webhook endpoint (without its secret)',
  middleware: [admin] as const,
  request: { params: IdParams },
  responses: { 200: json(EndpointSchema, 'The endpoint'), ...problems(400, 401, 403, 404) },
});

const update = createRoute({
  ...base,
  method: 'patch',
  path: '/api/v1/webhooks/{id}',
  summary: 'Change the URL, events or description, or disable/enable the endpoint',
  middleware: [admin] as const,
  request: {
    params: IdParams,
    ...jsonBody(
      z
        .object({
          url: Url.optional(),
          events: Events.optional(),
          description: Text(1, 500).nullable().optional().openapi({ description: 'null clears it' }),
          enabled: z.boolean().optional().openapi({ description: 'true also clears disabledReason' }),
        })
        .strict()
        .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'nothing to change' })
        .openapi('WebhookEndpointPatch'),
    ),
  },
  responses: { 200: json(EndpointSchema, 'The endpoint'), ...problems(400, 401, 403, 404, 413, 415, 422) },
});

const remove = createRoute({
  ...base,
  method: 'delete',
  path: '/api/v1/webhooks/{id}',
  summary: 'Delete a webhook endpoint with its deliveries',
  middleware: [admin] as const,
  request: { params: IdParams },
  responses: { 204: { description: 'Deleted' }, ...problems(400, 401, 403, 404) },
});

const rotate = createRoute({
  ...base,
  method: 'post',
  path: '/api/v1/webhooks/{id}/rotate-secret',
  summary: 'A new signing secret, shown once; the previous one keeps signing for 24 hours',
  middleware: [admin] as const,
  request: { params: IdParams },
  responses: {
    200: json(RotatedSchema, 'The endpoint, with its new secret'),
    ...problems(400, 401, 403, 404),
  },
});

const deliveries = createRoute({
  ...base,
  method: 'get',
  path: '/api/v1/webhooks/{id}/deliveries',
  summary: "The endpoint's deliveries, newest first",
  middleware: [admin] as const,
  request: {
    params: IdParams,
    query: PageQuery.extend({ status: DeliveryStatus.optional() }),
  },
  responses: {
    200: json(pageOf(DeliverySchema, 'WebhookDeliveryPage'), 'A page of deliveries'),
    ...problems(400, 401, 403, 404),
  },
});

const delivery = createRoute({
  ...base,
  method: 'get',
  path: '/api/v1/webhooks/{id}/deliveries/{deliveryId}',
  summary: 'A delivery with every attempt made',
  middleware: [admin] as const,
  request: { params: DeliveryParams },
  responses: { 200: json(DeliveryDetailSchema, 'The delivery'), ...problems(400, 401, 403, 404) },
});

const retry = createRoute({
  ...base,
  method: 'post',
  path: '/api/v1/webhooks/{id}/deliveries/{deliveryId}/retry',
  summary: 'Send a delivery again now, with the same webhook-id',
  // its own transaction, so the job is enqueued only once the delivery is committed as due
  middleware: [requireAuth('admin', { transaction: false })] as const,
  request: { params: DeliveryParams },
  responses: { 202: json(DeliverySchema, 'Queued'), ...problems(400, 401, 403, 404, 409) },
});

export function registerWebhooks(app: OpenAPIHono<AppEnv>) {
  app.openapi(list, async (c) => {
    const page = await listEndpoints(c.get('em'), c.req.valid('query'));
    return c.json({ items: page.items.map(endpointView), nextCursor: page.nextCursor }, 200);
  });
  app.openapi(create, async (c) => {
    const { endpoint, secret } = await createEndpoint(
      c.get('em'),
      c.get('principal').tenantId,
      c.req.valid('json'),
      c.get('services').config.webhooks.allowedHosts,
    );
    await audit(c, {
      action: 'webhook.created',
      target: endpoint.id,
      data: { url: endpoint.url, events: endpoint.events },
    });
    return c.json({ ...endpointView(endpoint), secret }, 201);
  });
  app.openapi(get, async (c) => {
    return c.json(endpointView(await getEndpoint(c.get('em'), c.req.valid('param').id)), 200);
  });
  app.openapi(update, async (c) => {
    const endpoint = await updateEndpoint(
      c.get('em'),
      c.req.valid('param').id,
      c.req.valid('json'),
      c.get('services').config.webhooks.allowedHosts,
    );
    await audit(c, {
      action: 'webhook.changed',
      target: endpoint.id,
      data: { url: endpoint.url, events: endpoint.events, enabled: endpoint.enabled },
    });
    return c.json(endpointView(endpoint), 200);
  });
  app.openapi(remove, async (c) => {
    await deleteEndpoint(c.get('em'), c.req.valid('param').id);
    await audit(c, { action: 'webhook.deleted', target: c.req.valid('param').id });
    return c.body(null, 204);
  });
  app.openapi(rotate, async (c) => {
    const { endpoint, secret } = await rotateEndpointSecret(c.get('em'), c.req.valid('param').id);
    await audit(c, { action: 'webhook.changed', target: endpoint.id, data: { secretRotated: true } });
    return c.json(
      {
        ...endpointView(endpoint),
        secret,
        previousSecretExpiresAt: endpoint.previousSecretExpiresAt!.toISOString(),
      },
      200,
    );
  });
  app.openapi(deliveries, async (c) => {
    const page = await listDeliveries(c.get('em'), c.req.valid('param').id, c.req.valid('query'));
    return c.json({ items: page.items.map(deliveryView), nextCursor: page.nextCursor }, 200);
  });
  app.openapi(delivery, async (c) => {
    const { id, deliveryId } = c.req.valid('param');
    const found = await getDelivery(c.get('em'), id, deliveryId);
    return c.json({ ...deliveryView(found.delivery), attempts: found.attempts.map(attemptView) }, 200);
  });
  app.openapi(retry, async (c) => {
    const { id, deliveryId } = c.req.valid('param');
    const { orm, jobs } = c.get('services');
    const tenantId = c.get('principal').tenantId;
    const planned = await withTenant(orm, tenantId, (em) => retryDelivery(em, id, deliveryId));
    await jobs.enqueue(deliverWebhookJob, { tenantId, deliveryId }, { jobId: planned.jobId });
    return c.json(deliveryView(planned.delivery), 202);
  });
}
