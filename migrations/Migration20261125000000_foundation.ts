import { Migration } from '@mikro-orm/migrations';
import { APP_ROLE, ownerLookup, tenantIsolation } from './rls.ts';

/** Tenants, users, API keys; the app role; RLS on every tenant-owned table; auth lookups. */
export class Migration20261125000000_foundation extends Migration {
  override async up(): Promise<void> {
    // The runtime role: owns nothing, never superuser, never BYPASSRLS. Created here when the
    // migrating role may create roles; otherwise the operator creates it (see README).
    this.addSql(`do $$ begin
      if not exists (select 1 from pg_roles where rolname = '${APP_ROLE}') then
        create role ${APP_ROLE} nologin nosuperuser nobypassrls nocreatedb nocreaterole;
      end if;
    exception when duplicate_object or unique_violation then null;
    end $$;`);
    this.addSql(`grant usage on schema public to ${APP_ROLE};`);

    this.addSql(`create table "tenants" (
      "id" uuid primary key,
      "name" varchar(200) not null,
      "slug" varchar(63) not null unique,
      "display_name" varchar(200) null,
      "logo_url" varchar(2048) null,
      "primary_color" varchar(7) null,
      "welcome_message" text null,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now()
    );`);
    for (const sql of tenantIsolation('tenants', 'id')) this.addSql(sql);

    this.addSql(`create table "users" (
      "id" uuid primary key,
      "tenant_id" uuid not null references "tenants" ("id") on delete cascade,
      "email" varchar(254) not null,
      "password_hash" varchar(255) not null,
      "role" varchar(16) not null check ("role" in ('owner', 'admin', 'recruiter', 'viewer')),
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      constraint "users_tenant_email_unique" unique ("tenant_id", "email")
    );`);
    this.addSql(`create index "users_email_idx" on "users" ("email");`);
    for (const sql of tenantIsolation('users')) this.addSql(sql);

    this.addSql(`create table "api_keys" (
      "id" uuid primary key,
      "tenant_id" uuid not null references "tenants" ("id") on delete cascade,
      "name" varchar(100) not null,
      "prefix" varchar(16) not null,
      "key_hash" char(64) not null unique,
      "role" varchar(16) not null check ("role" in ('owner', 'admin', 'recruiter', 'viewer')),
      "created_by" uuid null,
      "last_used_at" timestamptz null,
      "created_at" timestamptz not null default now()
    );`);
    this.addSql(`create index "api_keys_tenant_idx" on "api_keys" ("tenant_id", "id");`);
    for (const sql of tenantIsolation('api_keys')) this.addSql(sql);

    // Sign-in happens before a tenant is known, so these two narrow lookups run as the owner
    // (security definer) and return only what authentication needs.
    this.addSql(`create function auth_login_candidates(p_email text, p_tenant_slug text)
      returns table (tenant_id uuid, tenant_slug text, user_id uuid, password_hash text)
      language sql stable security definer set search_path = public, pg_temp as $$
        select u.tenant_id, t.slug::text, u.id, u.password_hash::text
        from users u join tenants t on t.id = u.tenant_id
        where u.email = lower(p_email) and (p_tenant_slug is null or t.slug = p_tenant_slug)
        order by t.slug
        limit 20
      $$;`);
    this.addSql(`create function auth_api_key_tenant(p_key_hash text)
      returns table (tenant_id uuid, api_key_id uuid)
      language sql stable security definer set search_path = public, pg_temp as $$
        select k.tenant_id, k.id from api_keys k where k.key_hash = p_key_hash
      $$;`);
    for (const table of ['tenants', 'users', 'api_keys']) this.addSql(ownerLookup(table));
    for (const fn of ['auth_login_candidates(text, text)', 'auth_api_key_tenant(text)']) {
      this.addSql(`revoke all on function ${fn} from public;`);
      this.addSql(`grant execute on function ${fn} to ${APP_ROLE};`);
    }
  }

  override async down(): Promise<void> {
    this.addSql('drop function if exists auth_api_key_tenant(text);');
    this.addSql('drop function if exists auth_login_candidates(text, text);');
    this.addSql('drop table if exists "api_keys";');
    this.addSql('drop table if exists "users";');
    this.addSql('drop table if exists "tenants";');
  }
}
