import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { getTenant, updateBranding, updateThresholds } from '../../tenancy/index.ts';
import { audit } from '../audit.ts';
import type { AppEnv } from '../env.ts';
import { requireAuth } from '../middleware/auth.ts';
import { bearerSecurity, HttpUrl, json, jsonBody, problems, Text } from '../openapi.ts';
import { TenantSchema, ThresholdsSchema, tenantView } from '../views.ts';

const base = { tags: ['tenant'], security: bearerSecurity };

const BrandingPatch = z
  .object({
    displayName: Text(1, 200).nullable().optional(),
    logoUrl: HttpUrl.nullable().optional(),
    primaryColor: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, { message: 'must be a colour like #1a2b3c' })
      .nullable()
      .optional(),
    welcomeMessage: Text(0, 2000).nullable().optional(),
  })
  .strict()
  .openapi('BrandingPatch');

const get = createRoute({
  ...base,
  method: 'get',
  path: '/api/v1/tenant',
  summary: "The caller's tenant with its branding",
  middleware: [requireAuth('viewer')] as const,
  responses: { 200: json(TenantSchema, 'The tenant'), ...problems(401) },
});

const patchBranding = createRoute({
  ...base,
  method: 'patch',
  path: '/api/v1/tenant/branding',
  summary: 'Change the branding candidates see (admin+)',
  middleware: [requireAuth('admin')] as const,
  request: jsonBody(BrandingPatch),
  responses: { 200: json(TenantSchema, 'The tenant'), ...problems(400, 401, 403, 413, 415) },
});

const patchSettings = createRoute({
  ...base,
  method: 'patch',
  path: '/api/v1/tenant/settings',
  summary:
    'Recommendation thresholds used by reports, the notice lead time of schedules and the candidate retention (admin+; audited)',
  middleware: [requireAuth('admin')] as const,
  request: jsonBody(
    z
      .object({
        recommendationThresholds: ThresholdsSchema.strict()
          .refine((t) => t.strongHire > t.hire && t.hire > t.leanNo, {
            message: 'must satisfy strongHire > hire > leanNo',
          })
          .optional(),
        noticeLeadBusinessDays: z.number().int().min(0).max(30).optional().openapi({
          description: 'business days of notice a scheduled interview needs (0: none; LL144 asks for 10)',
        }),
        candidateRetentionDays: z.number().int().min(1).max(3650).nullable().optional().openapi({
          description:
            "erase a candidate's data this many days after their last interview ended (default 365; null: keep)",
        }),
      })
      .strict()
      .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'nothing to change' })
      .openapi('TenantSettings'),
  ),
  responses: { 200: json(TenantSchema, 'The tenant'), ...problems(400, 401, 403, 413, 415) },
});

export function registerTenant(app: OpenAPIHono<AppEnv>) {
  app.openapi(patchSettings, async (c) => {
    const patch = c.req.valid('json');
    const { recommendationThresholds, noticeLeadBusinessDays, candidateRetentionDays } = patch;
    let tenant = await getTenant(c.get('em'), c.get('principal').tenantId);
    const before = tenantView(tenant);
    if (recommendationThresholds)
      tenant = await updateThresholds(c.get('em'), c.get('principal').tenantId, recommendationThresholds);
    if (noticeLeadBusinessDays !== undefined) tenant.noticeLeadBusinessDays = noticeLeadBusinessDays;
    if (candidateRetentionDays !== undefined) tenant.candidateRetentionDays = candidateRetentionDays;
    await c.get('em').flush();
    const after = tenantView(tenant);
    // what each given setting was and is now
    const changes = Object.fromEntries(
      (Object.keys(patch) as (keyof typeof patch)[]).map((k) => [k, { from: before[k], to: after[k] }]),
    );
    await audit(c, { action: 'tenant.settings_changed', data: changes });
    return c.json(after, 200);
  });
  app.openapi(get, async (c) =>
    c.json(tenantView(await getTenant(c.get('em'), c.get('principal').tenantId)), 200),
  );
  app.openapi(patchBranding, async (c) => {
    const tenant = await updateBranding(c.get('em'), c.get('principal').tenantId, c.req.valid('json'));
    return c.json(tenantView(tenant), 200);
  });
}
