/**
 * Who is calling, as read from a verified access token. Everything downstream (permission
 * checks, audit, territory filters) reads this and never re-parses the token or the headers.
 */
export const AGENCY_CODES = ['kdn', 'guardianship', 'social', 'education', 'health', 'police'] as const;
export type AgencyCode = (typeof AGENCY_CODES)[number];

/** Realm roles of the hub's Keycloak realm. People's jobs first, then machine clients. */
export const ROLES = [
  'education_specialist',
  'health_doctor',
  'police_inspector',
  'social_specialist',
  'case_curator',
  'guardianship_specialist',
  'kdn_secretary',
  'kdn_member',
  'kdn_chair',
  'bank_operator',
  'auditor',
  'agency_system',
  'regional_sync',
] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  /** `sub`: stable id of the user or service account. */
  subject: string;
  /** `preferred_username` (service accounts: `service-account-<clientId>`). */
  username: string;
  /** Realm roles the hub knows; unknown roles in the token are ignored. */
  roles: Role[];
  /** `agency` claim: the agency the person or system works for; null for auditors and the regional sync. */
  agency: AgencyCode | null;
  /** `municipality` claim: OKTMO code of the territory; null means the whole region. */
  municipality: string | null;
  /** `azp`: the OAuth client that obtained the token. */
  clientId: string;
  isServiceAccount: boolean;
  /** `jti`, for correlating audit entries with the identity provider's own log. */
  tokenId: string | null;
}

export function isAgencyCode(value: unknown): value is AgencyCode {
  return typeof value === 'string' && (AGENCY_CODES as readonly string[]).includes(value);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Anything that turns an Authorization header into a Principal or throws UNAUTHENTICATED. */
export interface PrincipalResolver {
  verify(authorization: string | undefined): Promise<Principal>;
}
