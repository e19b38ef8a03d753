import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Candidate, Interview } from '../../db/index.ts';
import { createCandidate, getCandidate, listCandidates } from '../../interview/index.ts';
import type { AppEnv } from '../env.ts';
import { requireAuth } from '../middleware/auth.ts';
import {
  bearerSecurity,
  Email,
  IdParams,
  json,
  jsonBody,
  PageQuery,
  pageOf,
  problems,
  Text,
} from '../openapi.ts';

const base = { tags: ['candidates'], security: bearerSecurity };

const CandidateSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    email: z.string(),
    externalId: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Candidate');

const InterviewSummarySchema = z
  .object({
    id: z.uuid(),
    role: z.object({ id: z.string(), title: z.string() }),
    status: z.string(),
    plugin: z.object({ id: z.string(), version: z.string() }),
    startedAt: z.string(),
    endedAt: z.string().nullable(),
  })
  .openapi('InterviewSummary');

const candidateView = (c: Candidate): z.infer<typeof CandidateSchema> => ({
  id: c.id,
  name: c.name,
  email: c.email,
  externalId: c.externalId,
  createdAt: c.createdAt.toISOString(),
});

export const interviewSummary = (i: Interview): z.infer<typeof InterviewSummarySchema> => ({
  id: i.id,
  role: { id: i.roleId, title: i.roleTitle },
  status: i.status,
  plugin: { id: i.pluginId, version: i.pluginVersion },
  startedAt: i.startedAt.toISOString(),
  endedAt: i.endedAt?.toISOString() ?? null,
});

const list = createRoute({
  ...base,
  method: 'get',
  path: '/api/v1/candidates',
  summary: 'Candidates of the tenant',
  middleware: [requireAuth('viewer')] as const,
  request: { query: PageQuery },
  responses: {
    200: json(pageOf(CandidateSchema, 'CandidatePage'), 'A page of candidates'),
    ...problems(400, 401),
  },
});

const create = createRoute({
  ...base,
  method: 'post',
  path: '/api/v1/candidates',
  summary: 'Add a candidate',
  middleware: [requireAuth('recruiter')] as const,
  request: jsonBody(
    z
      .object({ name: Text(1, 200), email: Email, externalId: Text(1, 200).optional() })
      .strict()
      .openapi('NewCandidate'),
  ),
  responses: { 201: json(CandidateSchema, 'The candidate'), ...problems(400, 401, 403, 409, 413, 415) },
});

const get = createRoute({
  ...base,
  method: 'get',
  path: '/api/v1/candidates/{id}',
  summary: 'A candidate with their interviews',
  middleware: [requireAuth('viewer')] as const,
  request: { params: IdParams },
  responses: {
    200: json(
      CandidateSchema.extend({ interviews: z.array(InterviewSummarySchema) }).openapi('CandidateDetail'),
      'The candidate',
    ),
    ...problems(400, 401, 404),
  },
});

export function registerCandidates(app: OpenAPIHono<AppEnv>) {
  app.openapi(list, async (c) => {
    const page = await listCandidates(c.get('em'), c.req.valid('query'));
    return c.json({ items: page.items.map(candidateView), nextCursor: page.nextCursor }, 200);
  });
  app.openapi(create, async (c) => {
    const candidate = await createCandidate(c.get('em'), c.get('principal').tenantId, c.req.valid('json'));
    return c.json(candidateView(candidate), 201);
  });
  app.openapi(get, async (c) => {
    const { candidate, interviews } = await getCandidate(c.get('em'), c.req.valid('param').id);
    return c.json({ ...candidateView(candidate), interviews: interviews.map(interviewSummary) }, 200);
  });
}
