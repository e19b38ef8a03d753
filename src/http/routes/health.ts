import type { OpenAPIHono } from '@hono/zod-openapi';
import { withoutTenant } from '../../db/index.ts';
import type { AppEnv } from '../env.ts';

/** Liveness, readiness (PostgreSQL and, when configured, Redis reachable) and Prometheus metrics. */
export function registerHealth(app: OpenAPIHono<AppEnv>) {
  app.get('/healthz', (c) => c.json({ status: 'ok' }));

  app.get('/readyz', async (c) => {
    const { orm, redis } = c.get('services');
    const checks: Record<string, 'ok' | 'down'> = {};
    checks['postgres'] = await withoutTenant(orm, (em) => em.execute('select 1'))
      .then(() => 'ok' as const)
      .catch(() => 'down' as const);
    if (redis) {
      checks['redis'] = await redis
        .ping()
        .then(() => 'ok' as const)
        .catch(() => 'down' as const);
    }
    const ready = Object.values(checks).every((v) => v === 'ok');
    return c.json({ status: ready ? 'ready' : 'not_ready', checks }, ready ? 200 : 503);
  });

  app.get('/metrics', async (c) => {
    const { registry } = c.get('services').metrics;
    return c.body(await registry.metrics(), 200, { 'content-type': registry.contentType });
  });
}
