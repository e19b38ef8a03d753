import { createLinkTokens, type LinkTokens } from '../auth/index.ts';
import type { Config } from '../config/index.ts';
import { type MailAddress, parseMailbox } from './message.ts';
import { type MailTransport, outboxTransport, smtpTransport } from './transport.ts';

/** What the mail path needs in every process that enqueues or sends mail. */
export interface MailRuntime {
  transport: MailTransport;
  /** makes the links mail carries again, when it is sent */
  links: LinkTokens;
  /** the sender: MAIL_FROM, or no-reply at the public host in the outbox */
  from: MailAddress;
  /** hours before a link's expiry that its reminder goes (0: no reminders) */
  reminderHours: number;
  /** the public base URL: links in mail */
  baseUrl: string;
  passwordResetRateLimit: number;
}

/** SMTP when SMTP_URL is set, else the outbox; one per process. */
export function mailRuntime(config: Config, signingSecret: string): MailRuntime {
  const baseUrl = config.publicUrl ?? `http://localhost:${config.port}`;
  const host = new URL(baseUrl).hostname || 'localhost';
  return {
    transport: config.mail.smtpUrl ? smtpTransport(config.mail.smtpUrl) : outboxTransport(),
    links: createLinkTokens(signingSecret),
    from: config.mail.from ? parseMailbox(config.mail.from) : { address: `no-reply@${host}` },
    reminderHours: config.mail.reminderHours,
    baseUrl: baseUrl.replace(/\/+$/, ''),
    passwordResetRateLimit: config.mail.passwordResetRateLimit,
  };
}
