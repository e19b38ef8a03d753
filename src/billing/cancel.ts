import Stripe from 'stripe';
import { emSql, type Orm, withTenant } from '../db/index.ts';

/**
 * The tenant is being deleted: its Stripe subscription ends now (Stripe's defaults: no proration,
 * no final invoice), so nothing is billed for a tenant that no longer exists. A subscription
 * Stripe has cancelled already (a previous attempt, the portal) counts as done. Returns the
 * subscription cancelled, if any; a Stripe failure throws (the deletion waits and tries again).
 */
export async function cancelTenantSubscription(
  orm: Orm,
  stripe: Stripe,
  tenantId: string,
): Promise<string | undefined> {
  const [account] = await withTenant(orm, tenantId, (em) =>
    emSql(em)<{ subscription_id: string | null; status: string }>(
      'select subscription_id, status from billing_accounts where tenant_id = ?',
      [tenantId],
    ),
  );
  const id = account?.subscription_id;
  if (!id || account.status === 'canceled') return undefined;
  try {
    await stripe.subscriptions.cancel(id);
  } catch (err) {
    if (!(err instanceof Stripe.errors.StripeInvalidRequestError) || !(await isGone(stripe, id))) throw err;
  }
  return id;
}

/** Cancelled already, or unknown to Stripe. */
async function isGone(stripe: Stripe, id: string): Promise<boolean> {
  try {
    return (await stripe.subscriptions.retrieve(id)).status === 'canceled';
  } catch (err) {
    return err instanceof Stripe.errors.StripeInvalidRequestError && err.code === 'resource_missing';
  }
}
