import { Migration } from '@mikro-orm/migrations';
import { tenantIsolation } from './rls.ts';

/**
 * What each model call of an interview cost (src/interview/turn/llm-usage.ts): one row per call,
 * with the tokens the provider reported (prompt, of which cached, and completion), its attempts
 * and outcome. Tenant-owned like every table (RLS), tied to its interview by the composite key.
 */
export class Migration20261206600000_llm_usage extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "llm_usage" (
      "id" uuid primary key,
      "tenant_id" uuid not null references "tenants" ("id") on delete cascade,
      "interview_id" uuid not null,
      "turn" integer not null check ("turn" >= 0),
      "purpose" varchar(16) not null check ("purpose" in ('greeting', 'turn', 'reply')),
      "model" varchar(200) not null,
      "prompt_tokens" integer not null check ("prompt_tokens" >= 0),
      "cached_tokens" integer not null check ("cached_tokens" >= 0),
      "completion_tokens" integer not null check ("completion_tokens" >= 0),
      "attempts" integer not null check ("attempts" >= 0),
      "outcome" varchar(32) not null,
      "created_at" timestamptz not null default now(),
      foreign key ("interview_id", "tenant_id") references "interviews" ("id", "tenant_id") on delete cascade
    );`);
    this.addSql(`create index "llm_usage_interview_idx" on "llm_usage" ("interview_id");`);
    for (const sql of tenantIsolation('llm_usage')) this.addSql(sql);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "llm_usage";');
  }
}
