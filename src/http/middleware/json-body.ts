import { createMiddleware } from 'hono/factory';
import { AppError } from '../../errors/index.ts';
import type { AppEnv } from '../env.ts';

const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i;

/** Write requests with a body must send JSON; anything else is a 415, not a confusing 400. */
export const requireJsonBody = createMiddleware<AppEnv>(async (c, next) => {
  if (['POST', 'PUT', 'PATCH'].includes(c.req.method)) {
    const type = c.req.header('content-type')?.split(';')[0]?.trim() ?? '';
    const length = c.req.header('content-length');
    const hasBody =
      (length !== undefined && length !== '0') || c.req.header('transfer-encoding') !== undefined;
    if (hasBody && !JSON_TYPE.test(type)) {
      throw new AppError('unsupported_media_type', 'Send the body as application/json');
    }
  }
  await next();
});
