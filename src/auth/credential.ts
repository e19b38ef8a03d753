import { type Orm, type Sql, withTenantSql } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import type { Principal } from './principal.ts';
import { apiKeyPrincipal, findApiKeyTenant, userPrincipal } from './resolve-principal.ts';
import { looksLikeApiKey } from './secrets.ts';
import type { TokenService } from './tokens.ts';

export interface ResolvedCredential {
  tenantId: string;
  /** the principal, read inside the tenant's transaction (a removed user or key is undefined) */
  principal: (sql: Sql) => Promise<Principal | undefined>;
}

/** A bearer credential (JWT or API key) to its tenant; throws unauthorized when it is neither. */
export async function resolveCredential(
  orm: Orm,
  tokens: TokenService,
  credential: string,
): Promise<ResolvedCredential> {
  if (looksLikeApiKey(credential)) {
    const found = await findApiKeyTenant(orm, credential);
    if (!found) throw new AppError('unauthorized', 'Unknown or revoked API key');
    return {
      tenantId: found.tenantId,
      principal: (sql) => apiKeyPrincipal(sql, found.tenantId, found.apiKeyId),
    };
  }
  const claims = await tokens.verify(credential);
  if (!claims) {
    // A candidate's join token is genuine, only not for this route: say so rather than "invalid".
    if (await tokens.verifyCandidate(credential)) {
      throw new AppError(
        'forbidden',
        "A candidate's join token reaches its own interview only (answers and state), not staff routes",
      );
    }
    throw new AppError('unauthorized', 'Invalid or expired token');
  }
  return { tenantId: claims.tid, principal: (sql) => userPrincipal(sql, claims) };
}

/** The principal behind a credential, in a short transaction of its own (e.g. a socket handshake). */
export async function authenticate(orm: Orm, tokens: TokenService, credential: string): Promise<Principal> {
  const resolved = await resolveCredential(orm, tokens, credential);
  const principal = await withTenantSql(orm, resolved.tenantId, resolved.principal);
  if (!principal) throw new AppError('unauthorized', 'The credential no longer has access');
  return principal;
}
