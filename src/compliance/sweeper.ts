import type { Logger, Metrics } from '../observability/index.ts';
import type { ErasureDeps } from './candidates/erase.ts';
import { deleteTenant, type TenantDeletionDeps, tenantsDueForDeletion } from './offboarding/delete-tenant.ts';
import { type RetentionSweep, type SweepScope, sweepRetention } from './retention.ts';

/**
 * The compliance sweeper, run by every process that runs jobs (the worker; the API itself
 * without Redis): candidates past their tenant's retention are erased, tenants past their
 * deletion grace period are deleted. Several workers may sweep at once: each erasure re-checks
 * its candidate under a lock, and a tenant's deletion happens once.
 */

export interface ComplianceSweepDeps extends ErasureDeps, TenantDeletionDeps {
  logger: Logger;
  metrics?: Pick<Metrics, 'retentionErasures' | 'tenantsDeleted'> | undefined;
}

export interface ComplianceSweep {
  retention: RetentionSweep;
  tenants: { deleted: number; failed: number };
}

/** One pass of both; the counts go to the log and the metrics. */
export async function runComplianceSweep(
  deps: ComplianceSweepDeps,
  scope: SweepScope = {},
): Promise<ComplianceSweep> {
  const retention = await sweepRetention(deps, scope);
  deps.metrics?.retentionErasures.inc(retention.erased);
  if (retention.erased > 0 || retention.failed > 0)
    deps.logger.info(retention, 'retention: candidates past their retention erased');

  const tenants = { deleted: 0, failed: 0 };
  for (const tenantId of await tenantsDueForDeletion(deps.orm, scope.tenantIds)) {
    try {
      const done = await deleteTenant(deps, tenantId);
      if (!done) continue;
      tenants.deleted++;
      deps.metrics?.tenantsDeleted.inc();
      // the tenant's audit log is gone with it: this line is what is left of the deletion
      const rows = Object.values(done.rows).reduce((a, b) => a + b, 0);
      deps.logger.info({ ...done, rowsTotal: rows }, 'tenant deleted after its grace period');
    } catch (err) {
      tenants.failed++;
      deps.logger.error({ err, tenantId }, 'tenant deletion failed; retried on the next pass');
    }
  }
  return { retention, tenants };
}

/** Sweep every `intervalMs` (the first pass after one interval); the returned stop waits for a pass in hand. */
export function startComplianceSweeper(
  deps: ComplianceSweepDeps,
  intervalMs = 15 * 60_000,
): () => Promise<void> {
  let running: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    running ??= runComplianceSweep(deps)
      .catch((err) => deps.logger.error({ err }, 'compliance sweep failed'))
      .finally(() => {
        running = undefined;
      });
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
