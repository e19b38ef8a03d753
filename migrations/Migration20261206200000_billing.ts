import { Migration } from '@mikro-orm/migrations';
import { APP_ROLE, ownerLookup, tenantIsolation } from './rls.ts';

/**
 * Billing: each tenant's account (plan, status, period, its Stripe customer and subscription),
 * the Stripe events already processed (each once), the usage record of every completed
 * interview (reported to Stripe as a meter event), and the tenant's audit log (append-only).
 * Stripe is the source of truth for money; these rows are what the product allows.
 */
export class Migration20261206200000_billing extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "billing_accounts" (
      "tenant_id" uuid primary key references "tenants" ("id") on delete cascade,
      "stripe_customer_id" varchar(64) null unique,
      "subscription_id" varchar(64) null,
      "plan" varchar(32) not null,
      "status" varchar(16) not null check ("status" in ('trialing', 'active', 'past_due', 'canceled')),
      "period_start" timestamptz not null,
      "period_end" timestamptz not null,
      "trial_end" timestamptz null,
      "past_due_since" timestamptz null,
      "cancel_at_period_end" boolean not null default false,
      "state_at" timestamptz null,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now()
    );`);
    for (const sql of tenantIsolation('billing_accounts')) this.addSql(sql);
    this.addSql(ownerLookup('billing_accounts'));
    // Stripe's webhook names a customer, not a tenant: the one lookup across tenants, read-only
    this.addSql(`create function billing_tenant_of_customer(p_customer varchar)
      returns uuid language sql stable security definer set search_path = public, pg_temp as $$
        select tenant_id from billing_accounts where stripe_customer_id = p_customer
      $$;`);
    this.addSql(`revoke all on function billing_tenant_of_customer(varchar) from public;`);
    this.addSql(`grant execute on function billing_tenant_of_customer(varchar) to ${APP_ROLE};`);

    // global: an event id and its type, nothing of a tenant's (so no row-level security needed)
    this.addSql(`create table "stripe_events" (
      "id" varchar(255) primary key,
      "type" varchar(100) not null,
      "received_at" timestamptz not null default now()
    );`);
    this.addSql(`grant select, insert on "stripe_events" to ${APP_ROLE};`);

    this.addSql(`create table "usage_records" (
      "interview_id" uuid primary key,
      "tenant_id" uuid not null references "tenants" ("id") on delete cascade,
      "completed_at" timestamptz not null,
      "reported_at" timestamptz null,
      "attempts" integer not null default 0,
      "last_error" varchar(500) null
    );`);
    this.addSql(
      `create index "usage_records_unreported_idx" on "usage_records" ("completed_at") where "reported_at" is null;`,
    );
    for (const sql of tenantIsolation('usage_records')) this.addSql(sql);
    this.addSql(ownerLookup('usage_records'));
    // reconciliation: the usage not reported yet, across tenants, a bounded batch (ids only)
    this.addSql(`create function unreported_usage(p_older_than_seconds integer, p_limit integer)
      returns table (tenant_id uuid, interview_id uuid)
      language sql stable security definer set search_path = public, pg_temp as $$
        select u.tenant_id, u.interview_id from usage_records u
          join billing_accounts a on a.tenant_id = u.tenant_id and a.stripe_customer_id is not null
         where u.reported_at is null and u.completed_at < now() - make_interval(secs => p_older_than_seconds)
         order by u.completed_at limit p_limit
      $$;`);
    this.addSql(`revoke all on function unreported_usage(integer, integer) from public;`);
    this.addSql(`grant execute on function unreported_usage(integer, integer) to ${APP_ROLE};`);

    this.addSql(`create table "audit_events" (
      "id" uuid primary key,
      "tenant_id" uuid not null references "tenants" ("id") on delete cascade,
      "actor" varchar(200) not null,
      "action" varchar(64) not null,
      "target" varchar(200) null,
      "data" jsonb not null default '{}',
      "created_at" timestamptz not null default now()
    );`);
    this.addSql(`create index "audit_events_tenant_idx" on "audit_events" ("tenant_id", "id");`);
    for (const sql of tenantIsolation('audit_events')) this.addSql(sql);
    this.addSql(`revoke update, delete on "audit_events" from ${APP_ROLE};`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "audit_events";');
    this.addSql('drop function if exists unreported_usage(integer, integer);');
    this.addSql('drop table if exists "usage_records";');
    this.addSql('drop table if exists "stripe_events";');
    this.addSql('drop function if exists billing_tenant_of_customer(varchar);');
    this.addSql('drop table if exists "billing_accounts";');
  }
}
