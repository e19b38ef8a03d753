import { Migration } from '@mikro-orm/migrations';
import { tenantIsolation } from './rls.ts';

/**
 * A candidate's voluntary self-identification (sex, race/ethnicity; EEO-1 categories as NYC Local
 * Law 144 uses them), given after an interview ends. A table of its own, so that nothing that
 * reads interviews, reports or webhooks ever reads it: only the adverse-impact report does. One
 * row per interview (a second answer replaces the first); it goes with its interview.
 * The lists are written out here, as they were when this ran; the app's copy is
 * src/compliance/adverse-impact/categories.ts.
 */
export class Migration20261206420000_self_identification extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "self_identifications" (
      "interview_id" uuid primary key,
      "tenant_id" uuid not null references "tenants" ("id") on delete cascade,
      "sex" varchar(16) not null check ("sex" in ('male', 'female', 'decline')),
      "race_ethnicity" varchar(48) not null check ("race_ethnicity" in (
        'hispanic_or_latino', 'white', 'black_or_african_american',
        'native_hawaiian_or_pacific_islander', 'asian', 'native_american_or_alaska_native',
        'two_or_more_races', 'decline')),
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      foreign key ("interview_id", "tenant_id") references "interviews" ("id", "tenant_id") on delete cascade
    );`);
    this.addSql(`create index "self_identifications_tenant_idx" on "self_identifications" ("tenant_id");`);
    for (const sql of tenantIsolation('self_identifications')) this.addSql(sql);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "self_identifications";');
  }
}
