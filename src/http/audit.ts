import type { Context } from 'hono';
import { type AuditEntry, actorOf, recordAudit } from '../compliance/index.ts';
import { emSql, type Sql } from '../db/index.ts';
import type { AppEnv } from './env.ts';
import { clientIp } from './middleware/client-ip.ts';

/**
 * Record what the signed-in caller just did in the tenant's audit log, in the request's
 * transaction (a change that rolls back leaves no entry), with the request id and address.
 */
export async function audit(c: Context<AppEnv>, entry: AuditEntry, sql?: Sql): Promise<void> {
  const principal = c.get('principal');
  // a route without the request transaction passes its own (`sql`)
  await recordAudit(sql ?? emSql(c.get('em')), principal.tenantId, actorOf(principal), entry, {
    requestId: c.get('requestId'),
    ip: clientIp(c, c.get('services').config.trustProxy),
  });
}
