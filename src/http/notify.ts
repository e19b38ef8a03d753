import type { Context } from 'hono';
import { actorOf } from '../compliance/index.ts';
import { emSql } from '../db/index.ts';
import { enqueueMail, recordSecurityNotice, type SecurityNotice } from '../notifications/index.ts';
import type { AppEnv } from './env.ts';
import { afterCommit } from './middleware/transaction.ts';

/**
 * Mail every owner of the caller's tenant about a change to its credentials (an API key made or
 * revoked, the owner role given or taken), recorded in the request's transaction and sent after it
 * commits. The notice names who did it; the audit log has the rest.
 */
export async function notifyOwners(c: Context<AppEnv>, notice: SecurityNotice): Promise<void> {
  const principal = c.get('principal');
  const queued = await recordSecurityNotice(emSql(c.get('em')), principal.tenantId, {
    ...notice,
    details: [...notice.details, `By: ${actorOf(principal).label}`],
  });
  const { jobs } = c.get('services');
  afterCommit(c, () => enqueueMail(jobs, queued));
}
