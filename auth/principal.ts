import { Organisation, SUBGRAPH_AGENCIES } from './organisations/organisation';

/**
 * Who is calling, as read from a verified access token and the organisation the caller acts
 * for. Everything downstream (permission checks, audit, territory filters) reads this and never
 * re-parses the token or the headers.
 */
export const AGENCY_CODES = SUBGRAPH_AGENCIES;
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
  'registry_admin',
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
  /**
   * The organisation the caller acts for: a person's own (the `organisation` claim), or the one a
   * system names per request within its allow-list. Null for auditors and the regional sync.
   */
  organisation: Organisation | null;
  /** The organisation's agency type where it has a subgraph of its own (whose records it writes). */
  agency: AgencyCode | null;
  /** OKTMO the organisation serves; null (no organisation) means no territorial scope at all. */
  territories: readonly string[] | null;
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

/** Does the caller's organisation serve this territory? Callers without one are not territorial. */
export function servesTerritory(principal: Principal, oktmo: string): boolean {
  return principal.territories === null || principal.territories.includes(oktmo);
}

/**
 * Whose idempotency keys these are: a person's own (two people of one organisation never share
 * keys), or an organisation's for its systems (the school's own system and the regional one
 * acting for the school see the same records, so a retry through either finds the first write).
 */
export function idempotencyScope(principal: Principal): string {
  if (!principal.isServiceAccount) return `person:${principal.subject}`;
  return principal.organisation ? `organisation:${principal.organisation.id}` : `client:${principal.clientId}`;
}

/** Anything that turns an Authorization header (and the organisation named for the request) into a Principal. */
export interface PrincipalResolver {
  verify(authorization: string | undefined, actingFor?: string | undefined): Promise<Principal>;
}
