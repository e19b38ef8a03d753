import { EntitySchema, OptionalProps } from '@mikro-orm/core';
import { uuidv7 } from '../ids.ts';
import { tenantFilter } from './tenant-filter.ts';

/**
 * Outbound webhooks. The signing secret is kept as given (Standard Webhooks signs with the raw
 * secret), never serialised and never returned after creation or rotation.
 */

export class WebhookEndpoint {
  [OptionalProps]?:
    | 'enabled'
    | 'previousSecret'
    | 'previousSecretExpiresAt'
    | 'description'
    | 'disabledReason'
    | 'createdAt'
    | 'updatedAt';
  id: string = uuidv7();
  tenantId!: string;
  url!: string;
  /** the event types it subscribes to (at least one) */
  events!: string[];
  enabled = true;
  /** `whsec_` + base64 of 32 random bytes */
  secret!: string;
  /** the secret before the last rotation, still signed with until previousSecretExpiresAt */
  previousSecret: string | null = null;
  previousSecretExpiresAt: Date | null = null;
  description: string | null = null;
  /** why the platform disabled it (e.g. the receiver answered 410 Gone) */
  disabledReason: string | null = null;
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
}

export const WebhookEndpointSchema = new EntitySchema<WebhookEndpoint>({
  class: WebhookEndpoint,
  tableName: 'webhook_endpoints',
  filters: { tenant: tenantFilter },
  properties: {
    id: { type: 'uuid', primary: true },
    tenantId: { type: 'uuid' },
    url: { type: 'string' },
    events: { type: 'string[]', columnType: 'text[]' },
    enabled: { type: 'boolean' },
    secret: { type: 'string', hidden: true },
    previousSecret: { type: 'string', nullable: true, hidden: true },
    previousSecretExpiresAt: { type: 'Date', nullable: true },
    description: { type: 'string', nullable: true },
    disabledReason: { type: 'string', nullable: true },
    createdAt: { type: 'Date', onCreate: () => new Date() },
    updatedAt: { type: 'Date', onCreate: () => new Date(), onUpdate: () => new Date() },
  },
});

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** The Standard Webhooks body: what is signed and sent, byte-identical on every attempt. */
export interface WebhookPayload {
  type: string;
  /** ISO 8601: when the event happened */
  timestamp: string;
  data: Record<string, unknown>;
}

/** One event for one endpoint. Its id is the `webhook-id` header, the same on every retry. */
export class WebhookDelivery {
  [OptionalProps]?: 'status' | 'attempts' | 'nextAttemptAt' | 'createdAt' | 'updatedAt';
  /** `msg_` + a UUIDv7, so ids sort in creation order */
  id: string = `msg_${uuidv7()}`;
  tenantId!: string;
  endpointId!: string;
  eventType!: string;
  payload!: WebhookPayload;
  status: WebhookDeliveryStatus = 'pending';
  /** attempts made so far */
  attempts = 0;
  /** when the next attempt is due; null while one is in flight or when none is planned */
  nextAttemptAt: Date | null = null;
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
}

export const WebhookDeliverySchema = new EntitySchema<WebhookDelivery>({
  class: WebhookDelivery,
  tableName: 'webhook_deliveries',
  filters: { tenant: tenantFilter },
  properties: {
    id: { type: 'string', primary: true },
    tenantId: { type: 'uuid' },
    endpointId: { type: 'uuid' },
    eventType: { type: 'string' },
    payload: { type: 'json' },
    status: { type: 'string' },
    attempts: { type: 'integer' },
    nextAttemptAt: { type: 'Date', nullable: true },
    createdAt: { type: 'Date', onCreate: () => new Date() },
    updatedAt: { type: 'Date', onCreate: () => new Date(), onUpdate: () => new Date() },
  },
});

/** One HTTP attempt of a delivery, successful or not. */
export class WebhookAttempt {
  [OptionalProps]?: 'responseStatus' | 'responseBodyExcerpt' | 'error';
  id: string = uuidv7();
  tenantId!: string;
  deliveryId!: string;
  /** 1 for the first attempt */
  attempt!: number;
  startedAt!: Date;
  durationMs!: number;
  responseStatus: number | null = null;
  /** the first 1 KB of the response body */
  responseBodyExcerpt: string | null = null;
  /** why it failed without a usable response (network, timeout, ssrf_blocked: …) */
  error: string | null = null;
}

export const WebhookAttemptSchema = new EntitySchema<WebhookAttempt>({
  class: WebhookAttempt,
  tableName: 'webhook_attempts',
  filters: { tenant: tenantFilter },
  properties: {
    id: { type: 'uuid', primary: true },
    tenantId: { type: 'uuid' },
    deliveryId: { type: 'string' },
    attempt: { type: 'integer' },
    startedAt: { type: 'Date' },
    durationMs: { type: 'integer' },
    responseStatus: { type: 'integer', nullable: true },
    responseBodyExcerpt: { type: 'text', nullable: true },
    error: { type: 'text', nullable: true },
  },
});
