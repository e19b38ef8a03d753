import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { AppError } from '../errors/index.ts';
import { MANIFEST_MAX_BYTES } from '../plugins/index.ts';
import type { AppEnv } from './env.ts';
import { requireJsonBody } from './middleware/json-body.ts';
import { requestContext } from './middleware/request-context.ts';
import { settleUnreadBody } from './middleware/unread-body.ts';
import { problemResponse, toAppError, validationError } from './problem.ts';
import { registerApiKeys } from './routes/api-keys.ts';
import { registerAtsConnections } from './routes/ats-connections.ts';
import { registerAtsInbound } from './routes/ats-inbound.ts';
import { registerAudit } from './routes/audit.ts';
import { registerBilling } from './routes/billing.ts';
import { registerCandidates } from './routes/candidates.ts';
import { registerComplianceCandidates } from './routes/compliance-candidates.ts';
import { registerComplianceImpact } from './routes/compliance-impact.ts';
import { registerDocs } from './routes/docs.ts';
import { registerHealth } from './routes/health.ts';
import { registerInterviews } from './routes/interviews.ts';
import { registerLogin } from './routes/login.ts';
import { registerMail } from './routes/mail.ts';
import { registerMe } from './routes/me.ts';
import { PUBLISH_PATH, registerPartners } from './routes/partners.ts';
import { registerPasswordReset } from './routes/password-reset.ts';
import { registerPlugins } from './routes/plugins.ts';
import { registerPositions } from './routes/positions.ts';
import { registerPublicJoin } from './routes/public-join.ts';
import { registerReports } from './routes/reports.ts';
import { registerReviewRequests } from './routes/review-requests.ts';
import { registerRoles } from './routes/roles.ts';
import { registerSchedules } from './routes/schedules.ts';
import { registerTenant } from './routes/tenant.ts';
import { registerTenantOffboarding } from './routes/tenant-offboarding.ts';
import { registerTenantPlugins } from './routes/tenant-plugins.ts';
import { registerTenants } from './routes/tenants.ts';
import { registerUsers } from './routes/users.ts';
import { registerWeb } from './routes/web.ts';
import { registerWebhooks } from './routes/webhooks.ts';
import type { Services } from './services.ts';

export type App = OpenAPIHono<AppEnv>;

/** The one app factory: the API process and the tests build the same app from services. */
export function createApp(services: Services): App {
  const app = new OpenAPIHono<AppEnv>({
    // Every zod validation failure becomes the same 400 problem naming each field.
    defaultHook: (result, c) => {
      if (!result.success) return problemResponse(c, validationError(result.error, result.target));
    },
  });

  app.use('*', settleUnreadBody()); // first: it sees every answer, errors included
  app.use('*', requestContext(services));
  app.use('*', secureHeaders({ contentSecurityPolicy: undefined, crossOriginEmbedderPolicy: false }));
  const limit = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw new AppError('payload_too_large', `The body exceeds ${maxSize} bytes`);
      },
    });
  const defaultLimit = limit(services.config.bodyLimitBytes);
  const manifestLimit = limit(Math.max(services.config.bodyLimitBytes, MANIFEST_MAX_BYTES));
  // Plugin manifests may be up to 2 MB; every other body has the configured limit.
  app.use('/api/*', (c, next) => (c.req.path === PUBLISH_PATH ? manifestLimit : defaultLimit)(c, next));
  app.use('/api/*', requireJsonBody);
  app.use('/ats/*', defaultLimit);

  registerHealth(app);
  registerDocs(app);
  registerTenants(app);
  registerLogin(app);
  registerPasswordReset(app);
  registerMe(app);
  registerUsers(app);
  registerApiKeys(app);
  registerTenant(app);
  registerTenantOffboarding(app);
  registerPartners(app);
  registerPlugins(app);
  registerTenantPlugins(app);
  registerCandidates(app);
  registerComplianceCandidates(app);
  registerInterviews(app);
  registerReports(app);
  registerWebhooks(app);
  registerSchedules(app);
  registerPositions(app);
  registerBilling(app);
  registerAudit(app);
  registerMail(app);
  registerAtsConnections(app);
  registerReviewRequests(app);
  registerRoles(app);
  registerComplianceImpact(app);
  registerPublicJoin(app);
  registerAtsInbound(app);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'A JWT from /api/v1/admin/login or /api/v1/tenants, or an API key (aik_…)',
  });
  app.doc31('/api/v1/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'AI Interviewer API',
      version: '1.0.0',
      description: 'Multi-tenant AI interviews. Errors are application/problem+json with a stable `code`.',
    },
    servers: [{ url: services.config.publicUrl ?? '/' }],
  });

  registerWeb(app); // last: the web app and its SPA fallback, after every API route

  app.notFound((c) =>
    problemResponse(c, new AppError('route_not_found', `No route for ${c.req.method} ${c.req.path}`)),
  );
  app.onError((err, c) => {
    const appError = toAppError(err);
    // a dependency away (503 unavailable) is the operator's news, not a bug of this request
    if (appError.code === 'unavailable') c.get('logger')?.warn({ err }, 'dependency unavailable');
    else if (appError.status >= 500) c.get('logger')?.error({ err }, 'unhandled error');
    return problemResponse(c, appError);
  });
  return app;
}
