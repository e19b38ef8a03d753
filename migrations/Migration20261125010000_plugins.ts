import { Migration } from '@mikro-orm/migrations';
import { APP_ROLE, tenantIsolation } from './rls.ts';

/**
 * The plugin registry (partners, their keys, plugins, immutable versions: global, no tenant)
 * and tenant installs (tenant-owned, RLS). The app role may insert versions but never update or
 * delete them: immutability is enforced by the grants, not only by the code.
 */
export class Migration20261125010000_plugins extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "partners" (
      "id" uuid primary key,
      "name" varchar(200) not null,
      "email" varchar(254) null unique,
      "password_hash" varchar(255) null,
      "builtin" boolean not null default false,
      "created_at" timestamptz not null default now()
    );`);
    this.addSql(`create table "partner_api_keys" (
      "id" uuid primary key,
      "partner_id" uuid not null references "partners" ("id") on delete cascade,
      "prefix" varchar(16) not null,
      "key_hash" char(64) not null unique,
      "last_used_at" timestamptz null,
      "created_at" timestamptz not null default now()
    );`);
    this.addSql(`create table "plugins" (
      "id" varchar(100) primary key,
      "partner_id" uuid not null references "partners" ("id"),
      "name" varchar(120) not null,
      "description" text not null,
      "publisher" varchar(120) not null,
      "latest_version" varchar(64) not null,
      "roles" jsonb not null default '[]',
      "search_text" text not null default '',
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now()
    );`);
    this.addSql(`create table "plugin_versions" (
      "plugin_id" varchar(100) not null references "plugins" ("id"),
      "version" varchar(64) not null,
      "sha256" char(64) not null,
      "manifest" jsonb not null,
      "published_at" timestamptz not null default now(),
      primary key ("plugin_id", "version")
    );`);
    this.addSql(`grant select, insert on "partners", "partner_api_keys", "plugin_versions" to ${APP_ROLE};`);
    this.addSql(`grant update ("last_used_at") on "partner_api_keys" to ${APP_ROLE};`);
    this.addSql(`grant select, insert, update on "plugins" to ${APP_ROLE};`);

    this.addSql(`create table "tenant_plugins" (
      "id" uuid primary key,
      "tenant_id" uuid not null references "tenants" ("id") on delete cascade,
      "plugin_id" varchar(100) not null,
      "version" varchar(64) not null,
      "installed_by" uuid null,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      constraint "tenant_plugins_unique" unique ("tenant_id", "plugin_id"),
      foreign key ("plugin_id", "version") references "plugin_versions" ("plugin_id", "version")
    );`);
    for (const sql of tenantIsolation('tenant_plugins')) this.addSql(sql);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "tenant_plugins";');
    this.addSql('drop table if exists "plugin_versions";');
    this.addSql('drop table if exists "plugins";');
    this.addSql('drop table if exists "partner_api_keys";');
    this.addSql('drop table if exists "partners";');
  }
}
