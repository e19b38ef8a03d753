import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import {
  EXPORT_FORMAT,
  eraseCandidate,
  exportCandidate,
  exportCounts,
  renderExportHtml,
} from '../../compliance/index.ts';
import { emSql } from '../../db/index.ts';
import { audit } from '../audit.ts';
import type { AppEnv } from '../env.ts';
import { requireAuth } from '../middleware/auth.ts';
import { bearerSecurity, IdParams, json, jsonBody, problems, Text } from '../openapi.ts';

/**
 * A candidate's data rights: the export of everything held about them (access, portability) and
 * its erasure. Admins and admin API keys only; docs/compliance.md says what is where.
 */

const base = { tags: ['compliance'], security: bearerSecurity };
const when = z.string().openapi({ description: 'ISO 8601' });

const ExportedTurnSchema = z.object({
  turn: z.number().int(),
  kind: z.string(),
  phase: z.string(),
  questionId: z.string(),
  prompt: z.string(),
  reply: z.string(),
  askedAt: when,
  answer: z.object({ text: z.string(), at: when }).nullable(),
  evaluation: z
    .object({
      score: z.number().int(),
      evaluator: z.object({ name: z.string(), version: z.string() }),
      rubricId: z.string(),
      at: when,
      result: z
        .unknown()
        .openapi({ description: 'the stored evaluation (criteria, evidence quotes, flags)' }),
    })
    .nullable(),
});

const ExportedInterviewSchema = z.object({
  id: z.uuid(),
  status: z.string(),
  role: z.object({ id: z.string(), title: z.string() }),
  plugin: z.object({ id: z.string(), version: z.string() }),
  position: z.object({ id: z.string(), designVersion: z.number().int().nullable() }).nullable(),
  startedAt: when,
  endedAt: when.nullable(),
  createdBy: z.string().nullable(),
  aiNotice: z.object({ text: z.string(), shownAt: when.nullable() }).nullable(),
  conversationSummary: z.string().nullable(),
  closingReply: z.string().nullable(),
  turns: z.array(ExportedTurnSchema),
  report: z
    .object({
      overall: z.number().int(),
      recommendation: z.string(),
      createdAt: when,
      announcedAt: when.nullable(),
      report: z.unknown().openapi({ description: 'the report as stored when the interview finished' }),
    })
    .nullable(),
  scoreOverrides: z.array(
    z.object({
      id: z.uuid(),
      competency: z.string().nullable(),
      originalScore: z.number().int(),
      score: z.number().int(),
      reason: z.string(),
      by: z.string(),
      at: when,
    }),
  ),
  reviewRequest: z
    .object({
      requestedBy: z.string(),
      message: z.string().nullable(),
      requestedAt: when,
      resolvedAt: when.nullable(),
      resolutionNote: z.string().nullable(),
    })
    .nullable(),
  selfIdentification: z
    .object({ held: z.boolean(), at: when.nullable() })
    .openapi({ description: 'whether one is held; its answers are kept apart from hiring decisions' }),
});

const CandidateExportSchema = z
  .object({
    format: z.literal(EXPORT_FORMAT),
    exportedAt: when,
    company: z.object({ id: z.uuid(), name: z.string() }),
    candidate: z.object({
      id: z.uuid(),
      name: z.string(),
      email: z.string(),
      externalId: z.string().nullable(),
      createdAt: when,
      erasedAt: when.nullable(),
    }),
    interviews: z.array(ExportedInterviewSchema),
    schedules: z.array(
      z.object({
        id: z.uuid(),
        status: z.string(),
        role: z.object({ id: z.string(), title: z.string() }),
        positionId: z.string().nullable(),
        scheduledAt: when,
        expiresAt: when,
        interviewId: z.uuid().nullable(),
        createdAt: when,
        linkActive: z.boolean(),
        ats: z
          .object({
            provider: z.string(),
            applicationId: z.string().nullable(),
            candidateId: z.string().nullable(),
            jobId: z.string().nullable(),
          })
          .nullable()
          .openapi({
            description: 'the ATS that asked for this interview, and its ids (cleared by erasure)',
          }),
      }),
    ),
    storedResponses: z.array(
      z.object({
        scope: z.string(),
        key: z.string(),
        status: z.number().int(),
        createdAt: when,
        body: z.unknown(),
      }),
    ),
    webhookDeliveries: z.array(
      z.object({
        id: z.string(),
        endpoint: z.object({ id: z.uuid(), url: z.string() }),
        eventType: z.string(),
        status: z.string(),
        createdAt: when,
        payload: z.unknown(),
        attempts: z.array(
          z.object({
            attempt: z.number().int(),
            startedAt: when,
            durationMs: z.number().int(),
            responseStatus: z.number().int().nullable(),
            responseBodyExcerpt: z.string().nullable(),
            error: z.string().nullable(),
          }),
        ),
      }),
    ),
    accessLog: z.array(
      z.object({ at: when, action: z.string(), actorKind: z.string(), target: z.string().nullable() }),
    ),
    notes: z.array(z.string()),
  })
  .openapi('CandidateExport');

const count = z.number().int();
const ErasureSchema = z
  .object({
    candidateId: z.uuid(),
    erasedAt: when.openapi({ description: 'when the candidate was first erased' }),
    removed: z.object({
      postgres: z
        .object({
          candidates: count,
          interviewsEnded: count,
          interviews: count,
          interviewTurns: count,
          answers: count,
          evaluations: count,
          reports: count,
          scoreOverrides: count,
          reviewRequests: count,
          selfIdentifications: count,
          schedules: count,
          idempotentResponses: count,
          webhookDeliveries: count,
          webhookAttempts: count,
          mailMessages: count,
          atsLinks: count.openapi({ description: 'ATS references of their interviews, cleared' }),
        })
        .openapi({ description: 'rows de-identified or deleted, per table' }),
      redis: z.object({ keys: count }),
      jobs: z.object({
        removed: count.openapi({ description: 'finished jobs of their interviews and deliveries' }),
        keptQueued: count.openapi({ description: 'queued jobs kept: they carry ids only' }),
      }),
    }),
  })
  .openapi('CandidateErasure');

const exportRoute = createRoute({
  ...base,
  method: 'get',
  path: '/api/v1/candidates/{id}/export',
  summary: 'Everything held about a candidate (JSON; `?format=html`: a readable page)',
  middleware: [requireAuth('admin')] as const,
  request: {
    params: IdParams,
    query: z.object({
      format: z
        .enum(['json', 'html'])
        .default('json')
        .openapi({ description: '`html`: one self-contained page to hand to the candidate' }),
    }),
  },
  responses: {
    200: {
      description: 'The export',
      content: {
        'application/json': { schema: CandidateExportSchema },
        'text/html': { schema: z.string() },
      },
    },
    ...problems(400, 401, 403, 404),
  },
});

const eraseRoute = createRoute({
  ...base,
  method: 'post',
  path: '/api/v1/candidates/{id}/erase',
  summary:
    "Erase a candidate's personal data everywhere it is held; ends a running interview; idempotent (again: zeros)",
  // Its own transaction: the live state and job queues are cleared only once the erasure committed.
  middleware: [requireAuth('admin', { transaction: false })] as const,
  request: {
    params: IdParams,
    ...jsonBody(
      z
        .object({
          reason: Text(3, 1000).openapi({
            description:
              "why (e.g. the candidate's request); kept in the audit log without their name or email",
          }),
        })
        .strict()
        .openapi('NewCandidateErasure'),
    ),
  },
  responses: {
    200: json(ErasureSchema, 'Erased: what was removed, per store'),
    ...problems(400, 401, 403, 404, 413, 415),
  },
});

export function registerComplianceCandidates(app: OpenAPIHono<AppEnv>) {
  app.openapi(exportRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { format } = c.req.valid('query');
    const data = await exportCandidate(emSql(c.get('em')), c.get('principal').tenantId, id);
    await audit(c, { action: 'candidate.exported', target: id, data: { format, ...exportCounts(data) } });
    c.header('cache-control', 'no-store');
    if (format === 'html') {
      return c.body(renderExportHtml(data), 200, {
        'content-type': 'text/html; charset=utf-8',
        // nothing in the page may run or load: it shows other people's text
        'content-security-policy':
          "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
      });
    }
    return c.json(data, 200);
  });

  app.openapi(eraseRoute, async (c) => {
    const principal = c.get('principal');
    const { orm, interviews, redis, config } = c.get('services');
    const { id } = c.req.valid('param');
    const { reason } = c.req.valid('json');
    const erased = await eraseCandidate(
      {
        orm,
        sessions: interviews.sessions,
        events: interviews.events,
        redis,
        redisUrl: redis ? config.redisUrl : undefined,
      },
      principal.tenantId,
      id,
      { reason, record: (sql, entry) => audit(c, entry, sql) },
    );
    // no `onlyIf`: always an erasure
    const { erasedAt, removed } = erased!;
    return c.json({ candidateId: id, erasedAt: erasedAt.toISOString(), removed }, 200);
  });
}
