import type { EntityManager } from '@mikro-orm/postgresql';
import { TENANT_FILTER } from './entities/index.ts';
import type { Orm } from './orm.ts';

export type TenantEm = EntityManager;

/**
 * The one way tenant data is touched: a fresh fork of the EntityManager, one transaction whose
 * first statement pins `app.tenant_id` (transaction-local, so a pooled connection never carries
 * it to the next tenant), and the ORM tenant filter as a second layer behind RLS.
 */
export async function withTenant<T>(
  orm: Orm,
  tenantId: string,
  work: (em: TenantEm) => Promise<T>,
): Promise<T> {
  const em = orm.em.fork({ clear: true });
  em.setFilterParams(TENANT_FILTER, { tenantId });
  return em.transactional(async (tx) => {
    await tx.execute(`select set_config('app.tenant_id', ?, true)`, [tenantId]);
    return work(tx);
  });
}

/**
 * The tenant a `withTenant` EntityManager is pinned to: raw SQL adds `tenant_id = ?` with it, the
 * same second layer behind RLS that the ORM filter gives entity queries.
 */
export function tenantOf(em: TenantEm): string {
  const { tenantId } = em.getFilterParams<{ tenantId?: string }>(TENANT_FILTER);
  if (!tenantId) throw new Error('not inside withTenant');
  return tenantId;
}

/**
 * Work outside any tenant (sign-in lookups, the global plugin registry, health checks): a fresh
 * fork and a transaction with no tenant set, so RLS shows no tenant rows at all.
 */
export async function withoutTenant<T>(orm: Orm, work: (em: TenantEm) => Promise<T>): Promise<T> {
  const em = orm.em.fork({ clear: true });
  return em.transactional((tx) => work(tx));
}
