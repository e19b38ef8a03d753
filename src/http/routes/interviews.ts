import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { reviewRequestOf } from '../../compliance/index.ts';
import { emSql, type Sql } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import {
  candidateStateView,
  endInterview,
  getInterviewState,
  interviewDetail,
  listInterviews,
  MAX_ANSWER_CHARS,
  startInterview,
  submitAnswer,
} from '../../interview/index.ts';
import type { AppEnv } from '../env.ts';
import { EvaluationSchema, RecommendationSchema, ReportSchema, StateSchema } from '../interview-schemas.ts';
import { requireAuth, requireAuthOrCandidate } from '../middleware/auth.ts';
import {
  bearerSecurity,
  Email,
  IdParams,
  json,
  jsonBody,
  PageQuery,
  pageOf,
  problems,
  storable,
  Text,
  UNSTORABLE_TEXT,
} from '../openapi.ts';
import { ReviewRequestSchema } from './review-requests.ts';

const base = { tags: ['interviews'], security: bearerSecurity };
/** The engine opens its own short transactions; see requireAuth's `transaction` option. */
const engineAuth = (role: 'recruiter' | 'viewer') => requireAuth(role, { transaction: false });

const StartBody = z
  .object({
    candidateId: z.uuid().optional(),
    candidate: z
      .object({ name: Text(1, 200), email: Email, externalId: Text(1, 200).optional() })
      .strict()
      .optional(),
    role: Text(1, 120).optional().openapi({
      description: 'role id or title from an installed plugin (required without positionId)',
      example: 'backend-engineer',
    }),
    positionId: z.uuid().optional().openapi({
      description: 'a position of the tenant: the interview runs its latest design (its length too)',
    }),
    pluginId: Text(1, 100).optional().openapi({ description: 'restrict to one installed plugin' }),
    length: z.number().int().min(5).max(30).optional().openapi({ description: 'turns, default 10' }),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2_147_483_646)
      .optional()
      .openapi({ description: 'fixes the question order' }),
  })
  .strict()
  .refine((v) => v.role !== undefined || v.positionId !== undefined, { message: 'give role or positionId' })
  .refine((v) => (v.candidateId === undefined) !== (v.candidate === undefined), {
    message: 'give exactly one of candidateId or candidate',
    path: ['candidate'],
  })
  .openapi('StartInterview');

const start = createRoute({
  ...base,
  method: 'post',
  path: '/api/v1/interview/start',
  summary: "Start an interview for a role from the tenant's installed plugins",
  middleware: [engineAuth('recruiter')] as const,
  request: jsonBody(StartBody),
  responses: {
    201: json(
      z.object({ interviewId: z.uuid(), state: StateSchema, firstReply: z.string() }).openapi('Started'),
      'Started',
    ),
    ...problems(400, 401, 402, 403, 404, 409, 413, 415, 422),
  },
});

const AnswerBody = z
  .object({
    answerText: z
      .string()
      .refine((v) => v.trim().length > 0, { message: 'must not be empty' })
      .refine(storable, UNSTORABLE_TEXT)
      .openapi({ description: `the answer, up to ${MAX_ANSWER_CHARS} characters` }),
    turn: z
      .number()
      .int()
      .min(1)
      .optional()
      .openapi({ description: 'the turn being answered (recommended)' }),
  })
  .strict()
  .openapi('Answer');

const StaffAnswerResult = z
  .object({
    state: StateSchema,
    nextReply: z.string(),
    evaluation: EvaluationSchema,
    report: ReportSchema.optional(),
  })
  .openapi('AnswerResult');

/** What a candidate sees of their own turn: never an evaluation or a report. */
const CandidateAnswerResult = z
  .object({ state: StateSchema, nextReply: z.string() })
  .strict()
  .openapi('CandidateAnswerResult');

const answer = createRoute({
  ...base,
  method: 'post',
  path: '/api/v1/interview/{id}/answer',
  summary: 'Answer the current question; returns its evaluation and the next reply',
  middleware: [requireAuthOrCandidate('recruiter', { deferPrincipalCheck: true })] as const,
  request: {
    params: IdParams,
    headers: z.object({
      'idempotency-key': z
        .string()
        .min(1)
        .max(200)
        .optional()
        .openapi({ description: 'a repeated key returns the first response' }),
      prefer: z
        .string()
        .max(200)
        .optional()
        .openapi({ description: '`respond-async`: answer 202 at once; the result comes over Socket.IO' }),
    }),
    ...jsonBody(AnswerBody),
  },
  responses: {
    200: json(
      z.union([StaffAnswerResult, CandidateAnswerResult]),
      'Staff get the evaluation and the next reply (and the report after the last answer); a candidate with their join token gets the next reply only',
    ),
    202: json(
      z
        .object({ interviewId: z.uuid(), turn: z.number().int(), status: z.literal('accepted') })
        .openapi('AnswerAccepted'),
      'Accepted: evaluating (Prefer: respond-async, or the evaluation took longer than the wait bound)',
    ),
    ...problems(400, 401, 403, 404, 409, 413, 415, 422),
  },
});

const state = createRoute({
  ...base,
  method: 'get',
  path: '/api/v1/interview/{id}/state',
  summary: 'The live state of an interview (staff, or the candidate with their join token)',
  middleware: [requireAuthOrCandidate('viewer')] as const,
  request: { params: IdParams },
  responses: { 200: json(StateSchema, 'The state'), ...problems(400, 401, 404) },
});

const end = createRoute({
  ...base,
  method: 'post',
  path: '/api/v1/interview/{id}/end',
  summary: 'End the interview now and persist its report',
  middleware: [engineAuth('recruiter')] as const,
  request: { params: IdParams },
  responses: {
    200: json(z.object({ state: StateSchema, report: ReportSchema }).openapi('Ended'), 'Ended'),
    ...problems(400, 401, 403, 404),
  },
});

/**
 * Who acts on an interview, for routes a candidate may also call: a candidate's token only reaches
 * its own interview (any other id is a 404, like another tenant's object), or staff. With a
 * deferred principal check (the answer route) the check comes with the tenant, to be run first in
 * the handler's first transaction; otherwise it already ran and `authorize` is null.
 */
function actingTenant(
  c: Context<AppEnv>,
  interviewId: string,
): { tenantId: string; candidate: boolean; authorize: ((sql: Sql) => Promise<void>) | null } {
  const candidate = c.get('candidate');
  if (candidate) {
    if (candidate.interviewId !== interviewId) throw new AppError('not_found', 'No such interview');
    return { tenantId: candidate.tenantId, candidate: true, authorize: null };
  }
  const deferred = c.get('deferredAuth');
  if (deferred) return { tenantId: deferred.tenantId, candidate: false, authorize: deferred.check };
  return { tenantId: c.get('principal').tenantId, candidate: false, authorize: null };
}

const ListItemSchema = z
  .object({
    id: z.uuid(),
    candidate: z.object({ id: z.uuid(), name: z.string(), email: z.string() }),
    role: z.object({ id: z.string(), title: z.string() }),
    positionId: z.string().nullable(),
    status: z.enum(['in_progress', 'completed', 'ended']),
    overall: z.number().nullable(),
    recommendation: RecommendationSchema.nullable(),
    startedAt: z.string(),
    endedAt: z.string().nullable(),
  })
  .openapi('InterviewListItem');

const list = createRoute({
  ...base,
  method: 'get',
  path: '/api/v1/interviews',
  summary: 'The tenant’s interviews with status, score and recommendation',
  middleware: [requireAuth('viewer')] as const,
  request: {
    query: PageQuery.extend({
      status: z.enum(['in_progress', 'completed', 'ended']).optional(),
      positionId: z.uuid().optional().openapi({ description: 'only the interviews of this position' }),
    }),
  },
  responses: {
    200: json(pageOf(ListItemSchema, 'InterviewPage'), 'A page of interviews'),
    ...problems(400, 401),
  },
});

const detail = createRoute({
  ...base,
  method: 'get',
  path: '/api/v1/interviews/{id}',
  summary: 'One interview as it runs: every turn with its answer and score, and the live state',
  middleware: [requireAuth('viewer')] as const,
  request: { params: IdParams },
  responses: {
    200: json(
      z
        .object({
          id: z.uuid(),
          candidate: z.object({ id: z.uuid(), name: z.string(), email: z.string() }),
          role: z.object({ id: z.string(), title: z.string() }),
          status: z.enum(['in_progress', 'completed', 'ended']),
          plugin: z.object({ id: z.string(), version: z.string() }),
          aiNotice: z.object({ text: z.string(), shownAt: z.string() }).nullable().openapi({
            description: 'the AI notice the candidate read before starting (join links), and when',
          }),
          reviewRequest: ReviewRequestSchema.nullable(),
          turns: z.array(
            z.object({
              turn: z.number().int(),
              kind: z.string(),
              phase: z.string(),
              questionId: z.string(),
              question: z.string(),
              reply: z.string(),
              answer: z.string().nullable(),
              score: z
                .number()
                .nullable()
                .describe('null until evaluated; 0 and meaningless when `unscorable` is set'),
              summary: z.string().nullable(),
              unscorable: z
                .object({ reason: z.string() })
                .nullable()
                .describe(
                  'set when the answer could not be judged: left out of the report, for a person to review',
                ),
            }),
          ),
          state: StateSchema,
        })
        .openapi('InterviewDetail'),
      'The interview',
    ),
    ...problems(400, 401, 404),
  },
});

export function registerInterviews(app: OpenAPIHono<AppEnv>) {
  app.openapi(list, async (c) => c.json(await listInterviews(c.get('em'), c.req.valid('query')), 200));
  app.openapi(detail, async (c) => {
    const { id } = c.req.valid('param');
    const d = await interviewDetail(c.get('em'), id);
    const state = await getInterviewState(c.get('services').interviews, c.get('principal').tenantId, id);
    const sql = emSql(c.get('em'));
    const [notice] = await sql<{ ai_notice: string | null; ai_notice_shown_at: Date | null }>(
      'select ai_notice, ai_notice_shown_at from interviews where id = ?',
      [id],
    );
    return c.json(
      {
        id,
        candidate: d.candidate,
        role: { id: d.interview.roleId, title: d.interview.roleTitle },
        status: d.interview.status,
        plugin: { id: d.interview.pluginId, version: d.interview.pluginVersion },
        aiNotice:
          notice?.ai_notice && notice.ai_notice_shown_at
            ? { text: notice.ai_notice, shownAt: new Date(notice.ai_notice_shown_at).toISOString() }
            : null,
        reviewRequest: await reviewRequestOf(sql, id),
        turns: d.turns,
        state,
      },
      200,
    );
  });
  app.openapi(start, async (c) => {
    const principal = c.get('principal');
    const result = await startInterview(
      c.get('services').interviews,
      principal.tenantId,
      c.req.valid('json'),
      principal.kind === 'user' ? principal.userId : principal.apiKeyId,
    );
    return c.json(result, 201);
  });
  app.openapi(answer, async (c) => {
    const services = c.get('services');
    const headers = c.req.valid('header');
    const { id } = c.req.valid('param');
    const acting = actingTenant(c, id);
    const result = await submitAnswer(services.interviews, acting.tenantId, id, c.req.valid('json'), {
      idempotencyKey: headers['idempotency-key'],
      async: /\brespond-async\b/i.test(headers.prefer ?? ''),
      waitMs: services.config.answerWaitMs,
      authorize: acting.authorize,
    });
    if (result.status === 202) return c.json(result.body, 202);
    if (acting.candidate) {
      // Candidates see the next question, never the evaluation or the report.
      return c.json({ state: candidateStateView(result.body.state), nextReply: result.body.nextReply }, 200);
    }
    return c.json(result.body, 200);
  });
  app.openapi(state, async (c) => {
    const { id } = c.req.valid('param');
    const acting = actingTenant(c, id);
    const view = await getInterviewState(c.get('services').interviews, acting.tenantId, id);
    return c.json(acting.candidate ? candidateStateView(view) : view, 200);
  });
  app.openapi(end, async (c) => {
    const result = await endInterview(
      c.get('services').interviews,
      c.get('principal').tenantId,
      c.req.valid('param').id,
    );
    return c.json(result, 200);
  });
}
