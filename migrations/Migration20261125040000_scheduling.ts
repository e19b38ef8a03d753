import { Migration } from '@mikro-orm/migrations';
import { APP_ROLE, ownerLookup, tenantIsolation } from './rls.ts';

/**
 * Scheduled interviews and their join links. The link's token is random and stored only as a
 * SHA-256; a candidate opening it is not signed in, so one narrow security-definer lookup maps
 * the token's hash to its tenant (as sign-in does for emails).
 */
export class Migration20261125040000_scheduling extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "schedules" (
      "id" uuid primary key,
      "tenant_id" uuid not null references "tenants" ("id") on delete cascade,
      "candidate_id" uuid not null references "candidates" ("id"),
      "role_id" varchar(64) not null,
      "role_title" varchar(120) not null,
      "plugin_id" varchar(100) not null,
      "position_id" varchar(200) null,
      "scheduled_at" timestamptz not null,
      "expires_at" timestamptz not null,
      "status" varchar(16) not null check ("status" in ('scheduled', 'started', 'completed', 'cancelled')),
      "token_hash" char(64) not null unique,
      "interview_id" uuid null references "interviews" ("id"),
      "created_by" uuid null,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now()
    );`);
    this.addSql(`create index "schedules_tenant_idx" on "schedules" ("tenant_id", "id");`);
    this.addSql(`create index "schedules_interview_idx" on "schedules" ("interview_id");`);
    for (const sql of tenantIsolation('schedules')) this.addSql(sql);

    this.addSql(`create function join_link_tenant(p_token_hash text)
      returns table (tenant_id uuid, schedule_id uuid)
      language sql stable security definer set search_path = public, pg_temp as $$
        select s.tenant_id, s.id from schedules s where s.token_hash = p_token_hash
      $$;`);
    this.addSql(ownerLookup('schedules'));
    this.addSql(`revoke all on function join_link_tenant(text) from public;`);
    this.addSql(`grant execute on function join_link_tenant(text) to ${APP_ROLE};`);
  }

  override async down(): Promise<void> {
    this.addSql('drop function if exists join_link_tenant(text);');
    this.addSql('drop table if exists "schedules";');
  }
}
