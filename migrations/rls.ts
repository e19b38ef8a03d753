/**
 * SQL helpers shared by migrations. Every tenant-owned table gets the same wall: RLS enabled and
 * forced (so even the table owner is bound), one policy with USING and WITH CHECK on the
 * transaction-local `app.tenant_id`. An unset tenant compares with NULL and matches no row.
 */
export const APP_ROLE = 'ai_interviewer_app';

export const CURRENT_TENANT = `nullif(current_setting('app.tenant_id', true), '')::uuid`;

export function tenantIsolation(table: string, column = 'tenant_id'): string[] {
  return [
    `alter table "${table}" enable row level security;`,
    `alter table "${table}" force row level security;`,
    `create policy tenant_isolation on "${table}" using ("${column}" = ${CURRENT_TENANT}) with check ("${column}" = ${CURRENT_TENANT});`,
    `grant select, insert, update, delete on "${table}" to ${APP_ROLE};`,
  ];
}
