import type { Sql } from '../db/index.ts';
import { type BillingSettings, type BillingStatus, loadAccount, standingOf } from './account.ts';
import { PLANS, QUOTA_KINDS, type QuotaKind, UNLIMITED } from './plans.ts';
import { allUsage } from './quotas.ts';

/** What GET /billing shows: the plan, its status and period, and usage against every limit. */
export interface BillingOverview {
  enabled: boolean;
  plan: { id: string; name: string; features: { llmEvaluator: boolean; atsConnections: boolean } };
  status: BillingStatus;
  period: { start: string; end: string } | null;
  trialEnd: string | null;
  /** when Stripe charges next; null when nothing will be (trial, free, canceling) */
  nextInvoiceAt: string | null;
  cancelAtPeriodEnd: boolean;
  pastDue: { since: string; graceEndsAt: string | null } | null;
  usage: { quota: QuotaKind; used: number; limit: number | null }[];
  /** the plans an owner can buy, with their limits */
  plans: { id: string; name: string; limits: Record<QuotaKind, number | null> }[];
}

const purchasable = () =>
  Object.values(PLANS)
    .filter((p) => p.purchasable)
    .map((p) => ({ id: p.id, name: p.name, limits: p.limits }));

export async function billingOverview(
  sql: Sql,
  tenantId: string,
  settings: BillingSettings | undefined,
  now = new Date(),
): Promise<BillingOverview> {
  if (!settings) {
    const month = { start: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)), end: now };
    const used = await allUsage(sql, { period: month });
    return {
      enabled: false,
      plan: {
        id: 'unlimited',
        name: 'Unlimited (billing off)',
        features: { llmEvaluator: true, atsConnections: true },
      },
      status: 'active',
      period: null,
      trialEnd: null,
      nextInvoiceAt: null,
      cancelAtPeriodEnd: false,
      pastDue: null,
      usage: QUOTA_KINDS.map((quota) => ({ quota, used: used[quota], limit: UNLIMITED[quota] })),
      plans: [],
    };
  }
  const account = await loadAccount(sql, tenantId, settings);
  const standing = standingOf(account, settings, now);
  const used = await allUsage(sql, standing);
  const billed = standing.status === 'active' || standing.status === 'past_due';
  return {
    enabled: true,
    plan: { id: standing.plan.id, name: standing.plan.name, features: standing.plan.features },
    status: standing.status,
    period: { start: standing.period.start.toISOString(), end: standing.period.end.toISOString() },
    trialEnd: standing.status === 'trialing' ? (account.trialEnd?.toISOString() ?? null) : null,
    nextInvoiceAt: billed && !account.cancelAtPeriodEnd ? standing.period.end.toISOString() : null,
    cancelAtPeriodEnd: account.cancelAtPeriodEnd,
    pastDue:
      standing.status === 'past_due' && account.pastDueSince
        ? {
            since: account.pastDueSince.toISOString(),
            graceEndsAt: standing.graceEndsAt?.toISOString() ?? null,
          }
        : null,
    usage: QUOTA_KINDS.map((quota) => ({ quota, used: used[quota], limit: standing.plan.limits[quota] })),
    plans: purchasable(),
  };
}
