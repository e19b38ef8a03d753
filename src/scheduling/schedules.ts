import type { FilterQuery } from '@mikro-orm/core';
import { joinTokenFor, type LinkTokens, newLinkSecret } from '../auth/index.ts';
import {
  type Candidate,
  emSql,
  type Page,
  type PageRequest,
  paginate,
  Schedule,
  type TenantEm,
} from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { bankFor, resolveCandidate } from '../interview/index.ts';
import { refuseWhileDeletionPending } from '../tenancy/index.ts';

/** What clients see of a schedule's state: `expired` is a scheduled link past its expiry. */
export type ScheduleStatus = 'scheduled' | 'started' | 'completed' | 'expired' | 'cancelled';

export const DEFAULT_LINK_DAYS = 7;

export function effectiveStatus(s: Schedule, now = new Date()): ScheduleStatus {
  if (s.status === 'scheduled' && s.expiresAt.getTime() <= now.getTime()) return 'expired';
  return s.status;
}

export interface ScheduleInput {
  candidateEmail: string;
  candidateName?: string | undefined;
  /** the role to find an installed bank for; unused with a position */
  role?: string | undefined;
  /** `earliest`: now, or as soon as the tenant's notice period allows (an ATS's request) */
  scheduledAt: Date | 'earliest';
  expiresAt?: Date | undefined;
  /** a position: the candidate's interview runs its design as it is when they start */
  positionId?: string | undefined;
  /** schedule sooner than the tenant's notice lead time anyway (recorded in the audit log) */
  noticeOverride?: { reason: string } | undefined;
}

/** `days` business days (Monday to Friday, UTC) after `from`: the earliest a noticed interview may be. */
export function addBusinessDays(from: Date, days: number): Date {
  const d = new Date(from);
  for (let left = days; left > 0; ) {
    d.setUTCDate(d.getUTCDate() + 1);
    const day = d.getUTCDay();
    if (day !== 0 && day !== 6) left--;
  }
  return d;
}

/**
 * Schedule an interview: the role must be offered by an installed plugin (checked now, so a
 * typo fails here and not when the candidate arrives); the link expires after `expiresAt`
 * (default a week after the scheduled time). Returns the token, shown this once. With `links`
 * the token is derived from a random secret kept on the schedule, so mail about it (invitation,
 * reminder, resend) can carry the same link later; without, it is random and never kept.
 */
export async function createSchedule(
  em: TenantEm,
  tenantId: string,
  input: ScheduleInput,
  createdBy: string | null,
  links?: LinkTokens,
): Promise<{ schedule: Schedule; token: string; candidate: Candidate }> {
  const { bank, position } = await bankFor(em, input);
  await refuseWhileDeletionPending(emSql(em), tenantId);
  const [tenant] = await emSql(em)<{ notice_lead_business_days: number }>(
    'select notice_lead_business_days from tenants where id = ?',
    [tenantId],
  );
  const lead = tenant?.notice_lead_business_days ?? 0;
  const earliest = addBusinessDays(new Date(), lead);
  const scheduledAt =
    input.scheduledAt === 'earliest' ? (lead > 0 ? earliest : new Date()) : input.scheduledAt;
  if (lead > 0 && scheduledAt.getTime() < earliest.getTime() && !input.noticeOverride)
    throw new AppError(
      'notice_too_short',
      `Candidates get ${lead} business days of notice here: schedule at ${earliest.toISOString()} or later, or give noticeOverride with a reason`,
      { earliest: earliest.toISOString() },
    );
  const candidate = await resolveCandidate(em, tenantId, {
    candidate: {
      name: input.candidateName ?? input.candidateEmail.split('@')[0]!,
      email: input.candidateEmail,
    },
  });
  const expiresAt = input.expiresAt ?? new Date(scheduledAt.getTime() + DEFAULT_LINK_DAYS * 86_400_000);
  if (expiresAt.getTime() <= scheduledAt.getTime()) {
    throw new AppError('validation_failed', 'The link must expire after the scheduled time', {
      errors: [{ path: '/body/expiresAt', message: 'must be after scheduledAt' }],
    });
  }
  const linkSecret = links ? newLinkSecret() : null;
  const { token, hash } = joinTokenFor(links, linkSecret);
  const schedule = em.create(Schedule, {
    tenantId,
    candidateId: candidate.id,
    roleId: bank.role.id,
    roleTitle: bank.role.title,
    pluginId: bank.pluginId,
    positionId: position?.id ?? null,
    positionVersion: position?.designVersion ?? null,
    scheduledAt,
    expiresAt,
    status: 'scheduled',
    tokenHash: hash,
    linkSecret,
    createdBy,
  });
  await em.flush();
  return { schedule, token, candidate };
}

/** The schedule, or a 404 (another tenant's is as missing as one that never was). */
export async function getSchedule(em: TenantEm, id: string): Promise<Schedule> {
  const schedule = await em.findOne(Schedule, { id });
  if (!schedule) throw new AppError('not_found', 'No such schedule');
  return schedule;
}

export function listSchedules(
  em: TenantEm,
  page: PageRequest & { status?: ScheduleStatus | undefined },
): Promise<Page<Schedule>> {
  const now = new Date();
  let where: FilterQuery<Schedule> = {};
  if (page.status === 'expired') where = { status: 'scheduled', expiresAt: { $lte: now } };
  else if (page.status === 'scheduled') where = { status: 'scheduled', expiresAt: { $gt: now } };
  else if (page.status) where = { status: page.status };
  return paginate(em, Schedule, where, page);
}

/** Move a link that has not been used yet. */
export async function reschedule(
  em: TenantEm,
  id: string,
  patch: { scheduledAt?: Date | undefined; expiresAt?: Date | undefined },
): Promise<Schedule> {
  const schedule = await getSchedule(em, id);
  if (schedule.status !== 'scheduled') {
    throw new AppError('schedule_locked', `The interview is ${schedule.status}; it cannot be rescheduled`);
  }
  if (patch.scheduledAt) schedule.scheduledAt = patch.scheduledAt;
  if (patch.expiresAt) schedule.expiresAt = patch.expiresAt;
  if (schedule.expiresAt.getTime() <= schedule.scheduledAt.getTime()) {
    throw new AppError('validation_failed', 'The link must expire after the scheduled time', {
      errors: [{ path: '/body/expiresAt', message: 'must be after scheduledAt' }],
    });
  }
  await em.flush();
  return schedule;
}

export async function cancelSchedule(em: TenantEm, id: string): Promise<Schedule> {
  const schedule = await getSchedule(em, id);
  if (schedule.status === 'completed') {
    throw new AppError('schedule_locked', 'The interview is completed; it cannot be cancelled');
  }
  schedule.status = 'cancelled';
  await em.flush();
  return schedule;
}
