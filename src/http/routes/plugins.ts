import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { JSONValue } from 'hono/utils/types';
import type { Plugin } from '../../db/index.ts';
import { getPlugin, getPluginVersion, listPlugins, manifestJsonSchema } from '../../plugins/index.ts';
import type { AppEnv } from '../env.ts';
import { requireAuth } from '../middleware/auth.ts';
import {
  bearerSecurity,
  json,
  PageQuery,
  PluginIdField,
  pageOf,
  problems,
  SemVerField,
  Text,
} from '../openapi.ts';

const base = { tags: ['plugins'], security: bearerSecurity };

export const PluginSummarySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    publisher: z.string(),
    latestVersion: z.string(),
    roles: z.array(z.object({ id: z.string(), title: z.string() })),
  })
  .openapi('PluginSummary');

export const pluginView = (p: Plugin): z.infer<typeof PluginSummarySchema> => ({
  id: p.id,
  name: p.name,
  description: p.description,
  publisher: p.publisher,
  latestVersion: p.latestVersion,
  roles: p.roles,
});

const PluginParams = z.object({
  id: PluginIdField.openapi({
    param: { name: 'id', in: 'path' },
    example: 'ai-interviewer.backend-engineer',
  }),
});

const schemaRoute = createRoute({
  method: 'get',
  path: '/api/v1/plugins/manifest.schema.json',
  tags: ['plugins'],
  summary: 'JSON Schema of plugin.json (public, for partners and editors)',
  responses: { 200: json(z.record(z.string(), z.unknown()), 'JSON Schema 2020-12') },
});

const list = createRoute({
  ...base,
  method: 'get',
  path: '/api/v1/plugins',
  summary: 'The plugin catalog: search by role or text',
  middleware: [requireAuth('viewer')] as const,
  request: {
    query: PageQuery.extend({
      role: Text(1, 120).optional().openapi({ description: 'role id or title, e.g. backend' }),
      q: Text(1, 200).optional().openapi({ description: 'free text over id, name, description, publisher' }),
    }),
  },
  responses: {
    200: json(pageOf(PluginSummarySchema, 'PluginPage'), 'A page of plugins'),
    ...problems(400, 401),
  },
});

const get = createRoute({
  ...base,
  method: 'get',
  path: '/api/v1/plugins/{id}',
  summary: 'A plugin and its published versions (newest first)',
  middleware: [requireAuth('viewer')] as const,
  request: { params: PluginParams },
  responses: {
    200: json(
      PluginSummarySchema.extend({
        versions: z.array(z.object({ version: z.string(), sha256: z.string(), publishedAt: z.string() })),
      }).openapi('PluginDetail'),
      'The plugin',
    ),
    ...problems(400, 401, 404),
  },
});

const getVersion = createRoute({
  ...base,
  method: 'get',
  path: '/api/v1/plugins/{id}/versions/{version}',
  summary: 'One published version with its full manifest',
  middleware: [requireAuth('viewer')] as const,
  request: {
    params: PluginParams.extend({
      version: SemVerField.openapi({ param: { name: 'version', in: 'path' }, example: '1.0.0' }),
    }),
  },
  responses: {
    200: json(
      z
        .object({
          id: z.string(),
          version: z.string(),
          sha256: z.string(),
          publishedAt: z.string(),
          manifest: z.record(z.string(), z.unknown()),
        })
        .openapi('PluginVersion'),
      'The version',
    ),
    ...problems(400, 401, 404),
  },
});

export function registerPlugins(app: OpenAPIHono<AppEnv>) {
  // Registered before /plugins/{id} so the static path wins.
  app.openapi(schemaRoute, (c) => c.json(manifestJsonSchema(), 200));
  app.openapi(list, async (c) => {
    const page = await listPlugins(c.get('em'), c.req.valid('query'));
    return c.json({ items: page.items.map(pluginView), nextCursor: page.nextCursor }, 200);
  });
  app.openapi(get, async (c) => {
    const { plugin, versions } = await getPlugin(c.get('em'), c.req.valid('param').id);
    return c.json(
      {
        ...pluginView(plugin),
        versions: versions.map((v) => ({
          version: v.version,
          sha256: v.sha256,
          publishedAt: v.publishedAt.toISOString(),
        })),
      },
      200,
    );
  });
  app.openapi(getVersion, async (c) => {
    const { id, version } = c.req.valid('param');
    const v = await getPluginVersion(c.get('em'), id, version);
    return c.json(
      {
        id,
        version,
        sha256: v.sha256,
        publishedAt: v.publishedAt.toISOString(),
        manifest: v.manifest as unknown as Record<string, JSONValue>,
      },
      200,
    );
  });
}
