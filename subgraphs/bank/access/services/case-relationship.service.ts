import { DataSource, IsNull } from 'typeorm';
import { AccessSubject } from '../../../../auth/access/decide';
import { Organisation } from '../../../../auth/organisations/organisation';
import { loadOrganisationRegistry } from '../../../../auth/organisations/organisation-registry';
import { AgencyCode, Principal } from '../../../../auth/principal';
import { conflict, inputError, notFound } from '../../../common/errors';
import * as v from '../../../common/validation';
import { CaseParticipationEntity } from '../entities/case-participation.entity';
import { ConsentEntity } from '../entities/consent.entity';
import { ConsentFact } from '../../../../auth/access/consent';
import { DataCategory } from '../../../../auth/access/data-categories';
import { Purpose } from '../../../../auth/access/purposes';
import { FamilyMemberEntity } from '../../identity/entities/family.entity';
import { BankLoaders } from '../../loaders/bank.loaders';

export interface OpenParticipationInput {
  childId: string;
  agency?: AgencyCode | null;
  organisationId?: string | null;
  basis: string;
  openedOn: string;
}

export interface CloseParticipationInput {
  id: string;
  closedOn: string;
  reason: string;
}

/**
 * The relationship to the case, in one place: which agencies take part in an open case about a
 * child. Until the case workflow lands its source is the participation the KDN records here;
 * the workflow extends this service, and every decision keeps reading it through `subjectOf*`.
 */
export class CaseRelationshipService {
  constructor(private readonly dataSource: DataSource) {}

  async childSubject(loaders: BankLoaders, child: { id: string; municipality: string }, principal: Principal): Promise<AccessSubject> {
    const [open, consents, emergency] = await Promise.all([
      loaders.openParticipationsByChild.load(child.id),
      loaders.consentsByChild.load(child.id),
      loaders.emergencyByChildAndCaller.load(`${child.id}|${principal.subject}`),
    ]);
    return {
      municipality: child.municipality,
      participants: open.map((p) => p.organisationId),
      consents: consents.map(toConsentFact),
      emergency: emergency ? { id: emergency.id, until: emergency.until.toISOString() } : null,
    };
  }

  /** A family's case relationship is that of its children: an agency helping one child helps the family. */
  async familySubject(loaders: BankLoaders, family: { id: string; municipality: string }, principal: Principal): Promise<AccessSubject> {
    const members: FamilyMemberEntity[] = await loaders.membersByFamily.load(family.id);
    const children = await Promise.all(members.filter((m) => m.role === 'CHILD').map((m) => this.childSubject(loaders, { id: m.personId, municipality: family.municipality }, principal)));
    return {
      municipality: family.municipality,
      participants: [...new Set(children.flatMap((c) => c.participants))],
      consents: children.flatMap((c) => c.consents ?? []),
      emergency: children.find((c) => c.emergency)?.emergency ?? null,
    };
  }

  /**
   * A family member's subject: the person's own territory, and the cases and consents of the
   * children of every family the person belongs to (a parent's data serves the children's cases).
   */
  async personSubject(loaders: BankLoaders, person: { id: string; municipality: string }, principal: Principal): Promise<AccessSubject> {
    const memberships = await loaders.membershipsByPerson.load(person.id);
    const families = (await loaders.familyById.loadMany(memberships.map((m) => m.familyId))).filter(
      (f): f is NonNullable<typeof f> & { id: string; municipality: string } => !!f && !(f instanceof Error),
    );
    const subjects = await Promise.all(families.map((family) => this.familySubject(loaders, { id: family.id, municipality: person.municipality }, principal)));
    return {
      municipality: person.municipality,
      participants: [...new Set(subjects.flatMap((s) => s.participants))],
      consents: subjects.flatMap((s) => s.consents ?? []),
      emergency: subjects.find((s) => s.emergency)?.emergency ?? null,
    };
  }

  async open(principal: Principal, input: OpenParticipationInput, child: { municipality: string }): Promise<CaseParticipationEntity> {
    const organisation = participantOrganisation(input, child.municipality);
    const row = {
      childId: v.uuid('input.childId', input.childId),
      agency: organisation.type,
      organisationId: organisation.id,
      basis: v.text('input.basis', input.basis, 500),
      openedOn: v.date('input.openedOn', input.openedOn, { notInFuture: true, notBefore: '2000-01-01' }),
      openedBy: principal.subject,
    };
    const repository = this.dataSource.getRepository(CaseParticipationEntity);
    const existing = await repository.findOneBy({ childId: row.childId, organisationId: row.organisationId, closedOn: IsNull() });
    if (existing) return existing;
    try {
      return await repository.save(repository.create(row));
    } catch (error) {
      // Two concurrent openings of the same participation: the unique index keeps one.
      if ((error as { code?: string }).code === '23505') return repository.findOneByOrFail({ childId: row.childId, organisationId: row.organisationId, closedOn: IsNull() });
      throw error;
    }
  }

  async close(principal: Principal, input: CloseParticipationInput): Promise<CaseParticipationEntity> {
    const repository = this.dataSource.getRepository(CaseParticipationEntity);
    const participation = await repository.findOneBy({ id: v.uuid('input.id', input.id) });
    if (!participation) throw notFound('Участие в случае', input.id);
    const closedOn = v.date('input.closedOn', input.closedOn, { notInFuture: true });
    if (closedOn < participation.openedOn) throw inputError('input.closedOn', closedOn, 'participation.closedAfterOpened', `дата не может быть раньше даты подключения ${participation.openedOn}`);
    if (participation.closedOn) throw conflict(`Участие уже прекращено ${participation.closedOn}`, { rule: 'participation.alreadyClosed' });
    participation.closedOn = closedOn;
    participation.closedBy = principal.subject;
    participation.closeReason = v.text('input.reason', input.reason, 500);
    return repository.save(participation);
  }
}

export function toConsentFact(c: ConsentEntity): ConsentFact {
  return {
    id: c.id,
    grantees: c.grantees,
    categories: c.categories as DataCategory[],
    purposes: c.purposes as Purpose[],
    provision: c.provision as ConsentFact['provision'],
    status: c.status as ConsentFact['status'],
    from: c.validFrom,
    to: c.validTo,
  };
}

/** The organisation named for a participation: by ОГРН from the registry, or the one of a type serving the child's territory. */
export function participantOrganisation(input: { agency?: AgencyCode | null; organisationId?: string | null }, municipality: string): Organisation {
  const registry = loadOrganisationRegistry();
  if (input.organisationId) {
    const found = registry.get(input.organisationId);
    if (!found) throw inputError('input.organisationId', input.organisationId, 'organisation.known', 'организации с таким ОГРН нет в реестре организаций');
    if (input.agency && input.agency !== found.type) throw inputError('input.agency', input.agency, 'organisation.type', `организация ${found.name} относится к виду ${found.type}`);
    return found;
  }
  if (!input.agency) throw inputError('input.organisationId', null, 'organisation.required', 'укажите организацию (ОГРН) или вид ведомства');
  const found = registry.defaultFor(input.agency, municipality);
  if (!found) throw inputError('input.agency', input.agency, 'organisation.serving', `в реестре нет организации вида ${input.agency}, обслуживающей территорию ${municipality}`);
  return found;
}
