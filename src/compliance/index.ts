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
