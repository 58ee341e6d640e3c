import { Organisation } from '../../../../auth/organisations/organisation';
import { loadOrganisationRegistry } from '../../../../auth/organisations/organisation-registry';
import { AgencyCode, isAgencyCode } from '../../../../auth/principal';
import { inputError } from '../../../common/errors';

/**
 * The organisations the KDN names for a case: by ОГРН, or by agency type (then the type's
 * organisation serving the case's territory). Types without a subgraph may support a case but
 * cannot check, lead or execute: they have nowhere to record a conclusion or a measure.
 */
export function caseOrganisations(
  field: string,
  municipality: string,
  agencies: readonly AgencyCode[],
  organisationIds: readonly string[],
  { subgraphOnly }: { subgraphOnly: boolean },
): Organisation[] {
  const registry = loadOrganisationRegistry();
  const named = organisationIds.map((id, i) => {
    const found = registry.get(id);
    if (!found) throw inputError(`${field}[${i}]`, id, 'organisation.known', 'организации с таким ОГРН нет в реестре организаций');
    if (subgraphOnly && !isAgencyCode(found.type))
      throw inputError(`${field}[${i}]`, id, 'organisation.subgraph', `${found.name}: ведомство этого вида не ведёт сведения в хабе и не может проверять, вести случай или исполнять мероприятия`);
    if (registry.regionOf(municipality)?.code !== found.region) throw inputError(`${field}[${i}]`, id, 'organisation.region', `${found.name} — организация другого региона`);
    return found;
  });
  const byType = agencies
    .filter((type) => !named.some((o) => o.type === type))
    .map((type) => {
      const found = registry.defaultFor(type, municipality);
      if (!found) throw inputError(field, type, 'organisation.serving', `в реестре нет организации вида ${type}, обслуживающей территорию ${municipality}`);
      return found;
    });
  return [...new Map([...named, ...byType].map((o) => [o.id, o])).values()];
}

/** The organisations of ids stored on a case (unknown ones, retired from the registry, are skipped). */
export function organisationsOf(ids: readonly string[]): Organisation[] {
  const registry = loadOrganisationRegistry();
  return ids.map((id) => registry.get(id)).filter((o): o is Organisation => o !== null);
}

/** The organisations of a case's team by its resolution; for resolutions of before organisations, the types serving its territory. */
export function teamOrganisations(team: { municipality: string; leadAgency: string | null; supportingAgencies: string[]; leadOrganisation: string | null; supportingOrganisations: string[] }) {
  const byType = (types: string[]) => caseOrganisations('team', team.municipality, types as AgencyCode[], [], { subgraphOnly: false });
  const lead = team.leadOrganisation ? organisationsOf([team.leadOrganisation]) : team.leadAgency ? byType([team.leadAgency]) : [];
  const supporting = team.supportingOrganisations.length ? organisationsOf(team.supportingOrganisations) : byType(team.supportingAgencies);
  const kdn = loadOrganisationRegistry().defaultFor('kdn', team.municipality);
  return { lead: lead[0] ?? null, supporting, kdn };
}
