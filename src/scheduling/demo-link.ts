import { hashSecret } from '../auth/index.ts';
import { type Orm, Schedule, withoutTenant, withTenant } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { createSchedule, effectiveStatus } from './schedules.ts';

/**
 * A join link for the demo tenant that works right now: the stored one while it is unused and
 * unexpired, else a fresh one (its token is returned to be kept with the local secrets).
 */
export async function ensureDemoJoinLink(
  orm: Orm,
  tenantSlug: string,
  storedToken: string | undefined,
): Promise<string> {
  const found = storedToken
    ? await withoutTenant(orm, (em) =>
        em.execute<{ tenant_id: string; schedule_id: string }[]>('select * from join_link_tenant(?)', [
          hashSecret(storedToken),
        ]),
      )
    : [];
  const link = found[0];
  if (link && storedToken) {
    const usable = await withTenant(orm, link.tenant_id, async (em) => {
      const s = await em.findOne(Schedule, { id: link.schedule_id });
      return s !== null && ['scheduled', 'started'].includes(effectiveStatus(s));
    });
    if (usable) return storedToken;
  }
  const tenantId = await demoTenantId(orm, tenantSlug);
  const created = await withTenant(orm, tenantId, (em) =>
    createSchedule(
      em,
      tenantId,
      {
        candidateEmail: 'candidate@demo.example',
        candidateName: 'Demo Candidate',
        role: 'backend-engineer',
        scheduledAt: new Date(),
        expiresAt: new Date(Date.now() + 7 * 86_400_000),
      },
      null,
    ),
  ).catch((err: unknown) => {
    // a demo tenant its owner asked to delete starts no new links; the API still starts
    if (err instanceof AppError && err.code === 'tenant_pending_deletion') return undefined;
    throw err;
  });
  return created?.token ?? storedToken ?? '';
}

async function demoTenantId(orm: Orm, slug: string): Promise<string> {
  const rows = await withoutTenant(orm, (em) =>
    em.execute<{ tenant_id: string }[]>('select tenant_id from auth_login_candidates(?, ?)', [
      'owner@demo.example',
      slug,
    ]),
  );
  if (!rows[0]) throw new Error('the demo tenant does not exist');
  return rows[0].tenant_id;
}
