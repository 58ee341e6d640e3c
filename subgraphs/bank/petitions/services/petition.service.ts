import { DataSource } from 'typeorm';
import { Principal } from '../../../../auth/principal';
import { inputError, notFound } from '../../../common/errors';
import * as v from '../../../common/validation';
import { KdnCaseEntity } from '../../cases/entities/kdn-case.entity';
import { FamilyEntity, FamilyMemberEntity } from '../../identity/entities/family.entity';
import { PetitionEntity } from '../entities/petition.entity';
import { FilePetitionInput, PETITION_KINDS } from '../types/petition.types';

/** Представления and ходатайства: filed by a subject of prevention, read by the KDN. */
export class PetitionService {
  constructor(private readonly dataSource: DataSource) {}

  /** The caller was authorised for the family (petition:write) before this is called. */
  async file(principal: Principal, family: FamilyEntity, input: FilePetitionInput): Promise<PetitionEntity> {
    if (!PETITION_KINDS.includes(input.kind)) throw inputError('input.kind', input.kind, 'petition.kind', 'вид обращения: REGISTRATION (представление) или REMOVAL (ходатайство)');
    if (!principal.agency || principal.agency === 'kdn') throw inputError('input.kind', input.kind, 'petition.subject', 'представление и ходатайство подаёт субъект профилактики (ведомство), не КДН');
    const reason = v.text('input.reason', input.reason, 2000);
    const grounds = v.text('input.grounds', input.grounds ?? '', 10_000, { required: input.kind === 'REGISTRATION' });
    const signerName = v.personName('input.signerName', input.signerName, 300);
    const signerPosition = v.text('input.signerPosition', input.signerPosition, 300);
    const filedOn = v.date('input.filedOn', input.filedOn, { notInFuture: true, notBefore: '2000-01-01' });
    const address = input.address == null ? (family.actualAddress ?? family.registeredAddress) : v.text('input.address', input.address, 500);
    if (!address) throw inputError('input.address', null, 'petition.address', 'у семьи в банке нет адреса: укажите адрес проживания');
    const caseId = v.optionalUuid('input.caseId', input.caseId);
    return this.dataSource.transaction(async (em) => {
      if (caseId) {
        const kase = await em.getRepository(KdnCaseEntity).findOneBy({ id: caseId });
        if (!kase) throw notFound('Дело', caseId);
        const member = await em.getRepository(FamilyMemberEntity).findOneBy({ familyId: family.id, personId: kase.childId });
        if (!member) throw inputError('input.caseId', caseId, 'petition.caseOfFamily', 'дело касается ребёнка другой семьи');
      }
      return em.getRepository(PetitionEntity).save(
        em.getRepository(PetitionEntity).create({
          kind: input.kind,
          familyId: family.id,
          caseId,
          municipality: family.municipality,
          address,
          reason,
          grounds,
          signerName,
          signerPosition,
          filedOn,
          agency: principal.agency!,
          organisationId: principal.organisation?.id ?? null,
          filedBy: principal.username,
        }),
      );
    });
  }

  async list(scope: { familyId: string | null; caseId: string | null }): Promise<PetitionEntity[]> {
    const qb = this.dataSource.getRepository(PetitionEntity).createQueryBuilder('p');
    if (scope.familyId) qb.andWhere('p.family_id = :familyId', { familyId: scope.familyId });
    if (scope.caseId) qb.andWhere('p.case_id = :caseId', { caseId: scope.caseId });
    return qb.orderBy('p.filed_on', 'DESC').addOrderBy('p.created_at', 'DESC').limit(500).getMany();
  }
}
