import DataLoader from 'dataloader';
import { DataSource, In } from 'typeorm';
import { groupBy } from '../../common/agency/agency-records.loaders';
import { FamilyEntity, FamilyMemberEntity, RegisterEntryEntity } from '../identity/entities/family.entity';
import { PersonEntity } from '../identity/entities/person.entity';
import { CaseParticipationEntity } from '../access/entities/case-participation.entity';
import { ConsentEntity, EmergencyAccessEntity } from '../access/entities/consent.entity';
import { KdnCaseEntity } from '../cases/entities/kdn-case.entity';
import { MoreThan } from 'typeorm';
import { IsNull } from 'typeorm';
import { PROGRAMME_ROW_COLUMNS, ProgrammeRowRecord } from '../cases/services/programme.service';
import { CASE_RECORD_COLUMNS, CaseRecordRow } from '../cases/services/case-record.service';

function byId<T extends { id: string }>(dataSource: DataSource, entity: new () => T) {
  return new DataLoader<string, T | null>(async (ids) => {
    const rows = await dataSource.getRepository(entity).findBy({ id: In([...ids]) } as never);
    const map = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => map.get(id) ?? null);
  });
}

/** Per-request loaders: each batch is one statement, however many children the gateway asks about. */
export function createBankLoaders(dataSource: DataSource) {
  return {
    personById: byId(dataSource, PersonEntity),
    familyById: byId(dataSource, FamilyEntity),
    membershipsByPerson: new DataLoader<string, FamilyMemberEntity[]>(async (ids) => {
      const rows = await dataSource.getRepository(FamilyMemberEntity).findBy({ personId: In([...ids]) });
      return groupBy(ids, rows, (row) => row.personId);
    }),
    membersByFamily: new DataLoader<string, FamilyMemberEntity[]>(async (ids) => {
      const rows = await dataSource.getRepository(FamilyMemberEntity).findBy({ familyId: In([...ids]) });
      return groupBy(ids, rows, (row) => row.familyId);
    }),
    openParticipationsByChild: new DataLoader<string, CaseParticipationEntity[]>(async (ids) => {
      const rows = await dataSource.getRepository(CaseParticipationEntity).find({ where: { childId: In([...ids]), closedOn: IsNull() }, order: { agency: 'ASC' } });
      return groupBy(ids, rows, (row) => row.childId);
    }),
    consentsByChild: new DataLoader<string, ConsentEntity[]>(async (ids) => {
      const rows = await dataSource.getRepository(ConsentEntity).find({ where: { childId: In([...ids]) }, order: { recordedAt: 'ASC' } });
      return groupBy(ids, rows, (row) => row.childId);
    }),
    /** Key: `<childId>|<sub>`: only the caller's own open emergency accesses count for the caller. */
    emergencyByChildAndCaller: new DataLoader<string, EmergencyAccessEntity | null>(async (keys) => {
      const childIds = [...new Set(keys.map((k) => k.split('|')[0]))];
      const rows = await dataSource.getRepository(EmergencyAccessEntity).find({ where: { childId: In(childIds), until: MoreThan(new Date()) }, order: { until: 'DESC' } });
      return keys.map((key) => rows.find((r) => `${r.childId}|${r.sub}` === key) ?? null);
    }),
    casesByChild: new DataLoader<string, KdnCaseEntity[]>(async (ids) => {
      const rows = await dataSource.getRepository(KdnCaseEntity).find({ where: { childId: In([...ids]) }, order: { createdAt: 'ASC' } });
      return groupBy(ids, rows, (row) => row.childId);
    }),
    programmeByCase: new DataLoader<string, ProgrammeRowRecord[]>(async (ids) => {
      const rows: ProgrammeRowRecord[] = await dataSource.query(`SELECT ${PROGRAMME_ROW_COLUMNS} FROM programme_row WHERE case_id = ANY($1::uuid[]) ORDER BY row_no`, [[...ids]]);
      return groupBy(ids, rows, (row) => row.caseId);
    }),
    recordsByCase: new DataLoader<string, CaseRecordRow[]>(async (ids) => {
      const rows: CaseRecordRow[] = await dataSource.query(`SELECT ${CASE_RECORD_COLUMNS} FROM case_record WHERE case_id = ANY($1::uuid[]) ORDER BY recorded_on, created_at`, [[...ids]]);
      return groupBy(ids, rows, (row) => row.caseId);
    }),
    registerEntriesByChild: new DataLoader<string, RegisterEntryEntity[]>(async (ids) => {
      const rows = await dataSource.getRepository(RegisterEntryEntity).find({ where: { childId: In([...ids]) }, order: { includedOn: 'ASC' } });
      return groupBy(ids, rows, (row) => row.childId);
    }),
  };
}
export type BankLoaders = ReturnType<typeof createBankLoaders>;
