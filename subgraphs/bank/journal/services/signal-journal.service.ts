import { DataSource, In } from 'typeorm';
import { SOURCE_KIND_CAPTIONS, SourceKind } from '../../../../schema/enums';
import { KdnCaseEntity } from '../../cases/entities/kdn-case.entity';
import { CaseEventRow, CaseReadbackService, organisationById } from '../../cases/services/case-readback.service';
import { journalOf } from '../../cases/services/case-readback.view';
import { printedDate } from '../../../common/export';
import { fullName } from '../../documents/services/document-data.service';
import { ageOn } from '../../identity/services/person.view';
import { PersonEntity } from '../../identity/entities/person.entity';
import { BankLoaders } from '../../loaders/bank.loaders';

/** One line of the journal: a child named in a message (a message about several children gives one line per child, under one number). */
export interface SignalJournalLine {
  /** № п/п: the message's place in the period, in the order of the journal's numbers. */
  no: number;
  messageNumber: string;
  caseNumber: string;
  childId: string;
  receivedOn: string;
  from: string;
  childName: string;
  childBirthDate: string;
  /** Age on the day the message came in. */
  childAge: number;
  address: string;
  parents: string;
  /** Whose names `parents` prints (audited as read). */
  parentIds: string[];
  check: string;
  conclusion: string | null;
  registeredOn: string | null;
  removedOn: string | null;
  removalReason: string | null;
  problem: string;
  result: string;
}

interface MessageChildRow {
  messageId: string;
  messageNumber: string;
  receivedOn: string;
  sourceKind: string;
  reporter: string | null;
  reportingOrganisation: string | null;
  summary: string;
  childId: string;
  caseId: string;
}

const PARENT_ROLES = ['MOTHER', 'FATHER', 'GUARDIAN'];

/** «От кого поступил сигнал»: the person or office the secretary wrote, else the source and the reporting organisation. */
function fromOf(row: MessageChildRow): string {
  const source = SOURCE_KIND_CAPTIONS[row.sourceKind as SourceKind] ?? row.sourceKind;
  const organisation = organisationById(row.reportingOrganisation)?.name;
  return [source, organisation, row.reporter].filter(Boolean).join(': ');
}

/**
 * The commission's journal of signals for a territory and period, built from the journal's
 * messages and each named child's case (journalOf: check, conclusion, registration, removal).
 * Decides nothing: the resolver authorises and audits.
 */
export class SignalJournalService {
  constructor(private readonly dataSource: DataSource) {}

  async lines(loaders: BankLoaders, municipality: string, from: string, to: string): Promise<SignalJournalLine[]> {
    const rows: MessageChildRow[] = await this.dataSource.query(
      `SELECT m.id AS "messageId", m.number AS "messageNumber", m.received_on::text AS "receivedOn", m.source_kind AS "sourceKind", m.reporter,
              m.reporting_organisation AS "reportingOrganisation", m.summary, c.child_id AS "childId", c.case_id AS "caseId"
       FROM journal_message m JOIN journal_message_child c ON c.message_id = m.id JOIN kdn_case k ON k.id = c.case_id
       WHERE m.municipality = $1 AND m.received_on BETWEEN $2 AND $3
       ORDER BY m.number, k.number`,
      [municipality, from, to],
    );
    if (rows.length === 0) return [];
    const caseIds = [...new Set(rows.map((r) => r.caseId))];
    const cases = new Map((await this.dataSource.getRepository(KdnCaseEntity).findBy({ id: In(caseIds) })).map((k) => [k.id, k]));
    const eventsByCase = new Map<string, CaseEventRow[]>();
    for (const e of await new CaseReadbackService(this.dataSource).events(caseIds)) eventsByCase.set(e.caseId, [...(eventsByCase.get(e.caseId) ?? []), e]);
    const parents = await this.parentsOf(loaders, [...new Set(rows.map((r) => r.childId))]);
    const numbers = new Map<string, number>();
    const lines: SignalJournalLine[] = [];
    for (const row of rows) {
      if (!numbers.has(row.messageId)) numbers.set(row.messageId, numbers.size + 1);
      const kase = cases.get(row.caseId)!;
      const journal = journalOf(kase, eventsByCase.get(kase.id) ?? []);
      const child = await loaders.personById.load(row.childId);
      const family = parents.get(row.childId) ?? { names: '', ids: [] };
      const checkDate = journal.checkAssignedOn ? printedDate(journal.checkAssignedOn) : '';
      lines.push({
        no: numbers.get(row.messageId)!,
        messageNumber: row.messageNumber,
        caseNumber: kase.number,
        childId: row.childId,
        receivedOn: row.receivedOn,
        from: fromOf(row),
        childName: child ? fullName(child) : '',
        childBirthDate: child?.birthDate ?? '',
        childAge: child ? ageOn(child.birthDate, new Date(`${row.receivedOn}T12:00:00Z`)) : 0,
        address: child ? (child.actualAddress ?? child.registeredAddress ?? '') : '',
        parents: family.names,
        parentIds: family.ids,
        check: [checkDate, journal.checkSpecialists.join(', ')].filter(Boolean).join(': '),
        conclusion: journal.conclusion,
        registeredOn: journal.registeredOn,
        removedOn: journal.removedOn,
        removalReason: journal.removalReason,
        problem: row.summary,
        result: journal.result,
      });
    }
    return lines;
  }

  /**
   * Mothers, fathers and guardians of each child's families, as the Mari El journal names them.
   * Each level is loaded for all children at once: the statements do not grow with the rows.
   */
  private async parentsOf(loaders: BankLoaders, childIds: string[]): Promise<Map<string, { names: string; ids: string[] }>> {
    await all(loaders.personById.loadMany(childIds));
    const memberships = await all(loaders.membershipsByPerson.loadMany(childIds));
    const familyIds = [...new Set(memberships.flat().map((m) => m.familyId))];
    const familyMembers = new Map((await all(loaders.membersByFamily.loadMany(familyIds))).map((members, i) => [familyIds[i], members.filter((m) => PARENT_ROLES.includes(m.role))]));
    const parentIds = [...new Set([...familyMembers.values()].flat().map((m) => m.personId))];
    const people = new Map((await all(loaders.personById.loadMany(parentIds))).filter((p): p is PersonEntity => p !== null).map((p) => [p.id, p]));
    const result = new Map<string, { names: string; ids: string[] }>();
    childIds.forEach((childId, i) => {
      const ids = [...new Set(memberships[i].flatMap((m) => familyMembers.get(m.familyId) ?? []).map((m) => m.personId))].filter((id) => people.has(id));
      result.set(childId, { names: ids.map((id) => fullName(people.get(id)!)).join(', '), ids });
    });
    return result;
  }
}

/** DataLoader's loadMany answers an Error in place of a failed key: a journal with a hole is worse than none. */
async function all<T>(loading: Promise<Array<T | Error>>): Promise<T[]> {
  const values = await loading;
  const failed = values.find((v): v is Error => v instanceof Error);
  if (failed) throw failed;
  return values as T[];
}
