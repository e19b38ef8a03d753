import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { createApiKey, deleteApiKey, listApiKeys } from '../../tenancy/index.ts';
import { audit } from '../audit.ts';
import type { AppEnv } from '../env.ts';
import { requireAuth } from '../middleware/auth.ts';
import { notifyOwners } from '../notify.ts';
import {
  bearerSecurity,
  IdParams,
  json,
  jsonBody,
  PageQuery,
  pageOf,
  problems,
  RoleSchema,
  Text,
} from '../openapi.ts';
import { ApiKeySchema, apiKeyView } from '../views.ts';

const base = { tags: ['api-keys'], security: bearerSecurity };

const list = createRoute({
  ...base,
  method: 'get',
  path: '/api/v1/api-keys',
  summary: "List the tenant's API keys (never the secrets)",
  middleware: [requireAuth('admin')] as const,
  request: { query: PageQuery },
  responses: { 200: json(pageOf(ApiKeySchema, 'ApiKeyPage'), 'A page of keys'), ...problems(400, 401, 403) },
});

const create = createRoute({
  ...base,
  method: 'post',
  path: '/api/v1/api-keys',
  summary: 'Create an API key; the key is shown in this response only',
  middleware: [requireAuth('admin')] as const,
  request: jsonBody(
    z
      .object({ name: Text(1, 100), role: RoleSchema.default('recruiter') })
      .strict()
      .openapi('NewApiKey'),
  ),
  responses: {
    201: json(
      ApiKeySchema.extend({ key: z.string().openapi({ description: 'The secret; store it now' }) }).openapi(
        'CreatedApiKey',
      ),
      'The key, with its secret',
    ),
    ...problems(400, 401, 403, 413, 415),
  },
});

const remove = createRoute({
  ...base,
  method: 'delete',
  path: '/api/v1/api-keys/{id}',
  summary: 'Revoke an API key',
  middleware: [requireAuth('admin')] as const,
  request: { params: IdParams },
  responses: { 204: { description: 'Revoked' }, ...problems(400, 401, 403, 404) },
});

export function registerApiKeys(app: OpenAPIHono<AppEnv>) {
  app.openapi(list, async (c) => {
    const page = await listApiKeys(c.get('em'), c.req.valid('query'));
    return c.json({ items: page.items.map(apiKeyView), nextCursor: page.nextCursor }, 200);
  });
  app.openapi(create, async (c) => {
    const { apiKey, key } = await createApiKey(c.get('em'), c.get('principal'), c.req.valid('json'));
    await audit(c, {
      action: 'api_key.created',
      target: apiKey.id,
      data: { name: apiKey.name, role: apiKey.role },
    });
    await notifyOwners(c, {
      summary: `API key "${apiKey.name}" created`,
      details: [`Key: ${apiKey.name} (${apiKey.prefix}…)`, `Role: ${apiKey.role}`],
    });
    return c.json({ ...apiKeyView(apiKey), key }, 201);
  });
  app.openapi(remove, async (c) => {
    const revoked = await deleteApiKey(c.get('em'), c.get('principal'), c.req.valid('param').id);
    await audit(c, { action: 'api_key.revoked', target: c.req.valid('param').id });
    await notifyOwners(c, {
      summary: `API key "${revoked.name}" revoked`,
      details: [`Key: ${revoked.name} (${revoked.prefix}…)`, `Role: ${revoked.role}`],
    });
    return c.body(null, 204);
  });
}
