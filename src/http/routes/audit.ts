import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { AUDIT_ACTIONS, listAudit } from '../../compliance/index.ts';
import { emSql } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import type { AppEnv } from '../env.ts';
import { requireAuth } from '../middleware/auth.ts';
import { bearerSecurity, json, PageQuery, pageOf, problems, Text } from '../openapi.ts';

const AuditEventSchema = z
  .object({
    id: z.uuid(),
    at: z.string(),
    actor: z.object({ kind: z.string(), id: z.string().nullable(), label: z.string() }),
    action: z.string(),
    target: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
    requestId: z.string().nullable(),
    ip: z.string().nullable(),
  })
  .openapi('AuditEvent');

const Instant = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time' })
  .transform((v) => new Date(v));

const list = createRoute({
  tags: ['compliance'],
  security: bearerSecurity,
  method: 'get',
  path: '/api/v1/audit',
  summary: 'The tenant’s audit log, newest first (append-only: who did what, when, from where)',
  middleware: [requireAuth('admin')] as const,
  request: {
    query: PageQuery.extend({
      action: z.enum(AUDIT_ACTIONS).optional(),
      actorId: z.uuid().optional(),
      target: Text(1, 200).optional(),
      from: Instant.optional(),
      to: Instant.optional(),
    }),
  },
  responses: {
    200: json(pageOf(AuditEventSchema, 'AuditPage'), 'A page of audit events'),
    ...problems(400, 401, 403),
  },
});

export function registerAudit(app: OpenAPIHono<AppEnv>) {
  app.openapi(list, async (c) => {
    const q = c.req.valid('query');
    if (q.from && q.to && q.from.getTime() > q.to.getTime())
      throw new AppError('validation_failed', '`from` is after `to`', {
        errors: [{ path: '/query/from', message: 'must not be after to' }],
      });
    return c.json(await listAudit(emSql(c.get('em')), q), 200);
  });
}
