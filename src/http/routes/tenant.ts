import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { getTenant, updateBranding, updateThresholds } from '../../tenancy/index.ts';
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
  summary: 'Recommendation thresholds used by reports, and the notice lead time of schedules (admin+)',
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
      })
      .strict()
      .refine((v) => v.recommendationThresholds !== undefined || v.noticeLeadBusinessDays !== undefined, {
        message: 'nothing to change',
      })
      .openapi('TenantSettings'),
  ),
  responses: { 200: json(TenantSchema, 'The tenant'), ...problems(400, 401, 403, 413, 415) },
});

export function registerTenant(app: OpenAPIHono<AppEnv>) {
  app.openapi(patchSettings, async (c) => {
    const { recommendationThresholds, noticeLeadBusinessDays } = c.req.valid('json');
    let tenant = await getTenant(c.get('em'), c.get('principal').tenantId);
    if (recommendationThresholds)
      tenant = await updateThresholds(c.get('em'), c.get('principal').tenantId, recommendationThresholds);
    if (noticeLeadBusinessDays !== undefined) {
      tenant.noticeLeadBusinessDays = noticeLeadBusinessDays;
      await c.get('em').flush();
    }
    return c.json(tenantView(tenant), 200);
  });
  app.openapi(get, async (c) =>
    c.json(tenantView(await getTenant(c.get('em'), c.get('principal').tenantId)), 200),
  );
  app.openapi(patchBranding, async (c) => {
    const tenant = await updateBranding(c.get('em'), c.get('principal').tenantId, c.req.valid('json'));
    return c.json(tenantView(tenant), 200);
  });
}
