/**
 * The plans, as data. Limits are what the product allows (enforced where work starts: see
 * quotas.ts); prices live in Stripe and are found by `lookup_key`, so no price id is written here.
 * `null` is unlimited. `free` is what a tenant falls back to when its trial ends or its
 * subscription is canceled; it is never sold.
 */

export const QUOTA_KINDS = ['interviews', 'seats', 'positions', 'banks', 'webhookEndpoints'] as const;
export type QuotaKind = (typeof QUOTA_KINDS)[number];

export type Limits = Record<QuotaKind, number | null>;

export interface Plan {
  id: PlanId;
  name: string;
  /** interviews are counted per billing period; the other limits are counts at any time */
  limits: Limits;
  features: { llmEvaluator: boolean; atsConnections: boolean };
  /** Stripe prices by lookup key: the flat monthly price, and the metered one fed by meter events */
  prices: { flat: string; metered?: string } | null;
  /** sold through Checkout */
  purchasable: boolean;
}

export const PLAN_IDS = ['trial', 'free', 'starter', 'growth', 'enterprise'] as const;
export type PlanId = (typeof PLAN_IDS)[number];

export const PLANS: Record<PlanId, Plan> = {
  trial: {
    id: 'trial',
    name: 'Free trial',
    limits: { interviews: 25, seats: 3, positions: 3, banks: 10, webhookEndpoints: 2 },
    features: { llmEvaluator: true, atsConnections: false },
    prices: null,
    purchasable: false,
  },
  free: {
    id: 'free',
    name: 'Free',
    limits: { interviews: 5, seats: 2, positions: 1, banks: 5, webhookEndpoints: 1 },
    features: { llmEvaluator: false, atsConnections: false },
    prices: null,
    purchasable: false,
  },
  starter: {
    id: 'starter',
    name: 'Starter',
    limits: { interviews: 50, seats: 5, positions: 5, banks: 10, webhookEndpoints: 3 },
    features: { llmEvaluator: false, atsConnections: false },
    prices: { flat: 'starter_monthly', metered: 'interviews_metered' },
    purchasable: true,
  },
  growth: {
    id: 'growth',
    name: 'Growth',
    limits: { interviews: 300, seats: 25, positions: 30, banks: 30, webhookEndpoints: 10 },
    features: { llmEvaluator: true, atsConnections: true },
    prices: { flat: 'growth_monthly', metered: 'interviews_metered' },
    purchasable: true,
  },
  enterprise: {
    id: 'enterprise',
    name: 'Enterprise',
    limits: { interviews: null, seats: null, positions: null, banks: null, webhookEndpoints: null },
    features: { llmEvaluator: true, atsConnections: true },
    prices: { flat: 'enterprise_monthly' },
    purchasable: true,
  },
};

/** Billing off (no STRIPE_SECRET_KEY): what every tenant gets. */
export const UNLIMITED: Limits = {
  interviews: null,
  seats: null,
  positions: null,
  banks: null,
  webhookEndpoints: null,
};

export const isPlanId = (v: string): v is PlanId => (PLAN_IDS as readonly string[]).includes(v);

/** The plan a subscription's prices say (by the flat price's lookup key), if any. */
export function planOfLookupKeys(keys: (string | null | undefined)[]): PlanId | undefined {
  for (const plan of Object.values(PLANS)) if (plan.prices && keys.includes(plan.prices.flat)) return plan.id;
  return undefined;
}
