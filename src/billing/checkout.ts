import type Stripe from 'stripe';
import { emSql, type Orm, withTenant } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { type BillingSettings, loadAccount } from './account.ts';
import { isPlanId, PLANS } from './plans.ts';
import { callStripe } from './stripe-client.ts';

/**
 * Checkout and the customer portal. The tenant's Stripe customer is created once (an idempotency
 * key per tenant makes a retried or concurrent creation the same customer) and reused; no
 * database transaction is held while Stripe is called.
 */

export interface CheckoutDeps {
  orm: Orm;
  stripe: Stripe;
  settings: BillingSettings;
  /** where Stripe sends the browser back: the dashboard's Billing page */
  returnUrl: string;
}

/** The tenant's Stripe customer id, created on first need. */
async function customerOf(deps: CheckoutDeps, tenantId: string): Promise<string> {
  const known = await withTenant(deps.orm, tenantId, async (em) => {
    const account = await loadAccount(emSql(em), tenantId, deps.settings);
    const [tenant] = await emSql(em)<{ name: string; slug: string }>(
      'select name, slug from tenants where id = ?',
      [tenantId],
    );
    return { customer: account.stripeCustomerId, tenant: tenant! };
  });
  if (known.customer) return known.customer;
  const created = await callStripe(() =>
    deps.stripe.customers.create(
      { name: known.tenant.name, metadata: { tenant_id: tenantId, tenant_slug: known.tenant.slug } },
      { idempotencyKey: `customer-${tenantId}` },
    ),
  );
  return withTenant(deps.orm, tenantId, async (em) => {
    // first writer wins; with the idempotency key both writers hold the same customer anyway
    const [row] = await emSql(em)<{ stripe_customer_id: string }>(
      `update billing_accounts set stripe_customer_id = coalesce(stripe_customer_id, ?), updated_at = now()
        where tenant_id = ? returning stripe_customer_id`,
      [created.id, tenantId],
    );
    return row!.stripe_customer_id;
  });
}

/**
 * Checkout starts a new subscription: with one running, a second would bill twice. A plan change
 * is made in the Customer Portal (its configuration must allow switching between the plans).
 */
async function assertNoSubscription(deps: CheckoutDeps, tenantId: string): Promise<void> {
  const account = await withTenant(deps.orm, tenantId, (em) =>
    loadAccount(emSql(em), tenantId, deps.settings),
  );
  if (account.subscriptionId && account.status !== 'canceled')
    throw new AppError(
      'already_subscribed',
      `The tenant already has a ${account.plan} subscription (${account.status}); change the plan in the billing portal`,
      { plan: account.plan },
    );
}

/** A Checkout Session (subscription mode) for `plan`: its URL, where the owner pays. */
export async function startCheckout(
  deps: CheckoutDeps,
  tenantId: string,
  plan: string,
): Promise<{ url: string }> {
  const target = isPlanId(plan) ? PLANS[plan] : undefined;
  if (!target?.purchasable || !target.prices)
    throw new AppError('unknown_plan', `There is no plan "${plan}" to buy`, {
      plans: Object.values(PLANS)
        .filter((p) => p.purchasable)
        .map((p) => p.id),
    });
  await assertNoSubscription(deps, tenantId);
  const customer = await customerOf(deps, tenantId);
  const keys = [target.prices.flat, ...(target.prices.metered ? [target.prices.metered] : [])];
  const prices = await callStripe(() =>
    deps.stripe.prices.list({ lookup_keys: keys, active: true, limit: 10 }),
  );
  const byKey = new Map(prices.data.map((p) => [p.lookup_key, p]));
  const missing = keys.filter((k) => !byKey.has(k));
  if (missing.length)
    throw new AppError(
      'billing_unavailable',
      `Stripe has no active price with lookup key ${missing.map((k) => `"${k}"`).join(', ')}; create it in the Stripe dashboard`,
    );
  const lineItems = keys.map((k) => {
    const price = byKey.get(k)!;
    // a metered price takes no quantity: the meter events say how much
    return price.recurring?.usage_type === 'metered' ? { price: price.id } : { price: price.id, quantity: 1 };
  });
  const session = await callStripe(() =>
    deps.stripe.checkout.sessions.create({
      mode: 'subscription',
      customer,
      client_reference_id: tenantId,
      line_items: lineItems,
      success_url: `${deps.returnUrl}?checkout=success&session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${deps.returnUrl}?checkout=cancel`,
      metadata: { tenant_id: tenantId, plan: target.id },
      subscription_data: { metadata: { tenant_id: tenantId, plan: target.id } },
    }),
  );
  if (!session.url)
    throw new AppError('billing_unavailable', 'Stripe returned a checkout session without a URL');
  return { url: session.url };
}

/** A Customer Portal session: where the owner changes card, plan or cancels. */
export async function openPortal(deps: CheckoutDeps, tenantId: string): Promise<{ url: string }> {
  const customer = await customerOf(deps, tenantId);
  const session = await callStripe(() =>
    deps.stripe.billingPortal.sessions.create({ customer, return_url: deps.returnUrl }),
  );
  return { url: session.url };
}
