import { DataSource, EntityManager } from 'typeorm';
import { Principal } from '../../../auth/principal';
import { inputError } from '../../common/errors';
import { requestHash } from '../../common/idempotency';
import * as v from '../../common/validation';
import { PersonEntity } from '../entities/person.entity';
import { RegisterPersonInput, RegistrationOutcome } from '../types/person.types';
import { replayOrRun } from './idempotency.store';
import { nameKey } from './person.view';

export interface RegistrationResult extends Record<string, unknown> {
  outcome: RegistrationOutcome;
  personId: string | null;
  candidateIds: string[];
}

const NAME_MAX = 100;
const ADDRESS_MAX = 500;

/**
 * Finds or creates a person. SNILS decides when present. Without it, or when the SNILS is new,
 * a person with the same full name and date of birth is never merged silently: the caller gets
 * the candidates and says which one it means (linkToPersonId) or that it is someone else
 * (confirmNew). Nothing is stored while candidates are open.
 */
export class IdentityService {
  constructor(private readonly dataSource: DataSource) {}

  async register(principal: Principal, input: RegisterPersonInput): Promise<RegistrationResult> {
    const row = {
      snils: input.snils ? v.normaliseSnils('input.snils', input.snils) : null,
      lastName: v.text('input.lastName', input.lastName, NAME_MAX),
      firstName: v.text('input.firstName', input.firstName, NAME_MAX),
      middleName: v.optionalText('input.middleName', input.middleName, NAME_MAX),
      birthDate: v.date('input.birthDate', input.birthDate, { notInFuture: true }),
      sex: input.sex,
      registeredAddress: v.optionalText('input.registeredAddress', input.registeredAddress, ADDRESS_MAX),
      actualAddress: v.optionalText('input.actualAddress', input.actualAddress, ADDRESS_MAX),
      municipality: v.oktmo('input.municipality', input.municipality),
    };
    const key = v.idempotencyKey('input.idempotencyKey', input.idempotencyKey);
    const linkTo = v.optionalUuid('input.resolution.linkToPersonId', input.resolution?.linkToPersonId);
    const confirmNew = input.resolution?.confirmNew === true;
    if (linkTo && confirmNew) {
      throw inputError('input.resolution', 'confirmNew+linkToPersonId', 'resolution.exclusive', 'укажите либо confirmNew, либо linkToPersonId');
    }
    const hash = requestHash({ ...row, linkTo, confirmNew });
    return this.dataSource.transaction((em) =>
      replayOrRunRegistration(em, principal, key, hash, () => this.decide(em, principal, row, { linkTo, confirmNew })),
    );
  }

  private async decide(
    em: EntityManager,
    principal: Principal,
    row: Omit<PersonEntity, 'id' | 'nameKey' | 'createdBy' | 'createdAt' | 'updatedAt'>,
    resolution: { linkTo: string | null; confirmNew: boolean },
  ): Promise<RegistrationResult> {
    const persons = em.getRepository(PersonEntity);
    const key = nameKey(row.lastName, row.firstName, row.middleName);
    if (row.snils) {
      const bySnils = await persons.findOneBy({ snils: row.snils });
      if (bySnils) return { outcome: RegistrationOutcome.FOUND, personId: bySnils.id, candidateIds: [] };
    }
    if (resolution.linkTo) {
      const target = await persons.findOneBy({ id: resolution.linkTo });
      if (!target || target.nameKey !== key || target.birthDate !== row.birthDate) {
        throw inputError('input.resolution.linkToPersonId', resolution.linkTo, 'resolution.candidate', 'можно связать только с записью с теми же ФИО и датой рождения');
      }
      if (row.snils && target.snils && target.snils !== row.snils) {
        throw inputError('input.resolution.linkToPersonId', resolution.linkTo, 'resolution.snilsConflict', 'у выбранной записи другой СНИЛС: это другой человек');
      }
      if (row.snils && !target.snils) await persons.update({ id: target.id }, { snils: row.snils });
      return { outcome: RegistrationOutcome.LINKED, personId: target.id, candidateIds: [] };
    }
    if (!resolution.confirmNew) {
      const similar = await persons.find({ where: { nameKey: key, birthDate: row.birthDate }, order: { createdAt: 'ASC' }, take: 20 });
      if (similar.length) return { outcome: RegistrationOutcome.CANDIDATES, personId: null, candidateIds: similar.map((p) => p.id) };
    }
    const created = await persons.save(persons.create({ ...row, nameKey: key, createdBy: principal.subject }));
    return { outcome: RegistrationOutcome.CREATED, personId: created.id, candidateIds: [] };
  }
}

function replayOrRunRegistration(em: EntityManager, principal: Principal, key: string, hash: string, run: () => Promise<RegistrationResult>) {
  return replayOrRun(em, principal.clientId, key, hash, run);
}
