import { Migration } from '@mikro-orm/migrations';
import { APP_ROLE } from './rls.ts';

/**
 * Stored `Idempotency-Key` responses are kept for a day, as payment APIs keep theirs: a client
 * retries within minutes, and the table must not grow with every answer ever given. One
 * security-definer function deletes, across tenants, a bounded batch of expired keys; the sweeper
 * calls it on every pass.
 */
export class Migration20261206000000_idempotency_retention extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "idempotent_responses_created_idx" on "idempotent_responses" ("created_at");`);
    this.addSql(`create function forget_idempotent_responses(p_older_than_seconds integer, p_limit integer)
      returns integer
      language sql volatile security definer set search_path = public, pg_temp as $$
        with expired as (
          select id from idempotent_responses
           where created_at < now() - make_interval(secs => p_older_than_seconds)
           order by created_at
           limit p_limit
        ), gone as (
          delete from idempotent_responses r using expired where r.id = expired.id returning 1
        )
        select count(*)::integer from gone
      $$;`);
    this.addSql(`revoke all on function forget_idempotent_responses(integer, integer) from public;`);
    this.addSql(`grant execute on function forget_idempotent_responses(integer, integer) to ${APP_ROLE};`);
  }

  override async down(): Promise<void> {
    this.addSql('drop function if exists forget_idempotent_responses(integer, integer);');
    this.addSql('drop index if exists "idempotent_responses_created_idx";');
  }
}
