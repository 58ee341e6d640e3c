import { AgencyCode, Principal } from '../auth/principal';

/**
 * The principal an agency system's token resolves to (client credentials of `<agency>-system`),
 * for benches and tests that write through the agencies' services in-process, without HTTP.
 */
export function agencySystemPrincipal(agency: AgencyCode, municipality = '05701000'): Principal {
  return {
    subject: `${agency}-system-sub`,
    username: `service-account-${agency}-system`,
    roles: ['agency_system'],
    agency,
    municipality,
    clientId: `${agency}-system`,
    isServiceAccount: true,
    tokenId: null,
  };
}
