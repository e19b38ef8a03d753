import { z } from 'zod';
import { type Orm, type Sql, withTenantSql } from '../db/index.ts';
import { defineJob, type JobQueue, type JobWorker } from '../jobs/index.ts';
import type { Logger } from '../observability/index.ts';
import { DUE_TOLERANCE_MS, inFlightLeaseMs } from '../webhooks/index.ts';
import type { LinkRow } from './adapter.ts';
import { ADAPTERS } from './adapters.ts';
import { callAts } from './calls.ts';
import { type ConnectionRow, getConnection, openForUse } from './connections.ts';
import { LINK_COLUMNS, readOutcome } from './outcome.ts';
import type { AtsRuntime } from './runtime.ts';

/**
 * One attempt of one push of a result to an ATS (Greenhouse's completion PATCH, Ashby's
 * assessment.update, Lever's note). Like a webhook delivery: the claim is a lease, each attempt
 * plans the next from the webhook retry schedule, and a push is sent at most once successfully.
 */
export const pushToAtsJob = defineJob({
  name: 'ats.push',
  queue: 'webhooks',
  schema: z.object({ tenantId: z.uuid(), pushId: z.uuid() }).strict(),
  retry: { attempts: 1, backoffMs: 1000 },
});

export const pushJobId = (pushId: string, attempt: number) => `ats:${pushId}:${attempt}`;

export interface PushDeps {
  orm: Orm;
  jobs: JobQueue;
  ats: AtsRuntime;
  logger?: Logger | undefined;
}

interface PushRow {
  id: string;
  kind: string;
  status: string;
  attempts: number;
  next_attempt_at: Date | null;
  link_id: string;
  connection_id: string;
}

export async function enqueuePushes(
  jobs: JobQueue,
  tenantId: string,
  pushIds: readonly string[],
): Promise<void> {
  for (const pushId of pushIds)
    await jobs.enqueue(pushToAtsJob, { tenantId, pushId }, { jobId: pushJobId(pushId, 1) });
}

/**
 * Record the pushes an interview's start or end owes the ATS that started it (none when no ATS
 * did), in the interview's transaction; enqueue the returned ids after it commits.
 */
export async function recordPushes(
  sql: Sql,
  tenantId: string,
  interviewId: string,
  moment: 'started' | 'finished',
): Promise<string[]> {
  const [link] = await sql<{ id: string; connection_id: string; provider: keyof typeof ADAPTERS }>(
    `select l.id, l.connection_id, c.provider from ats_links l
       join schedules s on s.id = l.schedule_id and s.tenant_id = l.tenant_id
       join ats_connections c on c.id = l.connection_id and c.tenant_id = l.tenant_id
      where s.interview_id = ? and l.tenant_id = ? and l.status = 'invited'`,
    [interviewId, tenantId],
  );
  if (!link) return [];
  const ids: string[] = [];
  for (const kind of ADAPTERS[link.provider].pushes[moment]) {
    const rows = await sql<{ id: string }>(
      `insert into ats_pushes (id, tenant_id, connection_id, link_id, kind, next_attempt_at)
       values (gen_random_uuid(), ?, ?, ?, ?, now())
       on conflict (link_id, kind) do nothing returning id`,
      [tenantId, link.connection_id, link.id, kind],
    );
    if (rows[0]) ids.push(rows[0].id);
  }
  return ids;
}

export async function handlePush(
  deps: PushDeps,
  payload: z.infer<typeof pushToAtsJob.schema>,
): Promise<void> {
  const { orm, ats } = deps;
  const { tenantId, pushId } = payload;
  const retrySchedule = ats.outbound.retryScheduleMs;
  // the same lease and due tolerance as a webhook delivery's attempt
  const leaseMs = inFlightLeaseMs(ats.outbound);

  let notYet: { attempts: number; at: Date } | undefined;
  const claim = await withTenantSql(orm, tenantId, async (sql) => {
    const [push] = await sql<PushRow>(
      'select id, kind, status, attempts, next_attempt_at, link_id, connection_id from ats_pushes where id = ? and tenant_id = ? for update',
      [pushId, tenantId],
    );
    if (push?.status !== 'pending' || !push.next_attempt_at) return undefined;
    if (new Date(push.next_attempt_at).getTime() > Date.now() + DUE_TOLERANCE_MS) {
      notYet = { attempts: push.attempts, at: new Date(push.next_attempt_at) };
      return undefined;
    }
    const connection = await getConnection(sql, tenantId, push.connection_id);
    const [link] = await sql<LinkRow>(
      `select ${LINK_COLUMNS} from ats_links l where l.id = ? and l.tenant_id = ?`,
      [push.link_id, tenantId],
    );
    const stop = !link
      ? 'the interview is gone'
      : link.status === 'cancelled'
        ? 'the ATS cancelled the interview (or its candidate was erased)'
        : !connection.enabled
          ? 'the connection is disabled'
          : undefined;
    if (stop !== undefined || !link) {
      await sql(
        `update ats_pushes set status = 'failed', next_attempt_at = null, last_error = ?, updated_at = now() where id = ?`,
        [stop, pushId],
      );
      return undefined;
    }
    const attempt = push.attempts + 1;
    await sql('update ats_pushes set attempts = ?, next_attempt_at = ?, updated_at = now() where id = ?', [
      attempt,
      new Date(Date.now() + leaseMs),
      pushId,
    ]);
    const credentials = await openForUse(sql, ats.keyring, connection);
    const outcome = await readOutcome(sql, link, ats.baseUrl);
    return { push, attempt, connection, credentials, link, outcome };
  });
  if (notYet) {
    await deps.jobs.enqueue(pushToAtsJob, payload, {
      jobId: pushJobId(pushId, notYet.attempts + 1),
      delayMs: Math.max(0, notYet.at.getTime() - Date.now()),
    });
  }
  if (!claim) return;

  const adapter = ADAPTERS[claim.connection.provider];
  if (adapter.superseded?.(claim.push.kind, claim.outcome)) {
    await withTenantSql(orm, tenantId, (sql) =>
      sql(
        `update ats_pushes set status = 'succeeded', next_attempt_at = null, last_error = 'superseded: not sent', updated_at = now() where id = ?`,
        [pushId],
      ),
    );
    return;
  }
  const result = await send(deps, tenantId, claim.connection, () => {
    if (claim.credentials.unreadable) throw new Error(claim.credentials.unreadable);
    return adapter.push(claim.push.kind, {
      connection: claim.connection,
      credentials: claim.credentials.value,
      urls: ats.urls,
      link: claim.link,
      outcome: claim.outcome,
    });
  });
  const delayMs = result.ok ? undefined : retrySchedule[claim.attempt - 1];
  const planned = await withTenantSql(orm, tenantId, async (sql) => {
    const [push] = await sql<PushRow>('select attempts, status from ats_pushes where id = ? for update', [
      pushId,
    ]);
    if (!push) return false;
    const overtaken = push.attempts !== claim.attempt || push.status !== 'pending';
    if (result.ok) {
      await sql(
        `update ats_pushes set status = 'succeeded', next_attempt_at = null, last_status = ?, last_error = null, updated_at = now() where id = ?`,
        [result.status, pushId],
      );
      return false;
    }
    if (overtaken) return false;
    await sql(
      `update ats_pushes set status = ?, next_attempt_at = ?, last_status = ?, last_error = ?, updated_at = now() where id = ?`,
      [
        delayMs === undefined ? 'failed' : 'pending',
        delayMs === undefined ? null : new Date(Date.now() + delayMs),
        result.status,
        result.error?.slice(0, 500) ?? null,
        pushId,
      ],
    );
    return delayMs !== undefined;
  });
  deps.logger?.info(
    {
      tenantId,
      pushId,
      kind: claim.push.kind,
      attempt: claim.attempt,
      status: result.status,
      error: result.error,
    },
    'ats push attempt',
  );
  if (planned && delayMs !== undefined) {
    await deps.jobs.enqueue(pushToAtsJob, payload, { jobId: pushJobId(pushId, claim.attempt + 1), delayMs });
  }
}

/** Build and send one outbound request; ok when a 2xx came and the ATS did not refuse in its body. */
async function send(
  deps: PushDeps,
  tenantId: string,
  connection: ConnectionRow,
  build: () => ReturnType<(typeof ADAPTERS)['ashby']['push']>,
): Promise<{ ok: boolean; status: number | null; error: string | null }> {
  let request: ReturnType<typeof build>;
  try {
    request = build();
  } catch (err) {
    return { ok: false, status: null, error: `cannot build the request: ${(err as Error).message}` };
  }
  const result = await callAts(
    deps.orm,
    deps.ats.outbound,
    tenantId,
    request,
    ADAPTERS[connection.provider].refused,
  );
  if (result.status === null || result.status < 200 || result.status >= 300) {
    return { ok: false, status: result.status, error: result.error ?? `HTTP ${result.status}` };
  }
  return result.refusal
    ? { ok: false, status: result.status, error: result.refusal }
    : { ok: true, status: result.status, error: null };
}

export function registerAtsJobs(worker: JobWorker, deps: PushDeps): void {
  worker.register(pushToAtsJob, (payload) => handlePush(deps, payload));
}
