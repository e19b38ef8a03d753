import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { signUpTenant } from '../../tenancy/index.ts';
import type { AppEnv } from '../env.ts';
import { rateLimit } from '../middleware/rate-limit.ts';
import { Email, json, jsonBody, Password, problems, Slug, Text } from '../openapi.ts';
import { TenantSchema, tenantView } from '../views.ts';

const SignUpBody = z
  .object({
    name: Text(1, 200),
    slug: Slug,
    ownerEmail: Email,
    ownerPassword: Password,
  })
  .strict()
  .openapi('SignUp');

const route = createRoute({
  method: 'post',
  path: '/api/v1/tenants',
  tags: ['tenants'],
  summary: 'Sign up: create a tenant and its owner',
  middleware: [rateLimit('signup')] as const,
  request: jsonBody(SignUpBody),
  responses: {
    201: json(z.object({ tenant: TenantSchema, token: z.string() }), 'The tenant, and a token for its owner'),
    ...problems(400, 409, 413, 415, 429),
  },
});

export function registerTenants(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { orm, tokens } = c.get('services');
    const input = c.req.valid('json');
    const { tenant, owner } = await signUpTenant(orm, input);
    const token = await tokens.issue({ sub: owner.id, tid: tenant.id });
    return c.json({ tenant: tenantView(tenant), token }, 201);
  });
}
