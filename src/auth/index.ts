export {
  ACCOUNT_TOKEN_TTL_MS,
  type AccountTokenPurpose,
  accountsOf,
  issueAccountToken,
  type RedeemedToken,
  redeemAccountToken,
} from './account-tokens.ts';
export { authenticate, type ResolvedCredential, resolveCredential } from './credential.ts';
export { createLinkTokens, joinTokenFor, type LinkTokens, newLinkSecret } from './link-tokens.ts';
export { type LoginResult, login } from './login.ts';
export { hashPassword } from './password.ts';
export type { CandidatePrincipal, Principal } from './principal.ts';
export { memoryRateLimiter, type RateLimiter, type RateLimitResult, redisRateLimiter } from './rate-limit.ts';
export { hasRole, ROLES, type Role } from './roles.ts';
export { hashSecret, type NewSecret, newApiKey } from './secrets.ts';
export {
  type AccessClaims,
  type CandidateClaims,
  createTokenService,
  type TokenService,
  type TokenSettings,
} from './tokens.ts';
