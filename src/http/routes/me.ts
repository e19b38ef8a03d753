import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { getTenant, getUser } from '../../tenancy/index.ts';
import type { AppEnv } from '../env.ts';
import { requireAuth } from '../middleware/auth.ts';
import { bearerSecurity, json, problems, RoleSchema } from '../openapi.ts';
import { TenantSchema, tenantView, UserSchema, userView } from '../views.ts';

const MeSchema = z
  .object({
    kind: z.enum(['user', 'api_key']),
    role: RoleSchema,
    // a union, not .nullable(): that would register the nullable form as the User component
    user: z.union([UserSchema, z.null()]),
    apiKeyId: z.uuid().nullable(),
    tenant: TenantSchema,
  })
  .openapi('Me');

const route = createRoute({
  method: 'get',
  path: '/api/v1/me',
  tags: ['auth'],
  summary: 'Who am I: the user (or API key), role and tenant',
  security: bearerSecurity,
  middleware: [requireAuth('viewer')] as const,
  responses: { 200: json(MeSchema, 'The caller'), ...problems(401) },
});

export function registerMe(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const principal = c.get('principal');
    const em = c.get('em');
    const tenant = await getTenant(em, principal.tenantId);
    const user = principal.kind === 'user' ? userView(await getUser(em, principal.userId)) : null;
    return c.json(
      {
        kind: principal.kind,
        role: principal.role,
        user,
        apiKeyId: principal.kind === 'api_key' ? principal.apiKeyId : null,
        tenant: tenantView(tenant),
      },
      200,
    );
  });
}
