import { Client } from 'pg';
import { addCalendarDays } from '../../schema/calendar/working-days';
import { personInput, signalInput } from '../support/factories';
import { REGISTER_PERSON, reportSignal } from '../support/operations';
import { GraphQLResult, startTestHub, TestHub } from '../support/test-hub';
import { plusMonths, quarterlyDeadlineAfterReport, today } from '../support/follow-up-dates';

const REGISTER = `mutation($i: RegisterInJournalInput!) { registerSignalInJournal(input: $i) { id number state } }`;
const ASSIGN = `mutation($id: ID!, $a: [Agency!]!) { assignCheck(caseId: $id, agencies: $a) { state checkDue } }`;
const CONCLUDE = `mutation($id: ID!, $i: ConclusionInput!) { recordConclusion(caseId: $id, input: $i) { state } }`;
const RESOLVE = `mutation($id: ID!, $i: ResolutionInput!) { recordResolution(caseId: $id, input: $i) { state } }`;
const APPROVE = `mutation($id: ID!) { approveProgramme(caseId: $id) { state } }`;
const ROW_FIELDS = 'id rowNo problem task measure executorAgency dueDate overdue measureStatus doneOn createdBy';
const ADD_ROW = `mutation($id: ID!, $i: AddProgrammeRowInput!) { addProgrammeRow(caseId: $id, input: $i) { ${ROW_FIELDS} } }`;
const RECORD_FIELDS = 'id kind agency periodFrom periodTo recordedOn summary recordedBy details { rehabilitationStage rehabilitationPotential familyReaction patronageKind reviewOutcome }';
const RECORD = `mutation($id: ID!, $i: CaseRecordInput!) { recordCaseRecord(caseId: $id, input: $i) { ${RECORD_FIELDS} } }`;
const CASES_OF_CHILD = `query($id: ID!) { child(id: $id) { cases { id number programme { rowNo executorAgency } records { kind agency } } } }`;
const DUE = `query($agency: Agency, $municipality: String, $curator: String, $caseId: ID, $overdueOnly: Boolean, $first: Int) {
  dueItems(agency: $agency, municipality: $municipality, curator: $curator, caseId: $caseId, overdueOnly: $overdueOnly, first: $first) { caseId caseNumber kind agency curator dueOn overdue rowNo }
}`;
const NOTES = `{ notifications(first: 500) { kind caseId message } }`;

type Row = { id: string; rowNo: number; executorAgency: string; dueDate: string; overdue: boolean };
type Due = { caseId: string; caseNumber: string; kind: string; agency: string; curator: string | null; dueOn: string; overdue: boolean; rowNo: number | null };

const RESOLVED_ON = '2026-08-03';
const FUTURE_DUE = addCalendarDays(today, 90);

describe('the programme and follow-up records of a KDN case, through the gateway with the real roles', () => {
  let t: TestHub;
  let admin: Client;
  let childId: string;
  /** In work, the programme drafted and approved in the tests below. */
  let main: { id: string; number: string };
  /** In work, no rows: its approval is refused. */
  let empty: { id: string; number: string };
  /** Still being checked. */
  let checking: { id: string; number: string };
  const as = async <T = Record<string, unknown>>(user: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResult<T>> =>
    t.gql<T>(await t.userToken(user), query, variables);
  const counts = async () => {
    const { rows } = await admin.query(
      `SELECT (SELECT count(*) FROM bank.programme_row)::int AS rows, (SELECT count(*) FROM bank.case_record)::int AS records,
              (SELECT count(*) FROM bank.case_event)::int AS events, (SELECT count(*) FROM bank.notification)::int AS notifications`,
    );
    return rows[0];
  };
  const due = async (user: string, variables: Record<string, unknown> = {}) => {
    const result = await as<{ dueItems: Due[] }>(user, DUE, variables);
    expect(result.errors).toBeUndefined();
    return result.data!.dueItems;
  };
  const notes = async (user: string, caseId: string) =>
    (await as<{ notifications: Array<{ kind: string; caseId: string; message: string }> }>(user, NOTES)).data!.notifications.filter((n) => n.caseId === caseId);

  async function caseInWork(summary: string): Promise<{ id: string; number: string }> {
    const kase = (
      await as<{ registerSignalInJournal: { id: string; number: string } }>('secretary.vlk', REGISTER, {
        i: { childId, urgency: 'ROUTINE', receivedOn: '2026-07-27', sourceKind: 'EDUCATION', summary, indicatorCodes: ['EDUCATION-L1-01'] },
      })
    ).data!.registerSignalInJournal;
    expect((await as('secretary.vlk', ASSIGN, { id: kase.id, a: ['SOCIAL'] })).errors).toBeUndefined();
    expect(
      (await as('social.vlk', CONCLUDE, { id: kase.id, i: { kind: 'EARLY_STAGE', dangerLevel: 'MEDIUM', violationFound: true, childSafeNow: true, notes: 'Семье нужна помощь' } })).errors,
    ).toBeUndefined();
    const resolved = await as<{ recordResolution: { state: string } }>('chair.vlk', RESOLVE, {
      id: kase.id,
      i: { kind: 'INDIVIDUAL_WORK', number: `${summary.length}/7`, date: RESOLVED_ON, curator: 'curator.vlk', leadAgency: 'SOCIAL', supportingAgencies: ['EDUCATION', 'HEALTH'], termMonths: 12 },
    });
    expect(resolved.data!.recordResolution.state).toBe('IN_WORK');
    return kase;
  }

  beforeAll(async () => {
    t = await startTestHub();
    admin = new Client({ connectionString: t.adminUrl });
    await admin.connect();
    const school = await t.systemToken('education');
    childId = (await t.gql<{ registerPerson: { person: { id: string } } }>(school, REGISTER_PERSON, { input: personInput() })).data!.registerPerson.person.id;
    await t.gql(school, reportSignal('education'), { input: signalInput(childId) });
    main = await caseInWork('Систематические пропуски занятий');
    empty = await caseInWork('Сообщение соседей о конфликтах');
    checking = (
      await as<{ registerSignalInJournal: { id: string; number: string } }>('secretary.vlk', REGISTER, {
        i: { childId, urgency: 'ROUTINE', receivedOn: '2026-11-02', sourceKind: 'POLICE', summary: 'Сообщение ПДН' },
      })
    ).data!.registerSignalInJournal;
    await as('secretary.vlk', ASSIGN, { id: checking.id, a: ['POLICE'] });
  }, 120_000);
  afterAll(async () => {
    await admin.end();
    await t.stop();
  });

  it('when the curator drafts the programme for the lead and both supporting agencies, then the rows are numbered, written to the history and announced to each executor by case number only', async () => {
    const rows: Row[] = [];
    for (const [executorAgency, dueDate, measure] of [
      ['SOCIAL', '2026-10-01', 'Социальный патронаж семьи'],
      ['EDUCATION', FUTURE_DUE, 'Ежедневный контроль посещаемости'],
      ['HEALTH', '2026-11-02', 'Диспансерный осмотр ребёнка'],
    ]) {
      const result = await as<{ addProgrammeRow: Row }>('curator.vlk', ADD_ROW, {
        id: main.id,
        i: { problem: 'Пропуски занятий', task: 'Вернуть регулярное посещение школы', measure, executorAgency, dueDate },
      });
      expect(result.errors).toBeUndefined();
      rows.push(result.data!.addProgrammeRow);
    }
    expect(rows.map((r) => [r.rowNo, r.executorAgency, r.dueDate, r.overdue])).toEqual([
      [1, 'SOCIAL', '2026-10-01', true],
      [2, 'EDUCATION', FUTURE_DUE, false],
      [3, 'HEALTH', '2026-11-02', true],
    ]);
    expect(rows[0]).toMatchObject({ measureStatus: null, doneOn: null, createdBy: 'curator.vlk' });

    const { rows: events } = await admin.query(`SELECT action, from_state, to_state, actor_username, payload FROM bank.case_event WHERE case_id = $1 AND action = 'addProgrammeRow' ORDER BY id`, [
      main.id,
    ]);
    expect(events.map((e) => [e.from_state, e.to_state, e.actor_username, e.payload.rowNo])).toEqual([
      ['IN_WORK', 'IN_WORK', 'curator.vlk', 1],
      ['IN_WORK', 'IN_WORK', 'curator.vlk', 2],
      ['IN_WORK', 'IN_WORK', 'curator.vlk', 3],
    ]);
    const planned = (await notes('education.vlk', main.id)).filter((n) => n.kind === 'PROGRAMME_ROW_PLANNED');
    expect(planned).toHaveLength(1);
    expect(planned[0].message).toContain(main.number);
    expect(planned[0].message).toContain('№ 2');
    expect(JSON.stringify(planned)).not.toMatch(/Тестова|Анна|Пропуски/);
    expect((await notes('police.vlk', main.id)).filter((n) => n.kind === 'PROGRAMME_ROW_PLANNED')).toEqual([]);
  });

  it('when a row names an agency the resolution did not attach, or is otherwise malformed, then it is refused naming the field, the value and the rule, and nothing is stored', async () => {
    const before = await counts();
    const row = { problem: 'Правонарушения', task: 'Профилактика', measure: 'Профилактическая беседа', executorAgency: 'POLICE', dueDate: FUTURE_DUE };
    const police = await as('curator.vlk', ADD_ROW, { id: main.id, i: row });
    expect(police.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.executorAgency', value: 'POLICE', rule: 'programme.executorAttached' });
    // The message names the organisations the resolution attached, with their types and ОГРН.
    for (const type of ['SOCIAL', 'EDUCATION', 'HEALTH']) expect(police.errors![0].message).toContain(`(${type}, ОГРН`);
    expect(police.errors![0].message).not.toContain('POLICE');

    const blank = await as('curator.vlk', ADD_ROW, { id: main.id, i: { ...row, executorAgency: 'EDUCATION', problem: '   ' } });
    expect(blank.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.problem', rule: 'text.required' });
    const early = await as('curator.vlk', ADD_ROW, { id: main.id, i: { ...row, executorAgency: 'EDUCATION', dueDate: '2026-07-01' } });
    expect(early.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.dueDate', value: '2026-07-01', rule: 'date.range' });
    const badId = await as('curator.vlk', ADD_ROW, { id: 'not-a-uuid', i: { ...row, executorAgency: 'EDUCATION' } });
    expect(badId.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'caseId', rule: 'id.format' });
    expect(await counts()).toEqual(before);
  });

  it('when someone other than the curator or the KDN drafts the programme, then it is FORBIDDEN naming case:addProgrammeRow; another territory is refused by identity', async () => {
    const before = await counts();
    const row = { problem: 'Пропуски', task: 'Посещаемость', measure: 'Беседа', executorAgency: 'EDUCATION', dueDate: FUTURE_DUE };
    for (const user of ['social.vlk', 'education.vlk', 'member.vlk']) {
      const result = await as(user, ADD_ROW, { id: main.id, i: row });
      expect({ user, extensions: result.errors![0].extensions }).toMatchObject({ user, extensions: { code: 'FORBIDDEN', permission: 'case:addProgrammeRow' } });
    }
    expect((await as('secretary.yol', ADD_ROW, { id: main.id, i: row })).errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'identity:read', reason: 'territory' });
    expect(await counts()).toEqual(before);
  });

  it('when a programme has no rows, then its approval is refused and the case stays in work; with rows, the chair approves it and each executor is told of its own rows only', async () => {
    const refused = await as('chair.vlk', APPROVE, { id: empty.id });
    expect(refused.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'caseId', rule: 'programme.notEmpty' });
    expect((await admin.query(`SELECT state FROM bank.kdn_case WHERE id = $1`, [empty.id])).rows[0].state).toBe('IN_WORK');
    expect((await as('secretary.vlk', APPROVE, { id: main.id })).errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'case:approveProgramme' });

    const approved = await as<{ approveProgramme: { state: string } }>('chair.vlk', APPROVE, { id: main.id });
    expect(approved.errors).toBeUndefined();
    expect(approved.data!.approveProgramme.state).toBe('PROGRAMME_APPROVED');
    const told = async (user: string) => (await notes(user, main.id)).filter((n) => n.kind === 'PROGRAMME_APPROVED').map((n) => n.message);
    expect(await told('social.vlk')).toEqual([`Программа по делу ${main.number} утверждена: ваши мероприятия № 1 (срок 2026-10-01)`]);
    expect(await told('education.vlk')).toEqual([`Программа по делу ${main.number} утверждена: ваши мероприятия № 2 (срок ${FUTURE_DUE})`]);
    expect(await told('doctor.vlk')).toEqual([`Программа по делу ${main.number} утверждена: ваши мероприятия № 3 (срок 2026-11-02)`]);
    expect(await told('police.vlk')).toEqual([]);

    // Approved: the programme is no longer a draft.
    const late = await as('curator.vlk', ADD_ROW, { id: main.id, i: { problem: 'П', task: 'З', measure: 'М', executorAgency: 'EDUCATION', dueDate: FUTURE_DUE } });
    expect(late.errors![0].extensions).toMatchObject({ code: 'ILLEGAL_TRANSITION', state: 'PROGRAMME_APPROVED', action: 'addProgrammeRow' });
    // The KDN may draft as well: the second case gets its first row from the secretary.
    const bySecretary = await as<{ addProgrammeRow: Row }>('secretary.vlk', ADD_ROW, {
      id: empty.id,
      i: { problem: 'Конфликты в семье', task: 'Снизить конфликтность', measure: 'Консультация психолога', executorAgency: 'SOCIAL', dueDate: FUTURE_DUE },
    });
    expect(bySecretary.data!.addProgrammeRow).toMatchObject({ rowNo: 1, executorAgency: 'SOCIAL' });
  });

  it('when each party reads the programme, then an agency sees only the rows it executes, and the KDN and the curator see them all', async () => {
    const rowsSeen = async (user: string) => {
      const result = await as<{ child: { cases: Array<{ id: string; programme: Array<{ rowNo: number; executorAgency: string }> }> } }>(user, CASES_OF_CHILD, { id: childId });
      expect(result.errors).toBeUndefined();
      return result.data!.child.cases.find((c) => c.id === main.id)!.programme.map((r) => `${r.rowNo}:${r.executorAgency}`);
    };
    expect(await rowsSeen('education.vlk')).toEqual(['2:EDUCATION']);
    expect(await rowsSeen('doctor.vlk')).toEqual(['3:HEALTH']);
    expect(await rowsSeen('social.vlk')).toEqual(['1:SOCIAL']);
    expect(await rowsSeen('police.vlk')).toEqual([]);
    expect(await rowsSeen('curator.vlk')).toEqual(['1:SOCIAL', '2:EDUCATION', '3:HEALTH']);
    expect(await rowsSeen('chair.vlk')).toEqual(['1:SOCIAL', '2:EDUCATION', '3:HEALTH']);
    expect(await rowsSeen('member.vlk')).toEqual(['1:SOCIAL', '2:EDUCATION', '3:HEALTH']);
  });

  it('when a supporting agency hands in its patronage sheet, then it is accepted and the lead agency is told; when an agency outside the resolution tries, then it is FORBIDDEN', async () => {
    const sheet = {
      kind: 'PATRONAGE_SHEET',
      periodFrom: RESOLVED_ON,
      periodTo: '2026-08-31',
      recordedOn: '2026-09-08',
      summary: 'Посещения семьи, беседы с матерью',
      details: { patronageKind: 'PERIODIC', familyReaction: 'CALM' },
    };
    const accepted = await as<{ recordCaseRecord: Record<string, unknown> }>('education.vlk', RECORD, { id: main.id, i: sheet });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.recordCaseRecord).toMatchObject({
      kind: 'PATRONAGE_SHEET',
      agency: 'EDUCATION',
      periodTo: '2026-08-31',
      recordedBy: 'education.vlk',
      details: { patronageKind: 'PERIODIC', familyReaction: 'CALM', reviewOutcome: null, rehabilitationPotential: null },
    });
    const told = (await notes('social.vlk', main.id)).filter((n) => n.kind === 'CASE_RECORD_PATRONAGE_SHEET');
    expect(told).toHaveLength(1);
    expect(told[0].message).toContain(main.number);

    const before = await counts();
    // The lead keeps the sheet of its own patronage (test/e2e/programme-drafting.test.ts); police is not in the resolution.
    const outsider = await as('police.vlk', RECORD, { id: main.id, i: sheet });
    expect(outsider.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'case:recordCaseRecord', kind: 'PATRONAGE_SHEET' });
    const noKind = await as('doctor.vlk', RECORD, { id: main.id, i: { ...sheet, details: { familyReaction: 'CALM' } } });
    expect(noKind.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.details.patronageKind', rule: 'record.detailRequired' });
    const noPeriod = await as('doctor.vlk', RECORD, { id: main.id, i: { ...sheet, periodFrom: null, periodTo: null } });
    expect(noPeriod.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.periodFrom', rule: 'record.periodRequired' });
    const reversed = await as('doctor.vlk', RECORD, { id: main.id, i: { ...sheet, periodFrom: '2026-08-31', periodTo: '2026-08-03' } });
    expect(reversed.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.periodTo', rule: 'period.order' });
    const foreignDetail = await as('doctor.vlk', RECORD, { id: main.id, i: { ...sheet, details: { patronageKind: 'CONTROL', reviewOutcome: 'FULL' } } });
    expect(foreignDetail.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.details.reviewOutcome', rule: 'record.detailNotApplicable' });
    expect(await counts()).toEqual(before);
  });

  it('when the lead agency hands in its quarterly report, then it is accepted; a supporting agency cannot', async () => {
    const report = { kind: 'QUARTERLY_REPORT', periodFrom: RESOLVED_ON, periodTo: today, recordedOn: today, summary: 'Сводная информация ведомств за квартал' };
    const accepted = await as<{ recordCaseRecord: { agency: string } }>('social.vlk', RECORD, { id: main.id, i: report });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.recordCaseRecord.agency).toBe('SOCIAL');
    expect((await notes('secretary.vlk', main.id)).map((n) => n.kind)).toContain('CASE_RECORD_QUARTERLY_REPORT');
    expect((await as('education.vlk', RECORD, { id: main.id, i: report })).errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'case:recordCaseRecord' });
  });

  it('when the curator surveys living conditions, then the survey with the rehabilitation potential at its stage is accepted; an agency outside the case is FORBIDDEN', async () => {
    const survey = {
      kind: 'LIVING_CONDITIONS_SURVEY',
      recordedOn: today,
      summary: 'Жилищно-бытовые условия удовлетворительные',
      details: { rehabilitationStage: 'INITIAL', rehabilitationPotential: 'MEDIUM', familyReaction: 'READY_TO_COOPERATE' },
    };
    const accepted = await as<{ recordCaseRecord: Record<string, unknown> }>('curator.vlk', RECORD, { id: main.id, i: survey });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.recordCaseRecord).toMatchObject({
      kind: 'LIVING_CONDITIONS_SURVEY',
      details: { rehabilitationStage: 'INITIAL', rehabilitationPotential: 'MEDIUM', familyReaction: 'READY_TO_COOPERATE' },
    });
    const before = await counts();
    expect((await as('police.vlk', RECORD, { id: main.id, i: survey })).errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'case:recordCaseRecord' });
    const noStage = await as('curator.vlk', RECORD, { id: main.id, i: { ...survey, details: { rehabilitationPotential: 'LOW' } } });
    expect(noStage.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.details.rehabilitationStage', rule: 'record.potentialWithStage' });
    const future = await as('curator.vlk', RECORD, { id: main.id, i: { ...survey, recordedOn: addCalendarDays(today, 30) } });
    expect(future.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.recordedOn', rule: 'date.notInFuture' });
    expect(await counts()).toEqual(before);
  });

  it('when the KDN reviews the approved programme and holds a consilium, then both are recorded; the curator cannot review, and a programme still in draft cannot be reviewed', async () => {
    const review = {
      kind: 'PROGRAMME_REVIEW',
      recordedOn: today,
      summary: 'Программа выполняется частично, сроки скорректированы',
      details: { reviewOutcome: 'PARTIAL', rehabilitationStage: 'MAIN', rehabilitationPotential: 'MEDIUM' },
    };
    const reviewed = await as<{ recordCaseRecord: { agency: string; details: { reviewOutcome: string } } }>('chair.vlk', RECORD, { id: main.id, i: review });
    expect(reviewed.errors).toBeUndefined();
    expect(reviewed.data!.recordCaseRecord).toMatchObject({ agency: 'KDN', details: { reviewOutcome: 'PARTIAL' } });
    const consilium = await as('secretary.vlk', RECORD, { id: main.id, i: { kind: 'CONSILIUM', recordedOn: today, summary: 'Консилиум: продолжить патронаж' } });
    expect(consilium.errors).toBeUndefined();

    expect((await as('curator.vlk', RECORD, { id: main.id, i: review })).errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'case:recordCaseRecord', kind: 'PROGRAMME_REVIEW' });
    expect((await as('member.vlk', RECORD, { id: main.id, i: review })).errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'case:recordCaseRecord' });
    const draft = await as('chair.vlk', RECORD, { id: empty.id, i: review });
    expect(draft.errors![0].extensions).toMatchObject({ code: 'ILLEGAL_TRANSITION', state: 'IN_WORK', action: 'recordCaseRecord:PROGRAMME_REVIEW' });
    const checked = await as('chair.vlk', RECORD, { id: checking.id, i: { kind: 'CONSILIUM', recordedOn: today, summary: 'Рано' } });
    expect(checked.errors![0].extensions).toMatchObject({ code: 'ILLEGAL_TRANSITION', state: 'CHECKING' });

    const recordsSeen = async (user: string) =>
      (await as<{ child: { cases: Array<{ id: string; records: Array<{ kind: string }> }> } }>(user, CASES_OF_CHILD, { id: childId }))
        .data!.child.cases.find((c) => c.id === main.id)!
        .records.map((r) => r.kind)
        .sort();
    const all = ['CONSILIUM', 'LIVING_CONDITIONS_SURVEY', 'PATRONAGE_SHEET', 'PROGRAMME_REVIEW', 'QUARTERLY_REPORT'];
    expect(await recordsSeen('chair.vlk')).toEqual(all);
    expect(await recordsSeen('doctor.vlk')).toEqual(all);
    expect(await recordsSeen('police.vlk')).toEqual([]);
  });

  it('when the KDN asks what is due on a case, then every follow-up item carries its responsible agency, its calendar term and whether it is overdue', async () => {
    const items = await due('secretary.vlk', { caseId: main.id });
    const key = (i: Due) => [i.kind, i.agency, i.rowNo, i.dueOn, i.overdue];
    expect(items.map(key).sort()).toEqual(
      [
        ['PATRONAGE_SHEET', 'EDUCATION', null, '2026-10-10', true], // August's sheet handed in: September's was due on 10 October
        ['PATRONAGE_SHEET', 'HEALTH', null, '2026-09-10', true], // none yet: August's sheet was due on 10 September
        ['PROGRAMME_REVIEW', 'KDN', null, plusMonths(today, 6), false],
        ['PROGRAMME_ROW', 'EDUCATION', 2, FUTURE_DUE, false],
        ['PROGRAMME_ROW', 'HEALTH', 3, '2026-11-02', true],
        ['PROGRAMME_ROW', 'SOCIAL', 1, '2026-10-01', true],
        // The report filed today answers the coming reporting date (no longer due): the one after it is.
        ['QUARTERLY_REPORT', 'SOCIAL', null, quarterlyDeadlineAfterReport(RESOLVED_ON, today), false],
        // The lead's information message of taking the family on: 10 working days from 3 August (4-7, 10-14, 17 August; Primorsky 5.4 б).
        ['TAKEN_ON_MESSAGE', 'SOCIAL', null, '2026-08-17', true],
        ['LIVING_CONDITIONS_SURVEY', 'SOCIAL', null, plusMonths(today, 3), false],
      ].sort(),
    );
    expect(items.every((i) => i.caseNumber === main.number && i.curator === 'curator.vlk')).toBe(true);
    expect(items.map((i) => i.dueOn)).toEqual([...items.map((i) => i.dueOn)].sort());

    // Nothing handed in yet on the draft: every term runs from the resolution of 3 August.
    expect((await due('chair.vlk', { caseId: empty.id })).map(key).sort()).toEqual(
      [
        // The curator drafts (addressed to the curator, under the commission); the lead and supporting organisations propose by the same term.
        ['PROGRAMME_DRAFT', 'KDN', null, '2026-08-17', true],
        ['PROGRAMME_PROPOSALS', 'SOCIAL', null, '2026-08-17', true],
        ['PROGRAMME_PROPOSALS', 'EDUCATION', null, '2026-08-17', true],
        ['PROGRAMME_PROPOSALS', 'HEALTH', null, '2026-08-17', true],
        ['PROGRAMME_ROW', 'SOCIAL', 1, FUTURE_DUE, false],
        ['PATRONAGE_SHEET', 'EDUCATION', null, '2026-09-10', true],
        ['PATRONAGE_SHEET', 'HEALTH', null, '2026-09-10', true],
        // The first report once a full quarter has passed (3 November): 5 December, not 15 September (Myasnikovsky 5.6.5).
        ['QUARTERLY_REPORT', 'SOCIAL', null, '2026-12-05', '2026-12-05' < today],
        ['TAKEN_ON_MESSAGE', 'SOCIAL', null, '2026-08-17', true],
        ['LIVING_CONDITIONS_SURVEY', 'SOCIAL', null, '2026-11-03', true],
      ].sort(),
    );
    // The conclusion reaches the KDN 3 working days after the check's term (9-11 November; Primorsky 5.3).
    expect((await due('chair.vlk', { caseId: checking.id })).map(key)).toEqual([
      ['CHECK', 'POLICE', null, '2026-11-06', true],
      ['CONCLUSION', 'POLICE', null, '2026-11-11', true],
    ]);

    // The agency reports its measure done (the event applier fills the row): the row is no longer due.
    await admin.query(
      `UPDATE bank.programme_row SET measure_status = 'DONE', done_on = '2026-11-01', result = 'Осмотр проведён', executor = 'Иванова И. И., поликлиника № 1' WHERE case_id = $1 AND row_no = 3`,
      [main.id],
    );
    expect(
      (await due('secretary.vlk', { caseId: main.id }))
        .filter((i) => i.kind === 'PROGRAMME_ROW')
        .map((i) => i.rowNo)
        .sort(),
    ).toEqual([1, 2]);
    const seen = await as<{ child: { cases: Array<{ id: string }> } }>(
      'doctor.vlk',
      `query($id: ID!) { child(id: $id) { cases { id programme { rowNo measureStatus doneOn result executor overdue } } } }`,
      { id: childId },
    );
    expect(seen.data!.child.cases.find((c) => c.id === main.id)).toMatchObject({ programme: [{ rowNo: 3, measureStatus: 'DONE', doneOn: '2026-11-01', overdue: false }] });
  });

  it('when an agency asks what is due, then it gets only its own items, only the overdue ones when asked; another agency, a territory or a role outside the work is refused', async () => {
    const education = await due('education.vlk');
    expect(new Set(education.map((i) => i.agency))).toEqual(new Set(['EDUCATION']));
    expect(education.map((i) => `${i.caseNumber}:${i.kind}:${i.rowNo ?? ''}`).sort()).toEqual(
      [`${main.number}:PATRONAGE_SHEET:`, `${main.number}:PROGRAMME_ROW:2`, `${empty.number}:PATRONAGE_SHEET:`, `${empty.number}:PROGRAMME_PROPOSALS:`].sort(),
    );
    expect(await due('education.vlk', { agency: 'EDUCATION', overdueOnly: true })).toEqual(education.filter((i) => i.overdue));
    expect((await due('police.vlk')).map((i) => [i.caseNumber, i.kind, i.overdue])).toEqual([
      [checking.number, 'CHECK', true],
      [checking.number, 'CONCLUSION', true],
    ]);

    const refusal = async (user: string, variables: Record<string, unknown>) => (await as(user, DUE, variables)).errors?.[0]?.extensions;
    expect(await refusal('education.vlk', { agency: 'HEALTH' })).toMatchObject({ code: 'FORBIDDEN', permission: 'case:dueItems', reason: 'not-own-agency' });
    expect(await refusal('auditor.vlk', {})).toMatchObject({ code: 'FORBIDDEN' });
    // The bank operator works no case; asking as a caseworker, it is refused (its own report item: test/e2e/operator-report.test.ts).
    expect(await refusal('operator.vlk', {})).toMatchObject({ code: 'FORBIDDEN', permission: 'register:read', reason: 'purpose_not_allowed' });
    expect(await refusal('operator.vlk', { caseId: main.id })).toMatchObject({ code: 'FORBIDDEN', permission: 'case:dueItems', reason: 'role' });
    expect(await refusal('secretary.vlk', { municipality: '88701000' })).toMatchObject({ code: 'FORBIDDEN', permission: 'case:dueItems', reason: 'territory' });
    expect(await refusal('chair.yol', { caseId: main.id })).toMatchObject({ code: 'FORBIDDEN', permission: 'identity:read', reason: 'territory' });
    expect(await due('chair.yol')).toEqual([]);
  });

  it('when the curator asks for the items of the cases it curates, then it gets every agency’s items of those cases; anyone else asking for that curator is refused', async () => {
    const curated = await due('curator.vlk', { curator: 'curator.vlk' });
    expect(new Set(curated.map((i) => i.caseId))).toEqual(new Set([main.id, empty.id]));
    expect(new Set(curated.map((i) => i.agency))).toEqual(new Set(['SOCIAL', 'EDUCATION', 'HEALTH', 'KDN']));
    // Without the curator argument the curator acts as a worker of its agency (social services).
    expect(new Set((await due('curator.vlk')).map((i) => i.agency))).toEqual(new Set(['SOCIAL']));
    expect((await as('social.vlk', DUE, { curator: 'curator.vlk' })).errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'case:dueItems', reason: 'not-curator' });
    // The commission may ask for any curator of its territory, and cut the list.
    expect((await due('chair.vlk', { curator: 'curator.vlk' })).length).toBe(curated.length);
    const overdue = await due('chair.vlk', { overdueOnly: true, first: 3 });
    expect(overdue).toHaveLength(3);
    expect(overdue.every((i) => i.overdue)).toBe(true);
  });

  it('when the programme and records of several cases are read, then they cost one statement each however many cases there are (DataLoader)', async () => {
    const bank = t.hub.subgraphs.bank.queries;
    const token = await t.userToken('chair.vlk');
    const statements = async (query: string) => {
      const before = bank.total;
      const result = await t.gql(token, query, { id: childId });
      expect(result.errors).toBeUndefined();
      return bank.total - before;
    };
    const plain = await statements(`query($id: ID!) { child(id: $id) { cases { id number } } }`);
    const withProgramme = await statements(`query($id: ID!) { child(id: $id) { cases { id number programme { rowNo } records { kind } } } }`);
    expect(withProgramme - plain).toBe(2);
  });
});
