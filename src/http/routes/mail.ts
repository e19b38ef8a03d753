import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { actorOf } from '../../compliance/index.ts';
import { emSql } from '../../db/index.ts';
import {
  getMail,
  listMail,
  listTemplates,
  MAIL_KINDS,
  MAIL_STATUSES,
  resetTemplate,
  saveTemplate,
  TEMPLATE_KINDS,
} from '../../notifications/index.ts';
import { audit } from '../audit.ts';
import type { AppEnv } from '../env.ts';
import { requireAuth } from '../middleware/auth.ts';
import {
  bearerSecurity,
  IdParams,
  json,
  jsonBody,
  PageQuery,
  pageOf,
  problems,
  storable,
  UNSTORABLE_TEXT,
} from '../openapi.ts';

const base = { tags: ['mail'], security: bearerSecurity };

export const MailMessageSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(MAIL_KINDS),
    to: z.string(),
    subject: z.string().nullable().openapi({ description: 'null until it is sent (composed when sent)' }),
    status: z.enum(MAIL_STATUSES),
    transport: z.enum(['outbox', 'smtp']).nullable(),
    attempts: z.number().int(),
    error: z
      .string()
      .nullable()
      .openapi({ description: 'why the last attempt failed, or why it was not sent' }),
    preview: z.string().nullable(),
    scheduleId: z.uuid().nullable(),
    candidateId: z.uuid().nullable(),
    userId: z.uuid().nullable(),
    sendAfter: z.string(),
    sentAt: z.string().nullable(),
    failedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('MailMessage');

const MailMessageDetailSchema = MailMessageSchema.extend({
  text: z.string().nullable(),
  html: z.string().nullable().openapi({ description: 'the HTML part as sent (show it sandboxed)' }),
}).openapi('MailMessageDetail');

const TemplateSchema = z
  .object({
    kind: z.enum(TEMPLATE_KINDS),
    subject: z.string(),
    body: z.string(),
    isDefault: z.boolean(),
    default: z.object({ subject: z.string(), body: z.string() }),
    variables: z.array(z.object({ name: z.string(), description: z.string() })),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
  })
  .openapi('MailTemplate');

const TemplateText = (max: number) => z.string().trim().min(1).max(max).refine(storable, UNSTORABLE_TEXT);

const listMessages = createRoute({
  ...base,
  method: 'get',
  path: '/api/v1/mail/messages',
  summary: 'The mail the tenant sent or will send, newest first (the outbox without SMTP)',
  middleware: [requireAuth('admin')] as const,
  request: {
    query: PageQuery.extend({
      kind: z.enum(MAIL_KINDS).optional(),
      status: z.enum(MAIL_STATUSES).optional(),
      scheduleId: z.uuid().optional(),
    }),
  },
  responses: {
    200: json(pageOf(MailMessageSchema, 'MailMessagePage'), 'A page of messages'),
    ...problems(400, 401, 403),
  },
});

const getMessage = createRoute({
  ...base,
  method: 'get',
  path: '/api/v1/mail/messages/{id}',
  summary: 'One message with its text and HTML',
  middleware: [requireAuth('admin')] as const,
  request: { params: IdParams },
  responses: { 200: json(MailMessageDetailSchema, 'The message'), ...problems(400, 401, 403, 404) },
});

const listTemplatesRoute = createRoute({
  ...base,
  method: 'get',
  path: '/api/v1/mail/templates',
  summary: "The candidate mail templates (the tenant's own or the default) and their variables",
  middleware: [requireAuth('admin')] as const,
  responses: {
    200: json(z.object({ items: z.array(TemplateSchema) }).openapi('MailTemplateList'), 'The templates'),
    ...problems(401, 403),
  },
});

const saveTemplateRoute = createRoute({
  ...base,
  method: 'put',
  path: '/api/v1/mail/templates',
  summary: 'Word a candidate mail template: only its {{variables}}, and the body must contain {{joinUrl}}',
  middleware: [requireAuth('admin')] as const,
  request: jsonBody(
    z
      .object({ kind: z.enum(TEMPLATE_KINDS), subject: TemplateText(300), body: TemplateText(10_000) })
      .strict()
      .openapi('MailTemplateInput'),
  ),
  responses: { 200: json(TemplateSchema, 'The saved template'), ...problems(400, 401, 403, 413, 415, 422) },
});

const resetTemplateRoute = createRoute({
  ...base,
  method: 'post',
  path: '/api/v1/mail/templates/reset',
  summary: 'Back to the default wording',
  middleware: [requireAuth('admin')] as const,
  request: jsonBody(
    z
      .object({ kind: z.enum(TEMPLATE_KINDS) })
      .strict()
      .openapi('MailTemplateReset'),
  ),
  responses: { 200: json(TemplateSchema, 'The default template'), ...problems(400, 401, 403, 413, 415) },
});

export function registerMail(app: OpenAPIHono<AppEnv>) {
  app.openapi(listMessages, async (c) => {
    const page = await listMail(emSql(c.get('em')), c.get('principal').tenantId, c.req.valid('query'));
    return c.json(page, 200);
  });
  app.openapi(getMessage, async (c) => {
    const message = await getMail(emSql(c.get('em')), c.get('principal').tenantId, c.req.valid('param').id);
    return c.json(message, 200);
  });
  app.openapi(listTemplatesRoute, async (c) => {
    return c.json({ items: await listTemplates(emSql(c.get('em')), c.get('principal').tenantId) }, 200);
  });
  app.openapi(saveTemplateRoute, async (c) => {
    const principal = c.get('principal');
    const { kind, subject, body } = c.req.valid('json');
    const saved = await saveTemplate(
      emSql(c.get('em')),
      principal.tenantId,
      kind,
      { subject, body },
      actorOf(principal).label,
    );
    await audit(c, { action: 'mail_template.changed', target: kind, data: { kind, subject, reset: false } });
    return c.json(saved, 200);
  });
  app.openapi(resetTemplateRoute, async (c) => {
    const { kind } = c.req.valid('json');
    const { template, changed } = await resetTemplate(emSql(c.get('em')), c.get('principal').tenantId, kind);
    if (changed)
      await audit(c, { action: 'mail_template.changed', target: kind, data: { kind, reset: true } });
    return c.json(template, 200);
  });
}
