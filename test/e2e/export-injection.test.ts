import { Client } from 'pg';
import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { FORMULA_TRIGGERS } from '../../subgraphs/common/export';
import { formulas, parseCsv, ReadSheet, readXlsx } from '../export/read-back';
import { kdnFlow } from '../support/kdn-flow';
import { CASE_VIEW, REGISTER_FAMILY } from '../support/operations';
import { waitFor } from '../support/sync-worker';
import type { HubClient } from '../support/hub-client';
import { sharedTestHub } from '../support/shared-hub';

/**
 * Formula injection through the API into every export (OWASP "CSV Injection"). People are
 * registered with names beginning with "-" (the name rules refuse "=", "+" and "@"), free-text
 * fields (addresses, the school's name and class) carry "=", "+", "@", tab and CR, and everything
 * reaches the quarterly list, the reconciliation, the monitoring report and the subject access
 * report. Validation trims a leading tab or CR from every text field, so those travel inside a
 * cell, where a CR must not end the record (which would make the text after it a cell of its own).
 * Each CSV is read back (BOM, ";", no text cell a spreadsheet would take for a formula), each XLSX
 * with exceljs (no formula cell, dates are dates, the hostile text stored behind an apostrophe).
 */
const HYPERLINK = '=HYPERLINK("http://example.invalid/?leak=1";"Открыть")';
const PHONE = '+7 (999) 000-00-00, г. Владивосток';
const AT_SCHOOL = "@SUM(1+1)*cmd|' /C calc'!A0";
const CLASS_WITH_CONTROLS = '7Б\r=1+1\t@2';

const LIST = `query($m: String!, $y: Int!, $q: Int!) { quarterlyRegisterList(municipality: $m, year: $y, quarter: $q) { rows csv xlsxBase64 } }`;
const RECONCILE = `query($m: String!, $y: Int!, $q: Int!) { registerReconciliation(municipality: $m, year: $y, quarter: $q) { rows { childFullName } csv xlsxBase64 } }`;
const REPORT = `query($m: String!, $from: LocalDate!, $to: LocalDate!) { monitoringReport(municipality: $m, from: $from, to: $to) { rows { code } csv xlsxBase64 } }`;
const SUBJECT = `query($id: ID!, $m: String) { subjectAccessReport(childId: $id, municipality: $m) { entries { caseNumber } csv } }`;
const REGISTER_JUVENILE = `mutation($input: RegisterJuvenileInput!) { police { registerJuvenile(input: $input) { id } } }`;
const SCHOOL_STATUS = `mutation($input: RecordSchoolStatusInput!) { education { recordSchoolStatus(input: $input) { className } } }`;

const MUNICIPALITY = '05701000';
const today = new Date().toISOString().slice(0, 10);
const year = Number(today.slice(0, 4));
const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
const OPERATOR = { 'x-hub-purpose': 'DATA_BANK' };
const AUDIT = { 'x-hub-purpose': 'AUDIT' };

/** A number written as a number (digits, a minus, a decimal comma) is the one cell that may begin with "-". */
const NUMBER = /^-?\d+(,\d+)?$/;

/** Every field of every record: none would start a formula; returns the records after the headings. */
function expectInertCsv(csv: string): string[][] {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  expect(csv.slice(1, csv.indexOf('\r\n'))).toContain(';');
  const records = parseCsv(csv);
  const width = records[0].length;
  for (const record of records) {
    expect(record).toHaveLength(width);
    for (const field of record) if (!NUMBER.test(field)) expect(FORMULA_TRIGGERS).not.toContain(field.charAt(0));
  }
  return records.slice(1);
}

/** No formula cell, and no string cell that would be one if edited or saved as CSV. */
function expectInertXlsx(sheets: ReadSheet[]): void {
  expect(formulas(sheets)).toEqual([]);
  for (const sheet of sheets) {
    expect(sheet.frozenRows).toBe(1);
    for (const cell of sheet.rows.flat()) if (typeof cell.value === 'string') expect(FORMULA_TRIGGERS).not.toContain(cell.value.charAt(0));
  }
}

describe('names and texts beginning with =, +, -, @, tab or CR in every export', () => {
  let t: HubClient;
  const ids = { mother: '', child: '', removedChild: '', outsider: '' };
  const as = async <T>(user: string, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) =>
    t.gql<T>(await t.userToken(user), query, variables, undefined, headers);
  const ok = <T>(r: { errors?: unknown; data: T | null }): T => {
    expect(r.errors).toBeUndefined();
    return r.data!;
  };

  beforeAll(async () => {
    t = await sharedTestHub();
    const { person, recogniseSop, close } = kdnFlow(t);
    ids.mother = await person({ lastName: '-Минусова', firstName: 'Ольга', middleName: 'Петровна', birthDate: '1988-02-03', sex: 'FEMALE' });
    ids.child = await person({ lastName: '-Минусова', firstName: 'Дарья', middleName: 'Игоревна', birthDate: '2013-04-12', sex: 'FEMALE' });
    ok(
      await as('secretary.vlk', REGISTER_FAMILY, {
        input: {
          idempotencyKey: `injection-a-${randomUUID()}`,
          municipality: MUNICIPALITY,
          categories: ['LOW_INCOME'],
          registeredAddress: HYPERLINK,
          actualAddress: HYPERLINK,
          members: [
            { personId: ids.mother, role: 'MOTHER' },
            { personId: ids.child, role: 'CHILD' },
          ],
        },
      }),
    );
    ok(
      await t.gql(await t.systemToken('education'), SCHOOL_STATUS, {
        input: { childId: ids.child, academicYear: `${year}/${year + 1}`, schoolName: AT_SCHOOL, className: CLASS_WITH_CONTROLS, unexcusedAbsences: 3, failingGrades: 0, internalRegister: false },
      }),
    );
    await recogniseSop(ids.child, '-1/1', 'SOCIAL', ['POLICE']);

    // A family removed from the bank while the police registration stays open: a reconciliation row.
    ids.removedChild = await person({ lastName: '-Плюсов', firstName: 'Пётр', middleName: 'Ильич', birthDate: '2011-09-30', sex: 'MALE' });
    ok(
      await as('secretary.vlk', REGISTER_FAMILY, {
        input: {
          idempotencyKey: `injection-b-${randomUUID()}`,
          municipality: MUNICIPALITY,
          categories: [],
          registeredAddress: PHONE,
          actualAddress: PHONE,
          members: [{ personId: ids.removedChild, role: 'CHILD' }],
        },
      }),
    );
    const caseB = await recogniseSop(ids.removedChild, '-2/2', 'POLICE', []);
    ids.outsider = await person({ lastName: '-Вневедомов', firstName: 'Кирилл', middleName: 'Олегович', birthDate: '2010-01-15', sex: 'MALE' });
    for (const childId of [ids.removedChild, ids.outsider]) {
      ok(
        await t.gql(await t.systemToken('police'), REGISTER_JUVENILE, {
          input: { idempotencyKey: `injection-juvenile-${randomUUID()}`, childId, unit: 'ПДН ОП № 1 УМВД России по г. Владивостоку', registeredOn: today, reason: 'самовольные уходы из дома' },
        }),
      );
    }
    await close(caseB.id, 'MOVED_AWAY', '-3/3');
    // A read of the child's card under a case number that begins with "-" (the header allows it): it reaches the subject access report.
    await as('chair.vlk', CASE_VIEW, { id: ids.child }, { 'x-hub-purpose': 'INDIVIDUAL_PREVENTION', 'x-hub-case': '-4-4' });

    await waitFor(
      "the agencies' records to reach the bank",
      () =>
        (async () => {
          const bank = new Client({ connectionString: t.adminUrl });
          await bank.connect();
          try {
            const { rows } = await bank.query(`SELECT source, aggregate_type, child_id FROM bank.agency_record WHERE child_id = ANY($1::uuid[])`, [[ids.child, ids.removedChild, ids.outsider]]);
            return rows as Array<{ source: string; aggregate_type: string; child_id: string }>;
          } finally {
            await bank.end();
          }
        })(),
      (rows) =>
        rows.some((r) => r.child_id === ids.child && r.aggregate_type === 'Attachment') &&
        [ids.removedChild, ids.outsider].every((id) => rows.some((r) => r.child_id === id && r.source === 'police' && r.aggregate_type === 'Registration')),
      20_000,
    );
  }, 120_000);
  afterAll(() => t.stop());

  it('when the quarterly list is exported, then the hostile names, address and school are text behind an apostrophe in CSV and XLSX, and its dates are dates', async () => {
    const list = ok(
      await as<{ quarterlyRegisterList: { rows: Array<Array<string | null>>; csv: string; xlsxBase64: string } }>('operator.vlk', LIST, { m: MUNICIPALITY, y: year, q: quarter }, OPERATOR),
    ).quarterlyRegisterList;
    const records = expectInertCsv(list.csv);
    const child = records.find((r) => r[2].includes('Минусова Дарья'))!;
    expect(child[2]).toBe("'-Минусова Дарья Игоревна, 12.04.2013");
    expect(child[3]).toBe("'-Минусова Ольга Петровна (мать)");
    expect(child[4]).toBe(`'${HYPERLINK} (адрес регистрации и фактического проживания)`);
    // The CR and tab inside the class stay inside the quoted field: the text after them is no cell of its own.
    expect(child[5]).toBe(`'${AT_SCHOOL}, ${CLASS_WITH_CONTROLS} класс`);
    expect(child[7]).toBe(`${today.slice(8, 10)}.${today.slice(5, 7)}.${today.slice(0, 4)}`);
    expect(records.find((r) => r[2].includes('Плюсов'))![4]).toBe(`'${PHONE} (адрес регистрации и фактического проживания)`);

    const sheets = await readXlsx(list.xlsxBase64);
    expectInertXlsx(sheets);
    const row = sheets[0].rows.find((cells) => String(cells[2].value).includes('Минусова Дарья'))!;
    expect(row[4]).toMatchObject({ value: `'${HYPERLINK} (адрес регистрации и фактического проживания)`, type: ExcelJS.ValueType.String });
    expect(row[5].value).toBe(`'${AT_SCHOOL}, 7Б\n=1+1\t@2 класс`);
    expect(row[7]).toMatchObject({ value: new Date(`${today}T00:00:00Z`), type: ExcelJS.ValueType.Date, numFmt: 'dd.mm.yyyy' });
  });

  it('when the reconciliation is exported, then names beginning with "-" are neutralised in CSV and XLSX', async () => {
    const result = ok(
      await as<{ registerReconciliation: { rows: Array<{ childFullName: string }>; csv: string; xlsxBase64: string } }>('operator.vlk', RECONCILE, { m: MUNICIPALITY, y: year, q: quarter }, OPERATOR),
    ).registerReconciliation;
    expect(result.rows.map((r) => r.childFullName)).toEqual(expect.arrayContaining(['-Минусова Дарья Игоревна', '-Плюсов Пётр Ильич', '-Вневедомов Кирилл Олегович']));
    const records = expectInertCsv(result.csv);
    expect(records.map((r) => r[4])).toEqual(expect.arrayContaining(["'-Минусова Дарья Игоревна", "'-Плюсов Пётр Ильич", "'-Вневедомов Кирилл Олегович"]));
    const sheets = await readXlsx(result.xlsxBase64);
    expectInertXlsx(sheets);
    const outsider = sheets[0].rows.find((cells) => cells[4].value === "'-Вневедомов Кирилл Олегович")!;
    expect(outsider[5]).toMatchObject({ value: new Date(Date.UTC(2010, 0, 15)), type: ExcelJS.ValueType.Date });
    expect(outsider[0].type).toBe(ExcelJS.ValueType.Number);
  });

  it('when the monitoring report is exported, then the sub-rows beginning with "-" are neutralised and the figures stay numbers', async () => {
    const report = ok(await as<{ monitoringReport: { csv: string; xlsxBase64: string } }>('chair.vlk', REPORT, { m: MUNICIPALITY, from: `${year}-01-01`, to: `${year}-12-31` })).monitoringReport;
    const records = expectInertCsv(report.csv);
    // The appendix prints its sub-rows as "- из ОВД" ...: each one is text behind an apostrophe.
    const subRows = records.filter((r) => r[1].startsWith("'- "));
    expect(subRows.length).toBeGreaterThan(5);
    const sheets = await readXlsx(report.xlsxBase64);
    expectInertXlsx(sheets);
    const [, ...body] = sheets[0].rows;
    expect(body.filter((cells) => String(cells[1].value).startsWith("'- ")).length).toBe(subRows.length);
    // Figures are numbers; where the report has a value the CSV gives the same number.
    const figures = body.filter((cells) => cells[2].value !== null && cells[2].value !== undefined);
    expect(figures.length).toBeGreaterThan(0);
    for (const cells of figures) expect(cells[2].type).toBe(ExcelJS.ValueType.Number);
    expect(figures.some((cells) => (cells[2].value as number) > 0)).toBe(true);
  });

  it('when the subject access report is exported for the parent, then the case number beginning with "-" is neutralised and the codes are Russian', async () => {
    const report = ok(
      await as<{ subjectAccessReport: { entries: Array<{ caseNumber: string | null }>; csv: string } }>('auditor.vlk', SUBJECT, { id: ids.child, m: MUNICIPALITY }, AUDIT),
    ).subjectAccessReport;
    expect(report.entries.map((e) => e.caseNumber)).toContain('-4-4');
    const records = expectInertCsv(report.csv);
    expect(records.map((r) => r[8])).toContain("'-4-4");
    expect(report.csv).not.toMatch(/;(allowed|denied|INDIVIDUAL_PREVENTION|DATA_BANK);/);
  });
});
