import type { Sql } from '../db/index.ts';
import { composeAccountMail } from './compose-account.ts';
import { composeScheduleMail } from './compose-schedule.ts';
import type { MailKind } from './kinds.ts';
import type { MailMessage } from './message.ts';
import type { MailRuntime } from './runtime.ts';

/** A stored message as its composer reads it. */
export interface MessageRow {
  id: string;
  tenant_id: string;
  kind: MailKind;
  to_address: string;
  schedule_id: string | null;
  candidate_id: string | null;
  user_id: string | null;
  account_token_id: string | null;
  data: Record<string, unknown>;
}

/** A string of the message that the stored copy must not keep (a link that opens something). */
export interface Secret {
  value: string;
  /** in outbox mode the stored copy is the delivery: a candidate's join link stays readable there */
  visibleInOutbox: boolean;
}

/** What composing a stored message gives: the message, or why it is not sent (now or ever). */
export type Composition =
  | { send: MailMessage; secrets: Secret[] }
  | { cancel: string }
  | { fail: string }
  | { notBefore: Date };

/** Compose a stored message from the rows it names, as they are now (read in one tenant transaction). */
export function composeMail(sql: Sql, row: MessageRow, mail: MailRuntime): Promise<Composition> {
  switch (row.kind) {
    case 'invitation':
    case 'reminder':
      return composeScheduleMail(sql, row, mail);
    default:
      return composeAccountMail(sql, row, mail);
  }
}

/** The stored copy of a message: each secret masked (all of them over SMTP). */
export function storedCopy(
  message: MailMessage,
  secrets: readonly Secret[],
  transport: 'outbox' | 'smtp',
): { subject: string; text: string; html: string } {
  const mask = (s: string) => {
    let out = s;
    for (const secret of secrets) {
      if (transport === 'outbox' && secret.visibleInOutbox) continue;
      out = out.replaceAll(secret.value, '[link hidden]');
    }
    return out;
  };
  return { subject: mask(message.subject), text: mask(message.text), html: mask(message.html) };
}

/** The Message-ID of a stored message: the same on every attempt, at the sender's domain. */
export const messageIdOf = (id: string, from: { address: string }) =>
  `<${id}@${from.address.split('@')[1] ?? 'localhost'}>`;
