import type { Context } from 'hono';
import { type AuditActor, type AuditEntry, actorOf, recordAudit } from '../compliance/index.ts';
import { emSql, type Sql } from '../db/index.ts';
import type { AppEnv } from './env.ts';
import { clientIp } from './middleware/client-ip.ts';

/**
 * Record what the caller just did in the tenant's audit log, in the request's transaction (a
 * change that rolls back leaves no entry), with the request id and address. The actor is the
 * signed-in principal unless `as` names another (a candidate with their join token); a route
 * without the request transaction passes its own `sql`.
 */
export async function audit(
  c: Context<AppEnv>,
  entry: AuditEntry,
  sql?: Sql,
  as?: { tenantId: string; actor: AuditActor },
): Promise<void> {
  const principal = as ? undefined : c.get('principal');
  const tenantId = as?.tenantId ?? principal!.tenantId;
  await recordAudit(sql ?? emSql(c.get('em')), tenantId, as?.actor ?? actorOf(principal!), entry, {
    requestId: c.get('requestId'),
    ip: clientIp(c, c.get('services').config.trustProxy),
  });
}
