import type { Sql } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import { CARRIES_CANDIDATE, deliveryArgs, LINK_IS_DEAD, MAIL_OF_CANDIDATE, mailArgs } from './their-rows.ts';

/**
 * Everything the platform holds about one candidate (a data subject access request), read in the
 * caller's tenant transaction: the profile, every interview with its questions, answers,
 * evaluations (with their evidence), report, score overrides, AI notice and review request, the
 * schedules and their links' state, the stored answer responses, the webhook deliveries that
 * carried their data, the mail sent to them (as stored: links hidden), and who looked at or changed their record (the audit log, by kind of actor).
 */

export const EXPORT_FORMAT = 'candidate-export.v1';

export interface ExportedTurn {
  turn: number;
  kind: string;
  phase: string;
  questionId: string;
  /** the question as the bank words it */
  prompt: string;
  /** what the interviewer said */
  reply: string;
  askedAt: string;
  answer: { text: string; at: string } | null;
  evaluation: {
    score: number;
    evaluator: { name: string; version: string };
    rubricId: string;
    at: string;
    /** the whole stored evaluation: criteria with levels, rationales and evidence quotes, flags */
    result: unknown;
  } | null;
}

export interface ExportedInterview {
  id: string;
  status: string;
  role: { id: string; title: string };
  plugin: { id: string; version: string };
  position: { id: string; designVersion: number | null } | null;
  startedAt: string;
  endedAt: string | null;
  /** the user who started or scheduled it (an id; null when a join link started it) */
  createdBy: string | null;
  /** the AI notice shown on the join page before the interview started, when it was */
  aiNotice: { text: string; shownAt: string | null } | null;
  /** the conversation manager's summary of older turns (made from the answers) */
  conversationSummary: string | null;
  closingReply: string | null;
  turns: ExportedTurn[];
  report: {
    overall: number;
    recommendation: string;
    createdAt: string;
    announcedAt: string | null;
    /** the report as stored when the interview finished */
    report: unknown;
  } | null;
  scoreOverrides: {
    id: string;
    competency: string | null;
    originalScore: number;
    score: number;
    reason: string;
    by: string;
    at: string;
  }[];
  reviewRequest: {
    requestedBy: string;
    message: string | null;
    requestedAt: string;
    resolvedAt: string | null;
    resolutionNote: string | null;
  } | null;
  /** whether a self-identification is held for this interview; its answers are not shown to staff */
  selfIdentification: { held: boolean; at: string | null };
}

export interface ExportedSchedule {
  id: string;
  status: string;
  role: { id: string; title: string };
  positionId: string | null;
  scheduledAt: string;
  expiresAt: string;
  interviewId: string | null;
  createdAt: string;
  /** false once erased: the join link's token no longer opens anything */
  linkActive: boolean;
  /** the ATS that asked for this interview, and its ids for the candidate (cleared by erasure) */
  ats: {
    provider: string;
    applicationId: string | null;
    candidateId: string | null;
    jobId: string | null;
  } | null;
}

export interface ExportedDelivery {
  id: string;
  endpoint: { id: string; url: string };
  eventType: string;
  status: string;
  createdAt: string;
  /** what was (or will be) sent, byte for byte the body of each attempt */
  payload: unknown;
  attempts: {
    attempt: number;
    startedAt: string;
    durationMs: number;
    responseStatus: number | null;
    responseBodyExcerpt: string | null;
    error: string | null;
  }[];
}

export interface CandidateExport {
  format: typeof EXPORT_FORMAT;
  exportedAt: string;
  /** who holds the data (the controller): the tenant */
  company: { id: string; name: string };
  candidate: {
    id: string;
    name: string;
    email: string;
    externalId: string | null;
    createdAt: string;
    erasedAt: string | null;
  };
  interviews: ExportedInterview[];
  schedules: ExportedSchedule[];
  /** answer responses kept a day for `Idempotency-Key` replays (they repeat answers and scores) */
  storedResponses: { scope: string; key: string; status: number; createdAt: string; body: unknown }[];
  webhookDeliveries: ExportedDelivery[];
  /** mail to them (invitations, reminders) as stored: a link that opens something is hidden over SMTP */
  mail: {
    id: string;
    kind: string;
    to: string;
    subject: string | null;
    status: string;
    sentAt: string | null;
    createdAt: string;
    text: string | null;
  }[];
  /** audit log entries about the candidate or their interviews (actors by kind only) */
  accessLog: { at: string; action: string; actorKind: string; target: string | null }[];
  notes: string[];
}

const iso = (d: Date | string) => new Date(d).toISOString();
const isoOrNull = (d: Date | string | null | undefined) => (d ? iso(d) : null);

const NOTES = [
  'Consent: no separate consent record is stored. A candidate who joins by link is shown the AI notice ' +
    '(interviews[].aiNotice, with when) before starting; the interviewer also states it in its first message (turn 1 reply).',
  'Self-identification answers (sex, race/ethnicity), when given, are kept apart from hiring decisions and are not shown in staff exports; erasure deletes them.',
  'Scores are produced by the evaluator named on each evaluation; recruiters may override them with a reason (scoreOverrides).',
];

/** Read everything held about the candidate; another tenant's (or no) candidate is not found. */
export async function exportCandidate(
  sql: Sql,
  tenantId: string,
  candidateId: string,
): Promise<CandidateExport> {
  const args = [candidateId, tenantId];
  const [candidate] = await sql<{
    id: string;
    name: string;
    email: string;
    external_id: string | null;
    created_at: Date;
    erased_at: Date | null;
  }>(
    'select id, name, email, external_id, created_at, erased_at from candidates where id = ? and tenant_id = ?',
    args,
  );
  if (!candidate) throw new AppError('not_found', 'No such candidate');
  const [company] = await sql<{ id: string; name: string }>(
    'select id, coalesce(display_name, name) as name from tenants where id = ?',
    [tenantId],
  );

  const interviews = await readInterviews(sql, args);
  const schedules = await sql<{
    id: string;
    status: string;
    role_id: string;
    role_title: string;
    position_id: string | null;
    scheduled_at: Date;
    expires_at: Date;
    interview_id: string | null;
    created_at: Date;
    erased: boolean;
    ats_provider: string | null;
    ats_application_id: string | null;
    ats_candidate_id: string | null;
    ats_job_id: string | null;
  }>(
    `select s.id, s.status, s.role_id, s.role_title, s.position_id, s.scheduled_at, s.expires_at, s.interview_id,
            s.created_at, ${LINK_IS_DEAD.replaceAll('token_hash', 's.token_hash')} as erased,
            c.provider as ats_provider, l.application_id as ats_application_id, l.candidate_id as ats_candidate_id,
            l.job_id as ats_job_id
       from schedules s
       left join ats_links l on l.schedule_id = s.id and l.tenant_id = s.tenant_id
       left join ats_connections c on c.id = l.connection_id and c.tenant_id = l.tenant_id
      where s.candidate_id = ? and s.tenant_id = ? order by s.id`,
    args,
  );
  const storedResponses = await sql<{
    scope: string;
    key: string;
    status: number;
    created_at: Date;
    body: unknown;
  }>(
    `select r.scope, r.key, r.status, r.created_at, r.body from idempotent_responses r
       join interviews i on r.scope like 'interview:' || i.id::text || ':%' and i.tenant_id = r.tenant_id
      where i.candidate_id = ? and i.tenant_id = ? order by r.id`,
    args,
  );
  const interviewIds = interviews.map((i) => i.id);
  const accessLog = await sql<{
    created_at: Date;
    action: string;
    actor_kind: string;
    target: string | null;
  }>(
    `select created_at, action, actor_kind, target from audit_events
      where tenant_id = ? and target in (select jsonb_array_elements_text(?::jsonb)) order by id`,
    [tenantId, JSON.stringify([candidateId, ...interviewIds])],
  );

  return {
    format: EXPORT_FORMAT,
    exportedAt: new Date().toISOString(),
    company: { id: company!.id, name: company!.name },
    candidate: {
      id: candidate.id,
      name: candidate.name,
      email: candidate.email,
      externalId: candidate.external_id,
      createdAt: iso(candidate.created_at),
      erasedAt: isoOrNull(candidate.erased_at),
    },
    interviews,
    schedules: schedules.map((s) => ({
      id: s.id,
      status: s.status,
      role: { id: s.role_id, title: s.role_title },
      positionId: s.position_id,
      scheduledAt: iso(s.scheduled_at),
      expiresAt: iso(s.expires_at),
      interviewId: s.interview_id,
      createdAt: iso(s.created_at),
      linkActive: !s.erased && s.status !== 'cancelled' && s.status !== 'completed',
      ats: s.ats_provider
        ? {
            provider: s.ats_provider,
            applicationId: s.ats_application_id,
            candidateId: s.ats_candidate_id,
            jobId: s.ats_job_id,
          }
        : null,
    })),
    storedResponses: storedResponses.map((r) => ({
      scope: r.scope,
      key: r.key,
      status: r.status,
      createdAt: iso(r.created_at),
      body: r.body,
    })),
    webhookDeliveries: await readDeliveries(sql, tenantId, candidateId, candidate.email),
    mail: (
      await sql<{
        id: string;
        kind: string;
        to_address: string;
        subject: string | null;
        status: string;
        sent_at: Date | null;
        created_at: Date;
        text_body: string | null;
      }>(
        `select m.id, m.kind, m.to_address, m.subject, m.status, m.sent_at, m.created_at, m.text_body
           from mail_messages m where ${MAIL_OF_CANDIDATE} order by m.id`,
        mailArgs(tenantId, candidateId, candidate.email),
      )
    ).map((m) => ({
      id: m.id,
      kind: m.kind,
      to: m.to_address,
      subject: m.subject,
      status: m.status,
      sentAt: isoOrNull(m.sent_at),
      createdAt: iso(m.created_at),
      text: m.text_body,
    })),
    accessLog: accessLog.map((a) => ({
      at: iso(a.created_at),
      action: a.action,
      actorKind: a.actor_kind,
      target: a.target,
    })),
    notes: NOTES,
  };
}

async function readInterviews(sql: Sql, args: unknown[]): Promise<ExportedInterview[]> {
  const rows = await sql<{
    id: string;
    status: string;
    role_id: string;
    role_title: string;
    plugin_id: string;
    plugin_version: string;
    position_id: string | null;
    position_version: number | null;
    started_at: Date;
    ended_at: Date | null;
    created_by: string | null;
    ai_notice: string | null;
    ai_notice_shown_at: Date | null;
    summary: string | null;
    closing_reply: string | null;
  }>(
    `select id, status, role_id, role_title, plugin_id, plugin_version, position_id, position_version,
            started_at, ended_at, created_by, ai_notice, ai_notice_shown_at, summary, closing_reply
       from interviews where candidate_id = ? and tenant_id = ? order by id`,
    args,
  );
  const turns = await sql<{
    interview_id: string;
    turn: number;
    kind: string;
    phase: string;
    question_id: string;
    prompt: string;
    reply: string;
    asked_at: Date;
    answer: string | null;
    answered_at: Date | null;
    score: number | null;
    evaluator_name: string | null;
    evaluator_version: string | null;
    rubric_id: string | null;
    evaluated_at: Date | null;
    result: unknown;
  }>(
    `select t.interview_id, t.turn, t.kind, t.phase, t.question_id, t.prompt, t.reply, t.asked_at,
            a.text as answer, a.created_at as answered_at,
            e.score, e.evaluator_name, e.evaluator_version, e.rubric_id, e.created_at as evaluated_at, e.result
       from interview_turns t
       join interviews i on i.id = t.interview_id and i.tenant_id = t.tenant_id
       left join answers a on a.interview_id = t.interview_id and a.turn = t.turn and a.tenant_id = t.tenant_id
       left join evaluations e on e.interview_id = t.interview_id and e.turn = t.turn and e.tenant_id = t.tenant_id
      where i.candidate_id = ? and i.tenant_id = ?
      order by t.interview_id, t.turn`,
    args,
  );
  const reports = await sql<{
    interview_id: string;
    overall: number;
    recommendation: string;
    created_at: Date;
    announced_at: Date | null;
    report: unknown;
  }>(
    `select r.interview_id, r.overall, r.recommendation, r.created_at, r.announced_at, r.report from reports r
       join interviews i on i.id = r.interview_id and i.tenant_id = r.tenant_id
      where i.candidate_id = ? and i.tenant_id = ?`,
    args,
  );
  const overrides = await sql<{
    id: string;
    interview_id: string;
    competency: string | null;
    original_score: number;
    score: number;
    reason: string;
    created_by_label: string;
    created_at: Date;
  }>(
    `select o.id, o.interview_id, o.competency, o.original_score, o.score, o.reason, o.created_by_label, o.created_at
       from score_overrides o
       join interviews i on i.id = o.interview_id and i.tenant_id = o.tenant_id
      where i.candidate_id = ? and i.tenant_id = ? order by o.id`,
    args,
  );
  const reviews = await sql<{
    interview_id: string;
    requested_by: string;
    message: string | null;
    requested_at: Date;
    resolved_at: Date | null;
    resolution_note: string | null;
  }>(
    `select r.interview_id, r.requested_by, r.message, r.requested_at, r.resolved_at, r.resolution_note
       from review_requests r
       join interviews i on i.id = r.interview_id and i.tenant_id = r.tenant_id
      where i.candidate_id = ? and i.tenant_id = ?`,
    args,
  );
  const selfIds = await sql<{ interview_id: string; created_at: Date }>(
    `select s.interview_id, s.created_at from self_identifications s
       join interviews i on i.id = s.interview_id and i.tenant_id = s.tenant_id
      where i.candidate_id = ? and i.tenant_id = ?`,
    args,
  );

  return rows.map((row) => {
    const { id } = row;
    const report = reports.find((r) => r.interview_id === id);
    const review = reviews.find((r) => r.interview_id === id);
    const selfId = selfIds.find((s) => s.interview_id === id);
    return {
      id,
      status: row.status,
      role: { id: row.role_id, title: row.role_title },
      plugin: { id: row.plugin_id, version: row.plugin_version },
      position: row.position_id ? { id: row.position_id, designVersion: row.position_version } : null,
      startedAt: iso(row.started_at),
      endedAt: isoOrNull(row.ended_at),
      createdBy: row.created_by,
      aiNotice: row.ai_notice ? { text: row.ai_notice, shownAt: isoOrNull(row.ai_notice_shown_at) } : null,
      conversationSummary: row.summary,
      closingReply: row.closing_reply,
      turns: turns
        .filter((t) => t.interview_id === id)
        .map((t) => ({
          turn: t.turn,
          kind: t.kind,
          phase: t.phase,
          questionId: t.question_id,
          prompt: t.prompt,
          reply: t.reply,
          askedAt: iso(t.asked_at),
          answer: t.answer === null ? null : { text: t.answer, at: iso(t.answered_at!) },
          evaluation:
            t.score === null
              ? null
              : {
                  score: t.score,
                  evaluator: { name: t.evaluator_name!, version: t.evaluator_version! },
                  rubricId: t.rubric_id!,
                  at: iso(t.evaluated_at!),
                  result: t.result,
                },
        })),
      report: report
        ? {
            overall: report.overall,
            recommendation: report.recommendation,
            createdAt: iso(report.created_at),
            announcedAt: isoOrNull(report.announced_at),
            report: report.report,
          }
        : null,
      scoreOverrides: overrides
        .filter((o) => o.interview_id === id)
        .map((o) => ({
          id: o.id,
          competency: o.competency,
          originalScore: o.original_score,
          score: o.score,
          reason: o.reason,
          by: o.created_by_label,
          at: iso(o.created_at),
        })),
      reviewRequest: review
        ? {
            requestedBy: review.requested_by,
            message: review.message,
            requestedAt: iso(review.requested_at),
            resolvedAt: isoOrNull(review.resolved_at),
            resolutionNote: review.resolution_note,
          }
        : null,
      selfIdentification: { held: selfId !== undefined, at: isoOrNull(selfId?.created_at) },
    };
  });
}

/** The deliveries that carried the candidate's data (as erasure finds them), with every attempt. */
async function readDeliveries(
  sql: Sql,
  tenantId: string,
  candidateId: string,
  email: string,
): Promise<ExportedDelivery[]> {
  const deliveries = await sql<{
    id: string;
    endpoint_id: string;
    url: string;
    event_type: string;
    status: string;
    created_at: Date;
    payload: unknown;
  }>(
    `select d.id, d.endpoint_id, w.url, d.event_type, d.status, d.created_at, d.payload
       from webhook_deliveries d
       join webhook_endpoints w on w.id = d.endpoint_id and w.tenant_id = d.tenant_id
      where ${CARRIES_CANDIDATE}
      order by d.id`,
    deliveryArgs(tenantId, candidateId, email),
  );
  if (deliveries.length === 0) return [];
  const attempts = await sql<{
    delivery_id: string;
    attempt: number;
    started_at: Date;
    duration_ms: number;
    response_status: number | null;
    response_body_excerpt: string | null;
    error: string | null;
  }>(
    `select delivery_id, attempt, started_at, duration_ms, response_status, response_body_excerpt, error
       from webhook_attempts
      where tenant_id = ? and delivery_id in (select jsonb_array_elements_text(?::jsonb))
      order by delivery_id, attempt`,
    [tenantId, JSON.stringify(deliveries.map((d) => d.id))],
  );
  return deliveries.map((d) => ({
    id: d.id,
    endpoint: { id: d.endpoint_id, url: d.url },
    eventType: d.event_type,
    status: d.status,
    createdAt: iso(d.created_at),
    payload: d.payload,
    attempts: attempts
      .filter((a) => a.delivery_id === d.id)
      .map((a) => ({
        attempt: a.attempt,
        startedAt: iso(a.started_at),
        durationMs: a.duration_ms,
        responseStatus: a.response_status,
        responseBodyExcerpt: a.response_body_excerpt,
        error: a.error,
      })),
  }));
}

/** What an export holds, in numbers (for the audit log: never the data itself). */
export function exportCounts(e: CandidateExport): Record<string, number> {
  const turns = e.interviews.flatMap((i) => i.turns);
  return {
    interviews: e.interviews.length,
    answers: turns.filter((t) => t.answer).length,
    evaluations: turns.filter((t) => t.evaluation).length,
    reports: e.interviews.filter((i) => i.report).length,
    schedules: e.schedules.length,
    webhookDeliveries: e.webhookDeliveries.length,
    mail: e.mail.length,
  };
}
