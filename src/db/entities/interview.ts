import { EntitySchema, OptionalProps } from '@mikro-orm/core';
import { uuidv7 } from '../ids.ts';
import { tenantFilter } from './tenant-filter.ts';

/**
 * The interview record in PostgreSQL. Live state lives in the session store and is rebuilt from
 * these rows, so they alone must be enough to reproduce an interview and its report.
 */

const id = { type: 'uuid', primary: true } as const;
const tenantId = { type: 'uuid' } as const;
const createdAt = { type: 'Date', onCreate: () => new Date() } as const;

export class Candidate {
  [OptionalProps]?: 'createdAt' | 'externalId';
  id: string = uuidv7();
  tenantId!: string;
  name!: string;
  email!: string;
  externalId: string | null = null;
  createdAt: Date = new Date();
}

export const CandidateSchema = new EntitySchema<Candidate>({
  class: Candidate,
  tableName: 'candidates',
  filters: { tenant: tenantFilter },
  properties: {
    id,
    tenantId,
    name: { type: 'string' },
    email: { type: 'string' },
    externalId: { type: 'string', nullable: true },
    createdAt,
  },
});

export const INTERVIEW_STATUSES = ['in_progress', 'completed', 'ended'] as const;
export type InterviewStatus = (typeof INTERVIEW_STATUSES)[number];

export class Interview {
  [OptionalProps]?:
    | 'startedAt'
    | 'endedAt'
    | 'turn'
    | 'summary'
    | 'summaryThroughTurn'
    | 'positionId'
    | 'positionVersion'
    | 'createdBy';
  id: string = uuidv7();
  tenantId!: string;
  candidateId!: string;
  roleId!: string;
  roleTitle!: string;
  positionId: string | null = null;
  /** the position's design version the interview runs (its plugin version pins the same) */
  positionVersion: number | null = null;
  pluginId!: string;
  pluginVersion!: string;
  pluginSha256!: string;
  status!: InterviewStatus;
  seed!: number;
  length!: number;
  /** the turn currently awaiting an answer (0 before the first question) */
  turn = 0;
  /** the conversation manager's stored summary of older turns */
  summary: string | null = null;
  summaryThroughTurn = 0;
  /** what the interviewer said when the interview completed */
  closingReply: string | null = null;
  createdBy: string | null = null;
  startedAt: Date = new Date();
  endedAt: Date | null = null;
}

export const InterviewSchema = new EntitySchema<Interview>({
  class: Interview,
  tableName: 'interviews',
  filters: { tenant: tenantFilter },
  properties: {
    id,
    tenantId,
    candidateId: { type: 'uuid' },
    roleId: { type: 'string' },
    roleTitle: { type: 'string' },
    positionId: { type: 'string', nullable: true },
    positionVersion: { type: 'integer', nullable: true },
    pluginId: { type: 'string' },
    pluginVersion: { type: 'string' },
    pluginSha256: { type: 'string' },
    status: { type: 'string' },
    seed: { type: 'integer' },
    length: { type: 'integer' },
    turn: { type: 'integer' },
    summary: { type: 'text', nullable: true },
    summaryThroughTurn: { type: 'integer' },
    closingReply: { type: 'text', nullable: true },
    createdBy: { type: 'uuid', nullable: true },
    startedAt: { type: 'Date', onCreate: () => new Date() },
    endedAt: { type: 'Date', nullable: true },
  },
});

export class InterviewTurn {
  [OptionalProps]?: 'askedAt' | 'followUpId';
  id: string = uuidv7();
  tenantId!: string;
  interviewId!: string;
  turn!: number;
  kind!: 'question' | 'follow_up';
  phase!: string;
  questionId!: string;
  followUpId: string | null = null;
  difficulty!: number;
  /** the question or follow-up as written in the plugin */
  prompt!: string;
  /** what the interviewer said (greeting/transition + the prompt) */
  reply!: string;
  askedAt: Date = new Date();
}

export const InterviewTurnSchema = new EntitySchema<InterviewTurn>({
  class: InterviewTurn,
  tableName: 'interview_turns',
  filters: { tenant: tenantFilter },
  properties: {
    id,
    tenantId,
    interviewId: { type: 'uuid' },
    turn: { type: 'integer' },
    kind: { type: 'string' },
    phase: { type: 'string' },
    questionId: { type: 'string' },
    followUpId: { type: 'string', nullable: true },
    difficulty: { type: 'integer' },
    prompt: { type: 'text' },
    reply: { type: 'text' },
    askedAt: { type: 'Date', onCreate: () => new Date() },
  },
});

export class Answer {
  [OptionalProps]?: 'createdAt';
  id: string = uuidv7();
  tenantId!: string;
  interviewId!: string;
  turn!: number;
  text!: string;
  createdAt: Date = new Date();
}

export const AnswerSchema = new EntitySchema<Answer>({
  class: Answer,
  tableName: 'answers',
  filters: { tenant: tenantFilter },
  properties: {
    id,
    tenantId,
    interviewId: { type: 'uuid' },
    turn: { type: 'integer' },
    text: { type: 'text' },
    createdAt,
  },
});

export class EvaluationRecord {
  [OptionalProps]?: 'createdAt';
  id: string = uuidv7();
  tenantId!: string;
  interviewId!: string;
  turn!: number;
  answerId!: string;
  score!: number;
  result!: unknown;
  evaluatorName!: string;
  evaluatorVersion!: string;
  rubricId!: string;
  pluginId!: string;
  pluginVersion!: string;
  createdAt: Date = new Date();
}

export const EvaluationRecordSchema = new EntitySchema<EvaluationRecord>({
  class: EvaluationRecord,
  tableName: 'evaluations',
  filters: { tenant: tenantFilter },
  properties: {
    id,
    tenantId,
    interviewId: { type: 'uuid' },
    turn: { type: 'integer' },
    answerId: { type: 'uuid' },
    score: { type: 'integer' },
    result: { type: 'json' },
    evaluatorName: { type: 'string' },
    evaluatorVersion: { type: 'string' },
    rubricId: { type: 'string' },
    pluginId: { type: 'string' },
    pluginVersion: { type: 'string' },
    createdAt,
  },
});

export class ReportRecord {
  [OptionalProps]?: 'createdAt' | 'announcedAt';
  id: string = uuidv7();
  tenantId!: string;
  interviewId!: string;
  overall!: number;
  recommendation!: string;
  report!: unknown;
  /** when webhooks and events for the finished interview were sent (once) */
  announcedAt: Date | null = null;
  createdAt: Date = new Date();
}

export const ReportRecordSchema = new EntitySchema<ReportRecord>({
  class: ReportRecord,
  tableName: 'reports',
  filters: { tenant: tenantFilter },
  properties: {
    id,
    tenantId,
    interviewId: { type: 'uuid' },
    overall: { type: 'integer' },
    recommendation: { type: 'string' },
    report: { type: 'json' },
    announcedAt: { type: 'Date', nullable: true },
    createdAt,
  },
});

export class ScoreOverride {
  [OptionalProps]?: 'createdAt' | 'competency' | 'createdBy';
  id: string = uuidv7();
  tenantId!: string;
  interviewId!: string;
  /** null overrides the overall score */
  competency: string | null = null;
  originalScore!: number;
  score!: number;
  reason!: string;
  createdBy: string | null = null;
  /** who, readable: the user's email or "API key <prefix>" */
  createdByLabel!: string;
  createdAt: Date = new Date();
}

export const ScoreOverrideSchema = new EntitySchema<ScoreOverride>({
  class: ScoreOverride,
  tableName: 'score_overrides',
  filters: { tenant: tenantFilter },
  properties: {
    id,
    tenantId,
    interviewId: { type: 'uuid' },
    competency: { type: 'string', nullable: true },
    originalScore: { type: 'integer' },
    score: { type: 'integer' },
    reason: { type: 'text' },
    createdBy: { type: 'uuid', nullable: true },
    createdByLabel: { type: 'string' },
    createdAt,
  },
});
