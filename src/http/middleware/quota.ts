import { createMiddleware } from 'hono/factory';
import { enforceQuota, type QuotaKind } from '../../billing/index.ts';
import { emSql } from '../../db/index.ts';
import type { AppEnv } from '../env.ts';

/**
 * One more of `kind` must fit the tenant's plan (402 quota_exceeded otherwise). Runs after
 * requireAuth, in the route's transaction: the billing account stays locked until it commits,
 * so concurrent requests at the last unit cannot both pass. Billing off: nothing to check.
 */
export const requireQuota = (kind: QuotaKind) =>
  createMiddleware<AppEnv>(async (c, next) => {
    await enforceQuota(
      emSql(c.get('em')),
      c.get('principal').tenantId,
      kind,
      c.get('services').billing?.settings,
    );
    await next();
  });
