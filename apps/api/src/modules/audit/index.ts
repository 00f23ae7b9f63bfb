/**
 * Audit module: the organizer activity log.
 * Owns tables: audit_log.
 * Other modules record an action inside their own transaction, so the entry and the change commit together.
 */
export { type AuditEntry, listAuditOfTargets, recordAudit, recordEventAudit } from './audit.repository';
