import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { emSql, Plugin, TenantPlugin } from '../../db/index.ts';
import { loadManifest } from '../../plugins/index.ts';
import type { AppEnv } from '../env.ts';
import { requireAuth } from '../middleware/auth.ts';
import { bearerSecurity, json, problems } from '../openapi.ts';

const RoleSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    plugin: z.object({ id: z.string(), name: z.string(), version: z.string() }),
  })
  .openapi('InterviewRole');

const list = createRoute({
  tags: ['interviews'],
  security: bearerSecurity,
  method: 'get',
  path: '/api/v1/roles',
  summary: 'The roles the tenant can interview for (from its installed plugins, at their pinned versions)',
  middleware: [requireAuth('viewer')] as const,
  responses: { 200: json(z.object({ items: z.array(RoleSchema) }), 'The roles'), ...problems(401) },
});

export function registerRoles(app: OpenAPIHono<AppEnv>) {
  app.openapi(list, async (c) => {
    const em = c.get('em');
    const installs = await em.find(TenantPlugin, {}, { orderBy: { pluginId: 'asc' } });
    const plugins = new Map(
      (await em.find(Plugin, { id: { $in: installs.map((i) => i.pluginId) } })).map((p) => [p.id, p]),
    );
    const items: z.infer<typeof RoleSchema>[] = [];
    for (const install of installs) {
      const manifest = await loadManifest(emSql(em), install.pluginId, install.version);
      const name = plugins.get(install.pluginId)?.name ?? manifest.name;
      for (const r of manifest.roles) {
        items.push({
          id: r.id,
          title: r.title,
          description: r.description,
          plugin: { id: install.pluginId, name, version: install.version },
        });
      }
    }
    return c.json({ items }, 200);
  });
}
