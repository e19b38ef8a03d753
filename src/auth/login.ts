import { type Orm, withoutTenant } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { verifyPassword } from './password.ts';
import type { TokenService } from './tokens.ts';

interface LoginCandidate {
  tenant_id: string;
  tenant_slug: string;
  user_id: string;
  password_hash: string | null;
}

export interface LoginResult {
  token: string;
  email: string;
  tenantId: string;
  userId: string;
}

/**
 * Email + password sign-in. The same email may belong to users of several tenants; when the
 * password matches more than one and no tenant slug was given, the caller must pick one.
 */
export async function login(
  orm: Orm,
  tokens: TokenService,
  input: { email: string; password: string; tenant?: string | undefined },
): Promise<LoginResult> {
  const email = input.email.toLowerCase();
  const candidates = await withoutTenant(orm, (em) =>
    em.execute<LoginCandidate[]>('select * from auth_login_candidates(?, ?)', [email, input.tenant ?? null]),
  );
  if (candidates.length === 0) {
    await verifyPassword(undefined, input.password);
    throw new AppError('unauthorized', 'Wrong email or password');
  }
  const matches: LoginCandidate[] = [];
  for (const c of candidates) {
    // a member invited by email has no password until they set one: the same work, no match
    if (await verifyPassword(c.password_hash ?? undefined, input.password)) matches.push(c);
  }
  const [match, ...others] = matches;
  if (!match) throw new AppError('unauthorized', 'Wrong email or password');
  if (others.length > 0) {
    throw new AppError('tenant_required', 'This email belongs to several tenants; pass `tenant` (a slug)', {
      tenants: matches.map((m) => m.tenant_slug),
    });
  }
  const token = await tokens.issue({ sub: match.user_id, tid: match.tenant_id });
  return { token, email, tenantId: match.tenant_id, userId: match.user_id };
}
