import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { hashSecret } from './secrets.ts';

/**
 * Tokens of links sent by mail (a join link, a member's invitation, a password reset) that the
 * server can make again when it sends, without keeping them: HMAC-SHA256 of a random per-link
 * value under a key derived (HKDF) from the signing secret. The database keeps only the token's
 * SHA-256 (the lookup, as for any random token) and the random value, so a copy of the database
 * alone opens nothing. Changing the signing secret leaves every link working (the hash decides)
 * but unable to be made again: a resend then issues a new link.
 */
export interface LinkTokens {
  /** the join token of a schedule from its random `link_secret` */
  joinToken(linkSecret: string): string;
  /** the token of a one-time account link (invitation, password reset) from its row id */
  accountToken(tokenId: string): string;
}

/** 32 random bytes in hex: a schedule's `link_secret`. */
export const newLinkSecret = (): string => randomBytes(32).toString('hex');

export function createLinkTokens(signingSecret: string): LinkTokens {
  const key = Buffer.from(
    hkdfSync('sha256', signingSecret, Buffer.alloc(0), 'ai-interviewer/mail-links/v1', 32),
  );
  const derive = (purpose: string, value: string) =>
    createHmac('sha256', key).update(`${purpose}\0${value}`).digest('base64url');
  return {
    joinToken: (linkSecret) => derive('join', linkSecret),
    accountToken: (tokenId) => derive('account', tokenId),
  };
}

/** A join token and its hash: derived when the link's secret is given, else random (as before). */
export function joinTokenFor(
  links: LinkTokens | undefined,
  linkSecret: string | null,
): { token: string; hash: string } {
  const token = links && linkSecret ? links.joinToken(linkSecret) : randomBytes(32).toString('base64url');
  return { token, hash: hashSecret(token) };
}
