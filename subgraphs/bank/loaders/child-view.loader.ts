import DataLoader from 'dataloader';
import { DataSource, ObjectLiteral } from 'typeorm';
import { groupBy } from '../../common/agency/agency-records.loaders';
import { hydrateRows, jsonSetSql } from '../../common/db/json-rows';
import { preparedQuery } from '../../common/db/prepared-query';
import { CaseParticipationEntity } from '../access/entities/case-participation.entity';
import { ConsentEntity, EmergencyAccessEntity } from '../access/entities/consent.entity';
import { FamilyEntity, FamilyMemberEntity, RegisterEntryEntity } from '../identity/entities/family.entity';
import { PersonEntity } from '../identity/entities/person.entity';
import { BankLoaders } from './bank.loaders';

/**
 * A child's card and everything its access decision reads, in one statement: the person, the
 * families and their members, the register entries, and for the child and its siblings (a family's
 * decision reads every child of it) the open participations, consents and the caller's own
 * emergency accesses. The rows prime this request's loaders, so requireChildRead(), the grant for
 * the agencies and the card's fields all answer from the same read, and decide() still decides.
 */
const CTE = `WITH asked AS (SELECT unnest($1::uuid[]) AS id),
  fam AS (SELECT DISTINCT m.family_id FROM family_member m WHERE m.person_id = ANY($1::uuid[])),
  kin AS (SELECT m.person_id, m.role FROM family_member m WHERE m.family_id IN (SELECT family_id FROM fam)),
  kids AS (SELECT id FROM asked UNION SELECT person_id FROM kin WHERE role = 'CHILD'),
  people AS (SELECT id FROM asked UNION SELECT person_id FROM kin)`;

type Sets = Record<string, Array<Record<string, unknown>>>;

function statement(dataSource: DataSource): string {
  const set = (name: string, entity: new () => ObjectLiteral, where: string, order: Record<string, 'ASC' | 'DESC'> = {}) => `${jsonSetSql(dataSource, entity, where, order)} AS ${name}`;
  return `${CTE} SELECT ${[
    set('persons', PersonEntity, 't.id IN (SELECT id FROM people)'),
    set('memberships', FamilyMemberEntity, 't.person_id = ANY($1::uuid[])'),
    set('families', FamilyEntity, 't.id IN (SELECT family_id FROM fam)'),
    set('members', FamilyMemberEntity, 't.family_id IN (SELECT family_id FROM fam)'),
    set('participations', CaseParticipationEntity, 't.child_id IN (SELECT id FROM kids) AND t.closed_on IS NULL', { agency: 'ASC' }),
    set('consents', ConsentEntity, 't.child_id IN (SELECT id FROM kids)', { recordedAt: 'ASC' }),
    set('emergency', EmergencyAccessEntity, 't.child_id IN (SELECT id FROM kids) AND t.sub = $2 AND t.until > $3', { until: 'DESC' }),
    set('entries', RegisterEntryEntity, 't.child_id = ANY($1::uuid[])', { includedOn: 'ASC' }),
  ].join(', ')}`;
}

const STATEMENTS = new WeakMap<DataSource, string>();
const PER_REQUEST = new WeakMap<BankLoaders, DataLoader<string, true>>();

function prime(dataSource: DataSource, loaders: BankLoaders, sub: string, ids: readonly string[], row: Sets): void {
  const persons = hydrateRows(dataSource, PersonEntity, row.persons);
  const families = hydrateRows(dataSource, FamilyEntity, row.families);
  const members = hydrateRows(dataSource, FamilyMemberEntity, row.members);
  const memberships = hydrateRows(dataSource, FamilyMemberEntity, row.memberships);
  const participations = hydrateRows(dataSource, CaseParticipationEntity, row.participations);
  const consents = hydrateRows(dataSource, ConsentEntity, row.consents);
  const emergency = hydrateRows(dataSource, EmergencyAccessEntity, row.emergency);
  const entries = hydrateRows(dataSource, RegisterEntryEntity, row.entries);
  const kids = [...new Set([...ids, ...members.filter((m) => m.role === 'CHILD').map((m) => m.personId)])];
  const familyIds = families.map((f) => f.id);

  for (const person of persons) loaders.personById.prime(person.id, person);
  for (const id of ids) loaders.personById.prime(id, null);
  for (const family of families) loaders.familyById.prime(family.id, family);
  groupBy(ids, memberships, (m) => m.personId).forEach((rows, i) => loaders.membershipsByPerson.prime(ids[i], rows));
  groupBy(familyIds, members, (m) => m.familyId).forEach((rows, i) => loaders.membersByFamily.prime(familyIds[i], rows));
  groupBy(kids, participations, (p) => p.childId).forEach((rows, i) => loaders.openParticipationsByChild.prime(kids[i], rows));
  groupBy(kids, consents, (c) => c.childId).forEach((rows, i) => loaders.consentsByChild.prime(kids[i], rows));
  for (const kid of kids) loaders.emergencyByChildAndCaller.prime(`${kid}|${sub}`, emergency.find((e) => e.childId === kid) ?? null);
  groupBy(ids, entries, (e) => e.childId).forEach((rows, i) => loaders.registerEntriesByChild.prime(ids[i], rows));
}

/**
 * Reads the children's cards into this request's loaders (one statement per batch of children),
 * before personById is asked for them. Ids must be valid UUIDs.
 */
export function loadChildViews(dataSource: DataSource, loaders: BankLoaders, sub: string, ids: string[]): Promise<unknown> {
  let loader = PER_REQUEST.get(loaders);
  if (!loader) {
    if (!STATEMENTS.has(dataSource)) STATEMENTS.set(dataSource, statement(dataSource));
    loader = new DataLoader<string, true>(
      async (batch) => {
        const [row] = await preparedQuery<Sets>(dataSource, STATEMENTS.get(dataSource)!, [[...batch], sub, new Date()]);
        prime(dataSource, loaders, sub, batch, row);
        return batch.map(() => true as const);
      },
      { maxBatchSize: 500 },
    );
    PER_REQUEST.set(loaders, loader);
  }
  return loader.loadMany(ids);
}
