import {
  decodeCursor,
  type Orm,
  type Page,
  pageOfRows,
  type Sql,
  uuidv7,
  withTenantSql,
} from '../db/index.ts';
import {
  type LookupFn,
  type PostResult,
  postWebhook,
  type Transport,
  USER_AGENT,
} from '../webhooks/index.ts';

/**
 * Every call between the platform and an ATS, in and out, per connection: what, the HTTP status,
 * how long it took and why it failed. A recruiter reads it to see whether the integration works.
 */
export interface CallRecord {
  connectionId: string;
  direction: 'in' | 'out';
  /** e.g. `send_test`, `assessment.update`, `notes.create`, `webhook.candidateStageChange` */
  operation: string;
  status: number | null;
  latencyMs: number;
  error: string | null;
}

export interface CallView extends CallRecord {
  id: string;
  at: string;
}

/** How long the call log keeps a call: enough to see a pattern, not a record of every candidate. */
export const CALL_LOG_DAYS = 90;

export async function recordCall(sql: Sql, tenantId: string, call: CallRecord): Promise<void> {
  // the connection's calls past the retention go as new ones come (its index makes this cheap)
  await sql(
    `delete from ats_calls where tenant_id = ? and connection_id = ? and created_at < now() - make_interval(days => ?)`,
    [tenantId, call.connectionId, CALL_LOG_DAYS],
  );
  await sql(
    `insert into ats_calls (id, tenant_id, connection_id, direction, operation, status, latency_ms, error)
     values (?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      uuidv7(),
      tenantId,
      call.connectionId,
      call.direction,
      call.operation.slice(0, 64),
      call.status,
      Math.max(0, Math.round(call.latencyMs)),
      call.error?.slice(0, 500) ?? null,
    ],
  );
}

/** In a short transaction of its own: a call is logged even when the work around it rolled back. */
export const logCall = (orm: Orm, tenantId: string, call: CallRecord) =>
  withTenantSql(orm, tenantId, (sql) => recordCall(sql, tenantId, call));

export async function listCalls(
  sql: Sql,
  tenantId: string,
  connectionId: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<CallView>> {
  const args: unknown[] = [tenantId, connectionId];
  let before = '';
  if (page.cursor) {
    before = 'and id < ?';
    args.push(decodeCursor(page.cursor));
  }
  const rows = await sql<{
    id: string;
    connection_id: string;
    direction: 'in' | 'out';
    operation: string;
    status: number | null;
    latency_ms: number;
    error: string | null;
    created_at: Date;
  }>(
    `select id, connection_id, direction, operation, status, latency_ms, error, created_at from ats_calls
      where tenant_id = ? and connection_id = ? ${before} order by id desc limit ?`,
    [...args, page.limit + 1],
  );
  return pageOfRows(rows, page.limit, (r) => ({
    id: r.id,
    connectionId: r.connection_id,
    direction: r.direction,
    operation: r.operation,
    status: r.status,
    latencyMs: r.latency_ms,
    error: r.error,
    at: new Date(r.created_at).toISOString(),
  }));
}

/** Per connection: calls in the last 24 hours, how many failed, and the latency at p50. */
export async function callSummary(
  sql: Sql,
  tenantId: string,
  connectionId: string,
): Promise<{ calls: number; failed: number; p50LatencyMs: number | null; lastAt: string | null }> {
  const [row] = await sql<{ calls: string; failed: string; p50: number | null; last_at: Date | null }>(
    `select count(*) as calls,
            count(*) filter (where error is not null or status is null or status >= 400) as failed,
            percentile_cont(0.5) within group (order by latency_ms) as p50,
            max(created_at) as last_at
       from ats_calls where tenant_id = ? and connection_id = ? and created_at > now() - interval '24 hours'`,
    [tenantId, connectionId],
  );
  return {
    calls: Number(row?.calls ?? 0),
    failed: Number(row?.failed ?? 0),
    p50LatencyMs: row?.p50 === null || row?.p50 === undefined ? null : Math.round(Number(row.p50)),
    lastAt: row?.last_at ? new Date(row.last_at).toISOString() : null,
  };
}

/** How outbound ATS calls are made: the webhook SSRF guard and deadline (tests: stand-in DNS/transport). */
export interface OutboundSettings {
  timeoutMs: number;
  allowedHosts: readonly string[];
  retryScheduleMs: readonly number[];
  lookup?: LookupFn | undefined;
  transport?: Transport | undefined;
}

export interface OutboundRequest {
  connectionId: string;
  operation: string;
  method: 'GET' | 'POST' | 'PATCH';
  url: string;
  /** HTTP Basic: the key as the user name, an empty password (Greenhouse, Ashby and Lever alike) */
  basicUser?: string | undefined;
  body?: unknown;
  headers?: Record<string, string> | undefined;
}

export interface OutboundResult extends PostResult {
  /** the response body parsed as JSON, when it was JSON */
  json: unknown;
  /** why a 2xx still said no (see `refused`) */
  refusal: string | undefined;
}

/** Responses the adapters read (a Lever opportunity) fit in this. */
const MAX_RESPONSE_BYTES = 256 * 1024;

/** One outbound call to an ATS through the SSRF guard, logged on its connection. Never throws. */
export async function callAts(
  orm: Orm,
  settings: OutboundSettings,
  tenantId: string,
  req: OutboundRequest,
  /** a 2xx that still says no, by its body (Ashby): logged as the failure it is */
  refused?: ((json: unknown) => string | undefined) | undefined,
): Promise<OutboundResult> {
  const body = req.body === undefined ? '' : JSON.stringify(req.body);
  const result = await postWebhook({
    method: req.method,
    url: req.url,
    body,
    headers: {
      accept: 'application/json',
      'user-agent': USER_AGENT.replace('Webhooks', 'ATS'),
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(req.basicUser !== undefined
        ? { authorization: `Basic ${Buffer.from(`${req.basicUser}:`).toString('base64')}` }
        : {}),
      ...req.headers,
    },
    timeoutMs: settings.timeoutMs,
    allowedHosts: settings.allowedHosts,
    lookup: settings.lookup,
    transport: settings.transport,
    maxResponseBytes: MAX_RESPONSE_BYTES,
  });
  let json: unknown;
  try {
    json = result.bodyExcerpt ? JSON.parse(result.bodyExcerpt) : undefined;
  } catch {
    json = undefined;
  }
  const failed = result.status === null || result.status >= 400;
  const refusal = result.status !== null && result.status < 300 ? refused?.(json) : undefined;
  await logCall(orm, tenantId, {
    connectionId: req.connectionId,
    direction: 'out',
    operation: req.operation,
    status: result.status,
    latencyMs: result.durationMs,
    error:
      result.error ??
      refusal ??
      (failed ? `HTTP ${result.status}: ${(result.bodyExcerpt ?? '').slice(0, 200)}` : null),
  }).catch(() => undefined); // the log is for people; the call's outcome stands without it
  return { ...result, json, refusal };
}
