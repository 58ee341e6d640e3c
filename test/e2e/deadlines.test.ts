import { Client } from 'pg';
import { loadOrganisationRegistry } from '../../auth/organisations/organisation-registry';
import { Role } from '../../auth/principal';
import { DUE_ITEM_ADDRESSEES, DueItemKind, teamOf, workersOf } from '../../subgraphs/bank/cases/workflow/case-records';
import { personInput } from '../support/factories';
import { plusMonths, today } from '../support/follow-up-dates';
import { REGISTER_PERSON } from '../support/operations';
import type { GraphQLResult, HubClient } from '../support/hub-client';
import { sharedTestHub } from '../support/shared-hub';

/**
 * The deadlines of the seeds tracked in dueItems. Every date below is counted by hand on the
 * 2026 production calendar (4 November, a Wednesday, is a holiday; weekends off), by the rule of
 * the seed named next to it; only the terms that run from today (the approval) use a helper.
 */
const REGISTER = `mutation($i: RegisterInJournalInput!) { registerSignalInJournal(input: $i) { id number } }`;
const ASSIGN = `mutation($id: ID!, $a: [Agency!]!) { assignCheck(caseId: $id, agencies: $a) { checkDue } }`;
const CONCLUDE = `mutation($id: ID!, $i: ConclusionInput!) { recordConclusion(caseId: $id, input: $i) { state } }`;
const RESOLVE = `mutation($id: ID!, $i: ResolutionInput!) { recordResolution(caseId: $id, input: $i) { state } }`;
const ADD_ROW = `mutation($id: ID!, $i: AddProgrammeRowInput!) { addProgrammeRow(caseId: $id, input: $i) { rowNo } }`;
const APPROVE = `mutation($id: ID!) { approveProgramme(caseId: $id) { state } }`;
const RECORD = `mutation($id: ID!, $i: CaseRecordInput!) { recordCaseRecord(caseId: $id, input: $i) { id kind } }`;
const CLOSE = `mutation($id: ID!, $r: ClosureReason!, $n: String!, $d: LocalDate, $note: String) {
  closeCase(caseId: $id, reason: $r, resolutionNumber: $n, resolutionDate: $d, reasonNote: $note) { state closedOn closureReason } }`;
const CLOSE_OLD = `mutation($id: ID!, $r: ClosureReason!, $n: String!) { closeCase(caseId: $id, reason: $r, resolutionNumber: $n) { state closedOn closureReason } }`;
const MESSAGE = `mutation($id: ID!, $i: InformationMessageInput!) { recordInformationMessage(caseId: $id, input: $i) { kind agency recordedOn recordedBy details { messageKind documentRef } } }`;
const INFORMED = `mutation($id: ID!, $i: FamilyInformedInput!) { recordFamilyInformed(caseId: $id, input: $i) { kind agency recordedOn summary recordedBy details { means documentRef } } }`;
const DUE = `query($caseId: ID) { dueItems(caseId: $caseId, first: 1000) { caseId kind agency organisationId curator addressee dueOn overdue } }`;

type Due = { caseId: string; kind: DueItemKind; agency: string; organisationId: string | null; curator: string | null; addressee: string; dueOn: string; overdue: boolean };

const registry = loadOrganisationRegistry();
const VLK = '05701000';
const socialVlk = registry.defaultFor('social', VLK)!.id;

describe('the deadlines of the seeds in dueItems, the closing resolution and the family informed, through the gateway', () => {
  let t: HubClient;
  let admin: Client;
  let childId: string;
  const seen: Due[] = [];
  const as = async <T = Record<string, unknown>>(user: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResult<T>> =>
    t.gql<T>(await t.userToken(user), query, variables);
  const ok = <T>(r: GraphQLResult<T>): T => {
    expect(r.errors).toBeUndefined();
    return r.data!;
  };
  const due = async (caseId: string, user = 'secretary.vlk') => {
    const items = ok(await as<{ dueItems: Due[] }>(user, DUE, { caseId })).dueItems;
    seen.push(...items);
    return items;
  };
  const of = (items: Due[], kind: DueItemKind) =>
    items.filter((i) => i.kind === kind).map((i) => ({ agency: i.agency, organisationId: i.organisationId, addressee: i.addressee, dueOn: i.dueOn, overdue: i.overdue }));
  const item = (agency: string, organisationId: string | null, addressee: string, dueOn: string) => ({ agency, organisationId, addressee, dueOn, overdue: dueOn < today });

  async function registered(receivedOn: string, summary: string): Promise<string> {
    return ok(await as<{ registerSignalInJournal: { id: string } }>('secretary.vlk', REGISTER, { i: { childId, urgency: 'ROUTINE', receivedOn, sourceKind: 'NEIGHBOURS', summary } }))
      .registerSignalInJournal.id;
  }
  async function inWork(receivedOn: string, resolvedOn: string, number: string): Promise<string> {
    const id = await registered(receivedOn, `Сообщение соседей, дело ${number}`);
    ok(await as('secretary.vlk', ASSIGN, { id, a: ['SOCIAL'] }));
    ok(await as('social.vlk', CONCLUDE, { id, i: { kind: 'EARLY_STAGE', dangerLevel: 'MEDIUM', violationFound: true, childSafeNow: true, notes: 'Семье нужна помощь' } }));
    ok(
      await as('chair.vlk', RESOLVE, { id, i: { kind: 'INDIVIDUAL_WORK', number, date: resolvedOn, curator: 'curator.vlk', leadAgency: 'SOCIAL', supportingAgencies: ['EDUCATION'], termMonths: 12 } }),
    );
    return id;
  }

  beforeAll(async () => {
    t = await sharedTestHub();
    admin = new Client({ connectionString: t.adminUrl });
    await admin.connect();
    childId = ok(await t.gql<{ registerPerson: { person: { id: string } } }>(await t.systemToken('education'), REGISTER_PERSON, { input: personInput() })).registerPerson.person.id;
  });

  afterAll(async () => {
    await admin?.end();
    await t?.stop();
  });

  describe('a case of Vladivostok (Primorsky) from its check to the family informed', () => {
    let id: string;

    it('when a check is assigned, then the conclusion is due 3 working days after the check’s term, to the checking organisation, and both go when it is recorded', async () => {
      id = await registered('2026-11-02', 'Соседи сообщили о детях без присмотра');
      // Primorsky 5.2: the check within 3 working days of 2 November (3, 5, 6 November: the 4th is a holiday);
      // 5.3: the conclusion to the commission within 3 working days after it (9, 10, 11 November).
      expect(ok(await as<{ assignCheck: { checkDue: string } }>('secretary.vlk', ASSIGN, { id, a: ['SOCIAL'] })).assignCheck.checkDue).toBe('2026-11-06');
      const items = await due(id);
      expect(of(items, 'CHECK')).toEqual([item('SOCIAL', socialVlk, 'CHECKER', '2026-11-06')]);
      expect(of(items, 'CONCLUSION')).toEqual([item('SOCIAL', socialVlk, 'CHECKER', '2026-11-11')]);

      ok(await as('social.vlk', CONCLUDE, { id, i: { kind: 'EARLY_STAGE', dangerLevel: 'MEDIUM', violationFound: true, childSafeNow: true, notes: 'Семье нужна помощь' } }));
      expect(await due(id)).toEqual([]);
    });

    it('when the resolution names the lead organisation, then its information message of taking the family on is due in 10 working days, and goes when the lead records it', async () => {
      ok(
        await as('chair.vlk', RESOLVE, {
          id,
          i: { kind: 'INDIVIDUAL_WORK', number: '40/1', date: '2026-11-10', curator: 'curator.vlk', leadAgency: 'SOCIAL', supportingAgencies: ['EDUCATION'], termMonths: 12 },
        }),
      );
      // Primorsky 5.4 б): 10 working days from 10 November: 11-13, 16-20, 23, 24 November.
      expect(of(await due(id), 'TAKEN_ON_MESSAGE')).toEqual([item('SOCIAL', socialVlk, 'LEAD_AGENCY', '2026-11-24')]);

      const message = { messageKind: 'TAKEN_ON', sentOn: '2026-11-12', documentRef: 'исх. 12/345', summary: 'Семья принята на социальное обслуживание КЦСОН' };
      // A supporting organisation does not send it.
      expect((await as('education.vlk', MESSAGE, { id, i: message })).errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'case:recordCaseRecord', kind: 'INFORMATION_MESSAGE' });
      const recorded = ok(await as<{ recordInformationMessage: Record<string, unknown> }>('social.vlk', MESSAGE, { id, i: message })).recordInformationMessage;
      expect(recorded).toEqual({ kind: 'INFORMATION_MESSAGE', agency: 'SOCIAL', recordedOn: '2026-11-12', recordedBy: 'social.vlk', details: { messageKind: 'TAKEN_ON', documentRef: 'исх. 12/345' } });
      expect(of(await due(id), 'TAKEN_ON_MESSAGE')).toEqual([]);
    });

    it('when the resolution was passed 10 November, then the first quarterly report is due at the first reporting date a full quarter later, 15 March, not 5 December', async () => {
      // Myasnikovsky 5.6.5: the lead collects the information of all subjects for the quarter; 10 February + the next date = 15 March.
      expect(of(await due(id), 'QUARTERLY_REPORT')).toEqual([item('SOCIAL', socialVlk, 'LEAD_AGENCY', '2027-03-15')]);
    });

    it('when the closing resolution is recorded with a date in the future, before the resolution, with the retired joint death reason or an unexplained other reason, then it is refused and nothing changes', async () => {
      const refused = async (variables: Record<string, unknown>) => (await as('secretary.vlk', CLOSE, { id, n: '44/2', r: 'PROGRAMME_DONE', ...variables })).errors![0].extensions;
      expect(await refused({ d: '2099-01-01' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'resolutionDate', rule: 'date.notInFuture' });
      expect(await refused({ d: '2026-11-09' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'resolutionDate', rule: 'date.range' });
      expect(await refused({ r: 'DEATH', d: '2026-11-20' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason', rule: 'closure.reasonRetired' });
      expect(await refused({ r: 'OTHER', d: '2026-11-20' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reasonNote', rule: 'closure.otherSpecified' });
      const { rows } = await admin.query(`SELECT state, closed_on FROM bank.kdn_case WHERE id = $1`, [id]);
      expect(rows).toEqual([{ state: 'IN_WORK', closed_on: null }]);
    });

    it('when the case is closed by a resolution of 20 November, then it is dated so, the family is to be told in 10 working days by the KDN and the lead reports taking the family off in 3', async () => {
      const closed = ok(await as<{ closeCase: Record<string, unknown> }>('secretary.vlk', CLOSE, { id, r: 'OTHER', n: '44/2', d: '2026-11-20', note: 'Семья выехала на вахту отца' })).closeCase;
      expect(closed).toEqual({ state: 'CLOSED', closedOn: '2026-11-20', closureReason: 'OTHER' });
      const { rows } = await admin.query(`SELECT payload FROM bank.case_event WHERE case_id = $1 AND action = 'closeCase'`, [id]);
      expect(rows[0].payload).toMatchObject({ reason: 'OTHER', number: '44/2', resolutionDate: '2026-11-20', reasonNote: 'Семья выехала на вахту отца' });

      const items = await due(id);
      // Mari El 6.5: 10 working days from 20 November (23-27, 30 November, 1-4 December); Primorsky 5.6: 3 (23-25 November).
      const kdn = registry.defaultFor('kdn', VLK)!;
      expect(items.map((i) => i.kind).sort()).toEqual(['FAMILY_INFORMED', 'TAKEN_OFF_MESSAGE']);
      expect(of(items, 'FAMILY_INFORMED')).toEqual([item('KDN', null, 'KDN', '2026-12-04')]);
      expect(of(items, 'TAKEN_OFF_MESSAGE')).toEqual([item('SOCIAL', socialVlk, 'LEAD_AGENCY', '2026-11-25')]);
      expect(kdn.territories).toContain(VLK);
    });

    it('when the family is told, then what was sent, when and how is recorded by the KDN, only after the closure, and the item goes', async () => {
      const notice = {
        sentOn: '2026-11-23',
        means: 'почтовым отправлением с уведомлением',
        documentRef: 'исх. 88',
        summary: 'Матери направлена копия постановления № 44/2 от 20.11.2026 о снятии с учёта',
      };
      expect((await as('social.vlk', INFORMED, { id, i: notice })).errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', kind: 'FAMILY_INFORMED' });
      expect((await as('secretary.vlk', INFORMED, { id, i: { ...notice, sentOn: '2026-11-19' } })).errors![0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.recordedOn',
        rule: 'date.range',
      });
      expect((await as('secretary.vlk', INFORMED, { id, i: { ...notice, means: '' } })).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.means' });
      const recorded = ok(await as<{ recordFamilyInformed: Record<string, unknown> }>('secretary.vlk', INFORMED, { id, i: notice })).recordFamilyInformed;
      expect(recorded).toEqual({
        kind: 'FAMILY_INFORMED',
        agency: 'KDN',
        recordedOn: '2026-11-23',
        summary: notice.summary,
        recordedBy: 'secretary.vlk',
        details: { means: notice.means, documentRef: 'исх. 88' },
      });
      expect((await due(id)).map((i) => i.kind)).toEqual(['TAKEN_OFF_MESSAGE']);

      ok(
        await as('social.vlk', MESSAGE, { id, i: { messageKind: 'TAKEN_OFF', sentOn: '2026-11-24', summary: 'Семья снята с социального обслуживания: выезд за пределы муниципального образования' } }),
      );
      expect(await due(id)).toEqual([]);
    });
  });

  it('when a case of Yoshkar-Ola (Mari El) is checked, taken into work and closed, then its rules apply: the conclusion within the check, no information messages, the family told in 10 working days', async () => {
    const YOL = '88701000';
    const child = ok(await as<{ registerPerson: { person: { id: string } } }>('secretary.yol', REGISTER_PERSON, { input: personInput({ municipality: YOL }) })).registerPerson.person.id;
    const id = ok(
      await as<{ registerSignalInJournal: { id: string } }>('secretary.yol', REGISTER, {
        i: { childId: child, urgency: 'ROUTINE', receivedOn: '2026-11-02', sourceKind: 'NEIGHBOURS', summary: 'Соседи сообщили о конфликтах в семье' },
      }),
    ).registerSignalInJournal.id;
    // Mari El 4.6: the check in 5 working days (3, 5, 6, 9, 10 November), the conclusion drawn up within them: no term of its own.
    expect(ok(await as<{ assignCheck: { checkDue: string } }>('secretary.yol', ASSIGN, { id, a: ['SOCIAL'] })).assignCheck.checkDue).toBe('2026-11-10');
    expect((await due(id, 'secretary.yol')).map((i) => [i.kind, i.dueOn])).toEqual([['CHECK', '2026-11-10']]);
    ok(await as('social.yol', CONCLUDE, { id, i: { kind: 'EARLY_STAGE', dangerLevel: 'MEDIUM', violationFound: true, childSafeNow: true, notes: 'Семье нужна помощь' } }));
    ok(
      await as('chair.yol', RESOLVE, {
        id,
        i: { kind: 'INDIVIDUAL_WORK', number: '7/1', date: '2026-11-12', curator: 'curator.yol', leadAgency: 'SOCIAL', supportingAgencies: ['EDUCATION'], termMonths: 12 },
      }),
    );
    expect((await due(id, 'secretary.yol')).map((i) => i.kind)).not.toContain('TAKEN_ON_MESSAGE');
    ok(await as('secretary.yol', CLOSE, { id, r: 'CHILD_DEATH', n: '9/1', d: '2026-11-27' }));
    // 6.5: 10 working days from 27 November (30 November, 1-4, 7-11 December).
    expect((await due(id, 'secretary.yol')).map((i) => [i.kind, i.addressee, i.dueOn])).toEqual([['FAMILY_INFORMED', 'KDN', '2026-12-11']]);
    ok(await as('secretary.yol', INFORMED, { id, i: { sentOn: '2026-11-30', means: 'вручено лично под подпись', summary: 'Отцу вручена копия постановления № 9/1 от 27.11.2026' } }));
    expect(await due(id, 'secretary.yol')).toEqual([]);
  });

  it('when the lead files the quarterly report on time, then that reporting date is no longer due and the next one is', async () => {
    const id = await inWork('2026-05-25', '2026-06-01', '41/1');
    // Resolved 1 June: a full quarter is 1 September, the reporting date after it 15 September.
    expect(of(await due(id), 'QUARTERLY_REPORT').map((i) => i.dueOn)).toEqual(['2026-09-15']);
    ok(
      await as('social.vlk', RECORD, {
        id,
        i: { kind: 'QUARTERLY_REPORT', periodFrom: '2026-06-01', periodTo: '2026-09-10', recordedOn: '2026-09-10', summary: 'Сводная информация ведомств за квартал' },
      }),
    );
    expect(of(await due(id), 'QUARTERLY_REPORT').map((i) => i.dueOn)).toEqual(['2026-12-05']);
  });

  it('when the programme is approved, then its review is due 6 months from the approval, not from the registration or the resolution', async () => {
    const id = await inWork('2026-05-25', '2026-06-01', '42/1');
    expect(of(await due(id), 'PROGRAMME_REVIEW')).toEqual([]);
    ok(await as('curator.vlk', ADD_ROW, { id, i: { problem: 'Пропуски занятий', task: 'Вернуть в школу', measure: 'Посещение семьи', executorAgency: 'SOCIAL', dueDate: '2026-12-20' } }));
    ok(await as('chair.vlk', APPROVE, { id }));
    expect(of(await due(id), 'PROGRAMME_REVIEW')).toEqual([item('KDN', null, 'KDN', plusMonths(today, 6))]);
  });

  it('when a case is closed with each new reason, then the reason is kept with its caption, and an old client that sends no date closes it today', async () => {
    for (const [n, reason] of (['CHILD_DEATH', 'PARENTS_DEATH', 'CIVIL_STATUS_CHANGED'] as const).entries()) {
      const id = await inWork('2026-10-01', '2026-10-05', `43/${n}`);
      expect(ok(await as<{ closeCase: Record<string, unknown> }>('secretary.vlk', CLOSE, { id, r: reason, n: `45/${n}`, d: '2026-10-30' })).closeCase).toEqual({
        state: 'CLOSED',
        closedOn: '2026-10-30',
        closureReason: reason,
      });
    }
    const id = await inWork('2026-10-01', '2026-10-05', '43/9');
    expect(ok(await as<{ closeCase: Record<string, unknown> }>('secretary.vlk', CLOSE_OLD, { id, r: 'TURNED_18', n: '45/9' })).closeCase).toEqual({
      state: 'CLOSED',
      closedOn: today,
      closureReason: 'TURNED_18',
    });
    const { CLOSURE_REASON_CAPTIONS } = await import('../../subgraphs/bank/register/services/quarterly-list.service');
    expect([CLOSURE_REASON_CAPTIONS.CHILD_DEATH, CLOSURE_REASON_CAPTIONS.PARENTS_DEATH, CLOSURE_REASON_CAPTIONS.CIVIL_STATUS_CHANGED, CLOSURE_REASON_CAPTIONS.OTHER]).toEqual([
      'смерть несовершеннолетнего',
      'смерть родителей (иных законных представителей) несовершеннолетнего',
      'изменение факта гражданского состояния',
      'иные основания',
    ]);
  });

  it('when every new due item the hub produced is checked, then each is addressed to someone whom the rule of its action admits', async () => {
    const kinds: DueItemKind[] = ['CONCLUSION', 'TAKEN_ON_MESSAGE', 'TAKEN_OFF_MESSAGE', 'FAMILY_INFORMED'];
    expect([...new Set(seen.map((i) => i.kind).filter((k) => kinds.includes(k)))].sort()).toEqual([...kinds].sort());
    for (const due of seen.filter((i) => kinds.includes(i.kind))) {
      const rule = DUE_ITEM_ADDRESSEES[due.kind];
      expect({ kind: due.kind, addressee: rule.addressees.includes(due.addressee as never) && rule.workers.includes(due.addressee as never) }).toEqual({ kind: due.kind, addressee: true });
      const [row] = (await admin.query(`SELECT municipality, resolution, check_organisations FROM bank.kdn_case WHERE id = $1`, [due.caseId])).rows;
      if (due.addressee === 'CHECKER') {
        expect(row.check_organisations).toContain(due.organisationId);
        continue;
      }
      const organisation = due.addressee === 'KDN' ? registry.defaultFor('kdn', row.municipality)! : registry.get(due.organisationId!)!;
      const roles: Role[] = due.addressee === 'KDN' ? ['kdn_secretary'] : ['social_specialist'];
      const principal = { username: 'someone', roles, agency: organisation.type, organisation, territories: organisation.territories };
      expect({ kind: due.kind, works: workersOf(principal as Parameters<typeof workersOf>[0], teamOf(row)).includes(due.addressee as never) }).toEqual({ kind: due.kind, works: true });
    }
  });
});
