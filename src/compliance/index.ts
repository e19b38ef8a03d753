export {
  AUDIT_ACTIONS,
  type AuditAction,
  type AuditActor,
  type AuditEntry,
  type AuditEvent,
  type AuditOrigin,
  type AuditQuery,
  actorOf,
  listAudit,
  recordAudit,
} from './audit.ts';
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
export { type ReviewRequest, requestReview, resolveReview, reviewRequestOf } from './review-requests.ts';
