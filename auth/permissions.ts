import { AuditCollector } from './audit/audit-entry';
import { requireAudited } from './access/decide';
import { Operation } from './access/permission-table';
import { AgencyCode, Principal } from './principal';

/**
 * Writes to one agency's own records: the caller's role must grant the operation and its agency
 * must be the agency written to. A shorthand over the one decision function (access/decide.ts),
 * recorded in the request's audit entry.
 */
export function requirePermission(ctx: { principal: Principal; audit: AuditCollector; meta: { purpose: string | null } }, operation: Operation, agency?: AgencyCode): void {
  requireAudited(ctx, operation, { agency });
}
