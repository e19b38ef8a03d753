import type Stripe from 'stripe';
import { recordAudit } from '../compliance/index.ts';
import { emSql, type Orm, type Sql, withoutTenant, withTenant } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import type { JobQueue } from '../jobs/index.ts';
import type { Logger } from '../observability/index.ts';
import { emitWebhookEvent, enqueueDeliveries } from '../webhooks/index.ts';
import { type BillingAccount, type BillingSettings, type BillingStatus, loadAccount } from './account.ts';
import { type PlanId, planOfLookupKeys } from './plans.ts';
import { billingUnavailable } from './stripe-client.ts';

/**
 * Stripe's webhook: the raw body verified with the signing secret, each event applied once (its
 * id stored in the same transaction as its effect), subscription states in the order Stripe
 * produced them (an older one never overwrites a newer one), and a change of plan or status
 * recorded in the tenant's audit log and sent to its own webhooks as `billing.plan_changed`.
 */

export interface IntakeDeps {
  orm: Orm;
  stripe: Stripe;
  webhookSecret: string;
  settings: BillingSettings;
  jobs: JobQueue;
  logger?: Logger | undefined;
}

/** applied; nothing to change; seen before; older than the state applied; not ours or not handled */
export type IntakeOutcome = 'applied' | 'unchanged' | 'duplicate' | 'stale' | 'ignored';

/** What a subscription says, as the product applies it. */
interface SubscriptionState {
  subscriptionId: string;
  plan: PlanId | undefined;
  status: BillingStatus;
  periodStart: Date;
  periodEnd: Date;
  trialEnd: Date | null;
  cancelAtPeriodEnd: boolean;
}

const fromSeconds = (s: number) => new Date(s * 1000);

/** Stripe's eight statuses, as the four the product acts on. */
function statusOf(s: Stripe.Subscription.Status): BillingStatus {
  switch (s) {
    case 'trialing':
      return 'trialing';
    case 'active':
      return 'active';
    case 'past_due':
    case 'unpaid':
    case 'incomplete':
      return 'past_due';
    default: // canceled, incomplete_expired, paused
      return 'canceled';
  }
}

function subscriptionState(sub: Stripe.Subscription): SubscriptionState {
  const items = sub.items?.data ?? [];
  // in this API version the period lives on each item
  const first = items[0] as
    | (Stripe.SubscriptionItem & { current_period_start?: number; current_period_end?: number })
    | undefined;
  const legacy = sub as unknown as { current_period_start?: number; current_period_end?: number };
  const start = first?.current_period_start ?? legacy.current_period_start ?? sub.start_date;
  const end = first?.current_period_end ?? legacy.current_period_end ?? start + 30 * 86_400;
  return {
    subscriptionId: sub.id,
    plan: planOfLookupKeys(items.map((i) => i.price?.lookup_key)) ?? planFromMetadata(sub.metadata),
    status: statusOf(sub.status),
    periodStart: fromSeconds(start),
    periodEnd: fromSeconds(end),
    trialEnd: sub.trial_end ? fromSeconds(sub.trial_end) : null,
    cancelAtPeriodEnd: sub.cancel_at_period_end ?? false,
  };
}

function planFromMetadata(metadata: Stripe.Metadata | null | undefined): PlanId | undefined {
  return planOfLookupKeys([`${metadata?.['plan'] ?? ''}_monthly`]);
}

/** The customer an event is about. */
function customerOfEvent(event: Stripe.Event): string | undefined {
  const object = event.data.object as { customer?: string | { id: string } | null };
  const c = object.customer;
  return typeof c === 'string' ? c : (c?.id ?? undefined);
}

/** Verify the signature (400 invalid_signature, nothing changes) and parse the event. */
export function verifyEvent(
  stripe: Stripe,
  rawBody: string,
  signature: string | undefined,
  secret: string,
): Stripe.Event {
  if (!signature) throw new AppError('invalid_signature', 'The Stripe-Signature header is missing');
  try {
    return stripe.webhooks.constructEvent(rawBody, signature, secret);
  } catch (err) {
    throw new AppError(
      'invalid_signature',
      `The Stripe signature does not verify: ${(err as Error).message}`,
    );
  }
}

/** Apply one verified event. Safe to call again with the same event (it is applied once). */
export async function handleStripeEvent(deps: IntakeDeps, event: Stripe.Event): Promise<IntakeOutcome> {
  const customer = customerOfEvent(event);
  const tenantId = customer
    ? await withoutTenant(deps.orm, async (em) => {
        const [row] = await emSql(em)<{ tenant_id: string | null }>(
          'select billing_tenant_of_customer(?) as tenant_id',
          [customer],
        );
        return row?.tenant_id ?? null;
      })
    : null;
  if (!tenantId) {
    deps.logger?.warn(
      { eventId: event.id, type: event.type, customer },
      'stripe event for no tenant: ignored',
    );
    return 'ignored';
  }
  // checkout completion carries no subscription state: read it from Stripe (outside any transaction)
  let fetched: Stripe.Subscription | undefined;
  if (event.type === 'checkout.session.completed') {
    const session = event.data.object as Stripe.Checkout.Session;
    if (session.client_reference_id && session.client_reference_id !== tenantId) {
      deps.logger?.warn({ eventId: event.id, tenantId }, 'checkout session for another tenant: ignored');
      return 'ignored';
    }
    const id = typeof session.subscription === 'string' ? session.subscription : session.subscription?.id;
    if (id)
      try {
        fetched = await deps.stripe.subscriptions.retrieve(id);
      } catch (err) {
        throw billingUnavailable(err); // 503: Stripe sends the event again later
      }
  }
  const { outcome, deliveries } = await withTenant(deps.orm, tenantId, async (em) => {
    const sql = emSql(em);
    const first = await sql(
      'insert into stripe_events (id, type) values (?, ?) on conflict (id) do nothing returning id',
      [event.id, event.type],
    );
    if (first.length === 0) return { outcome: 'duplicate' as const, deliveries: [] };
    const before = await loadAccount(sql, tenantId, deps.settings, true);
    const at = fromSeconds(event.created);
    const isNewer = !before.stateAt || before.stateAt.getTime() <= at.getTime();
    let after: BillingAccount | undefined;
    switch (event.type) {
      case 'checkout.session.completed':
        if (fetched) after = await applySubscription(sql, before, subscriptionState(fetched), at);
        break;
      case 'customer.subscription.created':
      case 'customer.subscription.updated':
        after = await applySubscription(
          sql,
          before,
          subscriptionState(event.data.object as Stripe.Subscription),
          at,
        );
        break;
      case 'customer.subscription.deleted': {
        const state = subscriptionState(event.data.object as Stripe.Subscription);
        after = await applySubscription(sql, before, { ...state, status: 'canceled' }, at);
        break;
      }
      case 'invoice.paid':
        if (before.status === 'past_due') after = await setStatus(sql, before, 'active', null);
        break;
      case 'invoice.payment_failed':
        if (before.status !== 'canceled')
          after = await setStatus(sql, before, 'past_due', before.pastDueSince ?? at);
        break;
      default:
        return { outcome: 'ignored' as const, deliveries: [] };
    }
    if (!after)
      return {
        outcome:
          event.type.startsWith('customer.subscription.') && !isNewer
            ? ('stale' as const)
            : ('unchanged' as const),
        deliveries: [],
      };
    return { outcome: 'applied' as const, deliveries: await announce(sql, before, after, event) };
  });
  await enqueueDeliveries(deps.jobs, tenantId, deliveries);
  deps.logger?.info({ eventId: event.id, type: event.type, tenantId, outcome }, 'stripe event');
  return outcome;
}

/** Store a subscription's state unless a newer one was applied already (undefined then). */
async function applySubscription(
  sql: Sql,
  account: BillingAccount,
  state: SubscriptionState,
  at: Date,
): Promise<BillingAccount | undefined> {
  if (account.stateAt && account.stateAt.getTime() > at.getTime()) return undefined;
  const plan = state.status === 'canceled' ? 'free' : (state.plan ?? account.plan);
  const pastDueSince = state.status === 'past_due' ? (account.pastDueSince ?? at) : null;
  await sql(
    `update billing_accounts set subscription_id = ?, plan = ?, status = ?, period_start = ?, period_end = ?,
       trial_end = ?, cancel_at_period_end = ?, past_due_since = ?, state_at = ?, updated_at = now()
     where tenant_id = ?`,
    [
      state.subscriptionId,
      plan,
      state.status,
      state.periodStart,
      state.periodEnd,
      state.trialEnd,
      state.cancelAtPeriodEnd,
      pastDueSince,
      at,
      account.tenantId,
    ],
  );
  return {
    ...account,
    subscriptionId: state.subscriptionId,
    plan,
    status: state.status,
    periodStart: state.periodStart,
    periodEnd: state.periodEnd,
    trialEnd: state.trialEnd,
    cancelAtPeriodEnd: state.cancelAtPeriodEnd,
    pastDueSince,
    stateAt: at,
  };
}

async function setStatus(
  sql: Sql,
  account: BillingAccount,
  status: BillingStatus,
  pastDueSince: Date | null,
): Promise<BillingAccount> {
  await sql(
    'update billing_accounts set status = ?, past_due_since = ?, updated_at = now() where tenant_id = ?',
    [status, pastDueSince, account.tenantId],
  );
  return { ...account, status, pastDueSince };
}

/** A change of plan or status: an audit event, and `billing.plan_changed` to the tenant's webhooks. */
async function announce(
  sql: Sql,
  before: BillingAccount,
  after: BillingAccount,
  event: Stripe.Event,
): Promise<string[]> {
  if (before.plan === after.plan && before.status === after.status) return [];
  await recordAudit(
    sql,
    after.tenantId,
    { kind: 'stripe', id: null, label: 'stripe' },
    {
      action: 'billing.plan_changed',
      target: after.subscriptionId,
      data: {
        from: { plan: before.plan, status: before.status },
        to: { plan: after.plan, status: after.status },
        stripeEvent: event.id,
      },
    },
  );
  return emitWebhookEvent(sql, after.tenantId, 'billing.plan_changed', {
    plan: after.plan,
    status: after.status,
    previousPlan: before.plan,
    previousStatus: before.status,
    periodEnd: after.periodEnd.toISOString(),
  });
}
