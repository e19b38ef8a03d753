import { LockMode } from '@mikro-orm/core';
import { hashSecret, type TokenService } from '../auth/index.ts';
import {
  emSql,
  Interview,
  type Orm,
  Schedule,
  Tenant,
  type TenantEm,
  withoutTenant,
  withTenant,
} from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import {
  afterCreate,
  candidateStateView,
  createInterview,
  getInterviewState,
  type InterviewDeps,
  readTranscript,
  type StateView,
} from '../interview/index.ts';
import { loadManifest } from '../plugins/index.ts';
import { effectiveStatus, type ScheduleStatus } from './schedules.ts';

export interface JoinBranding {
  displayName: string;
  logoUrl: string | null;
  primaryColor: string | null;
  welcomeMessage: string | null;
}

export interface JoinView {
  status: ScheduleStatus;
  role: { title: string };
  scheduledAt: string;
  expiresAt: string;
  branding: JoinBranding;
  aiNotice: string;
  interviewId: string | null;
}

/** What every candidate is told before consenting, in the tenant's name. */
export function aiNotice(company: string): string {
  return (
    `This interview is conducted by an AI interviewer on behalf of ${company}. It asks questions, ` +
    'adapts to your answers and scores each answer against the same criteria used for every candidate. ' +
    `People at ${company} review the results and make every decision. Your answers are stored securely ` +
    `and used only for this hiring process; you can ask ${company} to see or delete them.`
  );
}

const branding = (t: Tenant): JoinBranding => ({
  displayName: t.displayName ?? t.name,
  logoUrl: t.logoUrl,
  primaryColor: t.primaryColor,
  welcomeMessage: t.welcomeMessage,
});

/** The link's tenant and schedule, found by the token's hash before any tenant is known. */
async function resolveLink(orm: Orm, token: string): Promise<{ tenantId: string; scheduleId: string }> {
  const rows = await withoutTenant(orm, (em) =>
    em.execute<{ tenant_id: string; schedule_id: string }[]>('select * from join_link_tenant(?)', [
      hashSecret(token),
    ]),
  );
  const row = rows[0];
  if (!row) throw new AppError('not_found', 'This link is not valid');
  return { tenantId: row.tenant_id, scheduleId: row.schedule_id };
}

function assertUsable(schedule: Schedule, tenant: Tenant): void {
  const status = effectiveStatus(schedule);
  if (status === 'expired' || status === 'cancelled') {
    const detail = status === 'expired' ? 'This interview link has expired' : 'This interview was cancelled';
    throw new AppError('link_gone', detail, { linkStatus: status, branding: branding(tenant) });
  }
}

/**
 * A link to a position's interview that has not started is gone once the position is closed (the
 * candidate gets a clear page, never a broken interview); else the position's own AI notice, if
 * its design has one.
 */
async function positionNotice(em: TenantEm, schedule: Schedule, tenant: Tenant): Promise<string | null> {
  if (!schedule.positionId) return null;
  const sql = emSql(em);
  const [position] = await sql<{ status: string; plugin_id: string; plugin_version: string }>(
    'select status, plugin_id, plugin_version from positions where id = ?',
    [schedule.positionId],
  );
  if (!position) return null;
  if (position.status !== 'open' && !schedule.interviewId)
    throw new AppError('link_gone', 'This position is no longer open', {
      linkStatus: 'closed',
      branding: branding(tenant),
    });
  const manifest = await loadManifest(sql, position.plugin_id, position.plugin_version);
  return manifest.interview?.aiNotice ?? null;
}

/** The join page's data: role, time, the tenant's branding and the AI notice. */
export async function describeJoinLink(orm: Orm, token: string): Promise<JoinView> {
  const { tenantId, scheduleId } = await resolveLink(orm, token);
  return withTenant(orm, tenantId, async (em) => {
    const schedule = await em.findOneOrFail(Schedule, { id: scheduleId });
    const tenant = await em.findOneOrFail(Tenant, { id: tenantId });
    assertUsable(schedule, tenant);
    const notice = await positionNotice(em, schedule, tenant);
    return {
      status: effectiveStatus(schedule),
      role: { title: schedule.roleTitle },
      scheduledAt: schedule.scheduledAt.toISOString(),
      expiresAt: schedule.expiresAt.toISOString(),
      branding: branding(tenant),
      aiNotice: notice ?? aiNotice(branding(tenant).displayName),
      interviewId: schedule.interviewId,
    };
  });
}

export interface JoinStart {
  interviewId: string;
  /** the interviewer's message for the current turn (the greeting and first question on a new start) */
  firstReply: string;
  /**
   * The conversation so far as the candidate saw it, oldest first: the interviewer's messages and
   * the candidate's answers (never a score), so a resume on another device shows all of it; after
   * the interview, only the closing.
   */
  conversation: ConversationMessage[];
  candidateToken: string;
  state: StateView;
}

export interface ConversationMessage {
  from: 'interviewer' | 'candidate';
  text: string;
}

/**
 * Every turn's message and its answer while the interview runs. Once it is over, only the closing:
 * whoever holds the link then has no use for the transcript, so it is not handed out.
 */
async function conversationOf(em: TenantEm, interview: Interview): Promise<ConversationMessage[]> {
  if (interview.status !== 'in_progress') {
    return interview.closingReply ? [{ from: 'interviewer', text: interview.closingReply }] : [];
  }
  const messages: ConversationMessage[] = [];
  for (const t of await readTranscript(emSql(em), interview, { evaluations: 'none' })) {
    messages.push({ from: 'interviewer', text: t.reply });
    if (t.answer !== null) messages.push({ from: 'candidate', text: t.answer });
  }
  return messages;
}

/**
 * The candidate starts (or, on a link already used, resumes) the interview. The schedule row is
 * locked, so two tabs starting at once get the same interview. The candidate token it returns
 * authorises only this interview.
 */
export async function startFromJoinLink(
  deps: InterviewDeps,
  tokens: TokenService,
  token: string,
): Promise<JoinStart> {
  const { tenantId, scheduleId } = await resolveLink(deps.orm, token);
  const outcome = await withTenant(deps.orm, tenantId, async (em) => {
    const schedule = await em.findOneOrFail(
      Schedule,
      { id: scheduleId },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    const tenant = await em.findOneOrFail(Tenant, { id: tenantId });
    // A cancelled link stops working, even one already used; a started one may resume past expiry.
    assertUsable(schedule, tenant);
    const notice = (await positionNotice(em, schedule, tenant)) ?? aiNotice(branding(tenant).displayName);
    if (schedule.interviewId) {
      const interview = await em.findOneOrFail(Interview, { id: schedule.interviewId });
      const conversation = await conversationOf(em, interview);
      return { interviewId: schedule.interviewId, conversation, created: undefined };
    }
    // In this transaction, under the schedule's lock: one connection, and a second tab waits here.
    const created = await createInterviewFor(
      deps,
      em,
      tenantId,
      {
        candidateId: schedule.candidateId,
        role: schedule.roleId,
        pluginId: schedule.pluginId,
        positionId: schedule.positionId ?? undefined,
        fromScheduleId: schedule.id,
      },
      schedule.createdBy,
    );
    schedule.interviewId = created.result.interviewId;
    schedule.status = 'started';
    await em.flush();
    // the notice the candidate read on the link's page before starting: what, and when
    await emSql(em)('update interviews set ai_notice = ?, ai_notice_shown_at = now() where id = ?', [
      notice,
      created.result.interviewId,
    ]);
    return { interviewId: created.result.interviewId, conversation: undefined, created };
  });
  const { interviewId } = outcome;
  // A new interview's greeting is final only after the commit (a remote voice words it then).
  const conversation: ConversationMessage[] = outcome.created
    ? [{ from: 'interviewer', text: (await afterCreate(deps, tenantId, outcome.created)).firstReply }]
    : outcome.conversation;
  // The interviewer's latest message: the current question, or the closing once over.
  const firstReply = conversation.findLast((m) => m.from === 'interviewer')?.text ?? '';
  const candidateToken = await tokens.issueCandidate({ sub: interviewId, tid: tenantId });
  const state = await getInterviewState(deps, tenantId, interviewId);
  return {
    interviewId,
    firstReply,
    conversation,
    candidateToken,
    state: candidateStateView(state),
  };
}

/** The interview for a link; a role no longer installed is a gone link (nothing else disclosed). */
async function createInterviewFor(...args: Parameters<typeof createInterview>) {
  try {
    return await createInterview(...args);
  } catch (err) {
    if (err instanceof AppError && (err.code === 'unknown_role' || err.code === 'not_found')) {
      throw new AppError('link_gone', 'This interview is no longer available');
    }
    throw err;
  }
}
