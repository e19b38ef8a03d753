import type { Sql } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import { eraseSelfIdentifications } from '../adverse-impact/index.ts';
import {
  type CandidateIdentity,
  deidentifyEvaluation,
  deidentifyReport,
  ERASED,
  erasedEmail,
  identifyingStrings,
  redactJson,
  redactNullable,
  redactText,
} from './redact.ts';
import {
  CARRIES_CANDIDATE,
  DEAD_TOKEN_HASH,
  deliveryArgs,
  LINK_IS_DEAD,
  MAIL_OF_CANDIDATE,
  mailArgs,
} from './their-rows.ts';

/**
 * Erasure in PostgreSQL, in the caller's tenant transaction: the candidate's personal data goes,
 * the rows that the audit trail and billing need stay, de-identified (ids, scores, timestamps).
 * Every step changes only what is not erased yet, so a second run counts zeros, and a run after
 * late writes (a worker that was mid-turn) erases those too. docs/compliance.md has the table.
 */

/** Rows changed (or deleted) per table. */
export interface PostgresErasureCounts {
  candidates: number;
  /** running interviews ended by the erasure */
  interviewsEnded: number;
  /** interviews whose summary or closing words were cleared */
  interviews: number;
  interviewTurns: number;
  /** answers whose text was erased, plus unevaluated ones deleted */
  answers: number;
  evaluations: number;
  reports: number;
  scoreOverrides: number;
  reviewRequests: number;
  selfIdentifications: number;
  schedules: number;
  idempotentResponses: number;
  webhookDeliveries: number;
  webhookAttempts: number;
  /** mail to or about the candidate (invitations, reminders), deleted: its text and address */
  mailMessages: number;
  /** ATS references of their interviews (the ATS's ids for them, its callback URL), cleared */
  atsLinks: number;
}

export interface ErasedRecords {
  counts: PostgresErasureCounts;
  erasedAt: Date;
  /** every interview of the candidate (for the live state and the job queues) */
  interviewIds: string[];
  /** the interviews this erasure ended */
  endedInterviewIds: string[];
  /** the webhook deliveries that carried the candidate's data */
  deliveryIds: string[];
  /** the mail messages deleted (their finished send jobs go too) */
  mailIds: string[];
  /** what identified the candidate, to redact free text the caller stores (an audit reason) */
  redact: (text: string) => string;
}

/** Past any turn: a summariser that read the answers before the erasure can never write its summary. */
const SUMMARY_SEALED = 2_147_483_647;

export async function eraseCandidateRecords(
  sql: Sql,
  tenantId: string,
  candidateId: string,
): Promise<ErasedRecords> {
  const [candidate] = await sql<{
    name: string;
    email: string;
    external_id: string | null;
    erased_at: Date | null;
  }>('select name, email, external_id, erased_at from candidates where id = ? and tenant_id = ? for update', [
    candidateId,
    tenantId,
  ]);
  if (!candidate) throw new AppError('not_found', 'No such candidate');
  const identity: CandidateIdentity = {
    name: candidate.name,
    email: candidate.email,
    externalId: candidate.external_id,
  };
  // once erased, nothing identifying is left to look for (the stand-in email holds the id)
  const needles = candidate.erased_at ? [] : identifyingStrings(identity);
  const args = [candidateId, tenantId];

  // The interview rows first, locked in id order: a worker mid-turn finishes (or waits) before
  // anything is read here, and sees the interview ended afterwards.
  const interviews = await sql<{ id: string }>(
    'select id from interviews where candidate_id = ? and tenant_id = ? order by id for update',
    args,
  );
  const interviewIds = interviews.map((i) => i.id);
  const ended = await sql<{ id: string }>(
    `update interviews set status = 'ended', ended_at = now()
      where candidate_id = ? and tenant_id = ? and status = 'in_progress' returning id`,
    args,
  );

  const counts: PostgresErasureCounts = {
    candidates: 0,
    interviewsEnded: ended.length,
    interviews: await eraseInterviewTexts(sql, args, needles),
    interviewTurns: await redactRows(
      sql,
      `select t.id, t.reply as text from interview_turns t
         join interviews i on i.id = t.interview_id and i.tenant_id = t.tenant_id
        where i.candidate_id = ? and i.tenant_id = ?`,
      args,
      (text) => redactText(text, needles),
      'update interview_turns set reply = ? where id = ? and tenant_id = ?',
      tenantId,
    ),
    answers: await eraseAnswers(sql, args),
    evaluations: await rewriteJson(
      sql,
      `select e.id, e.result as doc from evaluations e
         join interviews i on i.id = e.interview_id and i.tenant_id = e.tenant_id
        where i.candidate_id = ? and i.tenant_id = ?`,
      args,
      deidentifyEvaluation,
      'update evaluations set result = ?::jsonb where id = ? and tenant_id = ?',
      tenantId,
    ),
    reports: await rewriteJson(
      sql,
      `select r.id, r.report as doc from reports r
         join interviews i on i.id = r.interview_id and i.tenant_id = r.tenant_id
        where i.candidate_id = ? and i.tenant_id = ?`,
      args,
      (doc) => deidentifyReport(doc, needles),
      'update reports set report = ?::jsonb where id = ? and tenant_id = ?',
      tenantId,
    ),
    scoreOverrides: await redactRows(
      sql,
      `select o.id, o.reason as text from score_overrides o
         join interviews i on i.id = o.interview_id and i.tenant_id = o.tenant_id
        where i.candidate_id = ? and i.tenant_id = ?`,
      args,
      (text) => redactText(text, needles),
      'update score_overrides set reason = ? where id = ? and tenant_id = ?',
      tenantId,
    ),
    reviewRequests: await eraseReviewRequests(sql, args, needles),
    selfIdentifications: await eraseSelfIdentifications(sql, tenantId, candidateId),
    schedules: (
      await sql(
        `update schedules set token_hash = ${DEAD_TOKEN_HASH},
                status = case when status in ('scheduled', 'started') then 'cancelled' else status end,
                updated_at = now()
          where candidate_id = ? and tenant_id = ? and not ${LINK_IS_DEAD} returning id`,
        args,
      )
    ).length,
    idempotentResponses: (
      await sql(
        `delete from idempotent_responses r using interviews i
          where i.candidate_id = ? and i.tenant_id = ? and r.tenant_id = i.tenant_id
            and r.scope like 'interview:' || i.id::text || ':%'
          returning r.id`,
        args,
      )
    ).length,
    webhookDeliveries: 0,
    webhookAttempts: 0,
    mailMessages: 0,
    atsLinks: await eraseAtsLinks(sql, args),
  };
  // before the candidate's email is replaced: mail sent to their address is theirs too
  const mail = await sql<{ id: string }>(
    `delete from mail_messages m where ${MAIL_OF_CANDIDATE} returning m.id`,
    mailArgs(tenantId, candidateId, identity.email),
  );
  counts.mailMessages = mail.length;

  const deliveries = await eraseDeliveries(sql, tenantId, candidateId, identity.email, needles);
  counts.webhookDeliveries = deliveries.changed;
  counts.webhookAttempts = await eraseAttempts(sql, tenantId, deliveries.ids, needles);

  const [erased] = await sql<{ erased_at: Date }>(
    `update candidates set name = ?, email = ?, external_id = null, erased_at = now()
      where id = ? and tenant_id = ? and erased_at is null returning erased_at`,
    [ERASED, erasedEmail(candidateId), candidateId, tenantId],
  );
  counts.candidates = erased ? 1 : 0;
  return {
    counts,
    erasedAt: new Date(erased?.erased_at ?? candidate.erased_at ?? Date.now()),
    interviewIds,
    endedInterviewIds: ended.map((e) => e.id),
    deliveryIds: deliveries.ids,
    mailIds: mail.map((m) => m.id),
    redact: (text) => redactText(text, needles),
  };
}

type Needles = ReturnType<typeof identifyingStrings>;

/**
 * Each row's text through `rewrite`; rows whose text changes are written back. The row's
 * statement selects `id` and `text`; the update takes (text, id, tenant id).
 */
async function redactRows(
  sql: Sql,
  select: string,
  args: unknown[],
  rewrite: (text: string) => string,
  update: string,
  tenantId: string,
): Promise<number> {
  let changed = 0;
  for (const row of await sql<{ id: string; text: string }>(select, args)) {
    const text = rewrite(row.text);
    if (text === row.text) continue;
    await sql(update, [text, row.id, tenantId]);
    changed++;
  }
  return changed;
}

/** The same for a JSON document (`doc`). */
async function rewriteJson(
  sql: Sql,
  select: string,
  args: unknown[],
  rewrite: (doc: unknown) => unknown,
  update: string,
  tenantId: string,
): Promise<number> {
  let changed = 0;
  for (const row of await sql<{ id: string; doc: unknown }>(select, args)) {
    const doc = JSON.stringify(rewrite(row.doc));
    if (doc === JSON.stringify(row.doc)) continue;
    await sql(update, [doc, row.id, tenantId]);
    changed++;
  }
  return changed;
}

/**
 * The conversation summary (made from the answers) goes, sealed so a late summariser cannot write
 * it again; the closing words, and the AI notice shown (it may greet the candidate by name), lose
 * the candidate's identifiers.
 */
async function eraseInterviewTexts(sql: Sql, args: unknown[], needles: Needles): Promise<number> {
  const rows = await sql<{
    id: string;
    tenant_id: string;
    summary: string | null;
    summary_through_turn: number;
    closing_reply: string | null;
    ai_notice: string | null;
  }>(
    `select id, tenant_id, summary, summary_through_turn, closing_reply, ai_notice from interviews
      where candidate_id = ? and tenant_id = ?`,
    args,
  );
  let changed = 0;
  for (const row of rows) {
    const closing = redactNullable(row.closing_reply, needles);
    const notice = redactNullable(row.ai_notice, needles);
    if (
      row.summary === null &&
      row.summary_through_turn === SUMMARY_SEALED &&
      closing === row.closing_reply &&
      notice === row.ai_notice
    ) {
      continue;
    }
    await sql(
      `update interviews set summary = null, summary_through_turn = ?, closing_reply = ?, ai_notice = ?
        where id = ? and tenant_id = ?`,
      [SUMMARY_SEALED, closing, notice, row.id, row.tenant_id],
    );
    changed++;
  }
  return changed;
}

/**
 * Evaluated answers keep their row (its evaluation points at it) with the text erased; an answer
 * not evaluated yet is deleted, so a worker that read it before the erasure finds no turn to store.
 */
async function eraseAnswers(sql: Sql, args: unknown[]): Promise<number> {
  const deleted = await sql(
    `delete from answers a using interviews i
      where i.id = a.interview_id and i.tenant_id = a.tenant_id and i.candidate_id = ? and i.tenant_id = ?
        and not exists (select 1 from evaluations e where e.answer_id = a.id and e.tenant_id = a.tenant_id)
      returning a.id`,
    args,
  );
  const erased = await sql(
    `update answers a set text = ? from interviews i
      where i.id = a.interview_id and i.tenant_id = a.tenant_id and i.candidate_id = ? and i.tenant_id = ?
        and a.text <> ?
      returning a.id`,
    [ERASED, ...args, ERASED],
  );
  return deleted.length + erased.length;
}

/** The candidate's message goes; the reviewer's note loses the candidate's identifiers. */
async function eraseReviewRequests(sql: Sql, args: unknown[], needles: Needles): Promise<number> {
  const rows = await sql<{
    interview_id: string;
    tenant_id: string;
    message: string | null;
    resolution_note: string | null;
  }>(
    `select r.interview_id, r.tenant_id, r.message, r.resolution_note from review_requests r
       join interviews i on i.id = r.interview_id and i.tenant_id = r.tenant_id
      where i.candidate_id = ? and i.tenant_id = ?`,
    args,
  );
  let changed = 0;
  for (const r of rows) {
    const message = r.message === null ? null : ERASED;
    const note = redactNullable(r.resolution_note, needles);
    if (message === r.message && note === r.resolution_note) continue;
    await sql(
      'update review_requests set message = ?, resolution_note = ? where interview_id = ? and tenant_id = ?',
      [message, note, r.interview_id, r.tenant_id],
    );
    changed++;
  }
  return changed;
}

/**
 * Deliveries that carried the candidate's data: naming the candidate or one of their interviews,
 * or holding their email anywhere. Their payloads lose the candidate's identifiers (ids, scores and
 * event types stay, so a receiver's records still match); a pending one is still sent, de-identified.
 */
async function eraseDeliveries(
  sql: Sql,
  tenantId: string,
  candidateId: string,
  email: string,
  needles: Needles,
): Promise<{ ids: string[]; changed: number }> {
  const rows = await sql<{ id: string; payload: unknown }>(
    `select d.id, d.payload from webhook_deliveries d where ${CARRIES_CANDIDATE} order by d.id`,
    deliveryArgs(tenantId, candidateId, email),
  );
  let changed = 0;
  for (const row of rows) {
    const payload = JSON.stringify(redactJson(row.payload, needles));
    if (payload === JSON.stringify(row.payload)) continue;
    await sql(
      'update webhook_deliveries set payload = ?::jsonb, updated_at = now() where id = ? and tenant_id = ?',
      [payload, row.id, tenantId],
    );
    changed++;
  }
  return { ids: rows.map((r) => r.id), changed };
}

/**
 * The attempts of those deliveries: what the receiver answered (an echo of the payload, maybe)
 * goes; status, timing and the error (without the candidate's identifiers) stay.
 */
async function eraseAttempts(
  sql: Sql,
  tenantId: string,
  deliveryIds: string[],
  needles: Needles,
): Promise<number> {
  if (deliveryIds.length === 0) return 0;
  const rows = await sql<{ id: string; response_body_excerpt: string | null; error: string | null }>(
    `select id, response_body_excerpt, error from webhook_attempts
      where tenant_id = ? and delivery_id in (select jsonb_array_elements_text(?::jsonb))`,
    [tenantId, JSON.stringify(deliveryIds)],
  );
  let changed = 0;
  for (const row of rows) {
    const error = redactNullable(row.error, needles);
    if (row.response_body_excerpt === null && error === row.error) continue;
    await sql(
      'update webhook_attempts set response_body_excerpt = null, error = ? where id = ? and tenant_id = ?',
      [error, row.id, tenantId],
    );
    changed++;
  }
  return changed;
}

/**
 * The ATS's ids for the candidate and Greenhouse's callback URL are cleared (the link stays, so
 * the interview is still known as an ATS's), and nothing more is pushed to the ATS about them.
 */
async function eraseAtsLinks(sql: Sql, args: unknown[]): Promise<number> {
  const links = await sql<{ id: string }>(
    `update ats_links l set application_id = null, candidate_id = null, job_id = null, callback_url = null,
            dedupe_key = 'erased:' || l.id::text, status = 'cancelled'
       from schedules s
      where s.id = l.schedule_id and s.tenant_id = l.tenant_id and s.candidate_id = ? and s.tenant_id = ?
        and l.dedupe_key not like 'erased:%'
      returning l.id`,
    args,
  );
  if (links.length > 0)
    await sql(
      `update ats_pushes set status = 'failed', next_attempt_at = null, last_error = 'the candidate was erased',
              updated_at = now()
        where link_id = any(?::uuid[]) and status = 'pending'`,
      [`{${links.map((l) => l.id).join(',')}}`],
    );
  return links.length;
}
