import { Migration } from '@mikro-orm/migrations';
import { APP_ROLE, ownerLookup } from './rls.ts';

/**
 * Recovery of work whose job was lost (Redis flushed, a crash between commit and enqueue): one
 * security-definer lookup lists, across tenants, only the ids of what is overdue, so a sweeper
 * can enqueue it again. Every effect stays exactly-once through the unique keys.
 */
export class Migration20261125050000_stalled_work extends Migration {
  override async up(): Promise<void> {
    for (const table of ['interviews', 'answers', 'evaluations', 'reports', 'webhook_deliveries']) {
      this.addSql(ownerLookup(table));
    }
    this.addSql(`create function stalled_work(p_older_than_seconds integer)
      returns table (kind text, tenant_id uuid, subject_id text, turn integer)
      language sql stable security definer set search_path = public, pg_temp as $$
        (select 'evaluate', a.tenant_id, a.interview_id::text, a.turn
           from answers a
           join interviews i on i.id = a.interview_id and i.status = 'in_progress' and i.turn = a.turn
          where a.created_at < now() - make_interval(secs => p_older_than_seconds)
            and not exists (select 1 from evaluations e where e.interview_id = a.interview_id and e.turn = a.turn)
          limit 200)
        union all
        (select 'announce', r.tenant_id, r.interview_id::text, null::integer
           from reports r
          where r.announced_at is null and r.created_at < now() - make_interval(secs => p_older_than_seconds)
          limit 200)
        union all
        (select 'deliver', d.tenant_id, d.id::text, d.attempts
           from webhook_deliveries d
          where d.status = 'pending' and d.next_attempt_at < now() - make_interval(secs => p_older_than_seconds)
          limit 200)
      $$;`);
    this.addSql(`revoke all on function stalled_work(integer) from public;`);
    this.addSql(`grant execute on function stalled_work(integer) to ${APP_ROLE};`);
  }

  override async down(): Promise<void> {
    this.addSql('drop function if exists stalled_work(integer);');
    for (const table of ['interviews', 'answers', 'evaluations', 'reports', 'webhook_deliveries']) {
      this.addSql(`drop policy if exists owner_lookup on "${table}";`);
    }
  }
}
