import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import {
  RACE_ETHNICITY_ANSWERS,
  recordSelfIdentification,
  SEX_ANSWERS,
} from '../../compliance/adverse-impact/index.ts';
import { withTenantSql } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import { describeJoinLink, startFromJoinLink } from '../../scheduling/index.ts';
import type { AppEnv } from '../env.ts';
import { StateSchema } from '../interview-schemas.ts';
import { requireCandidate } from '../middleware/candidate-auth.ts';
import { rateLimit } from '../middleware/rate-limit.ts';
import { bearerSecurity, IdParams, json, jsonBody, problems } from '../openapi.ts';

const base = { tags: ['candidates (public)'] };
/** Any string is looked up; what is not a live link is simply not found (no format oracle). */
const TokenParams = z.object({
  token: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'token', in: 'path' } }),
});

const Branding = z.object({
  displayName: z.string(),
  logoUrl: z.string().nullable(),
  primaryColor: z.string().nullable(),
  welcomeMessage: z.string().nullable(),
});

const describe = createRoute({
  ...base,
  method: 'get',
  path: '/api/v1/public/join/{token}',
  summary: "The join page: role, time, the company's branding and the AI notice (no auth)",
  middleware: [rateLimit('join', 'joinRateLimiter')] as const,
  request: { params: TokenParams },
  responses: {
    200: json(
      z
        .object({
          status: z.enum(['scheduled', 'started', 'completed', 'expired', 'cancelled']),
          role: z.object({ title: z.string() }),
          scheduledAt: z.string(),
          expiresAt: z.string(),
          branding: Branding,
          aiNotice: z.string(),
          interviewId: z.uuid().nullable(),
        })
        .openapi('JoinLink'),
      'The link',
    ),
    ...problems(404, 410, 429),
  },
});

const start = createRoute({
  ...base,
  method: 'post',
  path: '/api/v1/public/join/{token}/start',
  summary: 'Start (or resume) the interview; returns a token for this interview only (no auth)',
  middleware: [rateLimit('join', 'joinRateLimiter')] as const,
  request: { params: TokenParams },
  responses: {
    200: json(
      z
        .object({
          interviewId: z.uuid(),
          firstReply: z.string(),
          conversation: z
            .array(z.object({ from: z.enum(['interviewer', 'candidate']), text: z.string() }))
            .openapi({
              description:
                'The conversation so far, oldest first: the interviewer’s messages and the candidate’s answers (no scores)',
            }),
          candidateToken: z.string().openapi({
            description: 'Bearer token for this interview’s answer and state routes and its Socket.IO room',
          }),
          state: StateSchema,
        })
        .openapi('JoinStarted'),
      'Started or resumed',
    ),
    ...problems(402, 404, 409, 410, 429),
  },
});

const selfIdentify = createRoute({
  ...base,
  method: 'post',
  path: '/api/v1/public/interviews/{id}/self-identification',
  summary:
    "The candidate's voluntary self-identification, after the interview (candidate token only; used only in aggregate, for the adverse-impact report)",
  security: bearerSecurity,
  middleware: [requireCandidate()] as const,
  request: {
    params: IdParams,
    ...jsonBody(
      z
        .object({
          sex: z.enum(SEX_ANSWERS).openapi({ description: '`decline`: decline to answer' }),
          raceEthnicity: z
            .enum(RACE_ETHNICITY_ANSWERS)
            .openapi({ description: '`decline`: decline to answer' }),
        })
        .strict()
        .openapi('SelfIdentification'),
    ),
  },
  responses: {
    204: {
      description: 'Stored (a second answer replaces the first); never shown to the evaluator or staff',
    },
    ...problems(400, 401, 403, 404, 409, 413, 415),
  },
});

export function registerPublicJoin(app: OpenAPIHono<AppEnv>) {
  app.openapi(describe, async (c) =>
    c.json(await describeJoinLink(c.get('services').orm, c.req.valid('param').token), 200),
  );
  app.openapi(start, async (c) => {
    const { interviews, tokens } = c.get('services');
    return c.json(await startFromJoinLink(interviews, tokens, c.req.valid('param').token), 200);
  });
  app.openapi(selfIdentify, async (c) => {
    const candidate = c.get('candidate')!;
    const { id } = c.req.valid('param');
    if (candidate.interviewId !== id) throw new AppError('not_found', 'No such interview');
    await withTenantSql(c.get('services').orm, candidate.tenantId, (sql) =>
      recordSelfIdentification(sql, candidate.tenantId, id, c.req.valid('json')),
    );
    return c.body(null, 204);
  });
}
