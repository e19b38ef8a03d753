import { Migration } from '@mikro-orm/migrations';

/**
 * The audit log gets where a change came from: the request id and the client address. Rows stay
 * append-only (the app role may insert and read its tenant's rows, never update or delete them).
 */
export class Migration20261206400000_audit_log extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "audit_events" add column "actor_kind" varchar(16) not null default 'system'
      check ("actor_kind" in ('user', 'api_key', 'candidate', 'system', 'stripe'));`);
    this.addSql(`alter table "audit_events" add column "actor_id" uuid null;`);
    this.addSql(`alter table "audit_events" add column "request_id" varchar(100) null;`);
    this.addSql(`alter table "audit_events" add column "ip" varchar(64) null;`);
    this.addSql(`create index "audit_events_action_idx" on "audit_events" ("tenant_id", "action", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql('drop index if exists "audit_events_action_idx";');
    for (const c of ['ip', 'request_id', 'actor_id', 'actor_kind'])
      this.addSql(`alter table "audit_events" drop column if exists "${c}";`);
  }
}
