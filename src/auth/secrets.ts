import { createHash, randomBytes } from 'node:crypto';

/** API keys: `aik_` + 32 random bytes (256 bits) in base64url. Only the SHA-256 is stored. */
export const API_KEY_PREFIX = 'aik_';

export interface NewSecret {
  /** shown to the user once */
  value: string;
  /** what is stored */
  hash: string;
  /** a non-secret prefix to recognise the key in lists */
  prefix: string;
}

/** SHA-256 hex: right for high-entropy random secrets (unlike passwords, no stretching needed). */
export function hashSecret(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function newApiKey(): NewSecret {
  const value = API_KEY_PREFIX + randomBytes(32).toString('base64url');
  return { value, hash: hashSecret(value), prefix: value.slice(0, 12) };
}

export function looksLikeApiKey(value: string): boolean {
  return value.startsWith(API_KEY_PREFIX) && value.length > 20 && value.length < 100;
}
