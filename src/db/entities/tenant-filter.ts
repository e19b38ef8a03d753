/**
 * The second tenancy layer: every tenant-owned entity carries this default filter, so ORM
 * queries add `tenant_id = ?` even though row-level security already enforces it.
 */
export const TENANT_FILTER = 'tenant';

export const tenantFilter = {
  name: TENANT_FILTER,
  cond: (args: { tenantId: string }) => ({ tenantId: args.tenantId }),
  default: true,
};
