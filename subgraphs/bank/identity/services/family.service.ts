import { DataSource, In } from 'typeorm';
import { idempotencyScope, Principal } from '../../../../auth/principal';
import { FamilyRole } from '../../../../schema/enums';
import { inputError } from '../../../common/errors';
import { requestHash } from '../../../common/idempotency';
import * as v from '../../../common/validation';
import { FamilyEntity, FamilyMemberEntity } from '../entities/family.entity';
import { PersonEntity } from '../entities/person.entity';
import { RegisterFamilyInput } from '../types/family.types';
import { replayOrRun } from './idempotency.store';
import { ageOn } from './person.view';

const ADDRESS_MAX = 500;

export class FamilyService {
  constructor(private readonly dataSource: DataSource) {}

  async register(principal: Principal, input: RegisterFamilyInput): Promise<string> {
    const key = v.idempotencyKey('input.idempotencyKey', input.idempotencyKey);
    if (input.members.length === 0 || input.members.length > 30) {
      throw inputError('input.members', input.members.length, 'family.members', 'в семье от 1 до 30 членов');
    }
    const members = input.members.map((m, i) => ({ personId: v.uuid(`input.members[${i}].personId`, m.personId), role: m.role }));
    if (new Set(members.map((m) => m.personId)).size !== members.length) {
      throw inputError('input.members', 'duplicate personId', 'family.uniqueMembers', 'человек указан в семье дважды');
    }
    if (!members.some((m) => m.role === FamilyRole.CHILD)) {
      throw inputError('input.members', 'no CHILD', 'family.hasChild', 'в семье должен быть хотя бы один ребёнок (role CHILD)');
    }
    const row = {
      municipality: v.oktmo('input.municipality', input.municipality),
      categories: [...new Set(input.categories)].sort(),
      registeredAddress: v.optionalText('input.registeredAddress', input.registeredAddress, ADDRESS_MAX),
      actualAddress: v.optionalText('input.actualAddress', input.actualAddress, ADDRESS_MAX),
    };
    const hash = requestHash({ ...row, members });
    const result = await this.dataSource.transaction((em) =>
      replayOrRun(em, idempotencyScope(principal), key, hash, async () => {
        const persons = await em.getRepository(PersonEntity).findBy({ id: In(members.map((m) => m.personId)) });
        const byId = new Map(persons.map((p) => [p.id, p]));
        members.forEach((m, i) => {
          const person = byId.get(m.personId);
          if (!person) throw inputError(`input.members[${i}].personId`, m.personId, 'person.exists', 'человек не зарегистрирован (сначала registerPerson)');
          if (m.role === FamilyRole.CHILD && ageOn(person.birthDate) >= 18) {
            throw inputError(`input.members[${i}].role`, m.role, 'family.childAge', 'роль CHILD только для несовершеннолетних');
          }
        });
        const family = await em.getRepository(FamilyEntity).save(em.getRepository(FamilyEntity).create({ ...row, createdBy: principal.subject }));
        await em.getRepository(FamilyMemberEntity).insert(members.map((m) => ({ ...m, familyId: family.id })));
        return { familyId: family.id };
      }),
    );
    return result.familyId as string;
  }
}
