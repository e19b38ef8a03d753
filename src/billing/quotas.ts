import type { Sql } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { type BillingSettings, loadAccount, type Standing, standingOf } from './account.ts';
import { QUOTA_KINDS, type QuotaKind } from './plans.ts';

/**
 * Quotas, enforced where the work starts, in the transaction that creates it: the account row
 * is locked first, so concurrent requests at the last unit run one after the other and exactly
 * one gets it. An interview counts against the period it starts in (one that runs always
 * finishes); the other limits count what exists now.
 */

/** How many of each kind the tenant uses now (its transaction, under row-level security). */
export async function usageOf(
  sql: Sql,
  kind: QuotaKind,
  standing: Pick<Standing, 'period'>,
): Promise<number> {
  const statement: Record<QuotaKind, [string, unknown[]]> = {
    interviews: ['select count(*) as n from interviews where started_at >= ?', [standing.period.start]],
    seats: ['select count(*) as n from users', []],
    positions: [`select count(*) as n from positions where status = 'open'`, []],
    banks: ['select count(*) as n from tenant_plugins', []],
    webhookEndpoints: ['select count(*) as n from webhook_endpoints', []],
  };
  const [text, args] = statement[kind];
  const [row] = await sql<{ n: string | number }>(text, args);
  return Number(row?.n ?? 0);
}

export async function allUsage(
  sql: Sql,
  standing: Pick<Standing, 'period'>,
): Promise<Record<QuotaKind, number>> {
  const entries = await Promise.all(
    QUOTA_KINDS.map(async (k) => [k, await usageOf(sql, k, standing)] as const),
  );
  return Object.fromEntries(entries) as Record<QuotaKind, number>;
}

const LABEL: Record<QuotaKind, string> = {
  interviews: 'interviews this billing period',
  seats: 'team members',
  positions: 'open positions',
  banks: 'installed question banks',
  webhookEndpoints: 'webhook endpoints',
};

/**
 * Refuse one more of `kind` when it would pass the plan's limit (402 quota_exceeded with `quota`,
 * `limit`, `used` and `plan`), or a new interview while past due beyond the grace period (402
 * subscription_past_due). Billing off: nothing to check.
 */
export async function enforceQuota(
  sql: Sql,
  tenantId: string,
  kind: QuotaKind,
  settings: BillingSettings | undefined,
): Promise<void> {
  if (!settings) return;
  const account = await loadAccount(sql, tenantId, settings, true);
  const standing = standingOf(account, settings);
  if (kind === 'interviews' && standing.blocked)
    throw new AppError(
      'subscription_past_due',
      `Payment is overdue since ${standing.blocked.since.toISOString().slice(0, 10)}: new interviews are paused until it is paid`,
      { plan: standing.plan.id, pastDueSince: standing.blocked.since.toISOString() },
    );
  const limit = standing.plan.limits[kind];
  if (limit === null) return;
  const used = await usageOf(sql, kind, standing);
  if (used >= limit)
    throw new AppError(
      'quota_exceeded',
      `The ${standing.plan.name} plan allows ${limit} ${LABEL[kind]}; ${used} are used. Upgrade the plan to add more.`,
      { quota: kind, limit, used, plan: standing.plan.id, planName: standing.plan.name },
    );
}
