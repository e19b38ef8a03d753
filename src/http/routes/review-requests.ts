import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { actorOf, requestReview, resolveReview } from '../../compliance/index.ts';
import { emSql, withTenant } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import { getInterview, interviewRef } from '../../interview/index.ts';
import { emitWebhookEvent, enqueueDeliveries } from '../../webhooks/index.ts';
import { audit } from '../audit.ts';
import type { AppEnv } from '../env.ts';
import { requireAuth, requireAuthOrCandidate } from '../middleware/auth.ts';
import { bearerSecurity, IdParams, json, jsonBody, problems, Text } from '../openapi.ts';

export const ReviewRequestSchema = z
  .object({
    interviewId: z.uuid(),
    requestedBy: z.enum(['candidate', 'staff']),
    message: z.string().nullable(),
    requestedAt: z.string(),
    status: z.enum(['open', 'resolved']),
    resolvedAt: z.string().nullable(),
    resolutionNote: z.string().nullable(),
  })
  .openapi('ReviewRequest');

const request = createRoute({
  tags: ['compliance'],
  security: bearerSecurity,
  method: 'post',
  path: '/api/v1/interview/{id}/review-request',
  summary:
    'Ask for a human review or another way to be assessed (the candidate with their join token, or staff for them)',
  middleware: [requireAuthOrCandidate('recruiter')] as const,
  request: {
    params: IdParams,
    ...jsonBody(
      z
        .object({
          message: Text(1, 2000).optional().openapi({ description: 'what the candidate would like' }),
        })
        .strict()
        .openapi('NewReviewRequest'),
    ),
  },
  responses: {
    201: json(ReviewRequestSchema, 'Requested'),
    200: json(ReviewRequestSchema, 'Requested before: the first request stands'),
    ...problems(400, 401, 403, 404, 413, 415),
  },
});

const resolve = createRoute({
  tags: ['compliance'],
  security: bearerSecurity,
  method: 'post',
  path: '/api/v1/interviews/{id}/review-request/resolve',
  summary: 'Resolve a candidate’s review request, with a note (the report stops being marked)',
  middleware: [requireAuth('recruiter')] as const,
  request: {
    params: IdParams,
    ...jsonBody(
      z
        .object({ note: Text(1, 2000) })
        .strict()
        .openapi('ReviewResolution'),
    ),
  },
  responses: { 200: json(ReviewRequestSchema, 'Resolved'), ...problems(400, 401, 403, 404, 409, 413, 415) },
});

/** The candidate's own interview only (any other id is a 404), or staff of the tenant. */
function actor(c: Context<AppEnv>, interviewId: string) {
  const candidate = c.get('candidate');
  if (candidate) {
    if (candidate.interviewId !== interviewId) throw new AppError('not_found', 'No such interview');
    return {
      tenantId: candidate.tenantId,
      by: 'candidate' as const,
      audit: { kind: 'candidate' as const, id: null, label: 'the candidate' },
    };
  }
  const principal = c.get('principal');
  return { tenantId: principal.tenantId, by: 'staff' as const, audit: actorOf(principal) };
}

export function registerReviewRequests(app: OpenAPIHono<AppEnv>) {
  app.openapi(request, async (c) => {
    const { id } = c.req.valid('param');
    const who = actor(c, id);
    const { orm, interviews } = c.get('services');
    const result = await withTenant(orm, who.tenantId, async (em) => {
      const sql = emSql(em);
      const { request, created } = await requestReview(sql, who.tenantId, id, {
        message: c.req.valid('json').message,
        by: who.by,
      });
      if (!created) return { request, created, deliveries: [] as string[] };
      await audit(c, { action: 'review.requested', target: id }, sql, {
        tenantId: who.tenantId,
        actor: who.audit,
      });
      const deliveries = await emitWebhookEvent(sql, who.tenantId, 'candidate.review_requested', {
        ...(await interviewRef(sql, await getInterview(em, id))),
        requestedBy: request.requestedBy,
        requestedAt: request.requestedAt,
      });
      return { request, created, deliveries };
    });
    await enqueueDeliveries(interviews.jobs, who.tenantId, result.deliveries);
    return result.created ? c.json(result.request, 201) : c.json(result.request, 200);
  });
  app.openapi(resolve, async (c) => {
    const { id } = c.req.valid('param');
    const sql = emSql(c.get('em'));
    const principal = c.get('principal');
    const resolved = await resolveReview(sql, id, {
      note: c.req.valid('json').note,
      by: principal.kind === 'user' ? principal.userId : null,
    });
    await audit(c, { action: 'review.resolved', target: id });
    return c.json(resolved, 200);
  });
}
