export { authenticate, type ResolvedCredential, resolveCredential } from './credential.ts';
export { type LoginResult, login } from './login.ts';
export { hashPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, verifyPassword } from './password.ts';
export type { CandidatePrincipal, Principal } from './principal.ts';
export { memoryRateLimiter, type RateLimiter, type RateLimitResult, redisRateLimiter } from './rate-limit.ts';
export { apiKeyPrincipal, findApiKeyTenant, userPrincipal } from './resolve-principal.ts';
export { hasRole, ROLES, type Role } from './roles.ts';
export { API_KEY_PREFIX, hashSecret, looksLikeApiKey, type NewSecret, newApiKey } from './secrets.ts';
export {
  type AccessClaims,
  CANDIDATE_TTL_SECONDS,
  type CandidateClaims,
  createTokenService,
  type TokenService,
  type TokenSettings,
} from './tokens.ts';
