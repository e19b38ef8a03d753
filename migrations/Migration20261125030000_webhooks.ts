import { Migration } from '@mikro-orm/migrations';
import { tenantIsolation } from './rls.ts';

/**
 * Outbound webhooks (Standard Webhooks): a tenant's endpoints, one delivery per event and
 * endpoint (its id is the `webhook-id`, the same on every retry), and every attempt made.
 * Delivery ids are `msg_<uuidv7>` text; the "C" collation makes their order the byte order, so
 * keyset pagination by id is creation order whatever the database's default collation.
 */
export class Migration20261125030000_webhooks extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "webhook_endpoints" (
      "id" uuid primary key,
      "tenant_id" uuid not null references "tenants" ("id") on delete cascade,
      "url" varchar(2048) not null,
      "events" text[] not null check (cardinality("events") > 0),
      "enabled" boolean not null default true,
      "secret" varchar(100) not null,
      "previous_secret" varchar(100) null,
      "previous_secret_expires_at" timestamptz null,
      "description" varchar(500) null,
      "disabled_reason" varchar(500) null,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now()
    );`);
    this.addSql(`create index "webhook_endpoints_tenant_idx" on "webhook_endpoints" ("tenant_id", "id");`);

    this.addSql(`create table "webhook_deliveries" (
      "id" varchar(40) collate "C" primary key,
      "tenant_id" uuid not null references "tenants" ("id") on delete cascade,
      "endpoint_id" uuid not null references "webhook_endpoints" ("id") on delete cascade,
      "event_type" varchar(64) not null,
      "payload" jsonb not null,
      "status" varchar(16) not null default 'pending' check ("status" in ('pending', 'succeeded', 'failed')),
      "attempts" integer not null default 0,
      "next_attempt_at" timestamptz null,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now()
    );`);
    this.addSql(
      `create index "webhook_deliveries_endpoint_idx" on "webhook_deliveries" ("endpoint_id", "id");`,
    );

    this.addSql(`create table "webhook_attempts" (
      "id" uuid primary key,
      "tenant_id" uuid not null references "tenants" ("id") on delete cascade,
      "delivery_id" varchar(40) collate "C" not null references "webhook_deliveries" ("id") on delete cascade,
      "attempt" integer not null check ("attempt" > 0),
      "started_at" timestamptz not null,
      "duration_ms" integer not null,
      "response_status" integer null,
      "response_body_excerpt" text null,
      "error" text null,
      constraint "webhook_attempts_unique" unique ("delivery_id", "attempt")
    );`);

    for (const table of ['webhook_endpoints', 'webhook_deliveries', 'webhook_attempts']) {
      for (const sql of tenantIsolation(table)) this.addSql(sql);
    }
  }

  override async down(): Promise<void> {
    for (const table of ['webhook_attempts', 'webhook_deliveries', 'webhook_endpoints']) {
      this.addSql(`drop table if exists "${table}";`);
    }
  }
}
