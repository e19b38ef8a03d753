import { Migration } from '@mikro-orm/migrations';
import { APP_ROLE, CURRENT_TENANT, tenantIsolation } from './rls.ts';

/**
 * Positions and their interview designs. A design is compiled into a tenant-private plugin
 * version: a row of the same registry, with the tenant's id, that only that tenant can read.
 * So the registry's tables get row-level security too: a row with no tenant is public (the
 * catalog, partners' and bundled banks), a row with one is that tenant's alone.
 */
export class Migration20261206100000_positions extends Migration {
  override async up(): Promise<void> {
    for (const table of ['plugins', 'plugin_versions']) {
      this.addSql(
        `alter table "${table}" add column "tenant_id" uuid null references "tenants" ("id") on delete cascade;`,
      );
      this.addSql(`alter table "${table}" enable row level security;`);
      this.addSql(`alter table "${table}" force row level security;`);
      this.addSql(
        `create policy public_or_own on "${table}" using ("tenant_id" is null or "tenant_id" = ${CURRENT_TENANT}) with check ("tenant_id" is null or "tenant_id" = ${CURRENT_TENANT});`,
      );
    }
    this.addSql(
      `create index "plugins_tenant_idx" on "plugins" ("tenant_id") where "tenant_id" is not null;`,
    );

    this.addSql(`create table "positions" (
      "id" uuid primary key,
      "tenant_id" uuid not null references "tenants" ("id") on delete cascade,
      "title" varchar(200) not null,
      "department" varchar(120) null,
      "location" varchar(120) null,
      "description" text not null default '',
      "status" varchar(16) not null default 'open' check ("status" in ('open', 'closed')),
      "design_version" integer not null,
      "plugin_id" varchar(100) not null,
      "plugin_version" varchar(64) not null,
      "created_by" uuid null,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      constraint "positions_id_tenant_unique" unique ("id", "tenant_id")
    );`);
    this.addSql(`create index "positions_tenant_status_idx" on "positions" ("tenant_id", "status", "id");`);
    for (const sql of tenantIsolation('positions')) this.addSql(sql);

    // every design ever saved, immutable: an interview's report names the version it ran
    this.addSql(`create table "position_designs" (
      "tenant_id" uuid not null,
      "position_id" uuid not null,
      "version" integer not null,
      "design" jsonb not null,
      "plugin_id" varchar(100) not null,
      "plugin_version" varchar(64) not null,
      "created_by" uuid null,
      "created_at" timestamptz not null default now(),
      primary key ("position_id", "version"),
      foreign key ("position_id", "tenant_id") references "positions" ("id", "tenant_id") on delete cascade,
      foreign key ("plugin_id", "plugin_version") references "plugin_versions" ("plugin_id", "version")
    );`);
    for (const sql of tenantIsolation('position_designs')) this.addSql(sql);
    this.addSql(`revoke update, delete on "position_designs" from ${APP_ROLE};`);

    for (const table of ['interviews', 'schedules'])
      this.addSql(`alter table "${table}" add column "position_version" integer null;`);
    this.addSql(
      `create index "interviews_position_idx" on "interviews" ("tenant_id", "position_id") where "position_id" is not null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop index if exists "interviews_position_idx";');
    for (const table of ['interviews', 'schedules'])
      this.addSql(`alter table "${table}" drop column if exists "position_version";`);
    this.addSql('drop table if exists "position_designs";');
    this.addSql('drop table if exists "positions";');
    this.addSql('drop index if exists "plugins_tenant_idx";');
    for (const table of ['plugins', 'plugin_versions']) {
      this.addSql(`drop policy if exists public_or_own on "${table}";`);
      this.addSql(`alter table "${table}" no force row level security;`);
      this.addSql(`alter table "${table}" disable row level security;`);
      this.addSql(`alter table "${table}" drop column if exists "tenant_id";`);
    }
  }
}
