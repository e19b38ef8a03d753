/**
 * ATS integrations: Greenhouse (Assessment Partner API), Ashby (assessments) and Lever (stage
 * webhook and notes). A tenant connects an ATS (credentials sealed with the server's key); the
 * ATS starts interviews (a schedule, its ATS references, the invitation mail) and hears back
 * when they finish (pushes retried like webhooks). Every call in and out is logged per connection.
 */
export type { AtsAdapter, InterviewOutcome, LinkRow } from './adapter.ts';
export { ADAPTERS } from './adapters.ts';
export {
  CancelBody,
  cancelAssessment,
  listAssessments,
  StartBody,
  startAssessment,
} from './ashby/partner.ts';
export {
  type CallRecord,
  type CallView,
  callAts,
  callSummary,
  listCalls,
  logCall,
  type OutboundSettings,
} from './calls.ts';
export {
  ATS_PROVIDERS,
  type AtsCredentials,
  type AtsProvider,
  type AtsSettings,
  AtsSettingsSchema,
  type ConnectionPatch,
  type ConnectionRow,
  type ConnectionView,
  CREDENTIAL_FIELDS,
  connectionView,
  createConnection,
  deleteConnection,
  findConnectionByProvider,
  getConnection,
  INBOUND_KEY_PREFIX,
  listConnections,
  looksLikeInboundKey,
  type NewConnection,
  PROVIDER_NEEDS,
  readCredentials,
  rotateInboundKey,
  settingsOf,
  updateConnection,
} from './connections.ts';
export { type CredentialKeyring, CredentialsUnreadableError, createKeyring } from './credentials.ts';
export { INBOUND_PATHS, inboundEndpoints } from './endpoints.ts';
export { listTests, SendTestBody, sendTest, testStatus } from './greenhouse/partner.ts';
export { type AtsInvite, checkEmail, type InviteDeps, type Invited, inviteFromAts } from './invite.ts';
export { LeverWebhookBody, leverSignature, onStageChange, verifyLeverSignature } from './lever/webhook.ts';
export { LINK_COLUMNS, readOutcome } from './outcome.ts';
export { atsOutcomes } from './outcomes.ts';
export { linkOf, openPosition, openPositions } from './positions.ts';
export {
  enqueuePushes,
  handlePush,
  type PushDeps,
  pushJobId,
  pushToAtsJob,
  recordPushes,
  registerAtsJobs,
} from './push.job.ts';
export { type AtsRuntime, atsRuntime } from './runtime.ts';
export { PUSH_STALLED_AFTER_SECONDS, startAtsSweeper, sweepAtsPushes } from './sweeper.ts';
export { type ConnectionTest, testConnection } from './test-connection.ts';
