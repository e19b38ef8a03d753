import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { emSql } from '../../db/index.ts';
import { enqueueMail, recordMemberInvite } from '../../notifications/index.ts';
import { createUser, deleteUser, getUser, listUsers, updateUser } from '../../tenancy/index.ts';
import { audit } from '../audit.ts';
import type { AppEnv } from '../env.ts';
import { requireAuth } from '../middleware/auth.ts';
import { requireQuota } from '../middleware/quota.ts';
import { afterCommit } from '../middleware/transaction.ts';
import { notifyOwners } from '../notify.ts';
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
  summary: 'Add a member (admin+; only owners grant owner): invited by email, or with a password set now',
  middleware: [requireAuth('admin'), requireQuota('seats')] as const,
  request: jsonBody(
    z
      .object({
        email: Email,
        role: RoleSchema,
        password: Password.optional().openapi({
          description:
            'set now by the admin; without it the member is mailed a one-time link (7 days) to choose their own',
        }),
      })
      .strict()
      .openapi('NewUser'),
  ),
  responses: {
    201: json(
      UserSchema.extend({
        invitationUrl: z.string().optional().openapi({
          description:
            'the one-time link, only when mail goes to the outbox (no SMTP_URL): hand it to the member yourself',
        }),
        invitationExpiresAt: z.string().optional(),
      }).openapi('CreatedUser'),
      'The new user',
    ),
    ...problems(400, 401, 402, 403, 409, 413, 415),
  },
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
    const input = c.req.valid('json');
    const principal = c.get('principal');
    const user = await createUser(c.get('em'), principal, input);
    const invited = input.password === undefined;
    await audit(c, {
      action: 'user.invited',
      target: user.id,
      data: { email: user.email, role: user.role, by: invited ? 'email' : 'password' },
    });
    if (user.role === 'owner')
      await notifyOwners(c, {
        summary: `${user.email} was made an owner`,
        details: [`Member: ${user.email}`],
      });
    if (!invited) return c.json(userView(user), 201);
    const { mail, jobs } = c.get('services');
    const invitation = await recordMemberInvite(emSql(c.get('em')), principal.tenantId, user, mail);
    afterCommit(c, () => enqueueMail(jobs, [invitation.queued]));
    const outbox = mail.transport.kind === 'outbox';
    return c.json(
      {
        ...userView(user),
        invitationExpiresAt: invitation.expiresAt.toISOString(),
        ...(outbox ? { invitationUrl: invitation.url } : {}),
      },
      201,
    );
  });
  app.openapi(update, async (c) => {
    const wasOwner = (await getUser(c.get('em'), c.req.valid('param').id)).role === 'owner';
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
    if (wasOwner !== (user.role === 'owner'))
      await notifyOwners(c, {
        summary: wasOwner ? `${user.email} is no longer an owner` : `${user.email} was made an owner`,
        details: [`Member: ${user.email}`, `Role now: ${user.role}`],
      });
    return c.json(userView(user), 200);
  });
  app.openapi(remove, async (c) => {
    const leaving = await getUser(c.get('em'), c.req.valid('param').id);
    const { email, role } = leaving;
    await deleteUser(c.get('em'), c.get('principal'), c.req.valid('param').id);
    await audit(c, { action: 'user.removed', target: c.req.valid('param').id });
    if (role === 'owner')
      await notifyOwners(c, { summary: `owner ${email} was removed`, details: [`Member: ${email}`] });
    return c.body(null, 204);
  });
}
