import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { createUser, deleteUser, listUsers, updateUser } from '../../tenancy/index.ts';
import { audit } from '../audit.ts';
import type { AppEnv } from '../env.ts';
import { requireAuth } from '../middleware/auth.ts';
import { requireQuota } from '../middleware/quota.ts';
import {
  bearerSecurity,
  Email,
  IdParams,
  json,
  jsonBody,
  PageQuery,
  Password,
  pageOf,
  problems,
  RoleSchema,
} from '../openapi.ts';
import { UserSchema, userView } from '../views.ts';

const base = { tags: ['users'], security: bearerSecurity };

const list = createRoute({
  ...base,
  method: 'get',
  path: '/api/v1/users',
  summary: 'List the members of the tenant',
  middleware: [requireAuth('admin')] as const,
  request: { query: PageQuery },
  responses: { 200: json(pageOf(UserSchema, 'UserPage'), 'A page of users'), ...problems(400, 401, 403) },
});

const create = createRoute({
  ...base,
  method: 'post',
  path: '/api/v1/users',
  summary: 'Add a member (admin+; only owners grant owner)',
  middleware: [requireAuth('admin'), requireQuota('seats')] as const,
  request: jsonBody(
    z.object({ email: Email, role: RoleSchema, password: Password }).strict().openapi('NewUser'),
  ),
  responses: { 201: json(UserSchema, 'The new user'), ...problems(400, 401, 402, 403, 409, 413, 415) },
});

const update = createRoute({
  ...base,
  method: 'patch',
  path: '/api/v1/users/{id}',
  summary: "Change a member's role or password",
  middleware: [requireAuth('admin')] as const,
  request: {
    params: IdParams,
    ...jsonBody(
      z
        .object({ role: RoleSchema.optional(), password: Password.optional() })
        .strict()
        .refine((v) => v.role !== undefined || v.password !== undefined, { message: 'nothing to change' })
        .openapi('UserPatch'),
    ),
  },
  responses: { 200: json(UserSchema, 'The user'), ...problems(400, 401, 403, 404, 409, 413, 415) },
});

const remove = createRoute({
  ...base,
  method: 'delete',
  path: '/api/v1/users/{id}',
  summary: 'Remove a member',
  middleware: [requireAuth('admin')] as const,
  request: { params: IdParams },
  responses: { 204: { description: 'Removed' }, ...problems(400, 401, 403, 404, 409) },
});

export function registerUsers(app: OpenAPIHono<AppEnv>) {
  app.openapi(list, async (c) => {
    const page = await listUsers(c.get('em'), c.req.valid('query'));
    return c.json({ items: page.items.map(userView), nextCursor: page.nextCursor }, 200);
  });
  app.openapi(create, async (c) => {
    const user = await createUser(c.get('em'), c.get('principal'), c.req.valid('json'));
    await audit(c, { action: 'user.invited', target: user.id, data: { email: user.email, role: user.role } });
    return c.json(userView(user), 201);
  });
  app.openapi(update, async (c) => {
    const user = await updateUser(
      c.get('em'),
      c.get('principal'),
      c.req.valid('param').id,
      c.req.valid('json'),
    );
    const patch = c.req.valid('json');
    if (patch.role !== undefined)
      await audit(c, {
        action: 'user.role_changed',
        target: user.id,
        data: { email: user.email, role: user.role },
      });
    return c.json(userView(user), 200);
  });
  app.openapi(remove, async (c) => {
    await deleteUser(c.get('em'), c.get('principal'), c.req.valid('param').id);
    await audit(c, { action: 'user.removed', target: c.req.valid('param').id });
    return c.body(null, 204);
  });
}
