import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { Candidate, emSql, type Schedule, type TenantEm, withTenant } from '../../db/index.ts';
import { endInterview } from '../../interview/index.ts';
import {
  cancelScheduleMail,
  deliveryOf,
  enqueueMail,
  MAIL_STATUSES,
  type QueuedMail,
  recordInvitation,
  rescheduleReminder,
  resendInvitation,
} from '../../notifications/index.ts';
import {
  cancelSchedule,
  createSchedule,
  effectiveStatus,
  emitScheduled,
  getSchedule,
  listSchedules,
  reschedule,
} from '../../scheduling/index.ts';
import { atsRefsOf, enqueueDeliveries } from '../../webhooks/index.ts';
import { audit } from '../audit.ts';
import type { AppEnv } from '../env.ts';
import { requireAuth } from '../middleware/auth.ts';
import { afterCommit } from '../middleware/transaction.ts';
import {
  bearerSecurity,
  Email,
  IdParams,
  json,
  jsonBody,
  PageQuery,
  pageOf,
  problems,
  Text,
} from '../openapi.ts';

const base = { tags: ['scheduling'], security: bearerSecurity };
const STATUSES = ['scheduled', 'started', 'completed', 'expired', 'cancelled'] as const;
/** Links are for hiring processes, not archives: a year ahead at most (and dates stay storable). */
const MAX_AHEAD_MS = 366 * 86_400_000;

const FutureDate = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time' })
  .transform((v) => new Date(v))
  .refine((d) => d.getTime() > Date.now() - 60_000, { message: 'must not be in the past' })
  .refine((d) => d.getTime() < Date.now() + MAX_AHEAD_MS, { message: 'must be within a year from now' });

const DeliverySchema = z
  .object({
    messageId: z.uuid(),
    status: z.enum(MAIL_STATUSES),
    at: z.string().openapi({ description: 'when it was sent or failed; while queued, when it is due' }),
    error: z
      .string()
      .nullable()
      .openapi({ description: 'why the last attempt failed, or why it was not sent' }),
    attempts: z.number().int(),
  })
  // inline, not a named component: a nullable reference would lose its null in the document
  .strict();

const ScheduleSchema = z
  .object({
    id: z.uuid(),
    candidate: z.object({ id: z.uuid(), name: z.string(), email: z.string() }),
    role: z.object({ id: z.string(), title: z.string() }),
    positionId: z.string().nullable(),
    scheduledAt: z.string(),
    expiresAt: z.string(),
    status: z.enum(STATUSES),
    interviewId: z.uuid().nullable(),
    invitation: DeliverySchema.nullable().openapi({
      description: "the candidate's latest invitation by mail (resends included); null when none was sent",
    }),
    reminder: DeliverySchema.nullable().openapi({ description: 'the reminder before the link expires' }),
    ats: z
      .object({
        provider: z.enum(['greenhouse', 'ashby', 'lever']),
        connectionId: z.uuid(),
        partnerId: z.uuid(),
        applicationId: z.string().nullable(),
        candidateId: z.string().nullable(),
        jobId: z.string().nullable(),
      })
      .nullable()
      .openapi({
        description: 'the ATS that asked for this interview, and its ids for it; null when none did',
      }),
    createdAt: z.string(),
  })
  .openapi('Schedule');

async function scheduleViews(em: TenantEm, schedules: Schedule[]) {
  const candidates = await em.find(Candidate, { id: { $in: schedules.map((s) => s.candidateId) } });
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const tenantId = schedules[0]?.tenantId;
  const delivery = tenantId
    ? await deliveryOf(
        emSql(em),
        tenantId,
        schedules.map((s) => s.id),
      )
    : new Map();
  const ats = tenantId
    ? await atsRefsOf(
        emSql(em),
        tenantId,
        schedules.map((s) => s.id),
      )
    : new Map();
  return schedules.map((s): z.infer<typeof ScheduleSchema> => {
    const c = byId.get(s.candidateId)!;
    return {
      id: s.id,
      candidate: { id: c.id, name: c.name, email: c.email },
      role: { id: s.roleId, title: s.roleTitle },
      positionId: s.positionId,
      scheduledAt: s.scheduledAt.toISOString(),
      expiresAt: s.expiresAt.toISOString(),
      status: effectiveStatus(s),
      interviewId: s.interviewId,
      invitation: delivery.get(s.id)?.invitation ?? null,
      reminder: delivery.get(s.id)?.reminder ?? null,
      ats: ats.get(s.id) ?? null,
      createdAt: s.createdAt.toISOString(),
    };
  });
}

const create = createRoute({
  ...base,
  method: 'post',
  path: '/api/v1/admin/schedule',
  summary: 'Schedule an interview and get its join link (shown once)',
  // Its own transaction, so the interview.scheduled webhook is enqueued after the commit.
  middleware: [requireAuth('recruiter', { transaction: false })] as const,
  request: jsonBody(
    z
      .object({
        candidateEmail: Email,
        candidateName: Text(1, 200).optional(),
        role: Text(1, 120).optional().openapi({ description: 'required without positionId' }),
        scheduledAt: FutureDate,
        expiresAt: FutureDate.optional(),
        positionId: z.uuid().optional().openapi({ description: 'a position: the interview runs its design' }),
        noticeOverride: z
          .object({ reason: Text(1, 500) })
          .strict()
          .optional()
          .openapi({
            description: 'schedule sooner than the notice lead time anyway; recorded in the audit log',
          }),
        sendInvitation: z.boolean().optional().openapi({
          description:
            'mail the candidate an invitation with the link (and a reminder before it expires); default false: you send the link yourself',
        }),
      })
      .strict()
      .refine((v) => v.role !== undefined || v.positionId !== undefined, {
        message: 'give role or positionId',
        path: ['role'],
      })
      .openapi('NewSchedule'),
  ),
  responses: {
    201: json(
      z
        .object({
          id: z.uuid(),
          joinUrl: z.string().openapi({ description: 'the candidate link; its token is shown only here' }),
          scheduledAt: z.string(),
          expiresAt: z.string(),
          status: z.enum(STATUSES),
          invitation: DeliverySchema.nullable().openapi({
            description: 'the invitation, queued, when sendInvitation was true',
          }),
        })
        .openapi('ScheduledInterview'),
      'Scheduled',
    ),
    ...problems(400, 401, 403, 404, 409, 413, 415, 422),
  },
});

const list = createRoute({
  ...base,
  method: 'get',
  path: '/api/v1/admin/schedules',
  summary: 'Scheduled interviews, filtered by status',
  middleware: [requireAuth('viewer')] as const,
  request: { query: PageQuery.extend({ status: z.enum(STATUSES).optional() }) },
  responses: {
    200: json(pageOf(ScheduleSchema, 'SchedulePage'), 'A page of schedules'),
    ...problems(400, 401),
  },
});

const patch = createRoute({
  ...base,
  method: 'patch',
  path: '/api/v1/admin/schedules/{id}',
  summary: 'Reschedule a link that has not been used',
  middleware: [requireAuth('recruiter')] as const,
  request: {
    params: IdParams,
    ...jsonBody(
      z
        .object({ scheduledAt: FutureDate.optional(), expiresAt: FutureDate.optional() })
        .strict()
        .refine((v) => v.scheduledAt || v.expiresAt, { message: 'nothing to change' })
        .openapi('Reschedule'),
    ),
  },
  responses: { 200: json(ScheduleSchema, 'The schedule'), ...problems(400, 401, 403, 404, 409, 413, 415) },
});

const resend = createRoute({
  ...base,
  method: 'post',
  path: '/api/v1/admin/schedules/{id}/invitation/resend',
  summary: "Mail the candidate's invitation (again) now, with the same link where it can be made again",
  // Its own transaction, so the mail job is enqueued after the commit.
  middleware: [requireAuth('recruiter', { transaction: false })] as const,
  request: { params: IdParams },
  responses: {
    202: json(
      z
        .object({
          schedule: ScheduleSchema,
          newLink: z.boolean().openapi({
            description:
              'true when the link could not be made again (an older link): the mail carries a new one and the old one stopped working',
          }),
        })
        .openapi('InvitationResent'),
      'Queued',
    ),
    ...problems(400, 401, 403, 404, 409),
  },
});

const cancel = createRoute({
  ...base,
  method: 'post',
  path: '/api/v1/admin/schedules/{id}/cancel',
  summary: 'Cancel a scheduled interview; its link stops working and a started interview is ended',
  // Its own transaction: ending a started interview opens the engine's own.
  middleware: [requireAuth('recruiter', { transaction: false })] as const,
  request: { params: IdParams },
  responses: { 200: json(ScheduleSchema, 'The schedule'), ...problems(400, 401, 403, 404, 409) },
});

export function registerSchedules(app: OpenAPIHono<AppEnv>) {
  app.openapi(create, async (c) => {
    const principal = c.get('principal');
    const { orm, interviews, mail } = c.get('services');
    const input = c.req.valid('json');
    const result = await withTenant(orm, principal.tenantId, async (em) => {
      const created = await createSchedule(
        em,
        principal.tenantId,
        input,
        principal.kind === 'user' ? principal.userId : principal.apiKeyId,
        mail.links,
      );
      const { schedule, candidate } = created;
      if (input.noticeOverride)
        await audit(
          c,
          {
            action: 'schedule.notice_overridden',
            target: schedule.id,
            data: { reason: input.noticeOverride.reason, scheduledAt: schedule.scheduledAt.toISOString() },
          },
          emSql(em),
        );
      const deliveries = await emitScheduled(emSql(em), principal.tenantId, schedule, candidate);
      const mails: QueuedMail[] = input.sendInvitation
        ? await recordInvitation(
            emSql(em),
            principal.tenantId,
            {
              id: schedule.id,
              candidateId: candidate.id,
              candidateEmail: candidate.email,
              expiresAt: schedule.expiresAt,
            },
            mail.reminderHours,
          )
        : [];
      return { ...created, deliveries, mails };
    });
    await enqueueDeliveries(interviews.jobs, principal.tenantId, result.deliveries);
    await enqueueMail(interviews.jobs, result.mails);
    const s = result.schedule;
    // the invitation is result.mails[0] (recorded first), queued until its job sends it
    const queued = result.mails[0];
    const invitation = queued
      ? {
          messageId: queued.id,
          status: 'queued' as const,
          at: queued.sendAfter.toISOString(),
          error: null,
          attempts: 0,
        }
      : null;
    return c.json(
      {
        id: s.id,
        joinUrl: `${interviews.baseUrl}/join/${result.token}`,
        scheduledAt: s.scheduledAt.toISOString(),
        expiresAt: s.expiresAt.toISOString(),
        status: effectiveStatus(s),
        invitation,
      },
      201,
    );
  });
  app.openapi(list, async (c) => {
    const page = await listSchedules(c.get('em'), c.req.valid('query'));
    return c.json({ items: await scheduleViews(c.get('em'), page.items), nextCursor: page.nextCursor }, 200);
  });
  app.openapi(patch, async (c) => {
    const schedule = await reschedule(c.get('em'), c.req.valid('param').id, c.req.valid('json'));
    const { mail, jobs } = c.get('services');
    // a waiting reminder moves with the link's expiry
    const moved = await rescheduleReminder(
      emSql(c.get('em')),
      schedule.tenantId,
      schedule.id,
      schedule.expiresAt,
      mail.reminderHours,
    );
    afterCommit(c, () => enqueueMail(jobs, moved));
    return c.json((await scheduleViews(c.get('em'), [schedule]))[0]!, 200);
  });
  app.openapi(resend, async (c) => {
    const { orm, mail, jobs } = c.get('services');
    const { tenantId } = c.get('principal');
    const id = c.req.valid('param').id;
    const result = await withTenant(orm, tenantId, async (em) => {
      const sent = await resendInvitation(emSql(em), tenantId, id, mail.links, mail.reminderHours);
      await audit(
        c,
        { action: 'schedule.invitation_resent', target: id, data: { newLink: sent.newLink } },
        emSql(em),
      );
      return sent;
    });
    await enqueueMail(jobs, result.queued);
    const view = await withTenant(orm, tenantId, async (em) => {
      const schedule = await getSchedule(em, id);
      return (await scheduleViews(em, [schedule]))[0]!;
    });
    return c.json({ schedule: view, newLink: result.newLink }, 202);
  });
  app.openapi(cancel, async (c) => {
    const { orm, interviews } = c.get('services');
    const { tenantId } = c.get('principal');
    const schedule = await withTenant(orm, tenantId, async (em) => {
      const cancelled = await cancelSchedule(em, c.req.valid('param').id);
      await cancelScheduleMail(emSql(em), tenantId, cancelled.id);
      return cancelled;
    });
    // The candidate's token stops working for answers: the interview is over, with what was answered.
    if (schedule.interviewId) await endInterview(interviews, tenantId, schedule.interviewId);
    const view = await withTenant(orm, tenantId, async (em) => (await scheduleViews(em, [schedule]))[0]!);
    return c.json(view, 200);
  });
}
