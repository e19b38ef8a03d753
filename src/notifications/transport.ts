import nodemailer from 'nodemailer';
import type { MailMessage } from './message.ts';

/**
 * Where a composed message goes. `outbox`: nowhere else: the stored row is the delivery (the
 * embedded default, so the flow works with nothing configured; the dashboard's Mail page shows
 * it). `smtp`: a real SMTP server (nodemailer), from SMTP_URL.
 */
export interface MailTransport {
  kind: 'outbox' | 'smtp';
  send(message: MailMessage): Promise<{ response: string }>;
  close(): void;
}

/** A failed send: `permanent` when the server refused the message for good (a 5xx reply). */
export class MailSendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'MailSendError';
  }
}

export const outboxTransport = (): MailTransport => ({
  kind: 'outbox',
  send: async () => ({ response: 'stored in the outbox' }),
  close() {},
});

/** SMTP through nodemailer: one connection per message (no pool to leak), bounded by timeouts. */
export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport({
    url,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    kind: 'smtp',
    async send(message) {
      try {
        const info = await transporter.sendMail({
          from: message.from,
          to: message.to,
          replyTo: message.replyTo,
          subject: message.subject,
          text: message.text,
          html: message.html,
          messageId: message.messageId,
          headers: message.headers,
          // no remote content fetched, no file or URL attachments: only what is given here
          disableFileAccess: true,
          disableUrlAccess: true,
        });
        return { response: String(info.response ?? '').slice(0, 300) };
      } catch (err) {
        const e = err as { responseCode?: number; message?: string };
        const code = e.responseCode;
        throw new MailSendError(
          (e.message ?? String(err)).slice(0, 900),
          typeof code === 'number' && code >= 500 && code < 600,
        );
      }
    },
    close() {
      transporter.close();
    },
  };
}
