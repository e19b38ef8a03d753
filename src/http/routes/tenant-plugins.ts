import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { Plugin, type TenantEm, type TenantPlugin } from '../../db/index.ts';
import { installPlugin, listInstalls, pinPluginVersion, uninstallPlugin } from '../../plugins/index.ts';
import { audit } from '../audit.ts';
import type { AppEnv } from '../env.ts';
import { requireAuth } from '../middleware/auth.ts';
import { requireQuota } from '../middleware/quota.ts';
import {
  bearerSecurity,
  json,
  jsonBody,
  PageQuery,
  PluginIdField,
  pageOf,
  problems,
  SemVerField,
} from '../openapi.ts';
import { PluginSummarySchema, pluginView } from './plugins.ts';

const base = { tags: ['tenant plugins'], security: bearerSecurity };

const InstallSchema = z
  .object({
    pluginId: z.string(),
    version: z.string().openapi({ description: 'the pinned version interviews use' }),
    installedAt: z.string(),
    updatedAt: z.string(),
    plugin: PluginSummarySchema.openapi({
      description: 'catalog entry; compare latestVersion to offer an upgrade',
    }),
  })
  .openapi('TenantPlugin');

const installView = (i: TenantPlugin, p: Plugin): z.infer<typeof InstallSchema> => ({
  pluginId: i.pluginId,
  version: i.version,
  installedAt: i.createdAt.toISOString(),
  updatedAt: i.updatedAt.toISOString(),
  plugin: pluginView(p),
});

const Params = z.object({ pluginId: PluginIdField.openapi({ param: { name: 'pluginId', in: 'path' } }) });

const list = createRoute({
  ...base,
  method: 'get',
  path: '/api/v1/tenant/plugins',
  summary: "The tenant's installed plugins and their pinned versions",
  middleware: [requireAuth('admin')] as const,
  request: { query: PageQuery },
  responses: {
    200: json(pageOf(InstallSchema, 'TenantPluginPage'), 'A page of installs'),
    ...problems(400, 401, 403),
  },
});

const install = createRoute({
  ...base,
  method: 'post',
  path: '/api/v1/tenant/plugins',
  summary: 'Install a plugin, pinned to a version (default: the latest)',
  middleware: [requireAuth('admin'), requireQuota('banks')] as const,
  request: jsonBody(
    z.object({ pluginId: PluginIdField, version: SemVerField.optional() }).strict().openapi('InstallPlugin'),
  ),
  responses: { 201: json(InstallSchema, 'Installed'), ...problems(400, 401, 402, 403, 404, 409, 413, 415) },
});

const pin = createRoute({
  ...base,
  method: 'patch',
  path: '/api/v1/tenant/plugins/{pluginId}',
  summary: 'Move the pin to another published version (upgrade or roll back)',
  middleware: [requireAuth('admin')] as const,
  request: { params: Params, ...jsonBody(z.object({ version: SemVerField }).strict().openapi('PinPlugin')) },
  responses: { 200: json(InstallSchema, 'Pinned'), ...problems(400, 401, 403, 404, 413, 415) },
});

const uninstall = createRoute({
  ...base,
  method: 'delete',
  path: '/api/v1/tenant/plugins/{pluginId}',
  summary: 'Uninstall (past interviews keep the exact version they used)',
  middleware: [requireAuth('admin')] as const,
  request: { params: Params },
  responses: { 204: { description: 'Uninstalled' }, ...problems(400, 401, 403, 404) },
});

/** Installs joined with their catalog entries (one query for the page). */
async function withPlugin(em: TenantEm, installs: TenantPlugin[]) {
  const plugins = await em.find(Plugin, { id: { $in: installs.map((i) => i.pluginId) } });
  const byId = new Map(plugins.map((p) => [p.id, p]));
  return installs.map((i) => installView(i, byId.get(i.pluginId)!));
}

export function registerTenantPlugins(app: OpenAPIHono<AppEnv>) {
  app.openapi(list, async (c) => {
    const page = await listInstalls(c.get('em'), c.req.valid('query'));
    return c.json({ items: await withPlugin(c.get('em'), page.items), nextCursor: page.nextCursor }, 200);
  });
  app.openapi(install, async (c) => {
    const principal = c.get('principal');
    const row = await installPlugin(c.get('em'), principal.tenantId, {
      ...c.req.valid('json'),
      installedBy: principal.kind === 'user' ? principal.userId : null,
    });
    await audit(c, { action: 'plugin.installed', target: row.pluginId, data: { version: row.version } });
    const [view] = await withPlugin(c.get('em'), [row]);
    return c.json(view!, 201);
  });
  app.openapi(pin, async (c) => {
    const row = await pinPluginVersion(
      c.get('em'),
      c.req.valid('param').pluginId,
      c.req.valid('json').version,
    );
    await audit(c, { action: 'plugin.pinned', target: row.pluginId, data: { version: row.version } });
    const [view] = await withPlugin(c.get('em'), [row]);
    return c.json(view!, 200);
  });
  app.openapi(uninstall, async (c) => {
    await uninstallPlugin(c.get('em'), c.req.valid('param').pluginId);
    await audit(c, { action: 'plugin.uninstalled', target: c.req.valid('param').pluginId });
    return c.body(null, 204);
  });
}
