import { DataSource, EntityManager } from 'typeorm';
import { idempotencyScope, Principal } from '../../../../auth/principal';
import { inputError } from '../../../common/errors';
import { requestHash } from '../../../common/idempotency';
import * as v from '../../../common/validation';
import { PersonEntity } from '../entities/person.entity';
import { RegisterPersonInput, RegistrationOutcome } from '../types/person.types';
import { replayOrRun } from './idempotency.store';
import { nameKey } from './person.view';

export interface RegistrationResult extends Record<string, unknown> {
  outcome: RegistrationOutcome;
  personId: string | null;
  candidateIds: string[];
}

/** May the caller read this person's identity (territory, case, consent)? Decided by decide(), in the resolver. */
export type CanRead = (person: PersonEntity) => Promise<boolean>;

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

  async register(principal: Principal, input: RegisterPersonInput, canRead: CanRead): Promise<RegistrationResult> {
    const row = {
      snils: input.snils ? v.normaliseSnils('input.snils', input.snils) : null,
      lastName: v.personName('input.lastName', input.lastName, NAME_MAX),
      firstName: v.personName('input.firstName', input.firstName, NAME_MAX),
      middleName: v.optionalPersonName('input.middleName', input.middleName, NAME_MAX),
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
    // Two callers registering the same new person at once: the second waits for the first's commit
    // and then finds its row (the request's key, then SNILS, then the name, always in this order: no deadlock).
    const name = nameKey(row.lastName, row.firstName, row.middleName);
    const locks = [...(row.snils ? [`person:snils:${row.snils}`] : []), `person:name:${name}|${row.birthDate}`];
    return this.dataSource.transaction((em) => replayOrRun(em, idempotencyScope(principal), key, hash, () => this.decide(em, principal, row, name, { linkTo, confirmNew }, canRead), locks));
  }

  private async decide(
    em: EntityManager,
    principal: Principal,
    row: Omit<PersonEntity, 'id' | 'nameKey' | 'createdBy' | 'createdAt' | 'updatedAt'>,
    /** The name's key (nameKey), as register computed it for the locks. */
    key: string,
    resolution: { linkTo: string | null; confirmNew: boolean },
    canRead: CanRead,
  ): Promise<RegistrationResult> {
    const persons = em.getRepository(PersonEntity);
    // The person's locks are already held: taken with the request's own (register, above).
    if (row.snils) {
      const bySnils = await persons.findOneBy({ snils: row.snils });
      if (bySnils) {
        // A SNILS alone opens nothing: a caller who may not read the record must have sent the
        // identity it holds, or it would learn whose number it is.
        if (!(await canRead(bySnils)) && (bySnils.nameKey !== key || bySnils.birthDate !== row.birthDate)) {
          throw inputError(
            'input.snils',
            row.snils,
            'snils.identityMismatch',
            'СНИЛС зарегистрирован с другими ФИО или датой рождения; проверьте данные, при расхождении в документах обратитесь в КДН',
          );
        }
        return { outcome: RegistrationOutcome.FOUND, personId: bySnils.id, candidateIds: [] };
      }
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
