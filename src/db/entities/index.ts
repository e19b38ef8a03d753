import { ApiKeySchema } from './api-key.ts';
import {
  AnswerSchema,
  CandidateSchema,
  EvaluationRecordSchema,
  InterviewSchema,
  InterviewTurnSchema,
  ReportRecordSchema,
  ScoreOverrideSchema,
} from './interview.ts';
import { PartnerApiKeySchema, PartnerSchema } from './partner.ts';
import { PluginSchema, PluginVersionSchema, TenantPluginSchema } from './plugin.ts';
import { ScheduleSchema } from './schedule.ts';
import { TenantSchema } from './tenant.ts';
import { UserSchema } from './user.ts';
import { WebhookAttemptSchema, WebhookDeliverySchema, WebhookEndpointSchema } from './webhook.ts';

export { ApiKey } from './api-key.ts';
export {
  Answer,
  Candidate,
  EvaluationRecord,
  INTERVIEW_STATUSES,
  Interview,
  type InterviewStatus,
  InterviewTurn,
  ReportRecord,
  ScoreOverride,
} from './interview.ts';
export { Partner, PartnerApiKey } from './partner.ts';
export { Plugin, type PluginRole, PluginVersion, TenantPlugin } from './plugin.ts';
export { SCHEDULE_STATES, Schedule, type ScheduleState } from './schedule.ts';
export { type Branding, type RecommendationThresholds, Tenant } from './tenant.ts';
export { TENANT_FILTER } from './tenant-filter.ts';
export { ROLES, type Role, User } from './user.ts';
export {
  WEBHOOK_DELIVERY_STATUSES,
  WebhookAttempt,
  WebhookDelivery,
  type WebhookDeliveryStatus,
  WebhookEndpoint,
  type WebhookPayload,
} from './webhook.ts';

/** Every entity the ORM knows; migrations in migrations/ create their tables. */
export const entities = [
  TenantSchema,
  UserSchema,
  ApiKeySchema,
  PartnerSchema,
  PartnerApiKeySchema,
  PluginSchema,
  PluginVersionSchema,
  TenantPluginSchema,
  CandidateSchema,
  InterviewSchema,
  InterviewTurnSchema,
  AnswerSchema,
  EvaluationRecordSchema,
  ReportRecordSchema,
  ScoreOverrideSchema,
  WebhookEndpointSchema,
  WebhookDeliverySchema,
  WebhookAttemptSchema,
  ScheduleSchema,
];
