import { errors, jwtVerify, SignJWT } from 'jose';
import { UUID_PATTERN } from '../db/ids.ts';

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

export interface TokenService {
  issue(claims: AccessClaims): Promise<string>;
  /** The claims of a valid token, or undefined for any invalid one (never throws). */
  verify(token: string): Promise<AccessClaims | undefined>;
}

export function createTokenService(settings: TokenSettings): TokenService {
  const key = new TextEncoder().encode(settings.secret);
  return {
    issue: (claims) =>
      new SignJWT({ tid: claims.tid })
        .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
        .setSubject(claims.sub)
        .setIssuer(settings.issuer)
        .setAudience(settings.audience)
        .setIssuedAt()
        .setExpirationTime(`${settings.ttlSeconds}s`)
        .sign(key),
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: [ALGORITHM],
          issuer: settings.issuer,
          audience: settings.audience,
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
    },
  };
}
