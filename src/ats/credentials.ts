import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Credentials an ATS connection calls out with (an Ashby or Lever API key, Lever's webhook token)
 * are stored encrypted: AES-256-GCM under a key from the environment, bound to the connection
 * (tenant and connection id are the associated data, so a ciphertext copied to another row does
 * not open). Stored as `v1.<key id>.<iv>.<tag>.<ciphertext>` (base64url). Earlier keys still
 * decrypt, so the key can be rotated; what an earlier key opened is re-encrypted on use.
 */
export interface CredentialKeyring {
  encrypt(value: Record<string, string>, boundTo: string): string;
  /** `stale`: opened with an earlier key (re-encrypt it) */
  decrypt(stored: string, boundTo: string): { value: Record<string, string>; stale: boolean };
}

export class CredentialsUnreadableError extends Error {
  constructor(reason: string) {
    super(`stored credentials cannot be read: ${reason}`);
  }
}

const VERSION = 'v1';

/** 32 key bytes from any secret of 32+ bytes (a base64 key or a passphrase alike). */
const keyFrom = (secret: string) =>
  Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'ai-interviewer/ats-credentials/v1', 32));
const keyId = (key: Buffer) => createHash('sha256').update(key).digest('base64url').slice(0, 8);

export function createKeyring(current: string, previous: readonly string[] = []): CredentialKeyring {
  const keys = [current, ...previous].map(keyFrom);
  const byId = new Map(keys.map((k) => [keyId(k), k]));
  const currentKey = keys[0]!;
  const currentId = keyId(currentKey);
  return {
    encrypt(value, boundTo) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', currentKey, iv);
      cipher.setAAD(Buffer.from(boundTo));
      const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
      return [VERSION, currentId, iv, cipher.getAuthTag(), ciphertext]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.');
    },
    decrypt(stored, boundTo) {
      const [version, id, iv, tag, ciphertext] = stored.split('.');
      if (version !== VERSION || !id || !iv || !tag || ciphertext === undefined)
        throw new CredentialsUnreadableError('unknown format');
      const key = byId.get(id);
      if (!key) throw new CredentialsUnreadableError(`encrypted with a key this server lacks (${id})`);
      try {
        const ivBytes = Buffer.from(iv, 'base64url');
        if (ivBytes.length !== 12) throw new Error('bad iv');
        // a full 128-bit tag only: a truncated one would weaken the integrity check
        const decipher = createDecipheriv('aes-256-gcm', key, ivBytes, { authTagLength: 16 });
        decipher.setAAD(Buffer.from(boundTo));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        const plain = Buffer.concat([
          decipher.update(Buffer.from(ciphertext, 'base64url')),
          decipher.final(),
        ]);
        return {
          value: JSON.parse(plain.toString('utf8')) as Record<string, string>,
          stale: id !== currentId,
        };
      } catch {
        throw new CredentialsUnreadableError('integrity check failed');
      }
    },
  };
}

/** What a connection's view shows of a secret: set or not, and its last four characters. */
export const secretHint = (value: string) => `…${value.slice(-4)}`;
