import { DataSource } from 'typeorm';
import { Principal } from '../../../auth/principal';
import { insertOnce } from '../../common/agency/insert-once';
import * as v from '../../common/validation';
import { HousingActFields, HousingActParent, HousingInspectionEntity } from '../entities/housing-inspection.entity';
import { inputError } from '../../common/errors';
import { HousingActInput, HousingActParentInput } from '../types/housing-act.types';
import { RecordHousingInspectionInput } from '../types/guardianship.inputs';
import { EARLIEST } from './dates';
import { requireKnownSubjects } from '../../common/agency/subject-state';

export class HousingInspectionService {
  constructor(private readonly dataSource: DataSource) {}

  /** No event: inspection acts are not on the family account card (see guardianship-status.events.ts). */
  async record(principal: Principal, input: RecordHousingInspectionInput): Promise<HousingInspectionEntity> {
    const row = {
      idempotencyKey: v.idempotencyKey('input.idempotencyKey', input.idempotencyKey),
      childId: v.uuid('input.childId', input.childId),
      actNumber: v.text('input.actNumber', input.actNumber, 50),
      inspectedOn: v.date('input.inspectedOn', input.inspectedOn, { notInFuture: true, notBefore: EARLIEST }),
      inspector: v.text('input.inspector', input.inspector, 300),
      conclusion: v.text('input.conclusion', input.conclusion, 10_000),
      threatToLifeOrHealth: input.threatToLifeOrHealth,
      act: input.act ? housingAct(input.act) : null,
    };
    await requireKnownSubjects(this.dataSource, row);
    return insertOnce(this.dataSource, HousingInspectionEntity, principal, row, 'Ключ идемпотентности уже использован для другой записи (акт обследования)');
  }
}

/** The act's fields as the form has them; every value checked, nothing stored on a bad one. */
function housingAct(input: HousingActInput): HousingActFields {
  const memberCount = v.integerRange('input.act.memberCount', input.memberCount, 1, 50);
  const minorCount = v.integerRange('input.act.minorCount', input.minorCount, 0, 50);
  if (minorCount > memberCount) throw inputError('input.act.minorCount', minorCount, 'act.minorsWithinMembers', 'несовершеннолетних больше, чем членов семьи');
  if (input.specialists.length === 0 || input.specialists.length > 10)
    throw inputError('input.act.specialists', input.specialists.length, 'act.specialists', 'акт подписывают от одного до десяти специалистов');
  return {
    familyName: v.personName('input.act.familyName', input.familyName, 100),
    father: input.father ? parent('input.act.father', input.father) : null,
    mother: input.mother ? parent('input.act.mother', input.mother) : null,
    address: v.text('input.act.address', input.address, 500),
    phone: v.optionalText('input.act.phone', input.phone, 50),
    memberCount,
    minorCount,
    livingConditions: v.text('input.act.livingConditions', input.livingConditions, 5000),
    familyProblems: v.text('input.act.familyProblems', input.familyProblems, 5000),
    specialists: input.specialists.map((name, i) => v.personName(`input.act.specialists[${i}]`, name, 300)),
  };
}

function parent(field: string, input: HousingActParentInput): HousingActParent {
  return {
    lastName: v.personName(`${field}.lastName`, input.lastName, 100),
    firstName: v.personName(`${field}.firstName`, input.firstName, 100),
    middleName: v.optionalPersonName(`${field}.middleName`, input.middleName, 100),
    birthDate: input.birthDate == null ? null : v.date(`${field}.birthDate`, input.birthDate, { notInFuture: true }),
    workplace: v.optionalText(`${field}.workplace`, input.workplace, 300),
    position: v.optionalText(`${field}.position`, input.position, 300),
  };
}
