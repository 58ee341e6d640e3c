import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { parseCsv, readXlsx } from '../export/read-back';
import { kdnFlow } from '../support/kdn-flow';
import { waitFor } from '../support/sync-worker';
import type { HubClient } from '../support/hub-client';
import { sharedTestHub } from '../support/shared-hub';

/**
 * The quarterly reconciliation compares like with like: registrations that are not SOP (a school's
 * internal register, a recognised difficult life situation, guardianship's record of the child)
 * are listed apart and never counted as discrepancies; the police register of minors still is.
 */
const RECONCILE = `query($m: String!, $y: Int!, $q: Int!) {
  registerReconciliation(municipality: $m, year: $y, quarter: $q) {
    csv xlsxBase64 notes
    rows { agency kind childId registrationKind }
    summary { agency missingRegistration notInRegister removedButOpen total }
    otherRegistrations { agency childId childFullName childBirthDate registrationKind agencyRegisteredOn inRegister }
  }
}`;
const REGISTER_JUVENILE = `mutation($input: RegisterJuvenileInput!) { police { registerJuvenile(input: $input) { id } } }`;
const SCHOOL_STATUS = `mutation($input: RecordSchoolStatusInput!) { education { recordSchoolStatus(input: $input) { className } } }`;
const DIFFICULT = `mutation($input: RecordDifficultSituationInput!) { social { recordDifficultSituation(input: $input) { id } } }`;
const GUARDIANSHIP = `mutation($input: SetGuardianshipStatusInput!) { guardianship { setGuardianshipStatus(input: $input) { status } } }`;

const today = new Date().toISOString().slice(0, 10);
const year = Number(today.slice(0, 4));
const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
const quarterStart = `${year}-${String((quarter - 1) * 3 + 1).padStart(2, '0')}-01`;
// The hub is shared with other files, whose minors of the municipality are in the reconciliation too: rows are filtered to this suite's.
const MUNICIPALITY = '05701000';
const OPERATOR = { 'x-hub-purpose': 'DATA_BANK' };

type Result = {
  csv: string;
  xlsxBase64: string;
  notes: string[];
  rows: Array<{ agency: string; kind: string; childId: string; registrationKind: string | null }>;
  summary: Array<{ agency: string; missingRegistration: number; notInRegister: number; removedButOpen: number; total: number }>;
  otherRegistrations: Array<{
    agency: string;
    childId: string;
    childFullName: string;
    childBirthDate: string;
    registrationKind: string | null;
    agencyRegisteredOn: string | null;
    inRegister: boolean;
  }>;
};

describe('the quarterly reconciliation compares SOP registrations only', () => {
  let t: HubClient;
  let admin: Client;
  const ids = { pupil: '', situation: '', ward: '', juvenile: '' };
  const ok = async (token: string, query: string, input: Record<string, unknown>) => {
    const r = await t.gql(token, query, { input });
    expect(r.errors).toBeUndefined();
  };

  beforeAll(async () => {
    t = await sharedTestHub();
    admin = new Client({ connectionString: t.adminUrl });
    await admin.connect();
    const { person } = kdnFlow(t);
    // Four minors of the municipality, none of whose families is in the data bank.
    ids.pupil = await person({ lastName: 'Школьнова', firstName: 'Анна', middleName: 'Сергеевна', birthDate: '2012-03-04', sex: 'FEMALE' });
    ids.situation = await person({ lastName: 'Трудов', firstName: 'Максим', middleName: 'Юрьевич', birthDate: '2014-06-07', sex: 'MALE' });
    ids.ward = await person({ lastName: 'Опекова', firstName: 'Вера', middleName: 'Андреевна', birthDate: '2015-08-09', sex: 'FEMALE' });
    ids.juvenile = await person({ lastName: 'Учётов', firstName: 'Глеб', middleName: 'Романович', birthDate: '2009-10-11', sex: 'MALE' });
    await ok(await t.systemToken('education'), SCHOOL_STATUS, {
      childId: ids.pupil,
      academicYear: `${year}/${year + 1}`,
      schoolName: 'МБОУ «СОШ № 9»',
      className: '6А',
      unexcusedAbsences: 20,
      failingGrades: 2,
      internalRegister: true,
      internalRegisterSince: quarterStart,
      internalRegisterReason: 'систематические пропуски занятий',
    });
    await ok(await t.systemToken('social'), DIFFICULT, { idempotencyKey: `tjs-${randomUUID()}`, childId: ids.situation, recognisedOn: quarterStart, decisionNumber: 'ТЖС-12', basis: 'малоимущность' });
    await ok(await t.systemToken('guardianship'), GUARDIANSHIP, { childId: ids.ward, status: 'IN_INSTITUTION', since: quarterStart });
    await ok(await t.systemToken('police'), REGISTER_JUVENILE, {
      idempotencyKey: `juvenile-${randomUUID()}`,
      childId: ids.juvenile,
      unit: 'ПДН ОП № 2',
      registeredOn: quarterStart,
      reason: 'самовольные уходы из дома',
    });
    const expected = [
      { source: 'education', childId: ids.pupil },
      { source: 'social', childId: ids.situation },
      { source: 'guardianship', childId: ids.ward },
      { source: 'police', childId: ids.juvenile },
    ];
    await waitFor(
      'the registrations to reach the bank',
      async () =>
        (
          await admin.query<{ source: string; child_id: string }>(`SELECT source, child_id FROM bank.agency_record WHERE aggregate_type = 'Registration' AND child_id = ANY($1::uuid[])`, [
            expected.map((e) => e.childId),
          ])
        ).rows,
      (rows) => expected.every((e) => rows.some((r) => r.source === e.source && r.child_id === e.childId)),
      20_000,
    );
  }, 120_000);
  afterAll(async () => {
    await admin?.end();
    await t?.stop();
  });

  it('when minors are on a school internal register, recognised in a difficult life situation or in guardianship, then they are listed apart and not as discrepancies; the police register still is', async () => {
    const r = await t.gql<{ registerReconciliation: Result }>(await t.userToken('operator.vlk'), RECONCILE, { m: MUNICIPALITY, y: year, q: quarter }, undefined, OPERATOR);
    expect(r.errors).toBeUndefined();
    const result = r.data!.registerReconciliation;
    const mine = new Set(Object.values(ids));
    const rows = result.rows.filter((row) => mine.has(row.childId));
    expect(rows).toEqual([{ agency: 'POLICE', kind: 'NOT_IN_REGISTER', childId: ids.juvenile, registrationKind: 'POLICE_JUVENILE' }]);
    const others = result.otherRegistrations.filter((row) => mine.has(row.childId)).map((row) => [row.agency, row.childFullName, row.registrationKind, row.agencyRegisteredOn, row.inRegister]);
    expect(others).toEqual([
      ['EDUCATION', 'Школьнова Анна Сергеевна', 'SCHOOL_INTERNAL', quarterStart, false],
      ['GUARDIANSHIP', 'Опекова Вера Андреевна', 'GUARDIANSHIP', quarterStart, false],
      ['SOCIAL', 'Трудов Максим Юрьевич', 'SOCIAL_DIFFICULT_SITUATION', quarterStart, false],
    ]);
    // None of the three is counted for its agency.
    for (const agency of ['EDUCATION', 'GUARDIANSHIP', 'SOCIAL']) expect(result.summary.find((s) => s.agency === agency)?.notInRegister ?? 0).toBe(0);
    expect(result.notes.join('\n')).toContain('С банком данных СОП сверяются только учёты несовершеннолетних в социально опасном положении');
    // The CSV holds the discrepancies only; the XLSX lists the others on their own sheet, in Russian.
    const csvNames = parseCsv(result.csv)
      .slice(1)
      .map((cells) => cells[4]);
    expect(csvNames).toContain('Учётов Глеб Романович');
    expect(csvNames).not.toContain('Школьнова Анна Сергеевна');
    const sheets = await readXlsx(result.xlsxBase64);
    expect(sheets.map((s) => s.name)).toEqual([`Сверка ${quarter} кв. ${year}`, 'Итоги по ведомствам', 'Иные учёты (не СОП)', 'Пояснения']);
    const [headings, ...body] = sheets[2].rows;
    expect(headings.map((c) => c.value)).toEqual([
      '№ п/п',
      'Ведомство',
      'Вид учёта в ведомстве',
      'ФИО несовершеннолетнего',
      'Дата рождения',
      'Дата постановки на учёт в ведомстве',
      'Семья в банке данных СОП',
    ]);
    const pupil = body.find((cells) => cells[3].value === 'Школьнова Анна Сергеевна')!;
    expect(pupil[2].value).toBe('Внутришкольный учёт');
    expect(pupil[6].value).toBe('нет');
    expect(pupil[4].value).toEqual(new Date(Date.UTC(2012, 2, 4)));
  });
});
