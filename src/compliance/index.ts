export {
  AUDIT_ACTIONS,
  type AuditAction,
  type AuditActor,
  type AuditDayCount,
  type AuditEntry,
  type AuditEvent,
  type AuditOrigin,
  type AuditQuery,
  actorOf,
  countAuditPerDay,
  listAudit,
  recordAudit,
} from './audit.ts';
export {
  type CandidateErasure,
  type ErasureDeps,
  type ErasureRequest,
  eraseCandidate,
} from './candidates/erase.ts';
export {
  type ErasureSubject,
  eraseLiveData,
  type LiveErasureCounts,
  type LiveStores,
} from './candidates/erase-live.ts';
export {
  type ErasedRecords,
  eraseCandidateRecords,
  type PostgresErasureCounts,
} from './candidates/erase-records.ts';
export {
  type CandidateExport,
  EXPORT_FORMAT,
  exportCandidate,
  exportCounts,
} from './candidates/export.ts';
export { escapeHtml, renderExportHtml } from './candidates/export-html.ts';
export {
  type DeletedTenant,
  deleteTenant,
  type TenantDeletionDeps,
  tenantsDueForDeletion,
} from './offboarding/delete-tenant.ts';
export { isSecretColumn, TENANT_EXPORT_FORMAT, tenantExportStream } from './offboarding/export.ts';
export { RETENTION_ACTOR, type RetentionSweep, type SweepScope, sweepRetention } from './retention.ts';
export { type ReviewRequest, requestReview, resolveReview, reviewRequestOf } from './review-requests.ts';
export {
  type ComplianceSweep,
  type ComplianceSweepDeps,
  runComplianceSweep,
  startComplianceSweeper,
} from './sweeper.ts';
