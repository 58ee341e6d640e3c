import { DataSource } from 'typeorm';
import { Principal } from '../../../../auth/principal';
import { conflict, inputError, notFound } from '../../../common/errors';
import * as v from '../../../common/validation';
import { ConsentEntity, EmergencyAccessEntity } from '../entities/consent.entity';
import { RecordConsentInput } from '../types/consent.types';
import { organisationGrantee, typeGrantee } from '../../../../auth/access/consent';
import { loadOrganisationRegistry } from '../../../../auth/organisations/organisation-registry';
import { AgencyCode } from '../../../../auth/principal';
import { realJustification } from './justification';
import { momentCaption, organisationCaption, tellCurators } from '../../notifications/services/notify';

/** Emergency access lasts long enough to act on a threat, short enough to need a new reason. */
export const EMERGENCY_HOURS = 4;

export class ConsentService {
  constructor(private readonly dataSource: DataSource) {}

  async record(principal: Principal, input: RecordConsentInput, child: { municipality: string }): Promise<ConsentEntity> {
    const childId = v.uuid('input.childId', input.childId);
    const grantorId = v.uuid('input.grantorId', input.grantorId);
    const validFrom = v.date('input.validFrom', input.validFrom, { notBefore: '2000-01-01' });
    const validTo = input.validTo ? v.date('input.validTo', input.validTo) : null;
    if (validTo && validTo < validFrom) throw inputError('input.validTo', validTo, 'consent.period', 'окончание срока раньше начала');
    for (const [field, list] of [
      ['input.categories', input.categories],
      ['input.purposes', input.purposes],
    ] as const) {
      if (list.length === 0) throw inputError(field, '[]', 'consent.nonEmpty', 'укажите хотя бы одно значение');
    }
    const grantees = granteeSpecs(input, child.municipality);
    // Only a legal representative of the child (a parent or guardian of one of its families) can consent.
    const representative = await this.dataSource.query(
      `SELECT 1 FROM family_member g JOIN family_member c ON c.family_id = g.family_id
       WHERE g.person_id = $1 AND g.role IN ('MOTHER', 'FATHER', 'GUARDIAN') AND c.person_id = $2 AND c.role = 'CHILD' LIMIT 1`,
      [grantorId, childId],
    );
    if (representative.length === 0) {
      throw inputError('input.grantorId', grantorId, 'consent.legalRepresentative', 'согласие даёт только родитель или опекун ребёнка из его семьи');
    }
    const repository = this.dataSource.getRepository(ConsentEntity);
    return repository.save(
      repository.create({
        childId,
        grantorId,
        grantees,
        categories: [...new Set(input.categories)].sort(),
        purposes: [...new Set(input.purposes)].sort(),
        provision: input.provision.toLowerCase(),
        validFrom,
        validTo,
        documentRef: v.text('input.documentRef', input.documentRef, 300),
        status: 'active',
        recordedBy: principal.subject,
      }),
    );
  }

  /**
   * Withdrawal takes effect on the next request: the next access grant no longer carries it, and
   * one signed before is refused where it is used (a trigger bumps the child's access_changed_at).
   */
  async withdraw(id: string): Promise<ConsentEntity> {
    const repository = this.dataSource.getRepository(ConsentEntity);
    const consent = await repository.findOneBy({ id: v.uuid('id', id) });
    if (!consent) throw notFound('Согласие', id);
    if (consent.status === 'withdrawn') throw conflict('Согласие уже отозвано', { rule: 'consent.alreadyWithdrawn' });
    consent.status = 'withdrawn';
    consent.withdrawnAt = new Date();
    return repository.save(consent);
  }

  async openEmergency(principal: Principal, childId: string, justification: string): Promise<EmergencyAccessEntity> {
    const text = realJustification('input.justification', justification);
    return this.dataSource.transaction(async (em) => {
      const repository = em.getRepository(EmergencyAccessEntity);
      const access = await repository.save(
        repository.create({
          childId: v.uuid('input.childId', childId),
          sub: principal.subject,
          username: principal.username,
          agency: principal.agency,
          justification: text,
          until: new Date(Date.now() + EMERGENCY_HOURS * 3600 * 1000),
        }),
      );
      // CP-IS: the case's curator learns who opened it and when, never the justification.
      await tellCurators(
        em,
        access.childId,
        'CASE_EMERGENCY_ACCESS',
        (number) => `К сведениям о ребёнке (дело ${number}) открыт экстренный доступ: ${organisationCaption(principal.organisation?.id, principal.agency)}, ${momentCaption(new Date())}`,
        principal.username,
      );
      return access;
    });
  }
}

export function consentStatus(consent: ConsentEntity, today = new Date().toISOString().slice(0, 10)): string {
  if (consent.status === 'withdrawn') return 'withdrawn';
  if (consent.validTo && consent.validTo < today) return 'expired';
  return 'active';
}

/**
 * Whom a consent covers, as stored: named organisations, and agency types within named
 * territories (the child's own when none is named). A parent never consents to a type region-wide.
 */
export function granteeSpecs(input: Pick<RecordConsentInput, 'grantees' | 'territories' | 'organisationIds'>, childMunicipality: string): string[] {
  const registry = loadOrganisationRegistry();
  if (input.grantees.length === 0 && input.organisationIds.length === 0) {
    throw inputError('input.grantees', '[]', 'consent.nonEmpty', 'укажите хотя бы один вид ведомства или организацию');
  }
  for (const [i, id] of input.organisationIds.entries()) {
    if (!registry.get(id)) throw inputError(`input.organisationIds[${i}]`, id, 'organisation.known', 'организации с таким ОГРН нет в реестре организаций');
  }
  const territories = input.territories ?? [childMunicipality];
  if (input.grantees.length > 0 && territories.length === 0) throw inputError('input.territories', '[]', 'consent.territories', 'укажите хотя бы одну территорию для видов ведомств');
  for (const [i, oktmo] of territories.entries()) {
    v.oktmo(`input.territories[${i}]`, oktmo);
    if (!registry.regionOf(oktmo)) throw inputError(`input.territories[${i}]`, oktmo, 'territory.known', 'территории нет в реестре организаций');
  }
  const specs = [...input.organisationIds.map(organisationGrantee), ...input.grantees.flatMap((type) => territories.map((oktmo) => typeGrantee(type, oktmo)))];
  if (specs.length > 50) throw inputError('input.territories', territories.length, 'consent.granteesMax', 'не более 50 получателей в одном согласии');
  return [...new Set(specs)].sort();
}

/** The stored grantee specs as the API shows them. */
export function granteesView(specs: string[]): { grantees: AgencyCode[]; territories: string[]; organisationIds: string[] } {
  const types = new Set<string>();
  const territories = new Set<string>();
  const organisationIds: string[] = [];
  for (const spec of specs) {
    const [kind, a, b] = spec.split(':');
    if (kind === 'organisation') organisationIds.push(a);
    if (kind === 'type') {
      types.add(a);
      territories.add(b);
    }
  }
  return { grantees: [...types].sort() as AgencyCode[], territories: [...territories].sort(), organisationIds };
}
