import { randomInt } from 'node:crypto';
import type { LlmCall } from '../../ai/index.ts';
import { enforceQuota } from '../../billing/index.ts';
import { emSql, Interview, InterviewTurn, Tenant, type TenantEm, withTenant } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import { type Position, positionForInterview } from '../../positions/index.ts';
import { refuseWhileDeletionPending } from '../../tenancy/index.ts';
import { emitWebhookEvent, enqueueDeliveries } from '../../webhooks/index.ts';
import { turnRow } from '../conversation/transcript.ts';
import type { InterviewDeps } from '../deps.ts';
import { composeReply, inTransactionVoice } from '../next-question/replies.ts';
import { advance, DEFAULT_LENGTH, initialState } from '../next-question/strategy.ts';
import { interviewRef } from '../report/webhook-ref.ts';
import { recordLlmCalls } from '../turn/llm-usage.ts';
import { type CandidateInput, resolveCandidate } from './candidates.ts';
import { type StateView, stateView } from './live-state.ts';
import { type SelectedBank, selectBank } from './select-plugin.ts';
import type { LiveState } from './session-store.ts';

export interface StartInput {
  candidateId?: string | undefined;
  candidate?: CandidateInput | undefined;
  /** the role to find an installed bank for; unused with a position (its design fixes the bank) */
  role?: string | undefined;
  /** a position of the tenant: the interview runs its latest design (404 unknown, 409 closed) */
  positionId?: string | undefined;
  pluginId?: string | undefined;
  length?: number | undefined;
  /** fixes the question order (tests, reproducible demos); random when absent */
  seed?: number | undefined;
  /**
   * the join link starting it: linked before the start is announced, so the interview.started
   * webhook and the ATS that made the link (src/ats) find the link's references
   */
  fromScheduleId?: string | undefined;
}

export interface StartResult {
  interviewId: string;
  state: StateView;
  firstReply: string;
}

/**
 * Start an interview: pick the tenant's installed bank for the role, record the exact plugin
 * version, ask the first question. One transaction; the live state is cached after commit.
 */
export async function startInterview(
  deps: InterviewDeps,
  tenantId: string,
  input: StartInput,
  createdBy: string | null,
): Promise<StartResult> {
  const created = await withTenant(deps.orm, tenantId, (em) =>
    createInterview(deps, em, tenantId, input, createdBy),
  );
  return afterCreate(deps, tenantId, created);
}

export interface CreatedInterview {
  result: StartResult;
  live: LiveState;
  /** with a remote voice: the greeting in its words, composed after the commit (see afterCreate) */
  reword: (() => Promise<{ reply: string; calls: LlmCall[] }>) | undefined;
  /** webhook deliveries to enqueue once the transaction has committed */
  deliveries: string[];
  /** what the outcome listeners (an ATS) recorded, to send after the commit */
  outcomes: string[];
}

/** The effects that must wait for the commit: the live-state cache and the webhook jobs. */
export async function afterCreate(
  deps: InterviewDeps,
  tenantId: string,
  created: CreatedInterview,
): Promise<StartResult> {
  await deps.sessions.set(created.live).catch(() => undefined);
  await enqueueDeliveries(deps.jobs, tenantId, created.deliveries);
  if (created.outcomes.length > 0) await deps.outcomes?.send(tenantId, created.outcomes);
  if (!created.reword) return created.result;
  // The transaction stored the template greeting; the remote voice words it now, no lock held.
  const { reply: firstReply, calls } = await created.reword();
  const { interviewId } = created.result;
  await recordLlmCalls(deps, tenantId, interviewId, 0, calls);
  if (firstReply === created.result.firstReply) return created.result;
  await withTenant(deps.orm, tenantId, (em) =>
    em.nativeUpdate(InterviewTurn, { interviewId, turn: 1 }, { reply: firstReply }),
  );
  return { ...created.result, firstReply };
}

/**
 * The bank an interview runs: its position's design (open), or the installed bank for the role.
 * Scheduling asks the same when a link is made, so a typo or a closed position fails then.
 */
export async function bankFor(
  em: TenantEm,
  input: Pick<StartInput, 'role' | 'pluginId' | 'positionId'>,
): Promise<{ bank: SelectedBank; position: Position | undefined }> {
  if (input.positionId) {
    const { position, manifest, sha256 } = await positionForInterview(emSql(em), input.positionId);
    const role = manifest.roles[0]!;
    return {
      bank: { pluginId: position.pluginId, version: position.pluginVersion, sha256, manifest, role },
      position,
    };
  }
  if (!input.role)
    throw new AppError('validation_failed', 'Say which role, or which position, to interview for', {
      errors: [{ path: '/body/role', message: 'required without positionId' }],
    });
  return { bank: await selectBank(em, input.role, input.pluginId), position: undefined };
}

/**
 * Create the interview and its first turn inside the caller's tenant transaction (so a caller
 * such as the join link can do it under its own lock, on one connection); then call afterCreate.
 */
export async function createInterview(
  deps: InterviewDeps,
  em: TenantEm,
  tenantId: string,
  input: StartInput,
  createdBy: string | null,
): Promise<CreatedInterview> {
  const { bank, position } = await bankFor(em, input);
  await refuseWhileDeletionPending(emSql(em), tenantId);
  // the plan's interviews for this period: the account row is locked until this transaction ends
  await enforceQuota(emSql(em), tenantId, 'interviews', deps.billing);
  const candidate = await resolveCandidate(em, tenantId, input);
  const tenant = await em.findOneOrFail(Tenant, { id: tenantId });
  // a position's design fixes the length; a bank's settings give a default
  const settings = bank.manifest.interview;
  const length =
    (position ? settings?.length : undefined) ?? input.length ?? settings?.length ?? DEFAULT_LENGTH;
  const interview = em.create(Interview, {
    tenantId,
    candidateId: candidate.id,
    roleId: bank.role.id,
    roleTitle: bank.role.title,
    positionId: position?.id ?? null,
    positionVersion: position?.designVersion ?? null,
    pluginId: bank.pluginId,
    pluginVersion: bank.version,
    pluginSha256: bank.sha256,
    status: 'in_progress',
    seed: input.seed ?? randomInt(2 ** 31 - 1),
    length,
    createdBy,
  });

  const { state, step } = advance(
    bank.manifest.questions,
    initialState(interview.seed, bank.role.id, length, settings),
  );
  if (step.kind === 'end')
    throw new AppError('unknown_role', `The bank for "${bank.role.title}" has no questions`);
  const turn = state.turns.at(-1)!;
  const setting = {
    company: tenant.displayName ?? tenant.name,
    roleTitle: bank.role.title,
    candidateName: candidate.name,
    totalTurns: length,
  };
  const reply = await composeReply(inTransactionVoice(deps.voice), setting, step, turn.turn, undefined);
  const reword = deps.voice.local
    ? undefined
    : async () => {
        const calls: LlmCall[] = [];
        const reply = await composeReply(deps.voice, setting, step, turn.turn, undefined, {
          onCall: (call) => calls.push(call),
        });
        return { reply, calls };
      };
  interview.turn = turn.turn;
  await em.flush(); // the interview row before its turn (no ORM relation orders them)
  if (input.fromScheduleId)
    await emSql(em)(
      `update schedules set interview_id = ?, status = 'started' where id = ? and tenant_id = ?`,
      [interview.id, input.fromScheduleId, tenantId],
    );
  em.create(InterviewTurn, turnRow(interview, state, step, reply));
  await em.flush();
  const live: LiveState = {
    names: { company: tenant.displayName ?? tenant.name, candidate: candidate.name },
    interviewId: interview.id,
    tenantId,
    status: 'in_progress',
    strategy: state,
    lastEvaluated: null,
  };
  const deliveries = await emitWebhookEvent(emSql(em), tenantId, 'interview.started', {
    ...(await interviewRef(emSql(em), interview)),
    startedAt: interview.startedAt.toISOString(),
  });
  const outcomes = (await deps.outcomes?.started(emSql(em), tenantId, interview.id)) ?? [];
  return {
    live,
    deliveries,
    outcomes,
    reword,
    result: {
      interviewId: interview.id,
      state: stateView(live, interview, bank.manifest),
      firstReply: reply,
    },
  };
}
