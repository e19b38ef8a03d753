import { Migration } from '@mikro-orm/migrations';
import { APP_ROLE, ownerLookup, tenantIsolation } from './rls.ts';

/**
 * Mail (src/notifications): each tenant's message templates, every message (the outbox: what is
 * queued, sent or failed, for candidates and members), and one-time account links (a member's
 * invitation, a password reset), stored as hashes. A join link can be made again for an
 * invitation, reminder or resend: its token is derived from a server key and the schedule's
 * random `link_secret` (the hash stays the lookup, as before). Members invited by email have no
 * password until they set one.
 */
export class Migration20261206700000_notifications extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "schedules" add column "link_secret" varchar(64) null;`);
    this.addSql(
      `alter table "schedules" add constraint "schedules_id_tenant_unique" unique ("id", "tenant_id");`,
    );
    this.addSql(`alter table "users" add constraint "users_id_tenant_unique" unique ("id", "tenant_id");`);
    this.addSql(`alter table "users" alter column "password_hash" drop not null;`);

    this.addSql(`create table "mail_templates" (
      "tenant_id" uuid not null references "tenants" ("id") on delete cascade,
      "kind" varchar(32) not null check ("kind" in ('invitation', 'reminder')),
      "subject" varchar(300) not null,
      "body" text not null check (length("body") <= 10000),
      "updated_by" varchar(300) null,
      "updated_at" timestamptz not null default now(),
      primary key ("tenant_id", "kind")
    );`);
    for (const sql of tenantIsolation('mail_templates')) this.addSql(sql);

    this.addSql(`create table "account_tokens" (
      "id" uuid primary key,
      "tenant_id" uuid not null references "tenants" ("id") on delete cascade,
      "user_id" uuid not null,
      "purpose" varchar(16) not null check ("purpose" in ('invitation', 'password_reset')),
      "token_hash" char(64) not null unique,
      "expires_at" timestamptz not null,
      "used_at" timestamptz null,
      "created_at" timestamptz not null default now(),
      constraint "account_tokens_id_tenant_unique" unique ("id", "tenant_id"),
      foreign key ("user_id", "tenant_id") references "users" ("id", "tenant_id") on delete cascade
    );`);
    this.addSql(`create index "account_tokens_user_idx" on "account_tokens" ("tenant_id", "user_id");`);
    for (const sql of tenantIsolation('account_tokens')) this.addSql(sql);

    this.addSql(`create table "mail_messages" (
      "id" uuid primary key,
      "tenant_id" uuid not null references "tenants" ("id") on delete cascade,
      "kind" varchar(32) not null
        check ("kind" in ('invitation', 'reminder', 'member_invite', 'password_reset', 'security_notice')),
      "dedupe_key" varchar(200) not null,
      "to_address" varchar(254) not null,
      "schedule_id" uuid null,
      "candidate_id" uuid null,
      "user_id" uuid null,
      "account_token_id" uuid null,
      "data" jsonb not null default '{}',
      "status" varchar(16) not null default 'queued'
        check ("status" in ('queued', 'sending', 'sent', 'failed', 'cancelled')),
      "transport" varchar(16) null check ("transport" in ('outbox', 'smtp')),
      "subject" varchar(1000) null,
      "text_body" text null,
      "html_body" text null,
      "attempts" integer not null default 0,
      "last_error" varchar(1000) null,
      "send_after" timestamptz not null default now(),
      "lease_until" timestamptz null,
      "sent_at" timestamptz null,
      "failed_at" timestamptz null,
      "smtp_message_id" varchar(300) null,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      constraint "mail_messages_dedupe_unique" unique ("tenant_id", "dedupe_key"),
      foreign key ("schedule_id", "tenant_id") references "schedules" ("id", "tenant_id") on delete cascade,
      foreign key ("candidate_id", "tenant_id") references "candidates" ("id", "tenant_id") on delete cascade,
      foreign key ("user_id", "tenant_id") references "users" ("id", "tenant_id") on delete cascade,
      foreign key ("account_token_id", "tenant_id") references "account_tokens" ("id", "tenant_id") on delete cascade
    );`);
    this.addSql(
      `create index "mail_messages_list_idx" on "mail_messages" ("tenant_id", "created_at" desc, "id" desc);`,
    );
    this.addSql(`create index "mail_messages_schedule_idx" on "mail_messages" ("schedule_id", "kind");`);
    this.addSql(`create index "mail_messages_candidate_idx" on "mail_messages" ("candidate_id");`);
    this.addSql(
      `create index "mail_messages_due_idx" on "mail_messages" ("send_after") where "status" in ('queued', 'sending');`,
    );
    for (const sql of tenantIsolation('mail_messages')) this.addSql(sql);

    // A one-time link's tenant, found by its token's hash before any tenant is known.
    this.addSql(`create function account_token_tenant(p_token_hash text)
      returns table (tenant_id uuid, token_id uuid)
      language sql stable security definer set search_path = public, pg_temp as $$
        select t.tenant_id, t.id from account_tokens t where t.token_hash = p_token_hash
      $$;`);
    // Messages due whose job was lost (a restart of the in-process runner, a flushed Redis).
    this.addSql(`create function mail_due(p_older_than_seconds integer, p_limit integer)
      returns table (tenant_id uuid, id uuid, send_after timestamptz)
      language sql stable security definer set search_path = public, pg_temp as $$
        select m.tenant_id, m.id, m.send_after from mail_messages m
         where (m.status = 'queued' and m.send_after < now() - make_interval(secs => p_older_than_seconds)
                and m.updated_at < now() - make_interval(secs => p_older_than_seconds))
            or (m.status = 'sending' and m.lease_until < now())
         order by m.send_after
         limit p_limit
      $$;`);
    for (const table of ['account_tokens', 'mail_messages']) this.addSql(ownerLookup(table));
    for (const fn of ['account_token_tenant(text)', 'mail_due(integer, integer)']) {
      this.addSql(`revoke all on function ${fn} from public;`);
      this.addSql(`grant execute on function ${fn} to ${APP_ROLE};`);
    }
  }

  override async down(): Promise<void> {
    this.addSql('drop function if exists mail_due(integer, integer);');
    this.addSql('drop function if exists account_token_tenant(text);');
    this.addSql('drop table if exists "mail_messages";');
    this.addSql('drop table if exists "account_tokens";');
    this.addSql('drop table if exists "mail_templates";');
    this.addSql(`update "users" set "password_hash" = '!' where "password_hash" is null;`);
    this.addSql(`alter table "users" alter column "password_hash" set not null;`);
    this.addSql(`alter table "users" drop constraint if exists "users_id_tenant_unique";`);
    this.addSql(`alter table "schedules" drop constraint if exists "schedules_id_tenant_unique";`);
    this.addSql(`alter table "schedules" drop column if exists "link_secret";`);
  }
}
