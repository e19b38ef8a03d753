import { createMiddleware } from 'hono/factory';
import { resolveCredential } from '../../auth/index.ts';
import { AppError } from '../../errors/index.ts';
import type { AppEnv } from '../env.ts';
import { bearer } from './auth.ts';

/**
 * A route for the candidate alone (their join-link token, `c.var.candidate`), which only ever
 * reaches the interview it was issued for: the handler compares the id. A genuine staff
 * credential is refused as such (403); anything else is unauthorized.
 */
export function requireCandidate() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const { orm, tokens } = c.get('services');
    const credential = bearer(c.req.header('authorization'));
    if (!credential)
      throw new AppError('unauthorized', "Send `Authorization: Bearer <the candidate's token>`");
    const claims = await tokens.verifyCandidate(credential);
    if (!claims) {
      await resolveCredential(orm, tokens, credential); // 401 unless it is a staff credential
      throw new AppError('forbidden', 'Only the candidate, with the token of their interview, answers this');
    }
    c.set('candidate', { kind: 'candidate', tenantId: claims.tid, interviewId: claims.sub });
    await next();
  });
}
