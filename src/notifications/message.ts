/**
 * One email as the platform sends it: who to, from whom, the subject, a plain-text and an HTML
 * part, and the headers that make it identifiable (a stable Message-ID per stored message, so a
 * receiving server can drop a copy sent twice after a crash). Composed from stored data when it is
 * sent; never carries anything but what its recipient may read.
 */
export interface MailMessage {
  to: MailAddress;
  from: MailAddress;
  replyTo?: MailAddress | undefined;
  subject: string;
  text: string;
  html: string;
  /** `<…@…>`, the same on every attempt of one stored message */
  messageId: string;
  headers: Record<string, string>;
}

export interface MailAddress {
  address: string;
  name?: string | undefined;
}

/** A display name without anything that could break a header (line breaks, angle brackets, quotes). */
export const headerSafe = (name: string): string =>
  name
    .replace(/[\r\n\t"<>\\]+/g, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim()
    .slice(0, 120);

/** `MAIL_FROM` as an address and, when it has one, its display name. */
export function parseMailbox(value: string): MailAddress {
  const m = /^\s*([^<]*?)\s*<([^>]+)>\s*$/.exec(value);
  if (m) return { address: m[2]!.trim(), name: m[1] ? m[1].replace(/^"|"$/g, '') : undefined };
  return { address: value.trim() };
}

/** `"Name" <address>` for display (the outbox), the way a mail client shows it. */
export const formatMailbox = (a: MailAddress): string =>
  a.name ? `"${headerSafe(a.name)}" <${a.address}>` : a.address;
