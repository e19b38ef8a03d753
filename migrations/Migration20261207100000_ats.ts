import { Migration } from '@mikro-orm/migrations';
import { APP_ROLE, ownerLookup, tenantIsolation } from './rls.ts';

/**
 * ATS integrations (src/ats): a tenant's connection to Greenhouse, Ashby or Lever (its outbound
 * credentials encrypted with the server's key, the key the ATS calls us with stored as a hash),
 * the ATS references of each interview it started (`ats_links`), the results pushed back to the
 * ATS (retried like webhooks) and a log of every call in and out, per connection.
 */
export class Migration20261207100000_ats extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "ats_connections" (
      "id" uuid primary key,
      "tenant_id" uuid not null references "tenants" ("id") on delete cascade,
      "provider" varchar(16) not null check ("provider" in ('greenhouse', 'ashby', 'lever')),
      "name" varchar(100) not null,
      "enabled" boolean not null default true,
      "inbound_key_hash" char(64) null unique,
      "inbound_key_prefix" varchar(16) null,
      "credentials" text null,
      "credentials_hint" jsonb not null default '{}',
      "credentials_updated_at" timestamptz null,
      "settings" jsonb not null default '{}',
      "last_test_at" timestamptz null,
      "last_test_ok" boolean null,
      "last_test_error" varchar(500) null,
      "created_by" varchar(300) null,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      constraint "ats_connections_provider_unique" unique ("tenant_id", "provider"),
      constraint "ats_connections_id_tenant_unique" unique ("id", "tenant_id")
    );`);
    for (const sql of tenantIsolation('ats_connections')) this.addSql(sql);

    this.addSql(`create table "ats_links" (
      "id" uuid primary key,
      "tenant_id" uuid not null references "tenants" ("id") on delete cascade,
      "connection_id" uuid not null,
      "schedule_id" uuid not null,
      "dedupe_key" varchar(500) not null,
      "application_id" varchar(200) null,
      "candidate_id" varchar(200) null,
      "job_id" varchar(200) null,
      "callback_url" varchar(2000) null,
      "status" varchar(16) not null default 'invited'
        check ("status" in ('invited', 'cancelled')),
      "created_at" timestamptz not null default now(),
      constraint "ats_links_dedupe_unique" unique ("connection_id", "dedupe_key"),
      constraint "ats_links_schedule_unique" unique ("schedule_id"),
      constraint "ats_links_id_tenant_unique" unique ("id", "tenant_id"),
      foreign key ("connection_id", "tenant_id") references "ats_connections" ("id", "tenant_id") on delete cascade,
      foreign key ("schedule_id", "tenant_id") references "schedules" ("id", "tenant_id") on delete cascade
    );`);
    for (const sql of tenantIsolation('ats_links')) this.addSql(sql);

    this.addSql(`create table "ats_pushes" (
      "id" uuid primary key,
      "tenant_id" uuid not null references "tenants" ("id") on delete cascade,
      "connection_id" uuid not null,
      "link_id" uuid not null,
      "kind" varchar(32) not null,
      "status" varchar(16) not null default 'pending'
        check ("status" in ('pending', 'succeeded', 'failed')),
      "attempts" integer not null default 0,
      "next_attempt_at" timestamptz null,
      "last_status" integer null,
      "last_error" varchar(500) null,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      constraint "ats_pushes_once" unique ("link_id", "kind"),
      foreign key ("connection_id", "tenant_id") references "ats_connections" ("id", "tenant_id") on delete cascade,
      foreign key ("link_id", "tenant_id") references "ats_links" ("id", "tenant_id") on delete cascade
    );`);
    this.addSql(
      `create index "ats_pushes_due_idx" on "ats_pushes" ("next_attempt_at") where "status" = 'pending';`,
    );
    for (const sql of tenantIsolation('ats_pushes')) this.addSql(sql);

    this.addSql(`create table "ats_calls" (
      "id" uuid primary key,
      "tenant_id" uuid not null references "tenants" ("id") on delete cascade,
      "connection_id" uuid not null,
      "direction" varchar(3) not null check ("direction" in ('in', 'out')),
      "operation" varchar(64) not null,
      "status" integer null,
      "latency_ms" integer not null,
      "error" varchar(500) null,
      "created_at" timestamptz not null default now(),
      foreign key ("connection_id", "tenant_id") references "ats_connections" ("id", "tenant_id") on delete cascade
    );`);
    // the log's pages (newest first, by time-ordered id), and its last day and expiry (by time)
    this.addSql(
      `create index "ats_calls_page_idx" on "ats_calls" ("tenant_id", "connection_id", "id" desc);`,
    );
    this.addSql(
      `create index "ats_calls_age_idx" on "ats_calls" ("tenant_id", "connection_id", "created_at");`,
    );
    for (const sql of tenantIsolation('ats_calls')) this.addSql(sql);

    // An ATS calls with a key (Greenhouse, Ashby) or to a connection's own URL (Lever): either
    // names the tenant before any tenant is set, as an API key does.
    this.addSql(`create function ats_connection_for_key(p_key_hash text)
      returns table (tenant_id uuid, connection_id uuid, provider text)
      language sql stable security definer set search_path = public, pg_temp as $$
        select c.tenant_id, c.id, c.provider from ats_connections c where c.inbound_key_hash = p_key_hash
      $$;`);
    this.addSql(`create function ats_connection_tenant(p_connection_id uuid)
      returns table (tenant_id uuid, provider text)
      language sql stable security definer set search_path = public, pg_temp as $$
        select c.tenant_id, c.provider from ats_connections c where c.id = p_connection_id
      $$;`);
    // The sweeper's view across tenants: pushes due for a while that no job took (lost with Redis).
    this.addSql(`create function stalled_ats_pushes(p_older_than_seconds integer)
      returns table (tenant_id uuid, push_id uuid, attempts integer)
      language sql stable security definer set search_path = public, pg_temp as $$
        select p.tenant_id, p.id, p.attempts from ats_pushes p
         where p.status = 'pending' and p.next_attempt_at < now() - make_interval(secs => p_older_than_seconds)
         order by p.next_attempt_at limit 500
      $$;`);
    this.addSql(ownerLookup('ats_connections'));
    this.addSql(ownerLookup('ats_pushes'));
    for (const fn of [
      'ats_connection_for_key(text)',
      'ats_connection_tenant(uuid)',
      'stalled_ats_pushes(integer)',
    ]) {
      this.addSql(`revoke all on function ${fn} from public;`);
      this.addSql(`grant execute on function ${fn} to ${APP_ROLE};`);
    }
  }

  override async down(): Promise<void> {
    this.addSql('drop function if exists stalled_ats_pushes(integer);');
    this.addSql('drop function if exists ats_connection_tenant(uuid);');
    this.addSql('drop function if exists ats_connection_for_key(text);');
    for (const t of ['ats_calls', 'ats_pushes', 'ats_links', 'ats_connections'])
      this.addSql(`drop table if exists "${t}" cascade;`);
  }
}
