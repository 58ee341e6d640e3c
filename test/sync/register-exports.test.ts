import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { pseudonym } from '../../auth/audit/audit-entry';
import { formulas, parseCsv, readXlsx } from '../export/read-back';
import { REGISTER_FAMILY } from '../support/operations';
import { kdnFlow } from '../support/kdn-flow';
import { waitFor } from '../support/sync-worker';
import { startTestHub, TestHub } from '../support/test-hub';

/**
 * The data bank's quarterly exports, end to end: a family recognised as being in a socially
 * dangerous situation by a KDN resolution taken through the gateway, the agencies' registrations
 * reaching the bank through the relays, then the list of Mari El appendix 8 (rows, CSV, XLSX) and
 * the reconciliation with the agencies, read by the bank operator.
 */
const HEADINGS = [
  '№ п/п',
  'Наименование муниципалитета',
  'ФИО несовершеннолетнего, дата рождения',
  'ФИО родителей (законных представителей) несовершеннолетнего, место работы',
  'Адрес регистрации и фактического места проживания',
  'Вид деятельности несовершеннолетнего (образовательная организация, место работы)',
  'Причина постановки на учет',
  'Дата постановки на учет',
  'Дата снятия с учета',
  'Причина снятия с учета',
];

const LIST = `query($m: String!, $y: Int!, $q: Int!) { quarterlyRegisterList(municipality: $m, year: $y, quarter: $q) { municipality year quarter headings rows csv xlsxBase64 notes } }`;
const RECONCILE = `query($m: String!, $y: Int!, $q: Int!) {
  registerReconciliation(municipality: $m, year: $y, quarter: $q) {
    asOf csv xlsxBase64 notes
    rows { agency kind explanation childId childFullName childBirthDate familyId caseNumber registrationKind agencyRegisteredOn bankIncludedOn bankRemovedOn }
    summary { agency missingRegistration notInRegister removedButOpen total }
  }
}`;
const REGISTER_JUVENILE = `mutation($input: RegisterJuvenileInput!) { police { registerJuvenile(input: $input) { id } } }`;
const SCHOOL_STATUS = `mutation($input: RecordSchoolStatusInput!) { education { recordSchoolStatus(input: $input) { className } } }`;

type List = { municipality: string; year: number; quarter: number; headings: string[]; rows: Array<Array<string | null>>; csv: string; xlsxBase64: string; notes: string[] };
type Discrepancy = {
  agency: string;
  kind: string;
  explanation: string;
  childId: string;
  childFullName: string;
  childBirthDate: string;
  familyId: string | null;
  caseNumber: string | null;
  registrationKind: string | null;
  agencyRegisteredOn: string | null;
  bankIncludedOn: string | null;
  bankRemovedOn: string | null;
};
type Reconciliation = {
  asOf: string;
  csv: string;
  xlsxBase64: string;
  notes: string[];
  rows: Discrepancy[];
  summary: Array<{ agency: string; missingRegistration: number; notInRegister: number; removedButOpen: number; total: number }>;
};

// The current quarter, so that every date below is in it and none is in the future.
const today = new Date().toISOString().slice(0, 10);
const year = Number(today.slice(0, 4));
const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
const quarterStart = `${year}-${String((quarter - 1) * 3 + 1).padStart(2, '0')}-01`;
const MUNICIPALITY = '05701000';
const OPERATOR = { 'x-hub-purpose': 'DATA_BANK' };

describe('the data bank quarterly list (Mari El appendix 8) and the reconciliation with the agencies', () => {
  let t: TestHub;
  let admin: Client;
  const ids = { mother: '', father: '', child: '', familyA: '', caseA: '', caseNumberA: '', removedChild: '', familyB: '', outsider: '' };
  const as = async <T>(user: string, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) =>
    t.gql<T>(await t.userToken(user), query, variables, undefined, headers);
  const list = async (user = 'operator.vlk', variables: Record<string, unknown> = { m: MUNICIPALITY, y: year, q: quarter }) => as<{ quarterlyRegisterList: List }>(user, LIST, variables, OPERATOR);
  const reconcile = async (user = 'operator.vlk', variables: Record<string, unknown> = { m: MUNICIPALITY, y: year, q: quarter }) =>
    as<{ registerReconciliation: Reconciliation }>(user, RECONCILE, variables, OPERATOR);

  const registerJuvenile = async (childId: string) => {
    const r = await t.gql(await t.systemToken('police'), REGISTER_JUVENILE, {
      input: { idempotencyKey: `juvenile-${randomUUID()}`, childId, unit: 'ПДН ОП № 1 УМВД России по г. Владивостоку', registeredOn: quarterStart, reason: 'самовольные уходы из дома' },
    });
    expect(r.errors).toBeUndefined();
  };

  /** Waits until the relays have brought the agencies' records to the bank (never a fixed sleep). */
  const untilInBank = (expected: Array<{ source: string; type: string; childId: string }>) =>
    waitFor(
      `the bank to receive ${JSON.stringify(expected)}`,
      () =>
        t.hub.subgraphs.bank.dataSource.query(`SELECT source, aggregate_type, child_id FROM agency_record WHERE child_id = ANY($1::uuid[])`, [expected.map((e) => e.childId)]) as Promise<
          Array<{ source: string; aggregate_type: string; child_id: string }>
        >,
      (rows) => expected.every((e) => rows.some((r) => r.source === e.source && r.aggregate_type === e.type && r.child_id === e.childId)),
      20_000,
    );

  let person: ReturnType<typeof kdnFlow>['person'];
  let recogniseSop: ReturnType<typeof kdnFlow>['recogniseSop'];

  beforeAll(async () => {
    t = await startTestHub();
    ({ person, recogniseSop } = kdnFlow(t));
    admin = new Client({ connectionString: t.adminUrl });
    await admin.connect();
    // Family A: mother, father and a pupil; recognised in SOP, social protection leads, police supports.
    ids.mother = await person({ lastName: 'Сверкина', firstName: 'Ольга', middleName: 'Петровна', birthDate: '1988-02-03', sex: 'FEMALE' });
    ids.father = await person({ lastName: 'Сверкин', firstName: 'Игорь', middleName: 'Васильевич', birthDate: '1985-07-08', sex: 'MALE' });
    ids.child = await person({ lastName: 'Сверкина', firstName: 'Дарья', middleName: 'Игоревна', birthDate: '2013-04-12', sex: 'FEMALE' });
    const family = await as<{ registerFamily: { id: string } }>('secretary.vlk', REGISTER_FAMILY, {
      input: {
        idempotencyKey: `exports-family-a-${randomUUID()}`,
        municipality: MUNICIPALITY,
        categories: ['LOW_INCOME'],
        registeredAddress: 'г. Владивосток, ул. Светланская, д. 12, кв. 34',
        actualAddress: 'г. Владивосток, ул. Русская, д. 5, кв. 2',
        members: [
          { personId: ids.mother, role: 'MOTHER' },
          { personId: ids.father, role: 'FATHER' },
          { personId: ids.child, role: 'CHILD' },
        ],
      },
    });
    expect(family.errors).toBeUndefined();
    ids.familyA = family.data!.registerFamily.id;
    const school = await t.gql(await t.systemToken('education'), SCHOOL_STATUS, {
      input: {
        childId: ids.child,
        academicYear: `${year}/${year + 1}`,
        schoolName: 'МБОУ «СОШ № 7 г. Владивостока»',
        className: '7Б',
        unexcusedAbsences: 12,
        failingGrades: 1,
        internalRegister: false,
      },
    });
    expect(school.errors).toBeUndefined();
    const caseA = await recogniseSop(ids.child, '77/3', 'SOCIAL', ['POLICE', 'HEALTH']);
    ids.caseA = caseA.id;
    ids.caseNumberA = caseA.number;
    await registerJuvenile(ids.child);

    // Family B: recognised in SOP, registered with the police, then removed from the bank; the police registration stays open.
    ids.removedChild = await person({ lastName: 'Снятов', firstName: 'Пётр', middleName: 'Ильич', birthDate: '2011-09-30', sex: 'MALE' });
    const familyB = await as<{ registerFamily: { id: string } }>('secretary.vlk', REGISTER_FAMILY, {
      input: { idempotencyKey: `exports-family-b-${randomUUID()}`, municipality: MUNICIPALITY, categories: [], members: [{ personId: ids.removedChild, role: 'CHILD' }] },
    });
    ids.familyB = familyB.data!.registerFamily.id;
    const caseB = await recogniseSop(ids.removedChild, '77/4', 'POLICE', []);
    await registerJuvenile(ids.removedChild);
    await kdnFlow(t).close(caseB.id, 'MOVED_AWAY', '80/1');

    // A minor registered with the police, with no family in the bank and no case.
    ids.outsider = await person({ lastName: 'Вневедомов', firstName: 'Кирилл', middleName: 'Олегович', birthDate: '2010-01-15', sex: 'MALE' });
    await registerJuvenile(ids.outsider);

    await untilInBank([
      { source: 'education', type: 'Attachment', childId: ids.child },
      { source: 'police', type: 'Registration', childId: ids.child },
      { source: 'police', type: 'Registration', childId: ids.removedChild },
      { source: 'police', type: 'Registration', childId: ids.outsider },
    ]);
  }, 120_000);
  afterAll(async () => {
    await admin.end();
    await t.stop();
  });

  it("when the bank operator asks for the quarter's list, then each minor of a registered family has a row under the appendix's Russian headings, with nothing invented", async () => {
    const requestId = `exports-${randomUUID()}`;
    const r = await as<{ quarterlyRegisterList: List }>('operator.vlk', LIST, { m: MUNICIPALITY, y: year, q: quarter }, { ...OPERATOR, 'x-request-id': requestId });
    expect(r.errors).toBeUndefined();
    const result = r.data!.quarterlyRegisterList;
    expect(result).toMatchObject({ municipality: MUNICIPALITY, year, quarter });
    expect(result.headings).toEqual(HEADINGS);

    const row = result.rows.find((cells) => cells[2]?.startsWith('Сверкина Дарья Игоревна'))!;
    expect(row).toBeDefined();
    expect(row.slice(1)).toEqual([
      MUNICIPALITY,
      'Сверкина Дарья Игоревна, 12.04.2013',
      'Сверкина Ольга Петровна (мать); Сверкин Игорь Васильевич (отец)',
      'адрес регистрации: г. Владивосток, ул. Светланская, д. 12, кв. 34; фактический адрес: г. Владивосток, ул. Русская, д. 5, кв. 2',
      'МБОУ «СОШ № 7 г. Владивостока», 7Б класс',
      // «Причина постановки на учет»: the SOP criteria of the resolution (kdnFlow's conclusion), not its number.
      'Семья, в которой родители (законные представители) уклоняются от воспитания и содержания детей и/или от защиты их прав и законных интересов в связи со злоупотреблением алкогольными напитками, наркотическими средствами, психоактивными веществами',
      today,
      null,
      null,
    ]);
    // The removed family is in the quarter's list with its removal; the minor with no family in the bank is not.
    const removed = result.rows.find((cells) => cells[2]?.startsWith('Снятов Пётр Ильич'))!;
    expect(removed.slice(7)).toEqual([today, today, `смена места жительства (Постановление КДН № 80/1 от ${today})`]);
    expect(result.rows.some((cells) => cells[2]?.includes('Вневедомов'))).toBe(false);
    expect(result.rows.map((cells) => cells[0])).toEqual(result.rows.map((_, i) => String(i + 1)));
    // What the hub does not hold is said, not made up.
    expect(result.notes.join('\n')).toContain('место работы родителей (законных представителей) хаб не ведёт');
    // The access log names every family listed (pseudonymised), the purpose and the operator.
    const { rows: entries } = await admin.query(`SELECT canonical FROM audit.entry WHERE body->>'requestId' = $1 AND body->>'service' = 'bank'`, [requestId]);
    const entry = JSON.parse(entries[0].canonical);
    expect(entry).toMatchObject({ username: 'operator.vlk', purpose: 'DATA_BANK', outcome: 'allowed' });
    const key = 'development-only-audit-pseudonym-key';
    expect(entry.subjects).toEqual(
      expect.arrayContaining([pseudonym(key, { kind: 'Family', id: ids.familyA }), pseudonym(key, { kind: 'Family', id: ids.familyB }), pseudonym(key, { kind: 'Child', id: ids.child })]),
    );
  });

  it('when the XLSX and the CSV of the list are opened, then they hold the same headings and cells, dates as dates; the CSV has a BOM and ";"', async () => {
    const result = (await list()).data!.quarterlyRegisterList;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(result.xlsxBase64, 'base64') as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    const sheets = await readXlsx(result.xlsxBase64);
    expect(sheets.map((s) => s.name)).toEqual([`Список СОП ${quarter} кв. ${year}`, 'Пояснения']);
    expect(sheets[0].frozenRows).toBe(1);
    expect(formulas(sheets)).toEqual([]);
    const [headings, ...body] = sheets[0].rows;
    expect(headings.map((c) => c.value)).toEqual(HEADINGS);
    expect(body).toHaveLength(result.rows.length);
    // Graph 1 is a number, graphs 8 and 9 real dates (dd.mm.yyyy), the rest text as the rows give it.
    const isoDate = (v: ExcelJS.CellValue) => (v instanceof Date ? v.toISOString().slice(0, 10) : v);
    result.rows.forEach((row, i) => {
      expect(body[i][0]).toMatchObject({ value: i + 1, type: ExcelJS.ValueType.Number });
      expect(body[i].slice(1).map((c) => (c.value === null || c.value === undefined ? null : isoDate(c.value)))).toEqual(row.slice(1));
      expect(body[i][7]).toMatchObject({ type: ExcelJS.ValueType.Date, numFmt: 'dd.mm.yyyy' });
    });
    expect(sheets[1].rows.slice(1).map((r) => r[0].value)).toEqual(result.notes);

    expect(result.csv.startsWith('\uFEFF')).toBe(true);
    expect(result.csv.slice(1).split('\r\n')[0]).toBe(HEADINGS.join(';'));
    const [csvHeadings, ...records] = parseCsv(result.csv);
    expect(csvHeadings).toEqual(HEADINGS);
    const russian = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v.slice(8, 10)}.${v.slice(5, 7)}.${v.slice(0, 4)}` : (v ?? ''));
    expect(records).toEqual(result.rows.map((row) => row.map(russian)));
  });

  it('when the registers are reconciled, then the missing social registration, the police registration of a minor outside the bank and the one left open after removal are reported, per agency', async () => {
    const r = await reconcile();
    expect(r.errors).toBeUndefined();
    const result = r.data!.registerReconciliation;
    expect(result.asOf).toBe(today);
    const about = (childId: string) => result.rows.filter((row) => row.childId === childId);

    // (a) The resolution made social protection the lead agency; it has not registered the child. Police has; health keeps no register.
    expect(about(ids.child)).toEqual([
      {
        agency: 'SOCIAL',
        kind: 'MISSING_AGENCY_REGISTRATION',
        explanation: expect.stringMatching(/^нет постановки на учёт в ведомстве: постановлением КДН № 77\/3/),
        childId: ids.child,
        childFullName: 'Сверкина Дарья Игоревна',
        childBirthDate: '2013-04-12',
        familyId: ids.familyA,
        caseNumber: ids.caseNumberA,
        registrationKind: null,
        agencyRegisteredOn: null,
        bankIncludedOn: today,
        bankRemovedOn: null,
      },
    ]);
    // (b) Police keeps a minor on its register whose family is not in the bank.
    expect(about(ids.outsider)).toEqual([
      expect.objectContaining({
        agency: 'POLICE',
        kind: 'NOT_IN_REGISTER',
        explanation: expect.stringMatching(/^ведомство ведёт учёт, в банке данных семьи нет/),
        childFullName: 'Вневедомов Кирилл Олегович',
        familyId: null,
        registrationKind: 'POLICE_JUVENILE',
        agencyRegisteredOn: quarterStart,
        bankIncludedOn: null,
      }),
    ]);
    // (c) The family left the bank; the police registration opened before that is still open.
    expect(about(ids.removedChild)).toEqual([
      expect.objectContaining({
        agency: 'POLICE',
        kind: 'REMOVED_BUT_OPEN',
        explanation: expect.stringMatching(/^снят с учёта в банке, ведомство учёт не закрыло/),
        familyId: ids.familyB,
        registrationKind: 'POLICE_JUVENILE',
        bankIncludedOn: today,
        bankRemovedOn: today,
      }),
    ]);
    expect(result.summary.find((s) => s.agency === 'SOCIAL')).toEqual({ agency: 'SOCIAL', missingRegistration: 1, notInRegister: 0, removedButOpen: 0, total: 1 });
    expect(result.summary.find((s) => s.agency === 'POLICE')).toEqual({ agency: 'POLICE', missingRegistration: 0, notInRegister: 1, removedButOpen: 1, total: 2 });
    expect(result.summary.some((s) => s.agency === 'HEALTH')).toBe(false);

    const [headings, ...records] = parseCsv(result.csv);
    expect(headings.slice(0, 4)).toEqual(['№ п/п', 'Ведомство', 'Расхождение', 'Пояснение']);
    expect(records).toHaveLength(result.rows.length);
    expect(records.some((cells) => cells[1] === 'Социальная защита' && cells[2] === 'нет постановки на учёт в ведомстве')).toBe(true);
    const outsider = records.find((cells) => cells[4] === 'Вневедомов Кирилл Олегович')!;
    expect(outsider[5]).toBe('15.01.2010');
    expect(outsider[8]).toBe('Учёт в подразделении по делам несовершеннолетних (ПДН)');
    // The XLSX: discrepancies, totals per agency, notes; dates are dates, no formula anywhere.
    const sheets = await readXlsx(result.xlsxBase64);
    expect(sheets.map((s) => s.name)).toEqual([`Сверка ${quarter} кв. ${year}`, 'Итоги по ведомствам', 'Иные учёты (не СОП)', 'Пояснения']);
    expect(formulas(sheets)).toEqual([]);
    const row = sheets[0].rows.find((cells) => cells[4].value === 'Вневедомов Кирилл Олегович')!;
    expect(row[5]).toMatchObject({ value: new Date(Date.UTC(2010, 0, 15)), type: ExcelJS.ValueType.Date, numFmt: 'dd.mm.yyyy' });
    const police = sheets[1].rows.find((cells) => cells[0].value === 'Органы внутренних дел (ПДН)')!;
    expect(police.slice(1).map((c) => c.value)).toEqual([0, 1, 1, 2]);
  });

  it('when the commission of another municipality asks for either export, then it is FORBIDDEN by territory', async () => {
    const other = await list('secretary.yol');
    expect(other.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'register:read' });
    expect(other.data).toBeNull();
    const reconciliation = await reconcile('secretary.yol');
    expect(reconciliation.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'register:read' });
  });

  it('when the quarter or the municipality is out of range, then the error names that field', async () => {
    const quarter5 = await list('operator.vlk', { m: MUNICIPALITY, y: year, q: 5 });
    expect(quarter5.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'quarter', rule: 'integer.range' });
    const badOktmo = await reconcile('operator.vlk', { m: '057', y: year, q: 1 });
    expect(badOktmo.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'municipality', rule: 'oktmo.format' });
  });
});
