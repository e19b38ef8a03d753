import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { redeemAccountToken } from '../../auth/index.ts';
import { AppError } from '../../errors/index.ts';
import { enqueueMail, requestPasswordReset } from '../../notifications/index.ts';
import { audit } from '../audit.ts';
import type { AppEnv } from '../env.ts';
import { rateLimit } from '../middleware/rate-limit.ts';
import { Email, json, jsonBody, Password, problems, Slug } from '../openapi.ts';

const base = { tags: ['auth'] };

const ACCEPTED =
  'If an account uses this address, a link to choose a new password is on its way. It works once, for 30 minutes.';

const request = createRoute({
  ...base,
  method: 'post',
  path: '/api/v1/auth/password-reset',
  summary:
    'Mail a one-time link to choose a new password (the same answer whether or not the address has an account)',
  middleware: [rateLimit('password-reset')] as const,
  request: jsonBody(
    z
      .object({
        email: Email,
        tenant: Slug.optional().openapi({ description: 'only the account in this tenant (a slug)' }),
      })
      .strict()
      .openapi('PasswordResetRequest'),
  ),
  responses: {
    202: json(z.object({ message: z.string() }).openapi('PasswordResetAccepted'), 'Accepted'),
    ...problems(400, 413, 415, 429),
  },
});

const confirm = createRoute({
  ...base,
  method: 'post',
  path: '/api/v1/auth/password-reset/confirm',
  summary: "Choose a password with a one-time link's token (a password reset, or a member's invitation)",
  middleware: [rateLimit('password-reset-confirm')] as const,
  request: jsonBody(
    z
      .object({
        token: z
          .string()
          .regex(/^[A-Za-z0-9_-]{20,200}$/, { message: 'must be the token of a link' })
          .openapi({ description: 'the `token` of the link, from its #fragment' }),
        password: Password,
      })
      .strict()
      .openapi('PasswordResetConfirm'),
  ),
  responses: {
    200: json(
      z.object({ token: z.string(), email: z.string() }).openapi('PasswordSet'),
      'The password is set; an access token (JWT) to continue signed in',
    ),
    ...problems(400, 413, 415, 429),
  },
});

export function registerPasswordReset(app: OpenAPIHono<AppEnv>) {
  app.openapi(request, async (c) => {
    const { orm, mail, jobs, passwordResetLimiter, logger } = c.get('services');
    const input = c.req.valid('json');
    // per address too, whether or not it has an account (so a 429 reveals nothing either)
    const limit = await passwordResetLimiter.hit(`reset:${input.email}`);
    if (!limit.allowed)
      throw new AppError('rate_limited', 'Too many reset requests for this address; try again later', {
        retryAfterSeconds: limit.retryAfterSeconds,
      });
    // After the answer, so its timing is the same whether or not the address has an account.
    void requestPasswordReset(orm, mail, input.email, input.tenant)
      .then((queued) => enqueueMail(jobs, queued))
      .catch((err: unknown) => logger.error({ err }, 'password reset request failed'));
    return c.json({ message: ACCEPTED }, 202);
  });

  app.openapi(confirm, async (c) => {
    const { orm, tokens } = c.get('services');
    const input = c.req.valid('json');
    const redeemed = await redeemAccountToken(orm, input.token, input.password, (sql, r) =>
      audit(
        c,
        {
          action: r.purpose === 'invitation' ? 'user.invitation_accepted' : 'user.password_reset',
          target: r.userId,
          data: { email: r.email },
        },
        sql,
        { tenantId: r.tenantId, actor: { kind: 'user', id: r.userId, label: r.email } },
      ),
    );
    const token = await tokens.issue({ sub: redeemed.userId, tid: redeemed.tenantId });
    return c.json({ token, email: redeemed.email }, 200);
  });
}
