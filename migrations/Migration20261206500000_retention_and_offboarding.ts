import { Migration } from '@mikro-orm/migrations';
import { APP_ROLE, ownerLookup } from './rls.ts';

/**
 * Retention and tenant offboarding (docs/compliance.md):
 * - a per-tenant candidate retention (days after a candidate's last interview ended; null keeps);
 * - a requested tenant deletion and the time it falls due (after the grace period);
 * - `tenant_tables()`: the tables holding a tenant's rows, found in the catalog (a `tenant_id`
 *   column), so the export and the deletion never miss a table added later;
 * - security-definer lookups across tenants for the sweepers (ids only), and the deletion of one
 *   due tenant's rows in every such table, in foreign-key order.
 */
export class Migration20261206500000_retention_and_offboarding extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "tenants" add column "candidate_retention_days" integer null default 365
      check ("candidate_retention_days" between 1 and 3650);`);
    this.addSql(`alter table "tenants" add column "deletion_requested_at" timestamptz null;`);
    this.addSql(`alter table "tenants" add column "deletion_due_at" timestamptz null;`);
    this.addSql(`alter table "tenants" add constraint "tenants_deletion_check"
      check (("deletion_requested_at" is null) = ("deletion_due_at" is null));`);
    this.addSql(
      `create index "tenants_deletion_due_idx" on "tenants" ("deletion_due_at") where "deletion_due_at" is not null;`,
    );
    // the retention lookup reads a candidate's schedules
    this.addSql(`create index "schedules_candidate_idx" on "schedules" ("candidate_id");`);

    this.addSql(`create function tenant_tables() returns setof text
      language sql stable set search_path = public, pg_temp as $$
        select c.relname::text
          from pg_class c
          join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
          join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
         where c.relkind in ('r', 'p')
         order by 1
      $$;`);
    this.addSql(`grant execute on function tenant_tables() to ${APP_ROLE};`);

    // The retention lookup runs as the owner, which RLS binds too unless it is a superuser.
    this.addSql(ownerLookup('candidates'));
    // A candidate is due when nothing of theirs is running or still usable, and the last thing
    // that happened (an interview ended, a link expired unused; else being added) is older than
    // the tenant's retention. `p_candidate` checks one candidate again just before erasing;
    // `p_tenants` limits a pass to some tenants.
    this.addSql(`create function retention_due(p_limit integer, p_candidate uuid default null,
        p_tenants uuid[] default null)
      returns table (tenant_id uuid, candidate_id uuid, retention_days integer)
      language sql stable security definer set search_path = public, pg_temp as $$
        select c.tenant_id, c.id, t.candidate_retention_days
          from tenants t
          join candidates c on c.tenant_id = t.id and c.erased_at is null
         where t.candidate_retention_days is not null
           and (p_candidate is null or c.id = p_candidate)
           and (p_tenants is null or t.id = any (p_tenants))
           and not exists (select 1 from interviews i
                            where i.candidate_id = c.id and i.tenant_id = c.tenant_id and i.status = 'in_progress')
           and not exists (select 1 from schedules s
                            where s.candidate_id = c.id and s.tenant_id = c.tenant_id
                              and s.status = 'scheduled' and s.expires_at > now())
           and coalesce(
                 greatest(
                   (select max(i.ended_at) from interviews i
                     where i.candidate_id = c.id and i.tenant_id = c.tenant_id),
                   (select max(s.expires_at) from schedules s
                     where s.candidate_id = c.id and s.tenant_id = c.tenant_id and s.interview_id is null)),
                 c.created_at) < now() - make_interval(days => t.candidate_retention_days)
         order by c.tenant_id, c.id
         limit p_limit
      $$;`);
    this.addSql(`revoke all on function retention_due(integer, uuid, uuid[]) from public;`);
    this.addSql(`grant execute on function retention_due(integer, uuid, uuid[]) to ${APP_ROLE};`);

    this.addSql(`create function tenants_due_for_deletion(p_limit integer, p_tenants uuid[] default null)
      returns table (tenant_id uuid)
      language sql stable security definer set search_path = public, pg_temp as $$
        select id from tenants
         where deletion_due_at <= now() and (p_tenants is null or id = any (p_tenants))
         order by deletion_due_at limit p_limit
      $$;`);
    this.addSql(`revoke all on function tenants_due_for_deletion(integer, uuid[]) from public;`);
    this.addSql(`grant execute on function tenants_due_for_deletion(integer, uuid[]) to ${APP_ROLE};`);

    // Every row of one tenant whose deletion is due, table by table: a table goes once no other
    // table still holding rows refers to it. Nothing happens for a tenant not due (restored, or
    // gone already), so the app role cannot delete any other tenant with it. The tenant's audit
    // rows go too (the app role itself may never delete them).
    this.addSql(`create function delete_tenant_data(p_tenant_id uuid)
      returns table (table_name text, deleted bigint)
      language plpgsql volatile security definer set search_path = public, pg_temp as $$
      declare
        remaining text[];
        t text;
        n bigint;
        progressed boolean;
      begin
        -- the tenant wall binds the owner too: this transaction works inside the tenant
        perform set_config('app.tenant_id', p_tenant_id::text, true);
        perform 1 from tenants where id = p_tenant_id and deletion_due_at <= now() for update;
        if not found then
          perform set_config('app.tenant_id', '', true);
          return;
        end if;
        remaining := array(select tenant_tables());
        while cardinality(remaining) > 0 loop
          progressed := false;
          foreach t in array remaining loop
            if not exists (
              select 1 from pg_constraint k
               where k.contype = 'f'
                 and k.confrelid = format('public.%I', t)::regclass
                 and k.conrelid <> k.confrelid
                 and k.conrelid::regclass::text = any (select format('%I', r) from unnest(remaining) r)
            ) then
              execute format('delete from public.%I where tenant_id = $1', t) using p_tenant_id;
              get diagnostics n = row_count;
              table_name := t;
              deleted := n;
              return next;
              remaining := array_remove(remaining, t);
              progressed := true;
            end if;
          end loop;
          if not progressed then
            raise exception 'tenant tables refer to each other in a cycle: %', remaining;
          end if;
        end loop;
        delete from tenants where id = p_tenant_id;
        table_name := 'tenants';
        deleted := 1;
        return next;
        perform set_config('app.tenant_id', '', true);
      end
      $$;`);
    this.addSql(`revoke all on function delete_tenant_data(uuid) from public;`);
    this.addSql(`grant execute on function delete_tenant_data(uuid) to ${APP_ROLE};`);
  }

  override async down(): Promise<void> {
    this.addSql('drop function if exists delete_tenant_data(uuid);');
    this.addSql('drop function if exists tenants_due_for_deletion(integer, uuid[]);');
    this.addSql('drop function if exists retention_due(integer, uuid, uuid[]);');
    this.addSql('drop policy if exists owner_lookup on "candidates";');
    this.addSql('drop function if exists tenant_tables();');
    this.addSql('drop index if exists "schedules_candidate_idx";');
    this.addSql('drop index if exists "tenants_deletion_due_idx";');
    this.addSql('alter table "tenants" drop constraint if exists "tenants_deletion_check";');
    for (const c of ['deletion_due_at', 'deletion_requested_at', 'candidate_retention_days'])
      this.addSql(`alter table "tenants" drop column if exists "${c}";`);
  }
}
