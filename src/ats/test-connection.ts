import { type Orm, withTenantSql } from '../db/index.ts';
import { ADAPTERS } from './adapters.ts';
import { callAts } from './calls.ts';
import { getConnection, PROVIDER_NEEDS, readCredentials, recordConnectionTest } from './connections.ts';
import type { AtsRuntime } from './runtime.ts';

export interface ConnectionTest {
  ok: boolean;
  /** the ATS's HTTP status, when a call was made */
  status: number | null;
  latencyMs: number | null;
  error: string | null;
  detail: string;
}

/**
 * "Test connection": the cheapest authenticated call to the ATS (Ashby apiKey.info, Lever
 * stages). Greenhouse only calls us, so its test says when it last did. Recorded on the connection.
 */
export async function testConnection(
  orm: Orm,
  ats: AtsRuntime,
  tenantId: string,
  id: string,
): Promise<ConnectionTest> {
  const { connection, lastInbound } = await withTenantSql(orm, tenantId, async (sql) => ({
    connection: await getConnection(sql, tenantId, id),
    lastInbound: (
      await sql<{ created_at: Date; status: number | null }>(
        `select created_at, status from ats_calls where tenant_id = ? and connection_id = ? and direction = 'in'
          order by id desc limit 1`,
        [tenantId, id],
      )
    )[0],
  }));
  const label = PROVIDER_NEEDS[connection.provider].label;
  const { value: credentials, unreadable } = readCredentials(ats.keyring, connection);
  const missing = PROVIDER_NEEDS[connection.provider].credentials.filter((f) => !credentials[f]);
  let test: ConnectionTest;
  const request = ADAPTERS[connection.provider].test({ connection, credentials, urls: ats.urls });
  if (unreadable) {
    test = {
      ok: false,
      status: null,
      latencyMs: null,
      error: unreadable,
      detail: `Enter the ${label} credentials again.`,
    };
  } else if (!connection.enabled) {
    test = {
      ok: false,
      status: null,
      latencyMs: null,
      error: 'The connection is disabled',
      detail: 'Enable it first.',
    };
  } else if (missing.length > 0) {
    test = {
      ok: false,
      status: null,
      latencyMs: null,
      error: `Not set: ${missing.join(', ')}`,
      detail: `Enter the ${label} credentials first.`,
    };
  } else if (!request) {
    test = {
      ok: true,
      status: null,
      latencyMs: null,
      error: null,
      detail: lastInbound
        ? `${label} calls this platform; its last call was at ${new Date(lastInbound.created_at).toISOString()} (HTTP ${lastInbound.status}).`
        : `${label} calls this platform; it has not called yet. Give it the endpoint URLs and the key.`,
    };
  } else {
    const result = await callAts(orm, ats.outbound, tenantId, request, ADAPTERS[connection.provider].refused);
    const refused = result.refusal;
    const ok = result.status !== null && result.status >= 200 && result.status < 300 && !refused;
    test = {
      ok,
      status: result.status,
      latencyMs: result.durationMs,
      error: ok
        ? null
        : (refused ??
          result.error ??
          (result.status === 401 || result.status === 403
            ? `${label} refused the API key (HTTP ${result.status})`
            : `HTTP ${result.status}`)),
      detail: ok ? `${label} accepted the credentials.` : `${label} did not accept the call.`,
    };
  }
  await withTenantSql(orm, tenantId, (sql) => recordConnectionTest(sql, tenantId, id, test));
  return test;
}
