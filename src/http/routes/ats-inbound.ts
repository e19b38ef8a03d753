import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { z } from 'zod';
import {
  type AtsProvider,
  CancelBody,
  type ConnectionRow,
  cancelAssessment,
  getConnection,
  INBOUND_PATHS,
  LeverWebhookBody,
  listAssessments,
  listTests,
  logCall,
  looksLikeInboundKey,
  onStageChange,
  readCredentials,
  SendTestBody,
  StartBody,
  sendTest,
  startAssessment,
  testStatus,
  verifyLeverSignature,
} from '../../ats/index.ts';
import { hashSecret } from '../../auth/index.ts';
import { type Sql, UUID_PATTERN, withoutTenant, withTenantSql } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import { endInterview } from '../../interview/index.ts';
import type { AppEnv } from '../env.ts';
import { problemResponse, toAppError, validationError } from '../problem.ts';

/**
 * Where Greenhouse, Ashby and Lever call us, each in its own protocol (outside /api/v1 and its
 * OpenAPI document). Greenhouse and Ashby authenticate with HTTP Basic, the connection's inbound
 * key as the user name; Lever signs its webhook with the connection's webhook token. Errors are
 * problem+json with the members that ATS reads (`error`, Ashby's `success`/`errorInfo`/`message`).
 * Every call that names a connection is logged on it.
 */

type Ctx = Context<AppEnv>;

/** The members each ATS reads in an error body, beside the problem's own. */
const ATS_ERROR_MEMBERS: Record<AtsProvider, (err: AppError) => Record<string, unknown>> = {
  greenhouse: (err) => ({ error: err.message }),
  ashby: (err) => ({
    success: false,
    message: err.message,
    errorInfo: { code: err.code, message: err.message },
  }),
  lever: (err) => ({ message: err.message }),
};

function atsError(c: Ctx, provider: AtsProvider, thrown: unknown): Response {
  const err = toAppError(thrown);
  if (err.status >= 500) c.get('logger')?.error({ err: thrown }, 'ATS inbound call failed');
  const shaped = new AppError(err.code, err.message, { ...err.extra, ...ATS_ERROR_MEMBERS[provider](err) });
  // Basic auth: say how to authenticate, as a 401 should
  if (err.status === 401 && provider !== 'lever') c.header('www-authenticate', 'Basic realm="ats"');
  return problemResponse(c, shaped);
}

/** The connection a Basic-auth key opens (the key as user name, any password), or a 401. */
async function connectionByKey(
  c: Ctx,
  provider: AtsProvider,
): Promise<{ tenantId: string; connectionId: string }> {
  const header = c.req.header('authorization') ?? '';
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  const user = m ? Buffer.from(m[1]!, 'base64').toString('utf8').split(':')[0]! : '';
  if (!looksLikeInboundKey(user))
    throw new AppError(
      'unauthorized',
      'HTTP Basic auth with the connection’s key as the user name is required',
    );
  const rows = await withoutTenant(c.get('services').orm, (em) =>
    em.execute<{ tenant_id: string; connection_id: string; provider: string }[]>(
      'select * from ats_connection_for_key(?)',
      [hashSecret(user)],
    ),
  );
  const row = rows[0];
  // another ATS's key is as unknown here as a made-up one
  if (!row || row.provider !== provider) throw new AppError('unauthorized', 'Unknown or rotated key');
  return { tenantId: row.tenant_id, connectionId: row.connection_id };
}

async function connectionById(c: Ctx, provider: AtsProvider, id: string) {
  const rows = UUID_PATTERN.test(id)
    ? await withoutTenant(c.get('services').orm, (em) =>
        em.execute<{ tenant_id: string; provider: string }[]>('select * from ats_connection_tenant(?)', [id]),
      )
    : [];
  if (rows[0]?.provider !== provider) throw new AppError('not_found', 'No such connection');
  return { tenantId: rows[0].tenant_id, connectionId: id };
}

/**
 * One inbound call: find its connection, run the work, answer in the ATS's shape, log the call.
 * `work` gets the connection row and a short tenant transaction for reads.
 */
function inbound(
  provider: AtsProvider,
  operation: string,
  locate: (c: Ctx) => Promise<{ tenantId: string; connectionId: string }>,
  work: (c: Ctx, connection: ConnectionRow) => Promise<Response>,
) {
  return async (c: Ctx) => {
    const started = Date.now();
    const { orm } = c.get('services');
    let located: { tenantId: string; connectionId: string } | undefined;
    let res: Response;
    let error: string | null = null;
    try {
      located = await locate(c);
      const { tenantId, connectionId } = located;
      const connection = await withTenantSql(orm, tenantId, (sql) =>
        getConnection(sql, tenantId, connectionId),
      );
      if (!connection.enabled) throw new AppError('unauthorized', 'This connection is disabled');
      res = await work(c, connection);
    } catch (err) {
      res = atsError(c, provider, err);
      error = toAppError(err).message;
    }
    if (located) {
      const { tenantId, connectionId } = located;
      await logCall(orm, tenantId, {
        connectionId,
        direction: 'in',
        operation,
        status: res.status,
        latencyMs: Date.now() - started,
        error,
      }).catch((err) => c.get('logger')?.warn({ err }, 'ATS call log failed'));
    }
    return res;
  };
}

async function jsonOf<T extends z.ZodType>(c: Ctx, schema: T): Promise<z.infer<T>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new AppError('malformed_json', 'The body is not JSON');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error, 'json');
  return parsed.data;
}

const read = <T>(c: Ctx, connection: ConnectionRow, work: (sql: Sql) => Promise<T>) =>
  withTenantSql(c.get('services').orm, connection.tenant_id, work);

const inviteDeps = (c: Ctx) => {
  const { orm, jobs, mail } = c.get('services');
  return { orm, jobs, mail };
};

export function registerAtsInbound(app: OpenAPIHono<AppEnv>) {
  // --- Greenhouse Assessment Partner API ---
  const gh = INBOUND_PATHS.greenhouse;
  const byGreenhouseKey = (c: Ctx) => connectionByKey(c, 'greenhouse');
  app.get(
    `${gh}/list_tests`,
    inbound('greenhouse', 'list_tests', byGreenhouseKey, async (c, conn) =>
      c.json(await read(c, conn, (sql) => listTests(sql, conn.tenant_id)), 200),
    ),
  );
  app.post(
    `${gh}/send_test`,
    inbound('greenhouse', 'send_test', byGreenhouseKey, async (c, conn) => {
      const body = await jsonOf(c, SendTestBody);
      const { ats } = c.get('services');
      const result = await sendTest(inviteDeps(c), conn, body, {
        hosts: ats.greenhouseCallbackHosts,
        allowedHosts: ats.outbound.allowedHosts,
      });
      return c.json({ partner_interview_id: result.partner_interview_id }, 200);
    }),
  );
  app.get(
    `${gh}/test_status`,
    inbound('greenhouse', 'test_status', byGreenhouseKey, async (c, conn) => {
      const id = c.req.query('partner_interview_id');
      if (!id)
        throw new AppError('validation_failed', 'partner_interview_id is required', {
          errors: [{ path: '/query/partner_interview_id', message: 'required' }],
        });
      const baseUrl = c.get('services').ats.baseUrl;
      return c.json(await read(c, conn, (sql) => testStatus(sql, conn, id, baseUrl)), 200);
    }),
  );
  app.post(
    `${gh}/response_error`,
    inbound('greenhouse', 'response_error', byGreenhouseKey, async (c, conn) => {
      const body = await c.req.json().catch(() => ({}));
      // Greenhouse found one of our answers malformed: that is ours to fix, so it is logged loudly
      c.get('logger')?.warn(
        { tenantId: conn.tenant_id, connectionId: conn.id, report: body },
        'Greenhouse reported a response error',
      );
      return c.json({ status: 200 }, 200);
    }),
  );

  // --- Ashby assessments ---
  const ab = INBOUND_PATHS.ashby;
  const byAshbyKey = (c: Ctx) => connectionByKey(c, 'ashby');
  app.post(
    `${ab}/assessment.list`,
    inbound('ashby', 'assessment.list', byAshbyKey, async (c, conn) =>
      c.json(await read(c, conn, (sql) => listAssessments(sql, conn.tenant_id)), 200),
    ),
  );
  app.post(
    `${ab}/assessment.start`,
    inbound('ashby', 'assessment.start', byAshbyKey, async (c, conn) => {
      const body = await jsonOf(c, StartBody);
      return c.json(await startAssessment(inviteDeps(c), conn, body), 200);
    }),
  );
  app.post(
    `${ab}/assessment.cancel`,
    inbound('ashby', 'assessment.cancel', byAshbyKey, async (c, conn) => {
      const body = await jsonOf(c, CancelBody);
      const { orm, interviews } = c.get('services');
      const cancelled = await cancelAssessment(orm, conn, body.assessment_id);
      if (cancelled.startedInterviewId)
        await endInterview(interviews, conn.tenant_id, cancelled.startedInterviewId);
      return c.json(cancelled.response, 200);
    }),
  );

  // --- Lever: the stage-change webhook, one URL per connection ---
  app.post(
    `${INBOUND_PATHS.lever}/:id/webhook`,
    inbound(
      'lever',
      'webhook.candidateStageChange',
      (c) => connectionById(c, 'lever', c.req.param('id') ?? ''),
      async (c, conn) => {
        const body = await jsonOf(c, LeverWebhookBody);
        const { ats } = c.get('services');
        const { value: credentials, unreadable } = readCredentials(ats.keyring, conn);
        if (unreadable)
          throw new AppError('unauthorized', `The webhook token cannot be checked: ${unreadable}`);
        verifyLeverSignature(credentials, body);
        const result = await onStageChange({ ...inviteDeps(c), ats }, conn, credentials, body);
        return c.json(result, 200);
      },
    ),
  );
}
