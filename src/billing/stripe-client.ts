import Stripe from 'stripe';
import { AppError } from '../errors/index.ts';

/** The Stripe API version the product is written against: pinned, never the account's default. */
export const STRIPE_API_VERSION = '2026-11-18.endive';

export interface StripeSettings {
  secretKey: string;
  /** another API address (a proxy, or a stand-in in tests) */
  apiUrl?: string | undefined;
}

/** One client per process: the library keeps its HTTP agent and retries (twice, with backoff). */
export function createStripe(settings: StripeSettings): Stripe {
  const url = settings.apiUrl ? new URL(settings.apiUrl) : undefined;
  return new Stripe(settings.secretKey, {
    apiVersion: STRIPE_API_VERSION as Stripe.LatestApiVersion,
    maxNetworkRetries: 2,
    timeout: 10_000,
    appInfo: { name: 'ai-interviewer' },
    ...(url
      ? {
          host: url.hostname,
          port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
          protocol: url.protocol === 'http:' ? 'http' : 'https',
        }
      : {}),
  });
}

/** Stripe unreachable or failing: 503 billing_unavailable (the caller created nothing half-way). */
export function billingUnavailable(err: unknown): AppError {
  const detail = err instanceof Stripe.errors.StripeError ? `${err.type}: ${err.message}` : String(err);
  return new AppError(
    'billing_unavailable',
    `Stripe could not complete the request (${detail}); try again shortly`,
  );
}

/** A Stripe call whose failure is the caller's 503. */
export async function callStripe<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw billingUnavailable(err);
  }
}
