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

/**
 * The sign-in and join-link lookups are security-definer functions run as the migrating owner.
 * FORCE ROW LEVEL SECURITY binds the owner too, so unless it is a superuser (or has BYPASSRLS)
 * those lookups would see nothing. This read-only policy is for the owner role alone: the app
 * role gets nothing from it.
 */
export function ownerLookup(table: string): string {
  return `create policy owner_lookup on "${table}" for select to current_user using (true);`;
}
