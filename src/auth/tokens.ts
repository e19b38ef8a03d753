import { decodeJwt, errors, jwtVerify, SignJWT } from 'jose';
import { UUID_PATTERN } from '../db/index.ts';

/** The only algorithm accepted; tokens with `alg: none` or any other algorithm are refused. */
const ALGORITHM = 'HS256';

export interface TokenSettings {
  secret: string;
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

export interface AccessClaims {
  /** user id */
  sub: string;
  /** tenant id */
  tid: string;
}

/** A candidate's token: it authorises one interview's answer and state routes, nothing else. */
export interface CandidateClaims {
  /** interview id */
  sub: string;
  /** tenant id */
  tid: string;
}

export const CANDIDATE_TTL_SECONDS = 6 * 60 * 60;

export interface TokenService {
  issue(claims: AccessClaims): Promise<string>;
  /** The claims of a valid token, or undefined for any invalid one (never throws). */
  verify(token: string): Promise<AccessClaims | undefined>;
  issueCandidate(claims: CandidateClaims): Promise<string>;
  verifyCandidate(token: string): Promise<CandidateClaims | undefined>;
}

/**
 * Whether a token names `audience`, unverified: a token for the other audience (a staff token
 * tried as a candidate's first, or the reverse) is refused without a verification that throws.
 * It only ever refuses early; accepting still takes the full verification.
 */
function claimsAudience(token: string, audience: string): boolean {
  try {
    const { aud } = decodeJwt(token);
    return aud === audience || (Array.isArray(aud) && aud.includes(audience));
  } catch {
    return false;
  }
}

export function createTokenService(settings: TokenSettings): TokenService {
  // Imported once: jose re-imports a raw secret on every sign and verify.
  const key = crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(settings.secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign', 'verify'],
  );
  // Candidate tokens have an audience of their own, so one can never pass as a staff token.
  const candidateAudience = `${settings.audience}#candidate`;
  const sign = async (sub: string, tid: string, audience: string, ttlSeconds: number) =>
    new SignJWT({ tid })
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
      .setSubject(sub)
      .setIssuer(settings.issuer)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      .sign(await key);
  const check = async (token: string, audience: string) => {
    if (!claimsAudience(token, audience)) return undefined;
    try {
      const { payload } = await jwtVerify(token, await key, {
        algorithms: [ALGORITHM],
        issuer: settings.issuer,
        audience,
        requiredClaims: ['exp', 'iat', 'sub', 'tid'],
      });
      const { sub, tid } = payload;
      if (typeof sub !== 'string' || typeof tid !== 'string') return undefined;
      if (!UUID_PATTERN.test(sub) || !UUID_PATTERN.test(tid)) return undefined;
      return { sub, tid };
    } catch (err) {
      if (err instanceof errors.JOSEError || err instanceof TypeError) return undefined;
      throw err;
    }
  };
  return {
    issue: (claims) => sign(claims.sub, claims.tid, settings.audience, settings.ttlSeconds),
    verify: (token) => check(token, settings.audience),
    issueCandidate: (claims) => sign(claims.sub, claims.tid, candidateAudience, CANDIDATE_TTL_SECONDS),
    verifyCandidate: (token) => check(token, candidateAudience),
  };
}
