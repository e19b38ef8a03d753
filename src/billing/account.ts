import type { Sql } from '../db/index.ts';
import { isPlanId, PLANS, type Plan, type PlanId } from './plans.ts';

/** A tenant's billing account: what Stripe last told us, as the product applies it. */

export const BILLING_STATUSES = ['trialing', 'active', 'past_due', 'canceled'] as const;
export type BillingStatus = (typeof BILLING_STATUSES)[number];

export interface BillingAccount {
  tenantId: string;
  stripeCustomerId: string | null;
  subscriptionId: string | null;
  plan: PlanId;
  status: BillingStatus;
  periodStart: Date;
  periodEnd: Date;
  trialEnd: Date | null;
  pastDueSince: Date | null;
  cancelAtPeriodEnd: boolean;
  /** when Stripe produced the subscription state applied last (older events are ignored) */
  stateAt: Date | null;
}

export interface BillingSettings {
  trialDays: number;
  pastDueGraceDays: number;
}

interface AccountRow {
  tenant_id: string;
  stripe_customer_id: string | null;
  subscription_id: string | null;
  plan: string;
  status: BillingStatus;
  period_start: Date;
  period_end: Date;
  trial_end: Date | null;
  past_due_since: Date | null;
  cancel_at_period_end: boolean;
  state_at: Date | null;
}

const COLUMNS = `tenant_id, stripe_customer_id, subscription_id, plan, status, period_start, period_end,
  trial_end, past_due_since, cancel_at_period_end, state_at`;

const toAccount = (r: AccountRow): BillingAccount => ({
  tenantId: r.tenant_id,
  stripeCustomerId: r.stripe_customer_id,
  subscriptionId: r.subscription_id,
  plan: isPlanId(r.plan) ? r.plan : 'free',
  status: r.status,
  periodStart: new Date(r.period_start),
  periodEnd: new Date(r.period_end),
  trialEnd: r.trial_end && new Date(r.trial_end),
  pastDueSince: r.past_due_since && new Date(r.past_due_since),
  cancelAtPeriodEnd: r.cancel_at_period_end,
  stateAt: r.state_at && new Date(r.state_at),
});

const DAY = 86_400_000;

/**
 * The tenant's account, created on first use as a free trial from now; `lock` holds it for the
 * transaction, so two starts at the last unit of a quota run one after the other.
 */
export async function loadAccount(
  sql: Sql,
  tenantId: string,
  settings: BillingSettings,
  lock = false,
): Promise<BillingAccount> {
  // the trial runs from the tenant's sign-up, whenever its account is first needed
  await sql(
    `insert into billing_accounts (tenant_id, plan, status, period_start, period_end, trial_end)
     select id, 'trial', 'trialing', created_at, created_at + make_interval(days => ?), created_at + make_interval(days => ?)
       from tenants where id = ?
     on conflict (tenant_id) do nothing`,
    [settings.trialDays, settings.trialDays, tenantId],
  );
  const [row] = await sql<AccountRow>(
    `select ${COLUMNS} from billing_accounts where tenant_id = ?${lock ? ' for update' : ''}`,
    [tenantId],
  );
  return toAccount(row!);
}

/** The start of the calendar month (UTC) holding `now`, and the next one. */
function calendarMonth(now: Date): { start: Date; end: Date } {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return { start, end };
}

/** `start`..`end` moved forward by whole lengths until it holds `now` (a renewal not heard of yet). */
function rollForward(start: Date, end: Date, now: Date): { start: Date; end: Date } {
  const length = Math.max(DAY, end.getTime() - start.getTime());
  if (now.getTime() < end.getTime()) return { start, end };
  const periods = Math.floor((now.getTime() - start.getTime()) / length);
  return {
    start: new Date(start.getTime() + periods * length),
    end: new Date(start.getTime() + (periods + 1) * length),
  };
}

export interface Standing {
  plan: Plan;
  status: BillingStatus;
  period: { start: Date; end: Date };
  /** set when new interviews are refused whatever the quota (past due beyond the grace period) */
  blocked: { reason: 'past_due'; since: Date; graceEndedAt: Date } | null;
  /** end of the grace period while past due */
  graceEndsAt: Date | null;
}

/**
 * What the account allows now: a trial that ended without a subscription, and a canceled
 * subscription, fall back to the free plan (counted per calendar month); past due keeps the plan
 * for the grace period, then stops new interviews.
 */
export function standingOf(account: BillingAccount, settings: BillingSettings, now = new Date()): Standing {
  const trialOver =
    account.status === 'trialing' &&
    !account.subscriptionId &&
    (account.trialEnd?.getTime() ?? 0) <= now.getTime();
  if (account.status === 'canceled' || trialOver)
    return {
      plan: PLANS.free,
      status: 'canceled',
      period: calendarMonth(now),
      blocked: null,
      graceEndsAt: null,
    };
  const period = rollForward(account.periodStart, account.periodEnd, now);
  if (account.status === 'past_due' && account.pastDueSince) {
    const graceEndsAt = new Date(account.pastDueSince.getTime() + settings.pastDueGraceDays * DAY);
    const blocked =
      graceEndsAt.getTime() <= now.getTime()
        ? { reason: 'past_due' as const, since: account.pastDueSince, graceEndedAt: graceEndsAt }
        : null;
    return { plan: PLANS[account.plan], status: 'past_due', period, blocked, graceEndsAt };
  }
  return { plan: PLANS[account.plan], status: account.status, period, blocked: null, graceEndsAt: null };
}
