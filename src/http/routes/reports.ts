import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { ScoreOverride } from '../../db/index.ts';
import { emSql, withTenant } from '../../db/index.ts';
import { addOverride, getInterview, getReport, interviewRef, listOverrides } from '../../interview/index.ts';
import { emitWebhookEvent, enqueueDeliveries } from '../../webhooks/index.ts';
import { audit } from '../audit.ts';
import type { AppEnv } from '../env.ts';
import { ReportSchema } from '../interview-schemas.ts';
import { requireAuth } from '../middleware/auth.ts';
import { bearerSecurity, json, jsonBody, problems, Text } from '../openapi.ts';

const base = { tags: ['reports'], security: bearerSecurity };
const Params = z.object({
  interviewId: z.uuid({ message: 'must be a UUID' }).openapi({ param: { name: 'interviewId', in: 'path' } }),
});

const OverrideSchema = z
  .object({
    id: z.uuid(),
    competency: z.string().nullable().openapi({ description: 'null: the overall score' }),
    originalScore: z.number().int(),
    score: z.number().int(),
    reason: z.string(),
    by: z.string(),
    at: z.string(),
  })
  .openapi('ScoreOverride');

const overrideView = (o: ScoreOverride): z.infer<typeof OverrideSchema> => ({
  id: o.id,
  competency: o.competency,
  originalScore: o.originalScore,
  score: o.score,
  reason: o.reason,
  by: o.createdByLabel,
  at: o.createdAt.toISOString(),
});

const get = createRoute({
  ...base,
  method: 'get',
  path: '/api/v1/report/{interviewId}',
  summary: 'The explainable report of a completed or ended interview',
  middleware: [requireAuth('viewer')] as const,
  request: { params: Params },
  responses: { 200: json(ReportSchema, 'The report'), ...problems(400, 401, 404, 409) },
});

const addOverrideRoute = createRoute({
  ...base,
  method: 'post',
  path: '/api/v1/report/{interviewId}/overrides',
  summary: 'Override a competency (or the overall) score with a reason; the original is kept',
  // Its own transaction, so the score.overridden webhook is enqueued only after the commit.
  middleware: [requireAuth('recruiter', { transaction: false })] as const,
  request: {
    params: Params,
    ...jsonBody(
      z
        .object({
          competency: Text(1, 64).optional(),
          score: z.number().int().min(0).max(100),
          reason: Text(3, 2000),
        })
        .strict()
        .openapi('NewScoreOverride'),
    ),
  },
  responses: {
    201: json(
      z.object({ override: OverrideSchema, report: ReportSchema }),
      'The override and the updated report',
    ),
    ...problems(400, 401, 403, 404, 409, 413, 415),
  },
});

const listRoute = createRoute({
  ...base,
  method: 'get',
  path: '/api/v1/report/{interviewId}/overrides',
  summary: 'The audit trail of score overrides, oldest first',
  middleware: [requireAuth('viewer')] as const,
  request: { params: Params },
  responses: {
    200: json(z.object({ items: z.array(OverrideSchema) }), 'The overrides'),
    ...problems(400, 401, 404),
  },
});

export function registerReports(app: OpenAPIHono<AppEnv>) {
  app.openapi(get, async (c) => {
    const { interviewId } = c.req.valid('param');
    const report = await getReport(c.get('em'), interviewId);
    await audit(c, { action: 'report.viewed', target: interviewId });
    return c.json(report, 200);
  });
  app.openapi(addOverrideRoute, async (c) => {
    const { interviewId } = c.req.valid('param');
    const principal = c.get('principal');
    const { orm, interviews } = c.get('services');
    const result = await withTenant(orm, principal.tenantId, async (em) => {
      const override = await addOverride(em, principal, interviewId, c.req.valid('json'));
      await audit(
        c,
        {
          action: 'score.overridden',
          target: interviewId,
          data: { competency: override.competency, from: override.originalScore, to: override.score },
        },
        emSql(em),
      );
      const report = await getReport(em, interviewId);
      const deliveries = await emitWebhookEvent(emSql(em), principal.tenantId, 'score.overridden', {
        ...(await interviewRef(emSql(em), await getInterview(em, interviewId))),
        overrideId: override.id,
        competency: override.competency,
        originalScore: override.originalScore,
        score: override.score,
        recommendation: report.recommendation,
      });
      return { override, report, deliveries };
    });
    await enqueueDeliveries(interviews.jobs, principal.tenantId, result.deliveries);
    return c.json({ override: overrideView(result.override), report: result.report }, 201);
  });
  app.openapi(listRoute, async (c) => {
    const items = await listOverrides(c.get('em'), c.req.valid('param').interviewId);
    return c.json({ items: items.map(overrideView) }, 200);
  });
}
