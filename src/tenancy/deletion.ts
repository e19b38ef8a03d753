import type { Sql, Tenant, TenantEm } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { getTenant } from './tenant.ts';

/**
 * An owner's request to delete the tenant: it falls due after a grace period, during which the
 * owner may restore it; the compliance sweeper then removes everything (docs/compliance.md).
 * Meanwhile the tenant reads and exports as before but starts nothing new.
 */

const DAY_MS = 86_400_000;

/**
 * Schedule the deletion, `confirm` being the tenant's slug or name as typed (422 otherwise).
 * Asking again while one is scheduled keeps the first date. `changed` says whether this call
 * scheduled it (so only that one is audited).
 */
export async function requestDeletion(
  em: TenantEm,
  tenantId: string,
  confirm: string,
  graceDays: number,
): Promise<{ tenant: Tenant; changed: boolean }> {
  const tenant = await getTenant(em, tenantId);
  const typed = confirm.trim();
  if (typed !== tenant.slug && typed !== tenant.name)
    throw new AppError(
      'confirmation_mismatch',
      "Type the organisation's slug or its name exactly to confirm the deletion",
      { errors: [{ path: '/body/confirm', message: `must be "${tenant.slug}" or the organisation's name` }] },
    );
  if (tenant.deletionDueAt) return { tenant, changed: false };
  const now = new Date();
  tenant.deletionRequestedAt = now;
  tenant.deletionDueAt = new Date(now.getTime() + graceDays * DAY_MS);
  await em.flush();
  return { tenant, changed: true };
}

/** Cancel a scheduled deletion within its grace period: 404 when none, 409 once it is due. */
export async function cancelDeletion(em: TenantEm, tenantId: string): Promise<{ tenant: Tenant; was: Date }> {
  const tenant = await getTenant(em, tenantId);
  const due = tenant.deletionDueAt;
  if (!due) throw new AppError('not_found', 'No deletion is scheduled');
  if (due.getTime() <= Date.now())
    throw new AppError('grace_period_over', 'The grace period is over: the deletion is under way');
  tenant.deletionRequestedAt = null;
  tenant.deletionDueAt = null;
  await em.flush();
  return { tenant, was: due };
}

/** New work (an interview, a join link) is refused while the tenant waits for its deletion. */
export async function refuseWhileDeletionPending(sql: Sql, tenantId: string): Promise<void> {
  const [row] = await sql<{ deletion_due_at: Date | null }>(
    'select deletion_due_at from tenants where id = ?',
    [tenantId],
  );
  if (row?.deletion_due_at)
    throw new AppError(
      'tenant_pending_deletion',
      `This organisation is scheduled for deletion on ${new Date(row.deletion_due_at).toISOString()}: it starts no new interviews`,
    );
}
