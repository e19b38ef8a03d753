import { Migration } from '@mikro-orm/migrations';

/**
 * Foreign keys between tenant-owned tables carry `tenant_id` on both sides, so the database
 * itself refuses a row of one tenant that points at another tenant's row (RLS only filters what
 * a session sees; a key check looks past it, and a superuser is not bound by it). Each parent
 * gets `unique (id, tenant_id)`; each child key becomes `(x_id, tenant_id)` with the same
 * ON DELETE action. Rows that already break a new key stop the migration with a message naming
 * the key, how many rows, and a query that lists them.
 */

interface TenantKey {
  child: string;
  column: string;
  parent: string;
  /** as before; a SET NULL key would need `set null ("x_id")`, or it would null tenant_id too */
  onDelete: 'cascade' | 'no action';
  /** the single-column key this one replaces (restored by down); none for a new key */
  replaces: boolean;
}

/** Parents that get `unique (id, tenant_id)` here (positions has had it since it was created). */
const PARENTS = ['candidates', 'interviews', 'answers', 'webhook_endpoints', 'webhook_deliveries'];

const KEYS: TenantKey[] = [
  {
    child: 'interviews',
    column: 'candidate_id',
    parent: 'candidates',
    onDelete: 'no action',
    replaces: true,
  },
  { child: 'schedules', column: 'candidate_id', parent: 'candidates', onDelete: 'no action', replaces: true },
  { child: 'schedules', column: 'interview_id', parent: 'interviews', onDelete: 'no action', replaces: true },
  {
    child: 'interview_turns',
    column: 'interview_id',
    parent: 'interviews',
    onDelete: 'cascade',
    replaces: true,
  },
  { child: 'answers', column: 'interview_id', parent: 'interviews', onDelete: 'cascade', replaces: true },
  { child: 'evaluations', column: 'interview_id', parent: 'interviews', onDelete: 'cascade', replaces: true },
  { child: 'evaluations', column: 'answer_id', parent: 'answers', onDelete: 'cascade', replaces: true },
  { child: 'reports', column: 'interview_id', parent: 'interviews', onDelete: 'cascade', replaces: true },
  {
    child: 'score_overrides',
    column: 'interview_id',
    parent: 'interviews',
    onDelete: 'cascade',
    replaces: true,
  },
  {
    child: 'webhook_deliveries',
    column: 'endpoint_id',
    parent: 'webhook_endpoints',
    onDelete: 'cascade',
    replaces: true,
  },
  {
    child: 'webhook_attempts',
    column: 'delivery_id',
    parent: 'webhook_deliveries',
    onDelete: 'cascade',
    replaces: true,
  },
  // Had no key at all. A usage record is a billing fact (maybe already sent to Stripe): deleting
  // its interview must not erase it silently, so no action (a tenant's deletion still removes both).
  {
    child: 'usage_records',
    column: 'interview_id',
    parent: 'interviews',
    onDelete: 'no action',
    replaces: false,
  },
];

const uniqueName = (parent: string) => `${parent}_id_tenant_unique`;
const compositeName = (k: TenantKey) => `${k.child}_${k.column}_tenant_id_fkey`;
const singleName = (k: TenantKey) => `${k.child}_${k.column}_fkey`;

/**
 * Every table the keys touch. While the keys are added (and checked against the rows already
 * there) RLS is not forced on them: PostgreSQL checks a new key's existing rows as the current
 * role, so an owner bound by FORCE (managed PostgreSQL, no superuser) would see no parent row
 * and every child would look orphaned. It is forced again before the transaction commits.
 */
const TABLES = [...new Set([...PARENTS, ...KEYS.flatMap((k) => [k.child, k.parent])])];

/** Stop the migration, naming the key and how to list the rows, when a row would break it. */
function checkRows(k: TenantKey): string {
  const offending =
    `select c.* from "${k.child}" c where c."${k.column}" is not null and not exists ` +
    `(select 1 from "${k.parent}" p where p.id = c."${k.column}" and p.tenant_id = c.tenant_id)`;
  return `do $$
    declare n bigint;
    begin
      select count(*) into n from (${offending}) offending;
      if n > 0 then
        raise exception '% row(s) of ${k.child} point at a ${k.parent} row of another tenant (or at none): cannot add "${compositeName(k)}"', n
          using errcode = 'foreign_key_violation',
                hint = 'Fix or delete them, then migrate again. List them (as a role RLS does not bind) with: ${offending.replaceAll("'", "''")}';
      end if;
    end $$;`;
}

export class Migration20261206300000_tenant_foreign_keys extends Migration {
  override async up(): Promise<void> {
    for (const table of TABLES) this.addSql(`alter table "${table}" no force row level security;`);
    for (const parent of PARENTS) {
      this.addSql(
        `alter table "${parent}" add constraint "${uniqueName(parent)}" unique ("id", "tenant_id");`,
      );
    }
    for (const k of KEYS) {
      if (k.replaces) this.addSql(`alter table "${k.child}" drop constraint "${singleName(k)}";`);
      this.addSql(checkRows(k));
      this.addSql(
        `alter table "${k.child}" add constraint "${compositeName(k)}" foreign key ("${k.column}", "tenant_id") references "${k.parent}" ("id", "tenant_id") on delete ${k.onDelete};`,
      );
    }
    for (const table of TABLES) this.addSql(`alter table "${table}" force row level security;`);
  }

  override async down(): Promise<void> {
    for (const table of TABLES) this.addSql(`alter table "${table}" no force row level security;`);
    for (const k of [...KEYS].reverse()) {
      this.addSql(`alter table "${k.child}" drop constraint if exists "${compositeName(k)}";`);
      if (k.replaces) {
        this.addSql(
          `alter table "${k.child}" add constraint "${singleName(k)}" foreign key ("${k.column}") references "${k.parent}" ("id") on delete ${k.onDelete};`,
        );
      }
    }
    for (const parent of [...PARENTS].reverse()) {
      this.addSql(`alter table "${parent}" drop constraint if exists "${uniqueName(parent)}";`);
    }
    for (const table of TABLES) this.addSql(`alter table "${table}" force row level security;`);
  }
}
