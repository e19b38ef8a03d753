import { createMiddleware } from 'hono/factory';
import { withoutTenant } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import { looksLikePartnerKey, partnerByKey } from '../../plugins/index.ts';
import type { AppEnv } from '../env.ts';
import { bearer } from './auth.ts';
import { continueInTransaction } from './transaction.ts';

/** Partner routes: `Authorization: Bearer aip_…`; the registry is global, so no tenant is set. */
export const requirePartner = createMiddleware<AppEnv>(async (c, next) => {
  const key = bearer(c.req.header('authorization'));
  if (!key || !looksLikePartnerKey(key)) {
    throw new AppError('unauthorized', 'Send `Authorization: Bearer <partner API key (aip_…)>`');
  }
  await continueInTransaction(
    c,
    next,
    (work) => withoutTenant(c.get('services').orm, work),
    async (em) => {
      const partner = await partnerByKey(em, key);
      if (!partner) throw new AppError('unauthorized', 'Unknown or revoked partner key');
      c.set('partner', partner);
    },
  );
});
