import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import {
  ATS_PROVIDERS,
  type ConnectionRow,
  CREDENTIAL_FIELDS,
  callSummary,
  connectionView,
  createConnection,
  deleteConnection,
  getConnection,
  inboundEndpoints,
  listCalls,
  listConnections,
  rotateInboundKey,
  testConnection,
  updateConnection,
} from '../../ats/index.ts';
import { emSql, type Sql } from '../../db/index.ts';
import { audit } from '../audit.ts';
import type { AppEnv } from '../env.ts';
import { requireAuth } from '../middleware/auth.ts';
import {
  bearerSecurity,
  IdParams,
  json,
  jsonBody,
  PageQuery,
  pageOf,
  problems,
  storable,
  UNSTORABLE_TEXT,
} from '../openapi.ts';

const base = { tags: ['ats'], security: bearerSecurity };
const admin = requireAuth('admin');

const Provider = z.enum(ATS_PROVIDERS).openapi('AtsProvider');
const Secret = z.string().trim().min(8).max(500).refine(storable, UNSTORABLE_TEXT);
const Credentials = z
  .object({
    apiKey: Secret.optional().openapi({ description: "Ashby or Lever: the tenant's API key for that ATS" }),
    webhookToken: Secret.optional().openapi({
      description: "Lever: the webhook's signature token (Settings > Integrations and API > Webhooks)",
    }),
  })
  .strict()
  .openapi('AtsCredentials', {
    description: 'write-only: stored encrypted, never returned; giving one replaces it',
  });
const Settings = z
  .object({
    sendInvitation: z
      .boolean()
      .optional()
      .openapi({ description: 'mail the candidate their link (default true)' }),
    positionMap: z
      .record(z.string().min(1).max(200), z.uuid())
      .optional()
      .openapi({ description: 'Lever: posting id -> position id' }),
    defaultPositionId: z
      .uuid()
      .nullable()
      .optional()
      .openapi({ description: 'Lever: for postings the map omits' }),
    triggerStageId: z
      .string()
      .min(1)
      .max(200)
      .nullable()
      .optional()
      .openapi({ description: 'Lever: the stage whose arrival starts an interview' }),
  })
  .strict()
  .openapi('AtsSettingsInput');

const ConnectionSchema = z
  .object({
    id: z.uuid(),
    provider: Provider,
    name: z.string(),
    enabled: z.boolean(),
    inboundKeyPrefix: z
      .string()
      .nullable()
      .openapi({ description: 'the start of the key the ATS calls with (Greenhouse, Ashby)' }),
    credentials: z.array(
      z.object({ field: z.enum(CREDENTIAL_FIELDS), set: z.boolean(), hint: z.string().nullable() }),
    ),
    credentialsUpdatedAt: z.string().nullable(),
    settings: z.object({
      sendInvitation: z.boolean(),
      positionMap: z.record(z.string(), z.string()),
      defaultPositionId: z.string().nullable(),
      triggerStageId: z.string().nullable(),
    }),
    endpoints: z
      .record(z.string(), z.string())
      .openapi({ description: 'the URLs to give the ATS (where it calls this platform)' }),
    lastTest: z.object({ at: z.string(), ok: z.boolean(), error: z.string().nullable() }).nullable(),
    calls24h: z.object({
      calls: z.number().int(),
      failed: z.number().int(),
      p50LatencyMs: z.number().int().nullable(),
      lastAt: z.string().nullable(),
    }),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('AtsConnection');

const WithKey = z
  .object({
    connection: ConnectionSchema,
    inboundKey: z.string().nullable().openapi({
      description:
        'the key the ATS calls with (`atk_…`, Greenhouse and Ashby), shown in this response only; null for Lever',
    }),
  })
  .openapi('AtsConnectionWithKey');

const CallSchema = z
  .object({
    id: z.uuid(),
    connectionId: z.uuid(),
    direction: z.enum(['in', 'out']),
    operation: z.string(),
    status: z.number().int().nullable(),
    latencyMs: z.number().int(),
    error: z.string().nullable(),
    at: z.string(),
  })
  .openapi('AtsCall');

const TestSchema = z
  .object({
    ok: z.boolean(),
    status: z.number().int().nullable(),
    latencyMs: z.number().int().nullable(),
    error: z.string().nullable(),
    detail: z.string(),
  })
  .openapi('AtsConnectionTest');

const Name = z.string().trim().min(1).max(100).refine(storable, UNSTORABLE_TEXT);

const list = createRoute({
  ...base,
  method: 'get',
  path: '/api/v1/ats/connections',
  summary: "The tenant's ATS connections (never their secrets)",
  middleware: [admin] as const,
  responses: {
    200: json(z.object({ items: z.array(ConnectionSchema) }).openapi('AtsConnectionList'), 'Connections'),
    ...problems(401, 403),
  },
});

const create = createRoute({
  ...base,
  method: 'post',
  path: '/api/v1/ats/connections',
  summary:
    'Connect an ATS (one connection per ATS); the key the ATS calls with is shown in this response only',
  middleware: [admin] as const,
  request: jsonBody(
    z
      .object({
        provider: Provider,
        name: Name.optional(),
        credentials: Credentials.optional(),
        settings: Settings.optional(),
      })
      .strict()
      .openapi('NewAtsConnection'),
  ),
  responses: { 201: json(WithKey, 'The connection'), ...problems(400, 401, 403, 409, 413, 415) },
});

const get = createRoute({
  ...base,
  method: 'get',
  path: '/api/v1/ats/connections/{id}',
  summary: 'One ATS connection (never its secrets)',
  middleware: [admin] as const,
  request: { params: IdParams },
  responses: { 200: json(ConnectionSchema, 'The connection'), ...problems(400, 401, 403, 404) },
});

const patch = createRoute({
  ...base,
  method: 'patch',
  path: '/api/v1/ats/connections/{id}',
  summary:
    'Change a connection: its name, whether it is on, its settings, or replace its credentials (rotation)',
  middleware: [admin] as const,
  request: {
    params: IdParams,
    ...jsonBody(
      z
        .object({
          name: Name.optional(),
          enabled: z.boolean().optional(),
          credentials: Credentials.optional(),
          settings: Settings.optional(),
        })
        .strict()
        .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' })
        .openapi('AtsConnectionPatch'),
    ),
  },
  responses: { 200: json(ConnectionSchema, 'The connection'), ...problems(400, 401, 403, 404, 413, 415) },
});

const rotateKey = createRoute({
  ...base,
  method: 'post',
  path: '/api/v1/ats/connections/{id}/inbound-key/rotate',
  summary: 'A new key for the ATS to call with (shown once); the old one stops working at once',
  middleware: [admin] as const,
  request: { params: IdParams },
  responses: { 200: json(WithKey, 'The connection and its new key'), ...problems(400, 401, 403, 404) },
});

const test = createRoute({
  ...base,
  method: 'post',
  path: '/api/v1/ats/connections/{id}/test',
  summary: 'Check the connection with the cheapest authenticated call to the ATS',
  // its own transactions: the call to the ATS happens outside any
  middleware: [requireAuth('admin', { transaction: false })] as const,
  request: { params: IdParams },
  responses: { 200: json(TestSchema, 'What the ATS answered'), ...problems(400, 401, 403, 404) },
});

const calls = createRoute({
  ...base,
  method: 'get',
  path: '/api/v1/ats/connections/{id}/calls',
  summary: 'Every call in and out on this connection, newest first (status, latency, error)',
  middleware: [admin] as const,
  request: { params: IdParams, query: PageQuery },
  responses: {
    200: json(pageOf(CallSchema, 'AtsCallPage'), 'A page of calls'),
    ...problems(400, 401, 403, 404),
  },
});

const remove = createRoute({
  ...base,
  method: 'delete',
  path: '/api/v1/ats/connections/{id}',
  summary: 'Disconnect the ATS: its key stops working and its credentials are deleted (interviews stay)',
  middleware: [admin] as const,
  request: { params: IdParams },
  responses: { 204: { description: 'Deleted' }, ...problems(400, 401, 403, 404) },
});

export function registerAtsConnections(app: OpenAPIHono<AppEnv>) {
  const view = async (sql: Sql, row: ConnectionRow, baseUrl: string) => ({
    ...connectionView(row),
    endpoints: inboundEndpoints(row.provider, row.id, baseUrl),
    calls24h: await callSummary(sql, row.tenant_id, row.id),
  });

  app.openapi(list, async (c) => {
    const sql = emSql(c.get('em'));
    const { tenantId } = c.get('principal');
    const { baseUrl } = c.get('services').ats;
    const rows = await listConnections(sql, tenantId);
    return c.json({ items: await Promise.all(rows.map((r) => view(sql, r, baseUrl))) }, 200);
  });
  app.openapi(create, async (c) => {
    const sql = emSql(c.get('em'));
    const principal = c.get('principal');
    const { ats } = c.get('services');
    const input = c.req.valid('json');
    const created = await createConnection(
      sql,
      principal.tenantId,
      ats.keyring,
      input,
      principal.kind === 'user' ? principal.email : `api key ${principal.prefix}`,
    );
    await audit(c, {
      action: 'ats.connected',
      target: created.row.id,
      data: { provider: input.provider, credentials: Object.keys(input.credentials ?? {}) },
    });
    return c.json(
      { connection: await view(sql, created.row, ats.baseUrl), inboundKey: created.inboundKey },
      201,
    );
  });
  app.openapi(get, async (c) => {
    const sql = emSql(c.get('em'));
    const row = await getConnection(sql, c.get('principal').tenantId, c.req.valid('param').id);
    return c.json(await view(sql, row, c.get('services').ats.baseUrl), 200);
  });
  app.openapi(patch, async (c) => {
    const sql = emSql(c.get('em'));
    const { tenantId } = c.get('principal');
    const { ats } = c.get('services');
    const body = c.req.valid('json');
    const { row, rotated } = await updateConnection(
      sql,
      tenantId,
      ats.keyring,
      c.req.valid('param').id,
      body,
    );
    const changed = Object.keys(body).filter((k) => k !== 'credentials');
    if (changed.length > 0)
      await audit(c, {
        action: 'ats.connection_changed',
        target: row.id,
        data: { changed, enabled: row.enabled },
      });
    if (rotated.length > 0)
      await audit(c, { action: 'ats.credentials_rotated', target: row.id, data: { fields: rotated } });
    return c.json(await view(sql, row, ats.baseUrl), 200);
  });
  app.openapi(rotateKey, async (c) => {
    const sql = emSql(c.get('em'));
    const { tenantId } = c.get('principal');
    const { ats } = c.get('services');
    const id = c.req.valid('param').id;
    const inboundKey = await rotateInboundKey(sql, tenantId, ats.keyring, id);
    await audit(c, { action: 'ats.inbound_key_rotated', target: id });
    return c.json(
      { connection: await view(sql, await getConnection(sql, tenantId, id), ats.baseUrl), inboundKey },
      200,
    );
  });
  app.openapi(test, async (c) => {
    const { orm, ats } = c.get('services');
    const result = await testConnection(orm, ats, c.get('principal').tenantId, c.req.valid('param').id);
    return c.json(result, 200);
  });
  app.openapi(calls, async (c) => {
    const sql = emSql(c.get('em'));
    const { tenantId } = c.get('principal');
    const id = c.req.valid('param').id;
    await getConnection(sql, tenantId, id); // another tenant's is a 404, not an empty page
    return c.json(await listCalls(sql, tenantId, id, c.req.valid('query')), 200);
  });
  app.openapi(remove, async (c) => {
    const row = await deleteConnection(
      emSql(c.get('em')),
      c.get('principal').tenantId,
      c.req.valid('param').id,
    );
    await audit(c, { action: 'ats.disconnected', target: row.id, data: { provider: row.provider } });
    return c.body(null, 204);
  });
}
