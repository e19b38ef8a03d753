import { z } from 'zod';
import { emSql, type Orm, withTenant } from '../db/index.ts';
import { defineJob, type JobContext, type JobQueue, type JobWorker } from '../jobs/index.ts';
import type { Logger } from '../observability/index.ts';
import { type Composition, composeMail, type MessageRow, messageIdOf, storedCopy } from './compose.ts';
import type { MailRuntime } from './runtime.ts';
import { MailSendError } from './transport.ts';

/**
 * Send one stored message. Jobs carry ids only. At least once, made once by the row: a run claims
 * the message (queued and due, or a claim whose worker died: its lease is over), sends it outside
 * any transaction, and records the outcome; a second run finds it sent and does nothing. A failed
 * send is retried with backoff (the runner's retry, and `send_after` so the sweeper agrees) until
 * the attempts are used up, then the message is failed; a 5xx refusal fails it at once.
 */
export const sendMailJob = defineJob({
  name: 'mail.send',
  queue: 'mail',
  schema: z.object({ tenantId: z.uuid(), messageId: z.uuid() }).strict(),
  retry: { attempts: 6, backoffMs: 10_000 },
});

export type SendMailPayload = z.infer<typeof sendMailJob.schema>;

/** One job per message and due time: a reminder moved by a reschedule gets a job of its own. */
export const sendMailJobId = (messageId: string, sendAfter: Date) =>
  `mail:${messageId}:${sendAfter.getTime()}`;

/**
 * The longest delay a job is given (a timer's limit, about 24 days): a message due later runs
 * early, finds it is not due, and is sent by the mail sweeper once it is.
 */
export const MAX_MAIL_DELAY_MS = 2_147_483_647;

/** How long a claim holds its message: a send may take the transport's timeouts (about 50 s). */
const LEASE_MS = 90_000;

export interface MailJobDeps {
  orm: Orm;
  jobs: JobQueue;
  mail: MailRuntime;
  logger?: Logger | undefined;
}

type Claim = { row: MessageRow; attempts: number; composed: Composition };

export async function handleSendMail(
  deps: MailJobDeps,
  payload: SendMailPayload,
  _ctx?: JobContext,
): Promise<void> {
  const { orm, mail } = deps;
  const { tenantId, messageId } = payload;
  const log = deps.logger?.child({ tenantId, messageId });

  let later: Date | undefined;
  const claim = await withTenant(orm, tenantId, async (em): Promise<Claim | undefined> => {
    const sql = emSql(em);
    const [row] = await sql<MessageRow & { attempts: number }>(
      `update mail_messages set status = 'sending', attempts = attempts + 1, lease_until = ?, updated_at = now()
        where id = ? and tenant_id = ?
          and ((status = 'queued' and send_after <= now() + interval '1 second')
               or (status = 'sending' and lease_until < now()))
        returning id, tenant_id, kind, to_address, schedule_id, candidate_id, user_id, account_token_id, data, attempts`,
      [new Date(Date.now() + LEASE_MS), messageId, tenantId],
    );
    if (!row) {
      // not due yet (a reminder moved later, a retry's backoff): make sure a job comes back then
      const [waiting] = await sql<{ send_after: Date }>(
        `select send_after from mail_messages where id = ? and tenant_id = ? and status = 'queued'`,
        [messageId, tenantId],
      );
      if (waiting) later = new Date(waiting.send_after);
      return undefined;
    }
    const composed = await composeMail(sql, row, mail);
    if ('cancel' in composed || 'fail' in composed || 'notBefore' in composed) {
      const outcome =
        'cancel' in composed
          ? { status: 'cancelled', error: composed.cancel }
          : 'fail' in composed
            ? { status: 'failed', error: composed.fail }
            : { status: 'queued', error: null };
      // a message waiting for its time gives back the attempt it did not make
      await sql(
        `update mail_messages set status = ?, last_error = ?, lease_until = null,
                attempts = attempts - ?, send_after = coalesce(?, send_after),
                failed_at = case when ? = 'failed' then now() else failed_at end, updated_at = now()
          where id = ? and tenant_id = ?`,
        [
          outcome.status,
          outcome.error,
          'notBefore' in composed ? 1 : 0,
          'notBefore' in composed ? composed.notBefore : null,
          outcome.status,
          messageId,
          tenantId,
        ],
      );
      if ('notBefore' in composed) later = composed.notBefore;
      return undefined;
    }
    return { row, attempts: row.attempts, composed };
  });
  if (later) {
    await deps.jobs.enqueue(sendMailJob, payload, {
      jobId: sendMailJobId(messageId, later),
      delayMs: Math.min(MAX_MAIL_DELAY_MS, Math.max(0, later.getTime() - Date.now())),
    });
  }
  if (!claim || !('send' in claim.composed)) return;

  const { send: message, secrets } = claim.composed;
  message.messageId = messageIdOf(messageId, mail.from);
  message.headers = {
    ...message.headers,
    'Auto-Submitted': 'auto-generated',
    'X-Auto-Response-Suppress': 'All',
  };
  const copy = storedCopy(message, secrets, mail.transport.kind);

  let error: MailSendError | undefined;
  let response = '';
  try {
    response = (await mail.transport.send(message)).response;
  } catch (err) {
    error = err instanceof MailSendError ? err : new MailSendError(String(err), false);
  }

  const final = !error || error.permanent || claim.attempts >= sendMailJob.retry.attempts;
  const retryInMs = sendMailJob.retry.backoffMs * 2 ** (claim.attempts - 1);
  await withTenant(orm, tenantId, async (em) => {
    // only this claim's outcome: a later claim (this one outlived its lease) records its own
    await emSql(em)(
      `update mail_messages
          set status = ?, transport = ?, subject = ?, text_body = ?, html_body = ?, last_error = ?,
              lease_until = null, updated_at = now(),
              sent_at = case when ? then now() else sent_at end,
              failed_at = case when ? then now() else failed_at end,
              send_after = case when ? then ? else send_after end,
              smtp_message_id = ?
        where id = ? and tenant_id = ? and status = 'sending' and attempts = ?`,
      [
        !error ? 'sent' : final ? 'failed' : 'queued',
        mail.transport.kind,
        copy.subject,
        copy.text,
        copy.html,
        error ? error.message.slice(0, 1000) : null,
        !error,
        Boolean(error && final),
        Boolean(error && !final),
        new Date(Date.now() + retryInMs),
        message.messageId,
        messageId,
        tenantId,
        claim.attempts,
      ],
    );
  });
  log?.info(
    {
      kind: claim.row.kind,
      transport: mail.transport.kind,
      attempt: claim.attempts,
      response,
      error: error?.message,
    },
    error ? (final ? 'mail failed' : 'mail send failed; retrying') : 'mail sent',
  );
  if (!error && mail.transport.kind === 'outbox' && claim.row.kind === 'password_reset')
    // the outbox never shows a reset link (another admin could use it); without SMTP the operator
    // of the installation finds it here
    log?.warn({ to: message.to.address, text: message.text }, 'password reset link (no SMTP_URL: not sent)');
  if (error && !final) {
    // the runner retries with its backoff; the row's send_after says the same to the sweeper
    throw error;
  }
}

/** Register the mail job on a worker (the worker process, or the embedded default). */
export function registerMailJobs(worker: JobWorker, deps: MailJobDeps): void {
  worker.register(sendMailJob, (payload, ctx) => handleSendMail(deps, payload, ctx));
}
