import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { withoutTenant } from '../../db/index.ts';
import { publishPlugin, signUpPartner } from '../../plugins/index.ts';
import type { AppEnv } from '../env.ts';
import { requirePartner } from '../middleware/partner-auth.ts';
import { rateLimit } from '../middleware/rate-limit.ts';
import { Email, json, jsonBody, Password, problems, Text } from '../openapi.ts';

const PartnerKeySchema = z
  .object({
    id: z.uuid(),
    key: z.string().openapi({ description: 'aip_… — shown once' }),
    prefix: z.string(),
  })
  .openapi('PartnerApiKey');

const signUp = createRoute({
  method: 'post',
  path: '/api/v1/partners',
  tags: ['partners'],
  summary: 'Partner sign-up: returns a publishing key (shown once)',
  middleware: [rateLimit('partner-signup')] as const,
  request: jsonBody(
    z
      .object({ name: Text(1, 200), email: Email, password: Password })
      .strict()
      .openapi('PartnerSignUp'),
  ),
  responses: {
    201: json(
      z.object({
        partner: z.object({ id: z.uuid(), name: z.string(), email: z.string() }),
        apiKey: PartnerKeySchema,
      }),
      'The partner and its first key',
    ),
    ...problems(400, 409, 413, 415, 429),
  },
});

const PublishResultSchema = z
  .object({ id: z.string(), version: z.string(), sha256: z.string().length(64) })
  .openapi('PublishResult');

export const PUBLISH_PATH = '/api/v1/partner/plugins';

const publish = createRoute({
  method: 'post',
  path: PUBLISH_PATH,
  tags: ['partners'],
  summary: 'Publish a plugin version (immutable; the same content again is a no-op)',
  security: [{ bearer: [] }],
  middleware: [requirePartner] as const,
  request: jsonBody(
    z.unknown().openapi({
      description: 'A plugin manifest (plugin.json); schema at /api/v1/plugins/manifest.schema.json',
    }),
  ),
  responses: {
    201: json(PublishResultSchema, 'Published'),
    200: json(PublishResultSchema, 'This exact version was already published: nothing changed'),
    ...problems(400, 401, 403, 409, 413, 415),
  },
});

export function registerPartners(app: OpenAPIHono<AppEnv>) {
  app.openapi(signUp, async (c) => {
    const input = c.req.valid('json');
    const { partner, apiKey } = await withoutTenant(c.get('services').orm, (em) => signUpPartner(em, input));
    return c.json(
      { partner: { id: partner.id, name: partner.name, email: partner.email ?? '' }, apiKey },
      201,
    );
  });
  app.openapi(publish, async (c) => {
    const result = await publishPlugin(c.get('em'), c.get('partner').id, c.req.valid('json'));
    const body = { id: result.id, version: result.version, sha256: result.sha256 };
    return result.status === 'created' ? c.json(body, 201) : c.json(body, 200);
  });
}
