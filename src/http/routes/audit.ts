import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { AUDIT_ACTIONS, countAuditPerDay, listAudit } from '../../compliance/index.ts';
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

/** An IANA time zone name (`Europe/Paris`, `UTC`); never an offset, which PostgreSQL reads inverted. */
const TimeZone = z
  .string()
  .max(64)
  .regex(/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/, { message: 'must be an IANA time zone' })
  .refine(
    (tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    },
    { message: 'must be an IANA time zone' },
  );

const Filters = z.object({
  action: z.enum(AUDIT_ACTIONS).optional(),
  actorId: z.uuid().optional(),
  target: Text(1, 200).optional(),
  from: Instant.optional().openapi({ description: 'from this instant (inclusive)' }),
  to: Instant.optional().openapi({ description: 'until this instant (exclusive)' }),
});

const list = createRoute({
  tags: ['compliance'],
  security: bearerSecurity,
  method: 'get',
  path: '/api/v1/audit',
  summary: 'The tenant’s audit log, newest first (append-only: who did what, when, from where)',
  middleware: [requireAuth('admin')] as const,
  request: { query: PageQuery.extend(Filters.shape) },
  responses: {
    200: json(pageOf(AuditEventSchema, 'AuditPage'), 'A page of audit events'),
    ...problems(400, 401, 403),
  },
});

const perDay = createRoute({
  tags: ['compliance'],
  security: bearerSecurity,
  method: 'get',
  path: '/api/v1/audit/per-day',
  summary: 'How many audit events each day had, per action, with the same filters as the list',
  middleware: [requireAuth('admin')] as const,
  request: {
    query: Filters.extend({
      timeZone: TimeZone.default('UTC').openapi({ description: 'the days of this IANA time zone' }),
    }),
  },
  responses: {
    200: json(
      z
        .object({
          timeZone: z.string(),
          items: z.array(
            z.object({
              day: z.string().openapi({ description: 'YYYY-MM-DD in timeZone' }),
              action: z.string(),
              count: z.number().int(),
            }),
          ),
        })
        .openapi('AuditPerDay'),
      'Counts per day and action, oldest day first; days without events are left out',
    ),
    ...problems(400, 401, 403),
  },
});

function checkWindow(q: { from?: Date | undefined; to?: Date | undefined }) {
  if (q.from && q.to && q.from.getTime() > q.to.getTime())
    throw new AppError('validation_failed', '`from` is after `to`', {
      errors: [{ path: '/query/from', message: 'must not be after to' }],
    });
}

export function registerAudit(app: OpenAPIHono<AppEnv>) {
  app.openapi(list, async (c) => {
    const q = c.req.valid('query');
    checkWindow(q);
    return c.json(await listAudit(emSql(c.get('em')), q), 200);
  });
  app.openapi(perDay, async (c) => {
    const q = c.req.valid('query');
    checkWindow(q);
    return c.json({ timeZone: q.timeZone, items: await countAuditPerDay(emSql(c.get('em')), q) }, 200);
  });
}
