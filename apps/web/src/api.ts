/** A small typed client for /api/v1. Errors are application/problem+json and become ApiError. */

import type { components, paths } from './api-types.ts';

/**
 * The API's shapes, as the OpenAPI document states them (api-types.ts is generated from it, and a
 * test fails when it drifts): never restated here.
 */
type Schemas = components['schemas'];

export type User = Schemas['User'];
export type Role = User['role'];
export type InterviewState = Schemas['InterviewState'];
export type Phase = NonNullable<InterviewState['phase']>;
export type InterviewStatus = InterviewState['status'];
export type Report = Schemas['Report'];
export type Recommendation = Report['recommendation'];
export type Schedule = Schemas['Schedule'];
export type ScheduleStatus = Schedule['status'];
export type Branding = Schemas['Branding'];
export type Tenant = Schemas['Tenant'];
export type Me = Schemas['Me'];
export type ApiKey = Schemas['ApiKey'];
export type PluginSummary = Schemas['PluginSummary'];
export type TenantPlugin = Schemas['TenantPlugin'];
export type InterviewSummary = Schemas['InterviewListItem'];
export type InterviewDetail = Schemas['InterviewDetail'];
export type InterviewTurn = InterviewDetail['turns'][number];
export type ScheduleCreated = Schemas['ScheduledInterview'];
export type ScoreOverride = Schemas['ScoreOverride'];
export type JoinInfo = Schemas['JoinLink'];
export type JoinStarted = Schemas['JoinStarted'];
export type CandidateAnswer = Schemas['CandidateAnswerResult'];
export type AnswerAccepted = Schemas['AnswerAccepted'];
export type Evidence = Report['strengths'][number]['evidence'][number];
export type Position = Schemas['Position'];
export type PositionStatus = Position['status'];
export type PositionDetail = Schemas['PositionDetail'];
export type PositionFields = Schemas['NewPosition'];
export type PositionDesign = Schemas['PositionDesign'];
export type BankSelection = Schemas['PositionBank'];
export type OwnQuestion = Schemas['PositionQuestion'];
export type OwnRubric = PositionDesign['rubrics'][number];
export type DesignCompetency = PositionDesign['competencies'][number];
export type Thresholds = NonNullable<PositionDesign['thresholds']>;
export type PositionPreview = Schemas['PositionPreview'];
export type Billing = Schemas['Billing'];
export type BillingPlan = Schemas['BillingPlan'];
export type BillingStatus = Billing['status'];
export type Quota = Billing['usage'][number]['quota'];
export type PlanForSale = Billing['plans'][number];
export type AuditEvent = Schemas['AuditEvent'];
export type MailMessage = Schemas['MailMessage'];
export type MailMessageDetail = Schemas['MailMessageDetail'];
export type MailKind = MailMessage['kind'];
export type MailStatus = MailMessage['status'];
export type MailTemplate = Schemas['MailTemplate'];
export type TemplateKind = MailTemplate['kind'];
export type MailDelivery = NonNullable<Schedule['invitation']>;
export type CreatedUser = Schemas['CreatedUser'];
export type AuditPerDay = Schemas['AuditPerDay'];
type AuditQuery = NonNullable<paths['/api/v1/audit']['get']['parameters']['query']>;
export type AuditAction = NonNullable<AuditQuery['action']>;
/** What the audit log can be filtered by (instants as ISO strings; `to` exclusive). */
export type AuditFilters = Pick<AuditQuery, 'action' | 'actorId' | 'target' | 'from' | 'to'>;

/** The JSON body of a route's success response, as the document states it. */
type Ok<P extends keyof paths, M extends 'get' | 'post'> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer B } } };
}
  ? B
  : paths[P][M] extends { responses: { 201: { content: { 'application/json': infer B } } } }
    ? B
    : never;

export type PositionDraft = Ok<'/api/v1/positions/draft', 'post'>;
export type DraftPick = PositionDraft['picks'][number];

/**
 * The parts of a question bank's manifest the position editor reads. The API serves a manifest as
 * plain JSON (GET /plugins/{id}/versions/{version}); its questions, rubrics and competencies have
 * the shapes a position design uses for its own.
 */
export interface BankManifest {
  id: string;
  version: string;
  name: string;
  locale: string;
  roles: { id: string; title: string }[];
  competencies: DesignCompetency[];
  rubrics: OwnRubric[];
  questions: (OwnQuestion & { roles: string[] })[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface FieldProblem {
  path: string;
  message: string;
}

/** What the dashboard shows instead of a score for an answer the evaluator could not judge. */
export const NOT_SCORED_LABEL = 'Not scored — needs review';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly errors: FieldProblem[];
  readonly body: Record<string, unknown>;

  constructor(status: number, body: Record<string, unknown>) {
    const detail = typeof body['detail'] === 'string' ? body['detail'] : `Request failed (${status})`;
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.code = typeof body['code'] === 'string' ? body['code'] : 'unknown';
    this.errors = Array.isArray(body['errors']) ? (body['errors'] as FieldProblem[]) : [];
    this.body = body;
  }

  /** The message for one request field, e.g. fieldError('candidateEmail') for /body/candidateEmail. */
  field(name: string): string | undefined {
    const hit = this.errors.find((e) => e.path === `/body/${name}` || e.path.startsWith(`/body/${name}/`));
    return hit?.message;
  }
}

/** How the dashboard names each plan limit: as a heading, and counted (one, many). */
export const QUOTA_LABELS: Record<Quota, { label: string; one: string; many: string }> = {
  interviews: {
    label: 'Interviews this period',
    one: 'interview a billing period',
    many: 'interviews a billing period',
  },
  seats: { label: 'Team members', one: 'team member', many: 'team members' },
  positions: { label: 'Open positions', one: 'open position', many: 'open positions' },
  banks: { label: 'Question banks', one: 'installed question bank', many: 'installed question banks' },
  webhookEndpoints: { label: 'Webhook endpoints', one: 'webhook endpoint', many: 'webhook endpoints' },
};

/** The plans by id, for a 402 problem (which names the plan by its id only). */
const PLAN_NAMES: Record<string, string> = {
  trial: 'Free trial',
  free: 'Free',
  starter: 'Starter',
  growth: 'Growth',
  enterprise: 'Enterprise',
};

/** "Your Starter plan" / "Your free trial", for a plan id. */
function yourPlan(planId: unknown): string {
  if (planId === 'trial') return 'Your free trial';
  const id = typeof planId === 'string' ? planId : '';
  const name = PLAN_NAMES[id] ?? (id ? id.charAt(0).toUpperCase() + id.slice(1) : '');
  return name ? `Your ${name} plan` : 'Your plan';
}

/** A refusal because of the tenant's plan (402), in the dashboard's words. */
export interface PlanLimitProblem {
  /** what the plan allows, or why work is paused */
  text: string;
  /** what to do about it, in the Billing page */
  action: string;
}

/**
 * A 402 from a create route explained: `quota_exceeded` says what the plan allows and how many
 * are used ("Your Starter plan allows 5 open positions (5 used)."), `subscription_past_due` that
 * interviews are paused. Null for any other error.
 */
export function planLimitProblem(err: unknown): PlanLimitProblem | null {
  if (!(err instanceof ApiError) || err.status !== 402) return null;
  const b = err.body;
  if (err.code === 'quota_exceeded' && typeof b['limit'] === 'number') {
    const labels = QUOTA_LABELS[b['quota'] as Quota];
    const limit = b['limit'];
    const what = labels ? (limit === 1 ? labels.one : labels.many) : 'of these';
    const used = typeof b['used'] === 'number' ? ` (${b['used']} used)` : '';
    return { text: `${yourPlan(b['plan'])} allows ${limit} ${what}${used}.`, action: 'Upgrade in Billing' };
  }
  if (err.code === 'subscription_past_due') {
    const since = typeof b['pastDueSince'] === 'string' ? ` since ${formatDay(b['pastDueSince'])}` : '';
    return {
      text: `Payment is overdue${since}: new interviews are paused until it is paid.`,
      action: 'Update the payment in Billing',
    };
  }
  return null;
}

/**
 * The message of any error, for display. A plan's limit reads as what the plan allows and where
 * to upgrade; a candidate (`audience: 'candidate'`) is never sent to a Billing page they cannot see.
 */
export function errorMessage(err: unknown, audience: 'staff' | 'candidate' = 'staff'): string {
  const limit = planLimitProblem(err);
  if (limit)
    return audience === 'staff'
      ? `${limit.text} ${limit.action}.`
      : 'This interview cannot start right now. Please contact the person who invited you.';
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error)
    return err.message === 'Failed to fetch' ? 'The server could not be reached.' : err.message;
  return 'Something went wrong.';
}

export function fieldError(err: unknown, name: string): string | undefined {
  return err instanceof ApiError ? err.field(name) : undefined;
}

const TOKEN_KEY = 'aii.token';

/** The recruiter's access token, kept for this browser tab only. */
export const session = {
  get token(): string | null {
    return sessionStorage.getItem(TOKEN_KEY);
  },
  set token(value: string | null) {
    if (value) sessionStorage.setItem(TOKEN_KEY, value);
    else sessionStorage.removeItem(TOKEN_KEY);
  },
};

/** Called when the server says the staff token is no longer valid (401). */
let onUnauthorized: (() => void) | undefined;
export function setUnauthorizedHandler(handler: (() => void) | undefined) {
  onUnauthorized = handler;
}

interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | undefined | null>;
  headers?: Record<string, string>;
  /** a bearer token; staff calls default to the session token */
  token?: string | null;
  signal?: AbortSignal;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const url = new URL(`/api/v1${path}`, window.location.origin);
  for (const [k, v] of Object.entries(options.query ?? {})) {
    if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, String(v));
  }
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  const token = options.token === undefined ? session.token : options.token;
  if (token) headers['authorization'] = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: options.signal,
  });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = { detail: `Unexpected response (${res.status})` };
  }
  if (!res.ok) {
    if (res.status === 401 && options.token === undefined && session.token) onUnauthorized?.();
    throw new ApiError(res.status, (body ?? {}) as Record<string, unknown>);
  }
  return body as T;
}

/** A random id (Idempotency-Key), also where crypto.randomUUID is missing (plain http on a LAN). */
export function randomId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const enc = encodeURIComponent;

export const api = {
  login: (body: { email: string; password: string; tenant?: string }) =>
    request<Ok<'/api/v1/admin/login', 'post'>>('POST', '/admin/login', { body, token: null }),
  me: () => request<Me>('GET', '/me'),

  interviews: (query: { status?: string; positionId?: string; limit?: number; cursor?: string | null }) =>
    request<Page<InterviewSummary>>('GET', '/interviews', { query }),
  interview: (id: string) => request<InterviewDetail>('GET', `/interviews/${enc(id)}`),
  interviewState: (id: string) => request<InterviewState>('GET', `/interview/${enc(id)}/state`),
  endInterview: (id: string) => request<unknown>('POST', `/interview/${enc(id)}/end`),

  schedules: (query: { status?: string; limit?: number; cursor?: string | null }) =>
    request<Page<Schedule>>('GET', '/admin/schedules', { query }),
  schedule: (body: {
    candidateEmail: string;
    candidateName?: string;
    role?: string;
    scheduledAt: string;
    positionId?: string;
    expiresAt?: string;
    sendInvitation?: boolean;
  }) => request<ScheduleCreated>('POST', '/admin/schedule', { body }),
  /** Mail the candidate's invitation (again) now. */
  resendInvitation: (id: string) =>
    request<Schemas['InvitationResent']>('POST', `/admin/schedules/${enc(id)}/invitation/resend`),
  cancelSchedule: (id: string) => request<Schedule>('POST', `/admin/schedules/${enc(id)}/cancel`),
  reschedule: (id: string, body: { scheduledAt?: string; expiresAt?: string }) =>
    request<Schedule>('PATCH', `/admin/schedules/${enc(id)}`, { body }),

  report: (id: string) => request<Report>('GET', `/report/${enc(id)}`),
  overrides: (id: string) =>
    request<Ok<'/api/v1/report/{interviewId}/overrides', 'get'>>('GET', `/report/${enc(id)}/overrides`),
  addOverride: (id: string, body: { competency?: string; score: number; reason: string }) =>
    request<Ok<'/api/v1/report/{interviewId}/overrides', 'post'>>('POST', `/report/${enc(id)}/overrides`, {
      body,
    }),

  positions: (query: { status?: string; limit?: number; cursor?: string | null }) =>
    request<Page<Position>>('GET', '/positions', { query }),
  position: (id: string) => request<PositionDetail>('GET', `/positions/${enc(id)}`),
  createPosition: (body: PositionFields) => request<PositionDetail>('POST', '/positions', { body }),
  /** Saves a new design version; `version` is the one edited (If-Match), a newer one answers 409. */
  updatePosition: (id: string, version: number, body: PositionFields) =>
    request<PositionDetail>('PUT', `/positions/${enc(id)}`, {
      body,
      headers: { 'if-match': `"${version}"` },
    }),
  setPositionStatus: (id: string, status: PositionStatus) =>
    request<Position>('PATCH', `/positions/${enc(id)}`, { body: { status } }),
  positionPreview: (id: string, seed = 1) =>
    request<PositionPreview>('GET', `/positions/${enc(id)}/preview`, { query: { seed } }),
  draftPosition: (body: { title: string; description: string; length?: number }) =>
    request<PositionDraft>('POST', '/positions/draft', { body }),
  bankManifest: async (pluginId: string, version: string) => {
    const v = await request<Schemas['PluginVersion']>(
      'GET',
      `/plugins/${enc(pluginId)}/versions/${enc(version)}`,
    );
    return v.manifest as unknown as BankManifest;
  },

  roles: () => request<Ok<'/api/v1/roles', 'get'>>('GET', '/roles'),
  tenantPlugins: () => request<Page<TenantPlugin>>('GET', '/tenant/plugins', { query: { limit: 200 } }),
  catalog: (query: { q?: string; role?: string; cursor?: string | null }) =>
    request<Page<PluginSummary>>('GET', '/plugins', { query: { ...query, limit: 50 } }),
  install: (pluginId: string) => request<TenantPlugin>('POST', '/tenant/plugins', { body: { pluginId } }),
  pin: (pluginId: string, version: string) =>
    request<TenantPlugin>('PATCH', `/tenant/plugins/${enc(pluginId)}`, { body: { version } }),
  uninstall: (pluginId: string) => request<void>('DELETE', `/tenant/plugins/${enc(pluginId)}`),

  users: (cursor?: string | null) => request<Page<User>>('GET', '/users', { query: { limit: 200, cursor } }),
  /** Without `password` the member is invited by email and chooses their own. */
  addUser: (body: { email: string; role: Role; password?: string }) =>
    request<CreatedUser>('POST', '/users', { body }),
  updateUser: (id: string, body: { role?: Role; password?: string }) =>
    request<User>('PATCH', `/users/${enc(id)}`, { body }),
  removeUser: (id: string) => request<void>('DELETE', `/users/${enc(id)}`),

  apiKeys: () => request<Page<ApiKey>>('GET', '/api-keys', { query: { limit: 200 } }),
  createApiKey: (body: { name: string; role: Role }) =>
    request<ApiKey & { key: string }>('POST', '/api-keys', { body }),
  revokeApiKey: (id: string) => request<void>('DELETE', `/api-keys/${enc(id)}`),

  billing: () => request<Billing>('GET', '/billing'),
  billingPlan: () => request<BillingPlan>('GET', '/billing/plan'),
  /** A Stripe Checkout session for `plan`: send the browser to its URL. */
  checkout: (plan: string) =>
    request<Ok<'/api/v1/billing/checkout', 'post'>>('POST', '/billing/checkout', { body: { plan } }),
  /** A Stripe Customer Portal session: card, invoices, plan changes, cancellation. */
  billingPortal: () => request<Ok<'/api/v1/billing/portal', 'post'>>('POST', '/billing/portal'),

  audit: (query: AuditFilters & { limit?: number; cursor?: string | null }) =>
    request<Page<AuditEvent>>('GET', '/audit', { query }),
  /** Entries per day and action in the browser's time zone, with the same filters. */
  auditPerDay: (query: AuditFilters) =>
    request<AuditPerDay>('GET', '/audit/per-day', {
      query: { ...query, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone },
    }),

  mailMessages: (query: { kind?: string; status?: string; limit?: number; cursor?: string | null }) =>
    request<Page<MailMessage>>('GET', '/mail/messages', { query }),
  mailMessage: (id: string) => request<MailMessageDetail>('GET', `/mail/messages/${enc(id)}`),
  mailTemplates: () => request<Schemas['MailTemplateList']>('GET', '/mail/templates'),
  saveMailTemplate: (body: { kind: TemplateKind; subject: string; body: string }) =>
    request<MailTemplate>('PUT', '/mail/templates', { body }),
  resetMailTemplate: (kind: TemplateKind) =>
    request<MailTemplate>('POST', '/mail/templates/reset', { body: { kind } }),
  /** The same answer whether or not the address has an account. */
  requestPasswordReset: (email: string) =>
    request<Schemas['PasswordResetAccepted']>('POST', '/auth/password-reset', {
      body: { email },
      token: null,
    }),
  /** Choose a password with a one-time link's token (a reset or an invitation). */
  setPassword: (token: string, password: string) =>
    request<Schemas['PasswordSet']>('POST', '/auth/password-reset/confirm', {
      body: { token, password },
      token: null,
    }),

  tenant: () => request<Tenant>('GET', '/tenant'),
  updateBranding: (body: Partial<Branding>) => request<Tenant>('PATCH', '/tenant/branding', { body }),
  /** `candidateRetentionDays`: null keeps candidates' data until someone erases it. */
  updateRetention: (candidateRetentionDays: number | null) =>
    request<Tenant>('PATCH', '/tenant/settings', { body: { candidateRetentionDays } }),
  /** Schedules the organisation's deletion; `confirm` is its slug or name as typed. */
  requestDeletion: (confirm: string) =>
    request<NonNullable<Tenant['deletion']>>('POST', '/tenant/deletion', { body: { confirm } }),
  restoreTenant: () => request<Tenant>('DELETE', '/tenant/deletion'),

  // The candidate's side: no staff token; the candidate token is passed explicitly.
  joinInfo: (token: string) => request<JoinInfo>('GET', `/public/join/${enc(token)}`, { token: null }),
  joinStart: (token: string) =>
    request<JoinStarted>('POST', `/public/join/${enc(token)}/start`, { token: null }),
  candidateState: (interviewId: string, candidateToken: string) =>
    request<InterviewState>('GET', `/interview/${enc(interviewId)}/state`, { token: candidateToken }),
  candidateAnswer: (
    interviewId: string,
    candidateToken: string,
    body: { answerText: string; turn: number },
    idempotencyKey: string,
  ) =>
    request<CandidateAnswer | AnswerAccepted>('POST', `/interview/${enc(interviewId)}/answer`, {
      body,
      token: candidateToken,
      headers: { 'idempotency-key': idempotencyKey },
    }),
};

export const RECOMMENDATION_LABELS: Record<Recommendation, string> = {
  strong_hire: 'Strong hire',
  hire: 'Hire',
  lean_no: 'Lean no',
  no_hire: 'No hire',
};

export const PHASE_LABELS: Record<Phase, string> = {
  intro: 'Introduction',
  technical: 'Technical',
  behavioral: 'Behavioural',
  situational: 'Situational',
  closing: 'Closing',
};

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A day without the time of day: "Jan 5, 2026". */
export function formatDay(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString(undefined, { dateStyle: 'medium' });
}
