import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { addCalendarDays, addWorkingDays } from '../../schema/calendar/working-days';
import { signalInput } from '../support/factories';
import { kdnFlow } from '../support/kdn-flow';
import { recordMeasure, reportSignal } from '../support/operations';
import { waitFor } from '../support/sync-worker';
import type { GraphQLResult, HubClient } from '../support/hub-client';
import { sharedTestHub } from '../support/shared-hub';
import { firstQuarterlyDeadline, lastDayOfMonth, plusMonths, quarterlyDeadlineAfterReport, tenthOfMonthAfter, today } from '../support/follow-up-dates';
import { findInPages } from '../support/pages';

/**
 * The whole life of one case (DOMAIN.md, "The life of a case"), through the gateway with the real
 * tokens of the real roles: signal -> registration -> check -> conclusion -> resolution (the family
 * enters the data bank) -> programme -> measures done by three agencies through their own
 * subgraphs -> follow-up records and the review -> closure; with the illegal transitions and the
 * wrong-role attempts on the way. The tests share one case and run in order.
 */

const CASE = 'id number state checkAgencies allowedActions conclusionKind resolutionKind closedOn closureReason suggestedRisk { riskLevel dangerLevel drivers }';
const REGISTER = `mutation($i: RegisterInJournalInput!) { registerSignalInJournal(input: $i) { ${CASE} } }`;
const ASSIGN = `mutation($id: ID!, $a: [Agency!]!) { assignCheck(caseId: $id, agencies: $a) { ${CASE} } }`;
const CONCLUDE = `mutation($id: ID!, $i: ConclusionInput!) { recordConclusion(caseId: $id, input: $i) { ${CASE} } }`;
const RESOLVE = `mutation($id: ID!, $i: ResolutionInput!) { recordResolution(caseId: $id, input: $i) { ${CASE} } }`;
const APPROVE = `mutation($id: ID!) { approveProgramme(caseId: $id) { ${CASE} } }`;
const CLOSE = `mutation($id: ID!, $r: ClosureReason!, $n: String!) { closeCase(caseId: $id, reason: $r, resolutionNumber: $n) { ${CASE} } }`;
const ROW_FIELDS = 'id rowNo executorAgency dueDate measureId measureStatus doneOn result executor overdue createdBy';
const ADD_ROW = `mutation($id: ID!, $i: AddProgrammeRowInput!) { addProgrammeRow(caseId: $id, input: $i) { ${ROW_FIELDS} } }`;
const RECORD = `mutation($id: ID!, $i: CaseRecordInput!) { recordCaseRecord(caseId: $id, input: $i) { id kind agency recordedBy } }`;
const CASES = `query CaseList($after: ID) { kdnCases(first: 500, after: $after) { id number state programme { ${ROW_FIELDS} } } }`;
const DUE = `query($curator: String, $caseId: ID) { dueItems(curator: $curator, caseId: $caseId) { caseId kind agency curator dueOn overdue rowNo } }`;
const NOTES = `{ notifications(first: 500) { kind caseId message } }`;
const REMINDERS = `{ dueReminders(first: 500) { kind caseId message } }`;
const STANDING = `query($id: ID!) { child(id: $id) { participations { agency } bankStanding { inRegister entries { familyId includedOn basis removedOn removalReason } } } }`;
const SIGNALS_SEEN = `query($id: ID!) { child(id: $id) { education { signals { id agency description indicators { code level } } } } }`;

type Case = {
  id: string;
  number: string;
  state: string;
  checkAgencies: string[];
  allowedActions: string[];
  conclusionKind: string | null;
  resolutionKind: string | null;
  closedOn: string | null;
  closureReason: string | null;
  suggestedRisk: { riskLevel: string; dangerLevel: string; drivers: string[] } | null;
};
type Row = {
  id: string;
  rowNo: number;
  executorAgency: string;
  dueDate: string;
  measureId: string | null;
  measureStatus: string | null;
  doneOn: string | null;
  result: string | null;
  executor: string | null;
  overdue: boolean;
  createdBy: string;
};
type Due = { caseId: string; kind: string; agency: string; curator: string | null; dueOn: string; overdue: boolean; rowNo: number | null };
type Standing = {
  child: {
    participations: Array<{ agency: string }>;
    bankStanding: { inRegister: boolean; entries: Array<{ familyId: string; includedOn: string; basis: string; removedOn: string | null; removalReason: string | null }> };
  };
};

/**
 * The resolution 110 days ago: long enough that a quarterly deadline (at most 101 days apart) has
 * passed since, so every follow-up term visibly moves when its record is handed in today.
 */
const RESOLVED_ON = addCalendarDays(today, -110);
const RECEIVED_ON = addCalendarDays(RESOLVED_ON, -7);
const INDICATORS = ['EDUCATION-L1-01', 'EDUCATION-L3-01', 'HOUSING-L3-01'];
const ROWS = [
  {
    executorAgency: 'SOCIAL',
    dueDate: addCalendarDays(RESOLVED_ON, 30),
    measure: 'Социальный патронаж семьи',
    doneDate: addCalendarDays(RESOLVED_ON, 28),
    result: 'Семья получила продуктовый набор, мать трудоустроена',
  },
  {
    executorAgency: 'EDUCATION',
    dueDate: addCalendarDays(RESOLVED_ON, 45),
    measure: 'Ежедневный контроль посещаемости',
    doneDate: addCalendarDays(RESOLVED_ON, 44),
    result: 'Пропусков без уважительной причины нет',
  },
  { executorAgency: 'HEALTH', dueDate: addCalendarDays(RESOLVED_ON, 60), measure: 'Диспансерный осмотр ребёнка', doneDate: addCalendarDays(RESOLVED_ON, 50), result: 'Осмотр проведён, здоров' },
] as const;

describe('the life of a case: signal, registration, check, conclusion, resolution, programme, measures of three agencies, review, closure', () => {
  let t: HubClient;
  let admin: Client;
  let family: { familyId: string; motherId: string; childId: string };
  let childId: string;
  let kase: Case;
  const rows: Row[] = [];
  let approvedOn: string;
  let dueBefore: Due[];
  const as = async <T = Record<string, unknown>>(user: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<GraphQLResult<T>> =>
    t.gql<T>(await t.userToken(user), query, variables, undefined, headers);
  const ok = <T>(result: GraphQLResult<T>): T => {
    expect(result.errors).toBeUndefined();
    return result.data!;
  };
  const notes = async (user: string) => ok(await as<{ notifications: Array<{ kind: string; caseId: string | null; message: string }> }>(user, NOTES)).notifications.filter((n) => n.caseId === kase.id);
  /** Reminders are computed apart from the notifications (they never displace an event). */
  const reminders = async (user: string) => ok(await as<{ dueReminders: Array<{ kind: string; caseId: string; message: string }> }>(user, REMINDERS)).dueReminders.filter((n) => n.caseId === kase.id);
  /** The case as it appears in the user's list, paged through: other files' cases share the hub. */
  type Listed = { id: string; state: string; programme: Row[] };
  const caseSeenBy = (user: string): Promise<Listed | undefined> =>
    findInPages(
      500,
      async (after) => ok(await as<{ kdnCases: Listed[] }>(user, CASES, { after })).kdnCases,
      (c) => c.id,
      (c) => c.id === kase.id,
    );
  const due = async () => ok(await as<{ dueItems: Due[] }>('curator.vlk', DUE, { curator: 'curator.vlk' })).dueItems.filter((i) => i.caseId === kase.id);
  const dueKey = (i: Due) => `${i.kind}:${i.agency}:${i.rowNo ?? ''}:${i.dueOn}:${i.overdue}`;
  const registerEntries = async () =>
    (
      await admin.query(`SELECT family_id, child_id, included_on::text, basis, detecting_agency, removed_on::text, removal_reason, removal_basis FROM bank.register_entry WHERE case_id = $1`, [
        kase.id,
      ])
    ).rows;

  beforeAll(async () => {
    t = await sharedTestHub();
    admin = new Client({ connectionString: t.adminUrl });
    await admin.connect();
    family = await kdnFlow(t).family();
    childId = family.childId;
  }, 60_000);
  afterAll(async () => {
    await admin?.end();
    await t?.stop();
  });

  it('when the school reports a signal with risk indicators, then the KDN secretary sees it and registers it in the journal with the suggested risk', async () => {
    const school = await t.systemToken('education');
    const reported = ok(
      await t.gql<{ education: { reportSignal: { id: string; agency: string; status: string; indicators: Array<{ code: string; level: string }> } } }>(school, reportSignal('education'), {
        input: signalInput(childId, { indicatorCodes: INDICATORS, description: 'Ребёнок не посещает школу, семья живёт в аварийном доме' }),
      }),
    ).education.reportSignal;
    expect(reported.indicators.map((i) => i.code).sort()).toEqual([...INDICATORS].sort());

    // The secretary reads the school's signal in the child's card, and takes its indicators into the journal.
    const seen = ok(await as<{ child: { education: { signals: Array<{ id: string; indicators: Array<{ code: string }> }> } } }>('secretary.vlk', SIGNALS_SEEN, { id: childId })).child.education
      .signals;
    const signal = seen.find((s) => s.id === reported.id)!;
    expect(signal).toBeDefined();
    const codes = signal.indicators.map((i) => i.code);

    kase = ok(
      await as<{ registerSignalInJournal: Case }>('secretary.vlk', REGISTER, {
        i: { childId, urgency: 'ROUTINE', receivedOn: RECEIVED_ON, sourceKind: 'EDUCATION', summary: 'Школа: систематические пропуски, аварийное жильё', indicatorCodes: codes },
      }),
    ).registerSignalInJournal;
    expect(kase).toMatchObject({
      state: 'REGISTERED',
      allowedActions: ['assignCheck'],
      suggestedRisk: { riskLevel: 'SOCIALLY_DANGEROUS', dangerLevel: 'HIGH', drivers: ['EDUCATION-L3-01', 'HOUSING-L3-01'] },
    });
    expect(kase.number).toMatch(new RegExp(`^05701000-${RECEIVED_ON.slice(0, 4)}-\\d{6}$`));
  });

  it('when a school specialist tries to assign the check, then it is FORBIDDEN; when the secretary assigns it to social protection and education, then both are attached and told', async () => {
    const wrong = await as('education.vlk', ASSIGN, { id: kase.id, a: ['EDUCATION'] });
    expect(wrong.data).toBeNull();
    expect(wrong.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'case:assignCheck' });
    expect((await admin.query(`SELECT state FROM bank.kdn_case WHERE id = $1`, [kase.id])).rows[0].state).toBe('REGISTERED');

    const assigned = ok(await as<{ assignCheck: Case }>('secretary.vlk', ASSIGN, { id: kase.id, a: ['SOCIAL', 'EDUCATION'] })).assignCheck;
    expect(assigned).toMatchObject({ state: 'CHECKING', checkAgencies: ['EDUCATION', 'SOCIAL'], allowedActions: ['recordConclusion'] });
    const standing = ok(await as<Standing>('secretary.vlk', STANDING, { id: childId })).child;
    expect(standing.participations.map((p) => p.agency).sort()).toEqual(['EDUCATION', 'SOCIAL']);
    // The signal came in 117 days ago: the check's working-day term has long passed, and both checkers are reminded.
    expect((await notes('social.vlk')).map((n) => n.kind)).toEqual(['CHECK_ASSIGNED']);
    expect((await notes('education.vlk')).map((n) => n.kind)).toEqual(['CHECK_ASSIGNED']);
    // The conclusion's own term (3 working days after the check's, Primorsky 5.3) has passed too.
    expect((await reminders('social.vlk')).map((n) => n.kind)).toEqual(['CHECK_OVERDUE', 'OVERDUE']);
    expect((await reminders('education.vlk')).map((n) => n.kind)).toEqual(['CHECK_OVERDUE', 'OVERDUE']);
  });

  it('when social protection concludes SOCIALLY_DANGEROUS, then the case is concluded; when the chair tries to approve a programme now, then the error names the state and the allowed step', async () => {
    const concluded = ok(
      await as<{ recordConclusion: Case }>('social.vlk', CONCLUDE, {
        id: kase.id,
        i: {
          kind: 'SOCIALLY_DANGEROUS',
          dangerLevel: 'HIGH',
          violationFound: true,
          childSafeNow: true,
          notes: 'Семья в социально опасном положении: жильё аварийное, ребёнок не посещает школу',
          sopCriteria: ['EVADING_UPBRINGING'],
        },
      }),
    ).recordConclusion;
    expect(concluded).toMatchObject({ state: 'CONCLUDED', conclusionKind: 'SOCIALLY_DANGEROUS', allowedActions: ['recordResolution'] });

    const early = await as('chair.vlk', APPROVE, { id: kase.id });
    expect(early.errors![0].extensions).toMatchObject({ code: 'ILLEGAL_TRANSITION', state: 'CONCLUDED', action: 'approveProgramme', allowed: ['recordResolution'] });
    expect(early.errors![0].message).toContain('Заключение по проверке представлено');
    expect(early.errors![0].message).toContain('recordResolution');
  });

  it('when the chair recognises the SOP naming the curator, the lead and supporting agencies and the term, then the case is in work, the three agencies are attached and the family enters the data bank', async () => {
    const resolved = ok(
      await as<{ recordResolution: Case }>('chair.vlk', RESOLVE, {
        id: kase.id,
        i: { kind: 'SOP', number: '12/3', date: RESOLVED_ON, curator: 'curator.vlk', leadAgency: 'SOCIAL', supportingAgencies: ['EDUCATION', 'HEALTH'], termMonths: 6 },
      }),
    ).recordResolution;
    expect(resolved).toMatchObject({ state: 'IN_WORK', resolutionKind: 'SOP', allowedActions: ['approveProgramme', 'closeCase'] });

    expect(await registerEntries()).toEqual([
      {
        family_id: family.familyId,
        child_id: childId,
        included_on: RESOLVED_ON,
        basis: `Постановление КДН № 12/3 от ${RESOLVED_ON}`,
        // The school reported it (sourceKind EDUCATION); social protection only checked.
        detecting_agency: 'education',
        removed_on: null,
        removal_reason: null,
        removal_basis: null,
      },
    ]);
    const standing = ok(await as<Standing>('secretary.vlk', STANDING, { id: childId })).child;
    expect(standing.bankStanding).toEqual({
      inRegister: true,
      entries: [{ familyId: family.familyId, includedOn: RESOLVED_ON, basis: `Постановление КДН № 12/3 от ${RESOLVED_ON}`, removedOn: null, removalReason: null }],
    });
    expect(standing.participations.map((p) => p.agency).sort()).toEqual(['EDUCATION', 'HEALTH', 'SOCIAL']);
    // Health is told of the resolution, and reminded at once of what is already due of it (the
    // resolution is 110 days old: its monthly patronage sheet is overdue).
    expect((await notes('doctor.vlk')).map((n) => n.kind)).toEqual(['RESOLUTION']);
    // Its proposals to the programme are overdue too (due by the draft's 14 days).
    const doctorOverdue = (await reminders('doctor.vlk')).filter((n) => n.kind === 'OVERDUE').map((n) => n.message);
    expect(doctorOverdue).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Просрочено по делу .+: патронажный лист, срок \d{4}-\d{2}-\d{2}$/),
        expect.stringMatching(/^Просрочено по делу .+: предложения в программу, срок \d{4}-\d{2}-\d{2}$/),
      ]),
    );
    // The curator (of social protection) is reminded of the other agencies' items of the case too.
    const curatorReminders = (await reminders('curator.vlk')).filter((n) => n.kind === 'OVERDUE').map((n) => n.message);
    expect(curatorReminders).toEqual(expect.arrayContaining([expect.stringMatching(/патронажный лист, ведомство health, срок/), expect.stringMatching(/патронажный лист, ведомство education, срок/)]));
  });

  it('when the curator drafts three rows for social protection, education and health and the chair approves them, then each executor is told of and sees only its own row; police sees no case', async () => {
    for (const row of ROWS) {
      const added = ok(
        await as<{ addProgrammeRow: Row }>('curator.vlk', ADD_ROW, {
          id: kase.id,
          i: { problem: 'Безнадзорность, пропуски занятий, аварийное жильё', task: 'Устранить причины неблагополучия', measure: row.measure, executorAgency: row.executorAgency, dueDate: row.dueDate },
        }),
      ).addProgrammeRow;
      rows.push(added);
    }
    expect(rows.map((r) => [r.rowNo, r.executorAgency, r.dueDate, r.measureStatus, r.overdue, r.createdBy])).toEqual([
      [1, 'SOCIAL', ROWS[0].dueDate, null, true, 'curator.vlk'],
      [2, 'EDUCATION', ROWS[1].dueDate, null, true, 'curator.vlk'],
      [3, 'HEALTH', ROWS[2].dueDate, null, true, 'curator.vlk'],
    ]);

    // Only the chair approves.
    expect((await as('curator.vlk', APPROVE, { id: kase.id })).errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'case:approveProgramme' });
    const approved = ok(await as<{ approveProgramme: Case }>('chair.vlk', APPROVE, { id: kase.id })).approveProgramme;
    expect(approved).toMatchObject({ state: 'PROGRAMME_APPROVED', allowedActions: ['closeCase'] });
    approvedOn = (await admin.query(`SELECT (at AT TIME ZONE 'UTC')::date::text AS on FROM bank.case_event WHERE case_id = $1 AND action = 'approveProgramme'`, [kase.id])).rows[0].on;

    const told = async (user: string) => (await notes(user)).filter((n) => n.kind === 'PROGRAMME_APPROVED').map((n) => n.message);
    expect(await told('social.vlk')).toEqual([`Программа по делу ${kase.number} утверждена: ваши мероприятия № 1 (срок ${ROWS[0].dueDate})`]);
    expect(await told('education.vlk')).toEqual([`Программа по делу ${kase.number} утверждена: ваши мероприятия № 2 (срок ${ROWS[1].dueDate})`]);
    expect(await told('doctor.vlk')).toEqual([`Программа по делу ${kase.number} утверждена: ваши мероприятия № 3 (срок ${ROWS[2].dueDate})`]);
    expect(await notes('police.vlk')).toEqual([]);

    const rowsOf = async (user: string) => (await caseSeenBy(user))?.programme.map((r) => `${r.rowNo}:${r.executorAgency}`);
    expect(await rowsOf('social.vlk')).toEqual(['1:SOCIAL']);
    expect(await rowsOf('education.vlk')).toEqual(['2:EDUCATION']);
    expect(await rowsOf('doctor.vlk')).toEqual(['3:HEALTH']);
    expect(await rowsOf('curator.vlk')).toEqual(['1:SOCIAL', '2:EDUCATION', '3:HEALTH']);
    expect(await rowsOf('chair.vlk')).toEqual(['1:SOCIAL', '2:EDUCATION', '3:HEALTH']);
    expect(await caseSeenBy('police.vlk')).toBeUndefined();
  });

  it('when police, or social protection about another child, reports a measure carrying the social row’s id, then the agency subgraph refuses it with the reason and stores nothing; the row stays unfulfilled', async () => {
    const police = await t.systemToken('police');
    const policeKey = `measure-${randomUUID()}`;
    const refused = await t.gql(police, recordMeasure('police'), {
      input: {
        idempotencyKey: policeKey,
        childId,
        title: 'Профилактическая беседа',
        kind: 'PREVENTIVE_TALK',
        dueDate: ROWS[0].dueDate,
        doneDate: ROWS[0].doneDate,
        result: 'Беседа проведена',
        executor: { name: 'Сидоров П. П.', organisation: 'ПДН ОП № 1' },
        programmeRowId: rows[0].id,
      },
    });
    expect(refused.data).toBeNull();
    expect(refused.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.programmeRowId', value: rows[0].id, rule: 'programmeRow.executor' });
    expect(refused.errors![0].message).toContain('другое ведомство (SOCIAL)');
    expect((await admin.query(`SELECT count(*)::int AS n FROM police.measure WHERE idempotency_key = $1`, [policeKey])).rows[0].n).toBe(0);

    // Nor does social protection's own measure about another child.
    const social = await t.systemToken('social');
    const otherChild = await kdnFlow(t).person();
    const socialKey = `measure-${randomUUID()}`;
    const stray = await t.gql(social, recordMeasure('social'), {
      input: {
        idempotencyKey: socialKey,
        childId: otherChild,
        title: 'Патронаж другой семьи',
        kind: 'PATRONAGE',
        dueDate: ROWS[0].dueDate,
        doneDate: ROWS[0].doneDate,
        result: 'Проведён',
        executor: { name: 'Орлова Н. В.', organisation: 'КЦСОН' },
        programmeRowId: rows[0].id,
      },
    });
    expect(stray.data).toBeNull();
    expect(stray.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.programmeRowId', rule: 'programmeRow.sameChild' });
    expect((await admin.query(`SELECT count(*)::int AS n FROM social.measure WHERE idempotency_key = $1`, [socialKey])).rows[0].n).toBe(0);
    // ... and neither touched the social row.
    const row = (await caseSeenBy('curator.vlk'))!.programme.find((r) => r.rowNo === 1)!;
    expect(row).toMatchObject({ measureId: null, measureStatus: null, doneOn: null, result: null, executor: null, overdue: true });
  });

  it('when each of the three agencies reports its measure done through its own subgraph, then the bank’s programme rows show DONE with the date, the result and the executor, and are no longer due', async () => {
    const agencies = ['social', 'education', 'health'] as const;
    const measureIds: string[] = [];
    for (const [i, agency] of agencies.entries()) {
      const token = await t.systemToken(agency);
      const result = await t.gql<Record<string, { recordMeasure: { id: string; agency: string; status: string; doneDate: string } }>>(token, recordMeasure(agency), {
        input: {
          idempotencyKey: `measure-${randomUUID()}`,
          childId,
          familyId: family.familyId,
          title: ROWS[i].measure,
          kind: agency === 'health' ? 'MEDICAL' : agency === 'education' ? 'EDUCATIONAL' : 'PATRONAGE',
          dueDate: ROWS[i].dueDate,
          doneDate: ROWS[i].doneDate,
          result: ROWS[i].result,
          executor: { name: `Исполнитель ${agency}`, organisation: `Учреждение ${agency}` },
          programmeRowId: rows[i].id,
        },
      });
      const measure = ok(result)[agency].recordMeasure;
      expect(measure).toMatchObject({ agency: agency.toUpperCase(), status: 'DONE', doneDate: ROWS[i].doneDate });
      measureIds.push(measure.id);
    }

    const filled = await waitFor(
      'the three programme rows filled by the agencies’ measures',
      async () => (await caseSeenBy('curator.vlk'))!.programme,
      (programme) => programme.every((r) => r.measureStatus === 'DONE'),
      15_000,
    );
    expect(filled.map((r) => ({ rowNo: r.rowNo, measureId: r.measureId, measureStatus: r.measureStatus, doneOn: r.doneOn, result: r.result, executor: r.executor, overdue: r.overdue }))).toEqual(
      agencies.map((agency, i) => ({
        rowNo: i + 1,
        measureId: measureIds[i],
        measureStatus: 'DONE',
        doneOn: ROWS[i].doneDate,
        result: ROWS[i].result,
        executor: `Исполнитель ${agency}, Учреждение ${agency}`,
        overdue: false,
      })),
    );
    // Each agency sees its own row done.
    expect((await caseSeenBy('doctor.vlk'))!.programme).toEqual([expect.objectContaining({ rowNo: 3, measureStatus: 'DONE', doneOn: ROWS[2].doneDate })]);
    expect((await due()).filter((i) => i.kind === 'PROGRAMME_ROW')).toEqual([]);
  });

  it('when the supporting agency hands in a patronage sheet, the lead its quarterly report, the curator the 3-monthly survey and the KDN its review, then the curator’s due items move on', async () => {
    dueBefore = await due();
    expect(dueBefore.every((i) => i.curator === 'curator.vlk')).toBe(true);
    expect(dueBefore.map(dueKey).sort()).toEqual(
      [
        `PATRONAGE_SHEET:EDUCATION::${tenthOfMonthAfter(RESOLVED_ON)}:true`,
        `PATRONAGE_SHEET:HEALTH::${tenthOfMonthAfter(RESOLVED_ON)}:true`,
        // The first report once a full quarter of work has passed (Myasnikovsky 5.6.5), not at the next reporting date.
        `QUARTERLY_REPORT:SOCIAL::${firstQuarterlyDeadline(RESOLVED_ON)}:${firstQuarterlyDeadline(RESOLVED_ON) < today}`,
        // The lead informs the KDN it took the family on within 10 working days (Primorsky 5.4 б).
        `TAKEN_ON_MESSAGE:SOCIAL::${addWorkingDays(RESOLVED_ON, 10)}:true`,
        `LIVING_CONDITIONS_SURVEY:SOCIAL::${plusMonths(RESOLVED_ON, 3)}:true`,
        `PROGRAMME_REVIEW:KDN::${plusMonths(approvedOn, 6)}:false`,
      ].sort(),
    );

    const sheetPeriodTo = lastDayOfMonth(RESOLVED_ON);
    const records: Array<[string, Record<string, unknown>, string | null]> = [
      [
        'education.vlk',
        {
          kind: 'PATRONAGE_SHEET',
          periodFrom: RESOLVED_ON,
          periodTo: sheetPeriodTo,
          recordedOn: today,
          summary: 'Посещения семьи, беседы с матерью',
          details: { patronageKind: 'PERIODIC', familyReaction: 'READY_TO_COOPERATE' },
        },
        'EDUCATION',
      ],
      ['social.vlk', { kind: 'QUARTERLY_REPORT', periodFrom: RESOLVED_ON, periodTo: today, recordedOn: today, summary: 'Сводная информация ведомств за квартал' }, 'SOCIAL'],
      [
        'curator.vlk',
        {
          kind: 'LIVING_CONDITIONS_SURVEY',
          recordedOn: today,
          summary: 'Условия жизни удовлетворительные',
          details: { rehabilitationStage: 'FINAL', rehabilitationPotential: 'HIGH', familyReaction: 'ACTIVE_COOPERATION' },
        },
        'SOCIAL',
      ],
      ['chair.vlk', { kind: 'PROGRAMME_REVIEW', recordedOn: today, summary: 'Программа выполнена, причины неблагополучия устранены', details: { reviewOutcome: 'FULL' } }, 'KDN'],
    ];
    for (const [user, input, agency] of records) {
      const recorded = ok(await as<{ recordCaseRecord: { kind: string; agency: string; recordedBy: string } }>(user, RECORD, { id: kase.id, i: input })).recordCaseRecord;
      expect(recorded).toEqual({ id: expect.any(String), kind: input.kind, agency, recordedBy: user });
    }
    // An agency outside the resolution hands in no patronage sheet (the lead keeps its own: test/e2e/programme-drafting.test.ts).
    expect((await as('police.vlk', RECORD, { id: kase.id, i: records[0][1] })).errors![0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      permission: 'case:recordCaseRecord',
      kind: 'PATRONAGE_SHEET',
    });

    const after = await due();
    expect(after.map(dueKey).sort()).toEqual(
      [
        `PATRONAGE_SHEET:EDUCATION::${tenthOfMonthAfter(addCalendarDays(sheetPeriodTo, 1))}:${tenthOfMonthAfter(addCalendarDays(sheetPeriodTo, 1)) < today}`,
        `PATRONAGE_SHEET:HEALTH::${tenthOfMonthAfter(RESOLVED_ON)}:true`,
        // The report filed today answers the coming reporting date: the next one is due.
        `QUARTERLY_REPORT:SOCIAL::${quarterlyDeadlineAfterReport(RESOLVED_ON, today)}:false`,
        `TAKEN_ON_MESSAGE:SOCIAL::${addWorkingDays(RESOLVED_ON, 10)}:true`,
        `LIVING_CONDITIONS_SURVEY:SOCIAL::${plusMonths(today, 3)}:false`,
        // Reviewed on the day of approval: the next review is six months from either.
        `PROGRAMME_REVIEW:KDN::${plusMonths(today, 6)}:false`,
      ].sort(),
    );
    const moved = (kind: string, agency: string) => [dueBefore, after].map((list) => list.find((i) => i.kind === kind && i.agency === agency)!.dueOn);
    for (const [kind, agency] of [
      ['PATRONAGE_SHEET', 'EDUCATION'],
      ['QUARTERLY_REPORT', 'SOCIAL'],
      ['LIVING_CONDITIONS_SURVEY', 'SOCIAL'],
    ]) {
      const [before, now] = moved(kind, agency);
      expect({ kind, later: now > before }).toEqual({ kind, later: true });
    }
    // The lead learnt of the sheet, the KDN of the report, the agencies of the review.
    expect((await notes('social.vlk')).map((n) => n.kind)).toEqual(expect.arrayContaining(['CASE_RECORD_PATRONAGE_SHEET', 'CASE_RECORD_PROGRAMME_REVIEW']));
    expect((await notes('secretary.vlk')).map((n) => n.kind)).toEqual(expect.arrayContaining(['CASE_RECORD_QUARTERLY_REPORT', 'CASE_RECORD_LIVING_CONDITIONS_SURVEY']));
  });

  it('when the secretary closes the case with PROGRAMME_DONE, then it is CLOSED, the agencies are detached and told, the register entry carries the removal, and no further step is possible', async () => {
    expect((await as('education.vlk', CLOSE, { id: kase.id, r: 'PROGRAMME_DONE', n: '31/1' })).errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'case:closeCase' });

    const closed = ok(await as<{ closeCase: Case }>('secretary.vlk', CLOSE, { id: kase.id, r: 'PROGRAMME_DONE', n: '31/1' })).closeCase;
    expect(closed).toMatchObject({ state: 'CLOSED', closureReason: 'PROGRAMME_DONE', closedOn: today, allowedActions: [] });

    const standing = ok(await as<Standing>('secretary.vlk', STANDING, { id: childId })).child;
    expect(standing.participations).toEqual([]);
    expect(standing.bankStanding).toEqual({
      inRegister: false,
      entries: [{ familyId: family.familyId, includedOn: RESOLVED_ON, basis: `Постановление КДН № 12/3 от ${RESOLVED_ON}`, removedOn: today, removalReason: 'PROGRAMME_DONE' }],
    });
    expect(await registerEntries()).toEqual([
      expect.objectContaining({ included_on: RESOLVED_ON, removed_on: today, removal_reason: 'PROGRAMME_DONE', removal_basis: `Постановление КДН № 31/1 от ${today}` }),
    ]);

    for (const user of ['social.vlk', 'education.vlk', 'doctor.vlk']) {
      const closures = (await notes(user)).filter((n) => n.kind === 'CASE_CLOSED');
      expect({ user, messages: closures.map((n) => n.message) }).toEqual({ user, messages: [`Случай ${kase.number} закрыт постановлением 31/1 (PROGRAMME_DONE)`] });
    }
    expect(await notes('police.vlk')).toEqual([]);
    // Detached: health, which only took part by the resolution, no longer has the case among those it works on.
    expect(await caseSeenBy('doctor.vlk')).toBeUndefined();
    // After the closing resolution only its messages are due: the lead's of taking the family off (Primorsky 5.6), the family told (Mari El 6.5).
    expect(
      (await due())
        .filter((i) => i.caseId === kase.id)
        .map(dueKey)
        .sort(),
    ).toEqual([`FAMILY_INFORMED:KDN::${addWorkingDays(today, 10)}:false`, `TAKEN_OFF_MESSAGE:SOCIAL::${addWorkingDays(today, 3)}:false`]);

    const again = await as('secretary.vlk', CLOSE, { id: kase.id, r: 'PROGRAMME_DONE', n: '31/2' });
    expect(again.errors![0].extensions).toMatchObject({ code: 'ILLEGAL_TRANSITION', state: 'CLOSED', action: 'closeCase', allowed: [] });
    expect(again.errors![0].message).toContain('ничего, случай закрыт');
    const approveAgain = await as('chair.vlk', APPROVE, { id: kase.id });
    expect(approveAgain.errors![0].extensions).toMatchObject({ code: 'ILLEGAL_TRANSITION', state: 'CLOSED', action: 'approveProgramme' });
    const lateRow = await as('curator.vlk', ADD_ROW, { id: kase.id, i: { problem: 'П', task: 'З', measure: 'М', executorAgency: 'SOCIAL', dueDate: today } });
    expect(lateRow.errors![0].extensions).toMatchObject({ code: 'ILLEGAL_TRANSITION', state: 'CLOSED', action: 'addProgrammeRow' });
    const lateReview = await as('chair.vlk', RECORD, { id: kase.id, i: { kind: 'CONSILIUM', recordedOn: today, summary: 'Поздно' } });
    expect(lateReview.errors![0].extensions).toMatchObject({ code: 'ILLEGAL_TRANSITION', state: 'CLOSED', action: 'recordCaseRecord:CONSILIUM' });
  });

  it('when the case history is read, then it lists every step in order with who took it, and none of the refused attempts', async () => {
    const { rows: events } = await admin.query(`SELECT action, from_state, to_state, actor_username, actor_agency, payload FROM bank.case_event WHERE case_id = $1 ORDER BY id`, [kase.id]);
    expect(events.map((e) => [e.action, e.from_state, e.to_state, e.actor_username, e.actor_agency])).toEqual([
      ['register', null, 'REGISTERED', 'secretary.vlk', 'kdn'],
      ['assignCheck', 'REGISTERED', 'CHECKING', 'secretary.vlk', 'kdn'],
      ['recordConclusion', 'CHECKING', 'CONCLUDED', 'social.vlk', 'social'],
      ['recordResolution', 'CONCLUDED', 'IN_WORK', 'chair.vlk', 'kdn'],
      ['addProgrammeRow', 'IN_WORK', 'IN_WORK', 'curator.vlk', 'social'],
      ['addProgrammeRow', 'IN_WORK', 'IN_WORK', 'curator.vlk', 'social'],
      ['addProgrammeRow', 'IN_WORK', 'IN_WORK', 'curator.vlk', 'social'],
      ['approveProgramme', 'IN_WORK', 'PROGRAMME_APPROVED', 'chair.vlk', 'kdn'],
      ['recordCaseRecord', 'PROGRAMME_APPROVED', 'PROGRAMME_APPROVED', 'education.vlk', 'education'],
      ['recordCaseRecord', 'PROGRAMME_APPROVED', 'PROGRAMME_APPROVED', 'social.vlk', 'social'],
      ['recordCaseRecord', 'PROGRAMME_APPROVED', 'PROGRAMME_APPROVED', 'curator.vlk', 'social'],
      ['recordCaseRecord', 'PROGRAMME_APPROVED', 'PROGRAMME_APPROVED', 'chair.vlk', 'kdn'],
      ['closeCase', 'PROGRAMME_APPROVED', 'CLOSED', 'secretary.vlk', 'kdn'],
    ]);
    expect(events[3].payload).toMatchObject({ kind: 'SOP', number: '12/3' });
    expect(events.filter((e) => e.action === 'recordCaseRecord').map((e) => e.payload.kind)).toEqual(['PATRONAGE_SHEET', 'QUARTERLY_REPORT', 'LIVING_CONDITIONS_SURVEY', 'PROGRAMME_REVIEW']);
    // Sent without a date (an old client), the closing resolution is dated the day it is recorded.
    expect(events[12].payload).toEqual({ reason: 'PROGRAMME_DONE', number: '31/1', resolutionDate: today, reasonNote: null });
  });

  it('when the chair reads the case with a request id, then the access log holds an entry for that request with who, why and the outcome', async () => {
    const requestId = `case-life-${randomUUID()}`;
    const read = await as<{ kdnCases: Array<{ id: string; state: string }> }>('chair.vlk', CASES, {}, { 'x-request-id': requestId });
    expect(ok(read).kdnCases.find((c) => c.id === kase.id)).toMatchObject({ state: 'CLOSED' });
    const entries = await waitFor(
      'the audit entry of the read',
      async () => (await admin.query(`SELECT canonical FROM audit.entry WHERE body->>'requestId' = $1 ORDER BY position`, [requestId])).rows.map((r) => JSON.parse(r.canonical)),
      (found) => found.length > 0,
      10_000,
    );
    expect(entries).toEqual([
      expect.objectContaining({
        service: 'bank',
        requestId,
        username: 'chair.vlk',
        roles: ['kdn_chair'],
        agency: 'kdn',
        operationName: 'CaseList',
        purpose: 'INDIVIDUAL_PREVENTION',
        outcome: 'allowed',
      }),
    ]);
    expect(JSON.stringify(entries)).not.toContain(childId);
  });
});
