import { requireAccess } from './access/decide';
import { Operation } from './access/permission-table';
import { AgencyCode, Principal } from './principal';

/**
 * Writes to one agency's own records: the caller's role must grant the operation and its agency
 * must be the agency written to. A shorthand over the one decision function (access/decide.ts).
 */
export function requirePermission(principal: Principal, operation: Operation, agency?: AgencyCode): void {
  requireAccess(principal, operation, { agency });
}
