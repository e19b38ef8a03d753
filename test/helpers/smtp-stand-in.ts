import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One message as the SMTP server received it: the envelope, the raw source and its parsed form. */
export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  parsed: ParsedMail;
  /** the parsed text part */
  text: string;
  /** the parsed HTML part */
  html: string;
  subject: string;
  header: (name: string) => string | undefined;
}

export interface SmtpStandIn {
  url: string;
  received: ReceivedMail[];
  /** refuse messages to this recipient with this reply (e.g. 550), `times` times (default: always) */
  refuse(recipient: string, code: number, message?: string, times?: number): void;
  /** the messages to `address`, waiting up to `ms` for at least `count` */
  waitFor(address: string, count?: number, ms?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

/**
 * A real SMTP server on 127.0.0.1 (the `smtp-server` package), no TLS, no auth: what a test sends
 * to through SMTP_URL=smtp://127.0.0.1:<port>. Every message is kept with its parsed form.
 */
export async function startSmtpStandIn(): Promise<SmtpStandIn> {
  const received: ReceivedMail[] = [];
  const refusals = new Map<string, { code: number; message: string; left: number }>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const refusal = refusals.get(address.address.toLowerCase());
      if (refusal && refusal.left > 0) {
        refusal.left -= 1;
        const err = Object.assign(new Error(refusal.message), { responseCode: refusal.code });
        callback(err);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw).then(
          (parsed) => {
            received.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
              raw,
              parsed,
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              subject: parsed.subject ?? '',
              header: (name) => {
                const v = parsed.headers.get(name.toLowerCase());
                if (v === undefined) return undefined;
                if (typeof v === 'string') return v;
                if (v instanceof Date) return v.toISOString();
                if (typeof v === 'object' && v && 'text' in v) return String((v as { text: string }).text);
                return String(v);
              },
            });
            callback();
          },
          (err: Error) => callback(err),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuse(recipient, code, message = 'Mailbox unavailable', times = Number.POSITIVE_INFINITY) {
      refusals.set(recipient.toLowerCase(), { code, message, left: times });
    },
    async waitFor(address, count = 1, ms = 15_000) {
      const until = Date.now() + ms;
      for (;;) {
        const mine = received.filter((m) => m.to.includes(address.toLowerCase()));
        if (mine.length >= count) return mine;
        if (Date.now() > until)
          throw new Error(`timed out waiting for ${count} message(s) to ${address} (got ${mine.length})`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
