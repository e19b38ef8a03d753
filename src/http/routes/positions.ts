import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { createOpenAiClient } from '../../ai/index.ts';
import { enforceQuota } from '../../billing/index.ts';
import type { Config } from '../../config/index.ts';
import { emSql, withTenant } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import { previewInterview } from '../../interview/index.ts';
import { INTERVIEW_LENGTH, loadManifest, PHASES } from '../../plugins/index.ts';
import {
  createPosition,
  draftPosition,
  getDesign,
  getPosition,
  installedBanks,
  listPositions,
  POSITION_STATUSES,
  type Position,
  PositionDesign,
  setPositionStatus,
  updatePosition,
} from '../../positions/index.ts';
import { audit } from '../audit.ts';
import type { AppEnv } from '../env.ts';
import { requireAuth } from '../middleware/auth.ts';
import { requireQuota } from '../middleware/quota.ts';
import { bearerSecurity, IdParams, json, jsonBody, PageQuery, pageOf, problems, Text } from '../openapi.ts';

const base = { tags: ['positions'], security: bearerSecurity };

const PositionSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    department: z.string().nullable(),
    location: z.string().nullable(),
    description: z.string(),
    status: z.enum(POSITION_STATUSES),
    designVersion: z
      .number()
      .int()
      .openapi({ description: 'also the ETag; send it back as If-Match to edit' }),
    plugin: z.object({ id: z.string(), version: z.string() }).openapi({
      description: 'the tenant-private plugin version the design compiled to: what interviews pin',
    }),
    interviews: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Position');

const PositionDetailSchema = PositionSchema.extend({ design: PositionDesign }).openapi('PositionDetail');

const PositionFieldsSchema = z
  .object({
    title: Text(1, 200),
    department: Text(1, 120).nullable().optional(),
    location: Text(1, 120).nullable().optional(),
    description: Text(0, 20_000).default('').openapi({ description: 'the job description' }),
    design: PositionDesign,
  })
  .strict();

const view = (p: Position): z.infer<typeof PositionSchema> => ({
  id: p.id,
  title: p.title,
  department: p.department,
  location: p.location,
  description: p.description,
  status: p.status,
  designVersion: p.designVersion,
  plugin: { id: p.pluginId, version: p.pluginVersion },
  interviews: p.interviews,
  createdAt: p.createdAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
});

const etag = (p: Position) => `"${p.designVersion}"`;

/** The version in `If-Match` (`"3"`, `W/"3"` or `3`); 428 when absent on an edit that needs it. */
function ifMatch(c: Context<AppEnv>, required: boolean): number | undefined {
  const header = c.req.header('if-match');
  if (!header) {
    if (!required) return undefined;
    throw new AppError('precondition_required', 'Send If-Match with the designVersion (ETag) you edited');
  }
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!m)
    throw new AppError('validation_failed', 'If-Match must be the ETag of the position', {
      errors: [{ path: '/header/if-match', message: 'expected an ETag like "3"' }],
    });
  return Number(m[1]);
}

const userOf = (c: Context<AppEnv>) => {
  const p = c.get('principal');
  return p.kind === 'user' ? p.userId : p.apiKeyId;
};

const DraftSchema = z
  .object({
    source: z
      .enum(['banks', 'llm'])
      .openapi({ description: 'llm: own questions by the model; banks: installed banks' }),
    design: PositionDesign,
    picks: z.array(
      z.object({
        ref: z.string(),
        pluginId: z.string().nullable(),
        questionId: z.string(),
        phase: z.enum(PHASES),
        text: z.string(),
        competencies: z.array(z.string()),
        score: z.number(),
        why: z.string(),
      }),
    ),
    notes: z.array(z.string()),
  })
  .openapi('PositionDraft');

const draft = createRoute({
  ...base,
  method: 'post',
  path: '/api/v1/positions/draft',
  summary: 'Propose an interview design from a job description (nothing is saved)',
  // no transaction around the model's call: the banks are read in a short one
  middleware: [requireAuth('recruiter', { transaction: false })] as const,
  request: jsonBody(
    z
      .object({
        title: Text(1, 200),
        description: Text(1, 20_000).openapi({
          description: 'the job description: data, never instructions',
        }),
        length: z.number().int().min(INTERVIEW_LENGTH.min).max(INTERVIEW_LENGTH.max).optional(),
      })
      .strict()
      .openapi('PositionDraftRequest'),
  ),
  responses: { 200: json(DraftSchema, 'The proposed design'), ...problems(400, 401, 403, 413, 415, 422) },
});

/** One OpenAI client per configuration: drafts are rare, but its HTTP agent is worth keeping. */
const clients = new WeakMap<object, ReturnType<typeof createOpenAiClient>>();
function llmOf(config: Config) {
  if (!config.openai) return undefined;
  let client = clients.get(config.openai);
  if (!client) {
    client = createOpenAiClient(config.openai);
    clients.set(config.openai, client);
  }
  return { client, model: config.openai.model };
}

const list = createRoute({
  ...base,
  method: 'get',
  path: '/api/v1/positions',
  summary: 'The tenant’s positions, newest first',
  middleware: [requireAuth('viewer')] as const,
  request: { query: PageQuery.extend({ status: z.enum(POSITION_STATUSES).optional() }) },
  responses: {
    200: json(pageOf(PositionSchema, 'PositionPage'), 'A page of positions'),
    ...problems(400, 401),
  },
});

const create = createRoute({
  ...base,
  method: 'post',
  path: '/api/v1/positions',
  summary: 'Create a position with its interview design (version 1)',
  middleware: [requireAuth('recruiter'), requireQuota('positions')] as const,
  request: jsonBody(PositionFieldsSchema.openapi('NewPosition')),
  responses: {
    201: json(PositionDetailSchema, 'The position'),
    ...problems(400, 401, 402, 403, 404, 413, 415, 422),
  },
});

const get = createRoute({
  ...base,
  method: 'get',
  path: '/api/v1/positions/{id}',
  summary: 'A position with its current design (ETag: the design version)',
  middleware: [requireAuth('viewer')] as const,
  request: { params: IdParams },
  responses: { 200: json(PositionDetailSchema, 'The position'), ...problems(400, 401, 404) },
});

const put = createRoute({
  ...base,
  method: 'put',
  path: '/api/v1/positions/{id}',
  summary: 'Save a new design version (If-Match: the version edited); started interviews keep theirs',
  middleware: [requireAuth('recruiter')] as const,
  request: { params: IdParams, ...jsonBody(PositionFieldsSchema.openapi('PositionEdit')) },
  responses: {
    200: json(PositionDetailSchema, 'The position at its new version'),
    ...problems(400, 401, 403, 404, 409, 413, 415, 422, 428),
  },
});

const patch = createRoute({
  ...base,
  method: 'patch',
  path: '/api/v1/positions/{id}',
  summary: 'Open or close a position (closed: no new interviews); If-Match optional',
  middleware: [requireAuth('recruiter')] as const,
  request: {
    params: IdParams,
    ...jsonBody(
      z
        .object({ status: z.enum(POSITION_STATUSES) })
        .strict()
        .openapi('PositionStatusChange'),
    ),
  },
  responses: {
    200: json(PositionSchema, 'The position'),
    ...problems(400, 401, 402, 403, 404, 409, 413, 415),
  },
});

const designAt = createRoute({
  ...base,
  method: 'get',
  path: '/api/v1/positions/{id}/designs/{version}',
  summary: 'A design version of the position, as saved',
  middleware: [requireAuth('viewer')] as const,
  request: { params: IdParams.extend({ version: z.coerce.number().int().min(1).max(1_000_000) }) },
  responses: {
    200: json(
      z.object({ version: z.number().int(), design: PositionDesign }).openapi('PositionDesignVersion'),
      'The design',
    ),
    ...problems(400, 401, 404),
  },
});

const preview = createRoute({
  ...base,
  method: 'get',
  path: '/api/v1/positions/{id}/preview',
  summary: 'The questions an interview on the current design asks, if every answer were middling',
  middleware: [requireAuth('viewer')] as const,
  request: {
    params: IdParams,
    query: z.object({ seed: z.coerce.number().int().min(0).max(2_147_483_646).default(1) }),
  },
  responses: {
    200: json(
      z
        .object({
          designVersion: z.number().int(),
          turns: z.array(
            z.object({
              turn: z.number().int(),
              phase: z.string(),
              questionId: z.string(),
              question: z.string(),
              required: z.boolean(),
            }),
          ),
        })
        .openapi('PositionPreview'),
      'The questions in order',
    ),
    ...problems(400, 401, 404),
  },
});

export function registerPositions(app: OpenAPIHono<AppEnv>) {
  // before /positions/{id}: "draft" is not an id
  app.openapi(draft, async (c) => {
    const { orm, config } = c.get('services');
    const tenantId = c.get('principal').tenantId;
    const banks = () => withTenant(orm, tenantId, (em) => installedBanks(emSql(em)));
    const result = await draftPosition(banks, c.req.valid('json'), llmOf(config));
    return c.json(result, 200);
  });
  app.openapi(list, async (c) => {
    const page = await listPositions(emSql(c.get('em')), c.req.valid('query'));
    return c.json({ items: page.items.map(view), nextCursor: page.nextCursor }, 200);
  });
  app.openapi(create, async (c) => {
    const em = c.get('em');
    const position = await createPosition(em, c.get('principal').tenantId, c.req.valid('json'), userOf(c));
    await audit(c, { action: 'position.created', target: position.id, data: { title: position.title } });
    c.header('ETag', etag(position));
    c.header('Location', `/api/v1/positions/${position.id}`);
    return c.json({ ...view(position), design: await getDesign(emSql(em), position) }, 201);
  });
  app.openapi(get, async (c) => {
    const sql = emSql(c.get('em'));
    const position = await getPosition(sql, c.req.valid('param').id);
    c.header('ETag', etag(position));
    return c.json({ ...view(position), design: await getDesign(sql, position) }, 200);
  });
  app.openapi(put, async (c) => {
    const em = c.get('em');
    const { id } = c.req.valid('param');
    await getPosition(emSql(em), id); // another tenant's or a missing position: 404 before anything else
    const expected = ifMatch(c, true)!;
    const position = await updatePosition(
      em,
      c.get('principal').tenantId,
      id,
      expected,
      c.req.valid('json'),
      userOf(c),
    );
    await audit(c, {
      action: 'position.changed',
      target: id,
      data: { designVersion: position.designVersion },
    });
    c.header('ETag', etag(position));
    return c.json({ ...view(position), design: await getDesign(emSql(em), position) }, 200);
  });
  app.openapi(patch, async (c) => {
    const expected = ifMatch(c, false);
    if (c.req.valid('json').status === 'open') {
      const sql = emSql(c.get('em'));
      const current = await getPosition(sql, c.req.valid('param').id);
      // reopening a closed position takes an open position of the plan
      if (current.status !== 'open')
        await enforceQuota(
          sql,
          c.get('principal').tenantId,
          'positions',
          c.get('services').billing?.settings,
        );
    }
    const position = await setPositionStatus(
      emSql(c.get('em')),
      c.req.valid('param').id,
      c.req.valid('json').status,
      expected,
    );
    c.header('ETag', etag(position));
    return c.json(view(position), 200);
  });
  app.openapi(designAt, async (c) => {
    const sql = emSql(c.get('em'));
    const { id, version } = c.req.valid('param');
    const position = await getPosition(sql, id);
    return c.json({ version, design: await getDesign(sql, position, version) }, 200);
  });
  app.openapi(preview, async (c) => {
    const sql = emSql(c.get('em'));
    const position = await getPosition(sql, c.req.valid('param').id);
    const manifest = await loadManifest(sql, position.pluginId, position.pluginVersion);
    return c.json(
      { designVersion: position.designVersion, turns: previewInterview(manifest, c.req.valid('query').seed) },
      200,
    );
  });
}
