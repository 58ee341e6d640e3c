import { loadOrganisationRegistry } from '../auth/organisations/organisation-registry';
import { AgencyCode, Principal } from '../auth/principal';

/**
 * The principal an agency system's token resolves to (client credentials of `<agency>-system`),
 * for benches and tests that write through the agencies' services in-process, without HTTP.
 */
export function agencySystemPrincipal(agency: AgencyCode, municipality = '05701000'): Principal {
  const registry = loadOrganisationRegistry();
  const organisation = registry.defaultFor(agency, municipality);
  if (!organisation) throw new Error(`No ${agency} organisation serves ${municipality} in the registry`);
  return {
    subject: `${agency}-system-sub`,
    username: `service-account-${agency}-system`,
    roles: ['agency_system'],
    organisation,
    agency,
    territories: organisation.territories,
    clientId: `${agency}-system`,
    isServiceAccount: true,
    tokenId: null,
  };
}
