import { GraphQLError } from 'graphql';
import { AgencyCode, Principal, Role } from './principal';

/**
 * What each role may do, as data. Agency-scoped permissions also require the caller's own
 * agency to be the one whose records are written: a school writes school records only.
 * The identity issue extends this table with territory and case relationships.
 */
export const PERMISSIONS = ['case:read', 'identity:write', 'signal:write', 'measure:write', 'facts:write'] as const;
export type Permission = (typeof PERMISSIONS)[number];

const AGENCY_WRITER: Permission[] = ['case:read', 'identity:write', 'signal:write', 'measure:write', 'facts:write'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  agency_system: AGENCY_WRITER,
  education_specialist: AGENCY_WRITER,
  health_doctor: AGENCY_WRITER,
  police_inspector: AGENCY_WRITER,
  social_specialist: AGENCY_WRITER,
  case_curator: AGENCY_WRITER,
  guardianship_specialist: AGENCY_WRITER,
  kdn_secretary: ['case:read', 'identity:write', 'signal:write'],
  kdn_member: ['case:read'],
  kdn_chair: ['case:read'],
  bank_operator: ['case:read', 'identity:write'],
  auditor: [],
  regional_sync: [],
};

/** Permissions that act on one agency's own records. */
const AGENCY_SCOPED: ReadonlySet<Permission> = new Set(['signal:write', 'measure:write', 'facts:write']);

export function hasPermission(principal: Principal, permission: Permission, agency?: AgencyCode): boolean {
  const granted = principal.roles.some((role) => ROLE_PERMISSIONS[role].includes(permission));
  if (!granted) return false;
  if (AGENCY_SCOPED.has(permission)) return agency !== undefined && principal.agency === agency;
  return true;
}

export function requirePermission(principal: Principal, permission: Permission, agency?: AgencyCode): void {
  if (hasPermission(principal, permission, agency)) return;
  const scope = agency ? ` для ведомства ${agency}` : '';
  throw new GraphQLError(`Недостаточно прав: требуется ${permission}${scope}`, {
    // No HTTP status here: a refused field is one error in an otherwise answered request.
    extensions: { code: 'FORBIDDEN', permission, agency: agency ?? null },
  });
}
