import { createMiddleware } from 'hono/factory';
import { hasRole, type Role, resolveCredential } from '../../auth/index.ts';
import { emSql, type Sql, withTenant, withTenantSql } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import type { AppEnv } from '../env.ts';
import { continueInTransaction } from './transaction.ts';

export function bearer(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1];
}

export interface AuthOptions {
  /**
   * true (default): the rest of the request runs inside one tenant transaction (`c.var.em`).
   * false: only authentication uses the database; the handler opens its own transactions (the
   * interview engine does, so a slow evaluation never holds a pooled connection idle).
   */
  transaction?: boolean;
  /**
   * With `transaction: false`: the handler runs the principal check itself, first thing in its
   * own first transaction (`c.var.deferredAuth.check`), which spares the hot answer route a
   * transaction of its own. A handler that never runs it fails loudly.
   */
  deferPrincipalCheck?: boolean;
}

/**
 * Authenticates a JWT or API key, then runs the rest of the request inside one tenant-scoped
 * transaction (see withTenant). A request that ends in an error rolls back, so bad input stores
 * nothing. `role` is the minimum role; lower roles get 403.
 */
export function requireAuth(role: Role, options: AuthOptions = {}) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const { orm, tokens } = c.get('services');
    const credential = bearer(c.req.header('authorization'));
    if (!credential) throw new AppError('unauthorized', 'Send `Authorization: Bearer <token or API key>`');

    const { tenantId, principal: resolve } = await resolveCredential(orm, tokens, credential);

    const authorize = async (sql: Sql) => {
      const principal = await resolve(sql);
      if (!principal) throw new AppError('unauthorized', 'The credential no longer has access');
      if (!hasRole(principal.role, role))
        throw new AppError('forbidden', `This needs the ${role} role or higher`);
      c.set('principal', principal);
    };
    if (options.transaction === false && options.deferPrincipalCheck) {
      let attempted = false;
      const check = async (sql: Sql) => {
        attempted = true;
        await authorize(sql);
      };
      c.set('deferredAuth', { tenantId, check });
      await next();
      if (attempted) return;
      if (c.res.status < 400) throw new Error(`${c.req.path}: the deferred principal check never ran`);
      // The request failed before the handler's first transaction (bad input, say): a caller who
      // lost access still hears 401/403 first, as on every other route, not what was wrong with it.
      await withTenantSql(orm, tenantId, authorize);
      return;
    }
    if (options.transaction === false) {
      await withTenantSql(orm, tenantId, authorize);
      await next();
      return;
    }
    await continueInTransaction(
      c,
      next,
      (work) => withTenant(orm, tenantId, work),
      (em) => authorize(emSql(em)),
    );
  });
}

/**
 * Staff as `requireAuth(role, { transaction: false })`, or a candidate's token from a join link
 * (`c.var.candidate`), which only ever reaches the interview it was issued for.
 */
export function requireAuthOrCandidate(role: Role, options: Pick<AuthOptions, 'deferPrincipalCheck'> = {}) {
  const staff = requireAuth(role, { ...options, transaction: false });
  return createMiddleware<AppEnv>(async (c, next) => {
    const credential = bearer(c.req.header('authorization'));
    const claims = credential ? await c.get('services').tokens.verifyCandidate(credential) : undefined;
    if (!claims) return staff(c, next);
    c.set('candidate', { kind: 'candidate', tenantId: claims.tid, interviewId: claims.sub });
    await next();
  });
}
