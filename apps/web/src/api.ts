/** A small typed client for /api/v1. Errors are application/problem+json and become ApiError. */

export type Role = 'owner' | 'admin' | 'recruiter' | 'viewer';
export type Phase = 'intro' | 'technical' | 'behavioral' | 'situational' | 'closing';
export type Recommendation = 'strong_hire' | 'hire' | 'lean_no' | 'no_hire';
export type InterviewStatus = 'in_progress' | 'completed' | 'ended';
export type ScheduleStatus = 'scheduled' | 'started' | 'completed' | 'expired' | 'cancelled';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface FieldProblem {
  path: string;
  message: string;
}

export interface Branding {
  displayName: string | null;
  logoUrl: string | null;
  primaryColor: string | null;
  welcomeMessage: string | null;
}

export interface Tenant {
  id: string;
  name: string;
  slug: string;
  branding: Branding;
  createdAt: string;
}

export interface User {
  id: string;
  email: string;
  role: Role;
  createdAt: string;
  updatedAt: string;
}

export interface Me {
  kind: 'user' | 'api_key';
  role: Role;
  user: User | null;
  tenant: Tenant;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  role: Role;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface PluginSummary {
  id: string;
  name: string;
  description: string;
  publisher: string;
  latestVersion: string;
  roles: { id: string; title: string }[];
}

export interface TenantPlugin {
  pluginId: string;
  version: string;
  installedAt: string;
  updatedAt: string;
  plugin: PluginSummary;
}

export interface InterviewState {
  interviewId: string;
  status: InterviewStatus;
  role: { id: string; title: string };
  plugin: { id: string; version: string };
  phase: Phase | null;
  turn: number | null;
  totalTurns: number;
  answered: number;
  difficulty: number;
  currentQuestion: {
    turn: number;
    kind: 'question' | 'follow_up';
    phase: Phase;
    questionId: string;
    text: string;
    timeLimitSec: number | null;
  } | null;
  lastEvaluated: { turn: number; score: number } | null;
  coverage: Record<string, number>;
}

export interface InterviewSummary {
  id: string;
  candidate: { id: string; name: string; email: string };
  role: { id: string; title: string };
  status: InterviewStatus;
  overall: number | null;
  recommendation: Recommendation | null;
  startedAt: string;
  endedAt: string | null;
}

export interface InterviewTurn {
  turn: number;
  kind: string;
  phase: string;
  question: string;
  reply?: string | null;
  answer: string | null;
  /** null until evaluated; 0 and meaningless when `unscorable` is set */
  score: number | null;
  evaluation?: { summary: string | null } | null;
  summary?: string | null;
  /** set when the answer could not be judged: not scored, a person should review it */
  unscorable?: { reason: string } | null;
}

/** What the dashboard shows instead of a score for an answer the evaluator could not judge. */
export const NOT_SCORED_LABEL = 'Not scored — needs review';

export interface InterviewDetail {
  id: string;
  candidate: { id: string; name: string; email: string };
  role: { id: string; title: string };
  status: InterviewStatus;
  plugin: { id: string; version: string };
  turns: InterviewTurn[];
  state: InterviewState;
}

export interface Schedule {
  id: string;
  candidate: { id?: string; name: string | null; email: string };
  role: { id: string; title: string };
  positionId?: string | null;
  scheduledAt: string;
  expiresAt: string;
  status: ScheduleStatus;
  interviewId: string | null;
  /** only ever set in the creation response */
  joinUrl?: string | null;
  createdAt: string;
}

export interface ScheduleCreated {
  id: string;
  joinUrl: string;
  scheduledAt: string;
  expiresAt: string;
  status: ScheduleStatus;
}

export interface OverrideView {
  score: number;
  reason: string;
  by: string;
  at: string;
}

export interface Evidence {
  turn: number;
  quote: string;
}

export interface Report {
  version: string;
  interviewId: string;
  plugin: { id: string; version: string; sha256: string };
  role: { id: string; title: string };
  status: string;
  overall: { score: number; override: OverrideView | null; effectiveScore: number };
  recommendation: Recommendation;
  evaluatedRecommendation: Recommendation;
  thresholds: { strongHire: number; hire: number; leanNo: number };
  competencies: {
    id: string;
    name: string;
    score: number;
    override: OverrideView | null;
    effectiveScore: number;
    turns: number[];
  }[];
  strengths: { competency: string; summary: string; evidence: Evidence[] }[];
  concerns: { competency: string; summary: string; evidence: Evidence[]; missing: string[] }[];
  redFlags: { kind: string; detail: string; evidence: string | null; turn: number }[];
  /** answers the evaluator could not judge: left out of every score, for a person to review */
  review: { turn: number; questionId: string; reason: string }[];
  /** true while `review` lists an answer: the recommendation rests on the judged answers only */
  provisional: boolean;
  coverage: {
    competenciesAssessed: number;
    competenciesInRole: number;
    expectedPointsCovered: number;
    expectedPointsAsked: number;
  };
  evaluators: string[];
  transcript: {
    turn: number;
    kind: string;
    phase: string;
    question: string;
    answer: string | null;
    /** null when not evaluated, or when the answer could not be judged (see `review`) */
    score: number | null;
  }[];
}

export interface ScoreOverride {
  id: string;
  competency: string | null;
  originalScore: number;
  score: number;
  reason: string;
  by: string;
  at: string;
}

export interface JoinInfo {
  status: ScheduleStatus;
  role: { title: string };
  scheduledAt: string;
  expiresAt: string;
  branding: Branding;
  aiNotice: string;
  interviewId: string | null;
}

export interface JoinStarted {
  interviewId: string;
  firstReply: string;
  /** the conversation so far, oldest first (the server's record: the same on every device) */
  conversation: { from: 'interviewer' | 'candidate'; text: string }[];
  candidateToken: string;
  state: InterviewState;
}

export interface CandidateAnswer {
  state: InterviewState;
  nextReply: string;
}

export interface AnswerAccepted {
  interviewId: string;
  turn: number;
  status: 'accepted';
}

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

/** The message of any error, for display. */
export function errorMessage(err: unknown): string {
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
    request<{ token: string; email: string }>('POST', '/admin/login', { body, token: null }),
  me: () => request<Me>('GET', '/me'),

  interviews: (query: { status?: string; limit?: number; cursor?: string | null }) =>
    request<Page<InterviewSummary>>('GET', '/interviews', { query }),
  interview: (id: string) => request<InterviewDetail>('GET', `/interviews/${enc(id)}`),
  interviewState: (id: string) => request<InterviewState>('GET', `/interview/${enc(id)}/state`),
  endInterview: (id: string) => request<unknown>('POST', `/interview/${enc(id)}/end`),

  schedules: (query: { status?: string; limit?: number; cursor?: string | null }) =>
    request<Page<Schedule>>('GET', '/admin/schedules', { query }),
  schedule: (body: {
    candidateEmail: string;
    candidateName?: string;
    role: string;
    scheduledAt: string;
    positionId?: string;
    expiresAt?: string;
  }) => request<ScheduleCreated>('POST', '/admin/schedule', { body }),
  cancelSchedule: (id: string) => request<Schedule>('POST', `/admin/schedules/${enc(id)}/cancel`),
  reschedule: (id: string, body: { scheduledAt?: string; expiresAt?: string }) =>
    request<Schedule>('PATCH', `/admin/schedules/${enc(id)}`, { body }),

  report: (id: string) => request<Report>('GET', `/report/${enc(id)}`),
  overrides: (id: string) => request<{ items: ScoreOverride[] }>('GET', `/report/${enc(id)}/overrides`),
  addOverride: (id: string, body: { competency?: string; score: number; reason: string }) =>
    request<{ override: ScoreOverride; report: Report }>('POST', `/report/${enc(id)}/overrides`, { body }),

  roles: () =>
    request<{
      items: { id: string; title: string; plugin: { id: string; name: string; version: string } }[];
    }>('GET', '/roles'),
  tenantPlugins: () => request<Page<TenantPlugin>>('GET', '/tenant/plugins', { query: { limit: 200 } }),
  catalog: (query: { q?: string; role?: string; cursor?: string | null }) =>
    request<Page<PluginSummary>>('GET', '/plugins', { query: { ...query, limit: 50 } }),
  install: (pluginId: string) => request<TenantPlugin>('POST', '/tenant/plugins', { body: { pluginId } }),
  pin: (pluginId: string, version: string) =>
    request<TenantPlugin>('PATCH', `/tenant/plugins/${enc(pluginId)}`, { body: { version } }),
  uninstall: (pluginId: string) => request<void>('DELETE', `/tenant/plugins/${enc(pluginId)}`),

  users: (cursor?: string | null) => request<Page<User>>('GET', '/users', { query: { limit: 200, cursor } }),
  addUser: (body: { email: string; role: Role; password: string }) =>
    request<User>('POST', '/users', { body }),
  updateUser: (id: string, body: { role?: Role; password?: string }) =>
    request<User>('PATCH', `/users/${enc(id)}`, { body }),
  removeUser: (id: string) => request<void>('DELETE', `/users/${enc(id)}`),

  apiKeys: () => request<Page<ApiKey>>('GET', '/api-keys', { query: { limit: 200 } }),
  createApiKey: (body: { name: string; role: Role }) =>
    request<ApiKey & { key: string }>('POST', '/api-keys', { body }),
  revokeApiKey: (id: string) => request<void>('DELETE', `/api-keys/${enc(id)}`),

  tenant: () => request<Tenant>('GET', '/tenant'),
  updateBranding: (body: Partial<Branding>) => request<Tenant>('PATCH', '/tenant/branding', { body }),

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
