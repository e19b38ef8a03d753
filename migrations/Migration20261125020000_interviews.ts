import { Migration } from '@mikro-orm/migrations';
import { tenantIsolation } from './rls.ts';

/**
 * Candidates, interviews and their record: the turns asked, the answers, the evaluations, the
 * report and recruiters' score overrides; plus stored responses for Idempotency-Key replays.
 * Unique keys make every effect exactly-once: one answer and one evaluation per
 * (interview, turn), one report per interview.
 */
export class Migration20261125020000_interviews extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "tenants" add column "recommendation_thresholds" jsonb null;`);

    this.addSql(`create table "candidates" (
      "id" uuid primary key,
      "tenant_id" uuid not null references "tenants" ("id") on delete cascade,
      "name" varchar(200) not null,
      "email" varchar(254) not null,
      "external_id" varchar(200) null,
      "created_at" timestamptz not null default now(),
      constraint "candidates_tenant_email_unique" unique ("tenant_id", "email")
    );`);

    this.addSql(`create table "interviews" (
      "id" uuid primary key,
      "tenant_id" uuid not null references "tenants" ("id") on delete cascade,
      "candidate_id" uuid not null references "candidates" ("id"),
      "role_id" varchar(64) not null,
      "role_title" varchar(120) not null,
      "position_id" varchar(200) null,
      "plugin_id" varchar(100) not null,
      "plugin_version" varchar(64) not null,
      "plugin_sha256" char(64) not null,
      "status" varchar(16) not null check ("status" in ('in_progress', 'completed', 'ended')),
      "seed" integer not null,
      "length" integer not null,
      "turn" integer not null default 0,
      "summary" text null,
      "closing_reply" text null,
      "summary_through_turn" integer not null default 0,
      "created_by" uuid null,
      "started_at" timestamptz not null default now(),
      "ended_at" timestamptz null,
      foreign key ("plugin_id", "plugin_version") references "plugin_versions" ("plugin_id", "version")
    );`);
    this.addSql(`create index "interviews_tenant_idx" on "interviews" ("tenant_id", "id");`);
    this.addSql(`create index "interviews_candidate_idx" on "interviews" ("candidate_id");`);

    this.addSql(`create table "interview_turns" (
      "id" uuid primary key,
      "tenant_id" uuid not null references "tenants" ("id") on delete cascade,
      "interview_id" uuid not null references "interviews" ("id") on delete cascade,
      "turn" integer not null,
      "kind" varchar(16) not null check ("kind" in ('question', 'follow_up')),
      "phase" varchar(16) not null,
      "question_id" varchar(64) not null,
      "follow_up_id" varchar(64) null,
      "difficulty" integer not null,
      "prompt" text not null,
      "reply" text not null,
      "asked_at" timestamptz not null default now(),
      constraint "interview_turns_unique" unique ("interview_id", "turn")
    );`);

    this.addSql(`create table "answers" (
      "id" uuid primary key,
      "tenant_id" uuid not null references "tenants" ("id") on delete cascade,
      "interview_id" uuid not null references "interviews" ("id") on delete cascade,
      "turn" integer not null,
      "text" text not null,
      "created_at" timestamptz not null default now(),
      constraint "answers_unique" unique ("interview_id", "turn")
    );`);

    this.addSql(`create table "evaluations" (
      "id" uuid primary key,
      "tenant_id" uuid not null references "tenants" ("id") on delete cascade,
      "interview_id" uuid not null references "interviews" ("id") on delete cascade,
      "turn" integer not null,
      "answer_id" uuid not null references "answers" ("id") on delete cascade,
      "score" integer not null check ("score" between 0 and 100),
      "result" jsonb not null,
      "evaluator_name" varchar(64) not null,
      "evaluator_version" varchar(128) not null,
      "rubric_id" varchar(64) not null,
      "plugin_id" varchar(100) not null,
      "plugin_version" varchar(64) not null,
      "created_at" timestamptz not null default now(),
      constraint "evaluations_unique" unique ("interview_id", "turn")
    );`);

    this.addSql(`create table "reports" (
      "id" uuid primary key,
      "tenant_id" uuid not null references "tenants" ("id") on delete cascade,
      "interview_id" uuid not null unique references "interviews" ("id") on delete cascade,
      "overall" integer not null,
      "recommendation" varchar(16) not null,
            "report" jsonb not null,
      "announced_at" timestamptz null,
      "created_at" timestamptz not null default now()
    );`);

    this.addSql(`create table "score_overrides" (
      "id" uuid primary key,
      "tenant_id" uuid not null references "tenants" ("id") on delete cascade,
      "interview_id" uuid not null references "interviews" ("id") on delete cascade,
      "competency" varchar(64) null,
      "original_score" integer not null,
      "score" integer not null check ("score" between 0 and 100),
      "reason" text not null,
      "created_by" uuid null,
      "created_by_label" varchar(254) not null,
      "created_at" timestamptz not null default now()
    );`);
    this.addSql(`create index "score_overrides_interview_idx" on "score_overrides" ("interview_id", "id");`);

    this.addSql(`create table "idempotent_responses" (
      "id" uuid primary key,
      "tenant_id" uuid not null references "tenants" ("id") on delete cascade,
      "scope" varchar(200) not null,
      "key" varchar(200) not null,
      "request_hash" char(64) not null,
      "status" integer not null,
      "body" jsonb not null,
      "created_at" timestamptz not null default now(),
      constraint "idempotent_responses_unique" unique ("tenant_id", "scope", "key")
    );`);

    for (const table of [
      'candidates',
      'interviews',
      'interview_turns',
      'answers',
      'evaluations',
      'reports',
      'score_overrides',
      'idempotent_responses',
    ]) {
      for (const sql of tenantIsolation(table)) this.addSql(sql);
    }
  }

  override async down(): Promise<void> {
    for (const table of [
      'idempotent_responses',
      'score_overrides',
      'reports',
      'evaluations',
      'answers',
      'interview_turns',
      'interviews',
      'candidates',
    ]) {
      this.addSql(`drop table if exists "${table}";`);
    }
    this.addSql(`alter table "tenants" drop column if exists "recommendation_thresholds";`);
  }
}
