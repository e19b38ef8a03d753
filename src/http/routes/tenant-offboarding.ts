import { Readable } from 'node:stream';
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { TENANT_EXPORT_FORMAT, tenantExportStream } from '../../compliance/index.ts';
import { withTenantSql } from '../../db/index.ts';
import { cancelDeletion, getTenant, requestDeletion } from '../../tenancy/index.ts';
import { audit } from '../audit.ts';
import type { AppEnv } from '../env.ts';
import { requireAuth } from '../middleware/auth.ts';
import { bearerSecurity, json, jsonBody, problems, Text } from '../openapi.ts';
import { TenantSchema, tenantView } from '../views.ts';

/**
 * Leaving: the owner exports everything the tenant holds, and deletes the tenant after a grace
 * period during which it can be restored (docs/compliance.md, "Tenant offboarding").
 */

const base = { tags: ['tenant'], security: bearerSecurity };

const exportRoute = createRoute({
  ...base,
  method: 'get',
  path: '/api/v1/tenant/export',
  summary: `Every row the organisation holds, as gzip'd JSON lines (${TENANT_EXPORT_FORMAT}; owner; audited)`,
  middleware: [requireAuth('owner')] as const,
  responses: {
    200: {
      description:
        'One gzip file of JSON lines: a header, `{table, row}` per row of every table, and a last `{end, rows}` line. Secrets (hashes, signing secrets, credentials) are left out.',
      content: { 'application/gzip': { schema: z.string().openapi({ format: 'binary' }) } },
    },
    ...problems(401, 403),
  },
});

const DeletionSchema = z
  .object({
    requestedAt: z.string(),
    deleteAfter: z.string().openapi({ description: 'when the grace period ends and the deletion runs' }),
  })
  .openapi('TenantDeletion');

const requestRoute = createRoute({
  ...base,
  method: 'post',
  path: '/api/v1/tenant/deletion',
  summary:
    'Schedule the deletion of the organisation and all its data after the grace period (owner; audited); asking again keeps the first date',
  middleware: [requireAuth('owner')] as const,
  request: jsonBody(
    z
      .object({
        confirm: Text(1, 200).openapi({ description: "the organisation's slug or its name, typed" }),
      })
      .strict()
      .openapi('NewTenantDeletion'),
  ),
  responses: {
    202: json(DeletionSchema, 'Scheduled: restorable until deleteAfter'),
    ...problems(400, 401, 403, 413, 415, 422),
  },
});

const restoreRoute = createRoute({
  ...base,
  method: 'delete',
  path: '/api/v1/tenant/deletion',
  summary: 'Restore: cancel the scheduled deletion within its grace period (owner; audited)',
  middleware: [requireAuth('owner')] as const,
  responses: { 200: json(TenantSchema, 'The tenant, no longer scheduled'), ...problems(401, 403, 404, 409) },
});

export function registerTenantOffboarding(app: OpenAPIHono<AppEnv>) {
  app.openapi(exportRoute, async (c) => {
    const { orm, logger } = c.get('services');
    const tenant = await getTenant(c.get('em'), c.get('principal').tenantId);
    // recorded when asked, whether or not the download completes; committed on its own before the
    // export's snapshot opens, so the export always holds its own audit entry
    await withTenantSql(orm, tenant.id, (sql) =>
      audit(c, { action: 'tenant.exported', data: { format: TENANT_EXPORT_FORMAT } }, sql),
    );
    const day = new Date().toISOString().slice(0, 10);
    const stream = tenantExportStream(orm, tenant.id, (err) =>
      logger.error({ err, tenantId: tenant.id }, 'tenant export failed midway'),
    );
    return c.body(Readable.toWeb(stream) as ReadableStream<Uint8Array>, 200, {
      'content-type': 'application/gzip',
      'content-disposition': `attachment; filename="${tenant.slug}-export-${day}.jsonl.gz"`,
      'cache-control': 'no-store',
    });
  });

  app.openapi(requestRoute, async (c) => {
    const { config } = c.get('services');
    const { tenant, changed } = await requestDeletion(
      c.get('em'),
      c.get('principal').tenantId,
      c.req.valid('json').confirm,
      config.tenantDeletionGraceDays,
    );
    const deletion = {
      requestedAt: tenant.deletionRequestedAt!.toISOString(),
      deleteAfter: tenant.deletionDueAt!.toISOString(),
    };
    if (changed) await audit(c, { action: 'tenant.deletion_requested', target: tenant.slug, data: deletion });
    return c.json(deletion, 202);
  });

  app.openapi(restoreRoute, async (c) => {
    const { tenant, was } = await cancelDeletion(c.get('em'), c.get('principal').tenantId);
    await audit(c, {
      action: 'tenant.deletion_cancelled',
      target: tenant.slug,
      data: { deleteAfter: was.toISOString() },
    });
    return c.json(tenantView(tenant), 200);
  });
}
