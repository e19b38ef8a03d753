import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { login } from '../../auth/index.ts';
import { AppError } from '../../errors/index.ts';
import type { AppEnv } from '../env.ts';
import { rateLimit } from '../middleware/rate-limit.ts';
import { Email, json, jsonBody, problems, Slug } from '../openapi.ts';

const LoginBody = z
  .object({
    email: Email,
    password: z.string().min(1).max(256),
    tenant: Slug.optional().openapi({ description: 'Tenant slug, when the email is in several tenants' }),
  })
  .strict()
  .openapi('Login');

const route = createRoute({
  method: 'post',
  path: '/api/v1/admin/login',
  tags: ['auth'],
  summary: 'Sign in with email and password',
  middleware: [rateLimit('login')] as const,
  request: jsonBody(LoginBody),
  responses: {
    200: json(z.object({ token: z.string(), email: z.string() }), 'An access token (JWT)'),
    ...problems(400, 401, 409, 413, 415, 429),
  },
});

export function registerLogin(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { orm, tokens, authRateLimiter } = c.get('services');
    const input = c.req.valid('json');
    // per account too, not only per address: failed attempts on one email from many addresses
    // (a password-spraying botnet) are limited; a successful sign-in counts for nothing
    const account = `login-failed:${input.email.toLowerCase()}`;
    const allowed = await authRateLimiter.peek(account);
    if (!allowed.allowed)
      throw new AppError('rate_limited', 'Too many failed attempts for this account; try again later', {
        retryAfterSeconds: allowed.retryAfterSeconds,
      });
    try {
      const result = await login(orm, tokens, input);
      return c.json({ token: result.token, email: result.email }, 200);
    } catch (err) {
      if (err instanceof AppError && err.code === 'unauthorized') await authRateLimiter.hit(account);
      throw err;
    }
  });
}
