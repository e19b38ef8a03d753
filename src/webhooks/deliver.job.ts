import { LockMode } from '@mikro-orm/core';
import { z } from 'zod';
import type { Config } from '../config/index.ts';
import {
  type Orm,
  WebhookAttempt,
  WebhookDelivery,
  WebhookEndpoint,
  type WebhookPayload,
  withTenant,
} from '../db/index.ts';
import { defineJob, type JobQueue, type JobWorker } from '../jobs/index.ts';
import type { Logger } from '../observability/index.ts';
import { postWebhook, type Transport, USER_AGENT } from './http.ts';
import { webhookHeaders } from './sign.ts';
import type { LookupFn } from './ssrf.ts';

export const DELIVERY_ID_PATTERN = /^msg_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * One attempt of one delivery. The job itself is never retried by the runner (attempts: 1): the
 * handler records every attempt and schedules the next one itself, from the retry schedule, as a
 * new job whose id carries the attempt number.
 */
export const deliverWebhookJob = defineJob({
  name: 'webhook.deliver',
  queue: 'webhooks',
  schema: z.object({ tenantId: z.uuid(), deliveryId: z.string().regex(DELIVERY_ID_PATTERN) }).strict(),
  retry: { attempts: 1, backoffMs: 1000 },
});

/**
 * The id of a delivery's attempt: one job per attempt, so a retry still queued is never doubled.
 * A recruiter's manual retry and the sweeper's re-enqueue add a `suffix` (a retry after a failed
 * job must not collide with the id a queue still keeps).
 */
export const deliverWebhookJobId = (deliveryId: string, attempt: number, suffix?: string) =>
  `${deliveryId}:${attempt}${suffix ? `:${suffix}` : ''}`;

export type DeliverWebhookPayload = z.infer<typeof deliverWebhookJob.schema>;

export type WebhookSettings = Config['webhooks'];

export interface WebhookDeliveryDeps {
  orm: Orm;
  /** where the next attempt is enqueued */
  jobs: JobQueue;
  settings: WebhookSettings;
  logger?: Logger | undefined;
  /** tests: a DNS stand-in and a transport instead of node:dns and node:http(s) */
  lookup?: LookupFn | undefined;
  transport?: Transport | undefined;
}

/** A job may fire a little before the time it was planned for (timer granularity). */
export const DUE_TOLERANCE_MS = 1000;
/**
 * An attempt in flight holds its delivery this much longer than the request may take. A worker
 * that dies mid-attempt leaves the delivery due at the end of this lease, so the sweeper plans it
 * again (a null `next_attempt_at` would never be found).
 */
const IN_FLIGHT_MARGIN_MS = 5_000;
export const inFlightLeaseMs = (settings: Pick<WebhookSettings, 'timeoutMs'>) =>
  settings.timeoutMs + IN_FLIGHT_MARGIN_MS;
/** After a rotation, the previous secret keeps signing (alongside the new one) this long. */
export const SECRET_ROTATION_GRACE_MS = 24 * 3600 * 1000;

/** The body sent: the stored payload with its keys in Standard Webhooks order; same bytes on every attempt. */
export const serialisePayload = (p: WebhookPayload) =>
  JSON.stringify({ type: p.type, timestamp: p.timestamp, data: p.data });

type Outcome = 'succeeded' | 'retry' | 'gone' | 'blocked';

interface Claim {
  attempt: number;
  url: string;
  secrets: string[];
  payload: WebhookPayload;
}

/**
 * The handler of deliverWebhookJob: claim the attempt (row lock; skip when the delivery is done,
 * not due, already in flight, or its endpoint is gone or disabled), make ONE HTTP attempt outside
 * any transaction, record it, and plan the next one: 2xx succeeded; 410 Gone disables the
 * endpoint; an SSRF refusal fails at once; anything else (3xx, 4xx, 5xx, network, timeout)
 * retries after the next delay of the schedule, or fails when the schedule is exhausted.
 * The claim is a lease (`next_attempt_at` = its end): an attempt whose worker died is due again
 * once it ends, and an attempt that outlived its lease records itself without overruling a later
 * one (except a success, which is final).
 */
export async function handleWebhookDelivery(
  deps: WebhookDeliveryDeps,
  payload: DeliverWebhookPayload,
): Promise<void> {
  const { orm, settings } = deps;
  const { tenantId, deliveryId } = payload;
  const log = deps.logger?.child({ tenantId, deliveryId });

  let notYet: { attempts: number; at: Date } | undefined;
  const claim = await withTenant(orm, tenantId, async (em): Promise<Claim | undefined> => {
    const delivery = await em.findOne(
      WebhookDelivery,
      { id: deliveryId },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (delivery?.status !== 'pending' || !delivery.nextAttemptAt) return undefined; // gone, final, or none planned
    if (delivery.nextAttemptAt.getTime() > Date.now() + DUE_TOLERANCE_MS) {
      // a retry is planned for later, or an attempt holds its lease
      notYet = { attempts: delivery.attempts, at: delivery.nextAttemptAt };
      return undefined;
    }
    const endpoint = await em.findOne(WebhookEndpoint, { id: delivery.endpointId });
    if (!endpoint?.enabled) {
      delivery.status = 'failed';
      delivery.nextAttemptAt = null;
      await em.flush();
      return undefined;
    }
    delivery.attempts += 1;
    delivery.nextAttemptAt = new Date(Date.now() + inFlightLeaseMs(settings));
    await em.flush();
    const secrets = [endpoint.secret];
    if (
      endpoint.previousSecret &&
      endpoint.previousSecretExpiresAt &&
      endpoint.previousSecretExpiresAt.getTime() > Date.now()
    ) {
      secrets.push(endpoint.previousSecret);
    }
    return { attempt: delivery.attempts, url: endpoint.url, secrets, payload: delivery.payload };
  });
  if (notYet) {
    // Make sure a job comes back when it is due: the planned retry has this id already (a no-op
    // then); an attempt whose worker died (this job, run again) has none, and is retried at once
    // its lease ends rather than at the sweeper's next pass.
    await deps.jobs.enqueue(deliverWebhookJob, payload, {
      jobId: deliverWebhookJobId(deliveryId, notYet.attempts + 1),
      delayMs: Math.max(0, notYet.at.getTime() - Date.now()),
    });
  }
  if (!claim) return;

  const body = serialisePayload(claim.payload);
  const timestamp = Math.floor(Date.now() / 1000);
  const result = await postWebhook({
    url: claim.url,
    body,
    headers: {
      ...webhookHeaders(claim.secrets, deliveryId, timestamp, body),
      'content-type': 'application/json',
      'user-agent': USER_AGENT,
    },
    timeoutMs: settings.timeoutMs,
    allowedHosts: settings.allowedHosts,
    lookup: deps.lookup,
    transport: deps.transport,
  });

  let outcome: Outcome;
  let error = result.error;
  if (result.blocked) outcome = 'blocked';
  else if (result.status !== null && result.status >= 200 && result.status < 300) outcome = 'succeeded';
  else if (result.status === 410) outcome = 'gone';
  else outcome = 'retry';
  if (result.status !== null && result.status >= 300 && result.status < 400) {
    error = `redirect (${result.status}) not followed`;
  }
  const delayMs = outcome === 'retry' ? settings.retryScheduleMs[claim.attempt - 1] : undefined;

  const recorded = await withTenant(orm, tenantId, async (em) => {
    const delivery = await em.findOne(WebhookDelivery, { id: deliveryId });
    if (!delivery) return false; // its endpoint was deleted meanwhile
    em.create(WebhookAttempt, {
      tenantId,
      deliveryId,
      attempt: claim.attempt,
      startedAt: result.startedAt,
      durationMs: result.durationMs,
      responseStatus: result.status,
      responseBodyExcerpt: result.bodyExcerpt,
      error,
    });
    // A later attempt (claimed after this one's lease ended) or a success owns the outcome.
    const overtaken = delivery.attempts !== claim.attempt || delivery.status !== 'pending';
    if (outcome === 'succeeded') {
      delivery.status = 'succeeded';
      delivery.nextAttemptAt = null;
    } else if (overtaken) {
      // only the attempt row above
    } else if (delayMs !== undefined) {
      delivery.status = 'pending';
      delivery.nextAttemptAt = new Date(Date.now() + delayMs);
    } else {
      delivery.status = 'failed';
      delivery.nextAttemptAt = null;
    }
    if (outcome === 'gone') {
      const endpoint = await em.findOne(WebhookEndpoint, { id: delivery.endpointId });
      if (endpoint?.enabled) {
        endpoint.enabled = false;
        endpoint.disabledReason = `The receiver answered 410 Gone at ${result.startedAt.toISOString()} (delivery ${deliveryId})`;
      }
    }
    await em.flush();
    return !overtaken;
  });

  log?.info(
    { attempt: claim.attempt, status: result.status, error, outcome, nextInMs: delayMs },
    'webhook attempt',
  );
  if (recorded && delayMs !== undefined) {
    await deps.jobs.enqueue(deliverWebhookJob, payload, {
      jobId: deliverWebhookJobId(deliveryId, claim.attempt + 1),
      delayMs,
    });
  }
}

/** Register the webhook job handlers on a worker (the worker process, or the embedded default). */
export function registerWebhookJobs(worker: JobWorker, deps: WebhookDeliveryDeps): void {
  worker.register(deliverWebhookJob, (payload) => handleWebhookDelivery(deps, payload));
}
