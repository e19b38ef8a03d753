import { randomUUID } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.ts';
import type { Services } from '../services.ts';

const SAFE_REQUEST_ID = /^[\w.:-]{8,128}$/;

/** Request id (honouring a sane inbound X-Request-Id), a child logger, an access log line, metrics. */
export function requestContext(services: Services) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const inbound = c.req.header('x-request-id');
    const requestId = inbound && SAFE_REQUEST_ID.test(inbound) ? inbound : randomUUID();
    const logger = services.logger.child({ requestId });
    c.set('requestId', requestId);
    c.set('logger', logger);
    c.set('services', services);
    const started = performance.now();
    await next();
    c.header('x-request-id', requestId);
    const seconds = (performance.now() - started) / 1000;
    const route = c.req.routePath || 'unmatched';
    services.metrics.httpRequests.inc({ method: c.req.method, route, status: String(c.res.status) });
    services.metrics.httpDuration.observe({ method: c.req.method, route }, seconds);
    if (!c.req.path.startsWith('/healthz') && !c.req.path.startsWith('/metrics')) {
      const principal = c.get('principal');
      logger.info(
        {
          method: c.req.method,
          // The route template, not the path: join-link paths carry a secret token.
          route,
          status: c.res.status,
          ms: Math.round(seconds * 1000),
          tenantId: principal?.tenantId,
        },
        'request',
      );
    }
  });
}
