import { Migration } from '@mikro-orm/migrations';
import { tenantIsolation } from './rls.ts';

/**
 * Notice and human review: the AI notice a candidate was shown (its text and when) is kept with
 * the interview; a tenant may require notice some business days before a scheduled interview; and
 * a candidate may ask for a human review or another way to be assessed, which stays open on the
 * interview and its report until a person resolves it.
 */
export class Migration20261206430000_notice_and_review extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "interviews" add column "ai_notice" text null;`);
    this.addSql(`alter table "interviews" add column "ai_notice_shown_at" timestamptz null;`);
    this.addSql(
      `alter table "tenants" add column "notice_lead_business_days" integer not null default 0 check ("notice_lead_business_days" between 0 and 30);`,
    );
    this.addSql(`create table "review_requests" (
      "interview_id" uuid primary key,
      "tenant_id" uuid not null references "tenants" ("id") on delete cascade,
      "message" varchar(2000) null,
      "requested_by" varchar(16) not null check ("requested_by" in ('candidate', 'staff')),
      "requested_at" timestamptz not null default now(),
      "resolved_at" timestamptz null,
      "resolved_by" uuid null,
      "resolution_note" varchar(2000) null,
      foreign key ("interview_id", "tenant_id") references "interviews" ("id", "tenant_id") on delete cascade
    );`);
    for (const sql of tenantIsolation('review_requests')) this.addSql(sql);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "review_requests";');
    this.addSql('alter table "tenants" drop column if exists "notice_lead_business_days";');
    this.addSql('alter table "interviews" drop column if exists "ai_notice_shown_at";');
    this.addSql('alter table "interviews" drop column if exists "ai_notice";');
  }
}
