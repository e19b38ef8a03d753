import { type Branding, type RecommendationThresholds, Tenant, type TenantEm } from '../db/index.ts';
import { AppError } from '../errors/index.ts';

/** The caller's own tenant (RLS shows no other). */
export async function getTenant(em: TenantEm, tenantId: string): Promise<Tenant> {
  const tenant = await em.findOne(Tenant, { id: tenantId });
  if (!tenant) throw new AppError('not_found', 'No such tenant');
  return tenant;
}

/** Set the branding fields given; `null` clears one, a missing key leaves it as is. */
export async function updateBranding(
  em: TenantEm,
  tenantId: string,
  patch: Partial<Branding>,
): Promise<Tenant> {
  const tenant = await getTenant(em, tenantId);
  for (const key of ['displayName', 'logoUrl', 'primaryColor', 'welcomeMessage'] as const) {
    if (patch[key] !== undefined) tenant[key] = patch[key];
  }
  await em.flush();
  return tenant;
}

/** Set the score thresholds for recommendations (strong_hire >= strongHire > hire > leanNo). */
export async function updateThresholds(
  em: TenantEm,
  tenantId: string,
  thresholds: RecommendationThresholds,
): Promise<Tenant> {
  const tenant = await getTenant(em, tenantId);
  tenant.recommendationThresholds = thresholds;
  await em.flush();
  return tenant;
}
