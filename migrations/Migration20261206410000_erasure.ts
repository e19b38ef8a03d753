import { Migration } from '@mikro-orm/migrations';

/**
 * A candidate's erasure is recorded on the row that stays (de-identified, for the interviews,
 * scores and billing that refer to it): when it happened. docs/compliance.md says what is kept.
 */
export class Migration20261206410000_erasure extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "candidates" add column "erased_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "candidates" drop column if exists "erased_at";`);
  }
}
