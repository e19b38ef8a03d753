export {
  BILLING_STATUSES,
  type BillingAccount,
  type BillingSettings,
  type BillingStatus,
  loadAccount,
  type Standing,
  standingOf,
} from './account.ts';
export { cancelTenantSubscription } from './cancel.ts';
export { type CheckoutDeps, openPortal, startCheckout } from './checkout.ts';
export { type BillingOverview, billingOverview } from './overview.ts';
export {
  isPlanId,
  type Limits,
  PLAN_IDS,
  PLANS,
  type Plan,
  type PlanId,
  QUOTA_KINDS,
  type QuotaKind,
} from './plans.ts';
export { allUsage, enforceQuota, usageOf } from './quotas.ts';
export { callStripe, createStripe, STRIPE_API_VERSION } from './stripe-client.ts';
export {
  enqueueMeterUsage,
  handleMeterUsage,
  type MeterDeps,
  meterUsageJob,
  meterUsageJobId,
  reconcileUsage,
  recordUsage,
} from './usage.ts';
export { handleStripeEvent, type IntakeDeps, type IntakeOutcome, verifyEvent } from './webhook-intake.ts';
