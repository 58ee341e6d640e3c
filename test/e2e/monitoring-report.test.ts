import ExcelJS from 'exceljs';
import { formulas, parseCsv, readXlsx } from '../export/read-back';
import { personInput } from '../support/factories';
import { REGISTER_PERSON } from '../support/operations';
import { startTestHub, TestHub } from '../support/test-hub';

/**
 * Yugra 2024 (seed 000, DOMAIN.md): 7,132 minors by source: education 650, police 749, relatives
 * 709, neighbours 320, anonymous 549, other organisations 4,155. The journal is loaded with
 * exactly that distribution and the report must give it back in the rows of Primorsky appendix 4.
 */
const YUGRA_2024: Record<string, number> = { EDUCATION: 650, POLICE: 749, RELATIVES: 709, NEIGHBOURS: 320, ANONYMOUS: 549, OTHER_ORGANISATION: 4155 };
const REPORT = `query($m: String!, $from: LocalDate!, $to: LocalDate!) { monitoringReport(municipality: $m, from: $from, to: $to) { rows { code caption value note } csv xlsxBase64 } }`;

describe('the monitoring report of Primorsky appendix 4', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
    const childId = (await t.gql<{ registerPerson: { person: { id: string } } }>(await t.systemToken('education'), REGISTER_PERSON, { input: personInput() })).data!.registerPerson.person.id;
    // Arranged straight in the register: 7,132 journal entries through the API would only slow the test down.
    const kinds = Object.entries(YUGRA_2024).flatMap(([kind, n]) => Array.from({ length: n }, () => kind));
    await t.hub.subgraphs.bank.dataSource.query(
      `INSERT INTO kdn_case (number, child_id, municipality, state, urgency, received_on, source_kind, summary, created_by)
       SELECT '05701000-2024-' || lpad(n::text, 6, '0'), $1, '05701000', 'REGISTERED', 'ROUTINE', date '2024-01-01' + (n % 365)::int, kind, 'сигнал', 'test'
       FROM unnest($2::text[]) WITH ORDINALITY AS s(kind, n)`,
      [childId, kinds],
    );
    await t.hub.subgraphs.bank.dataSource.query(`UPDATE kdn_case SET conclusion = '{"kind": "EARLY_STAGE"}' WHERE number <= '05701000-2024-002728'`);
  }, 60_000);
  afterAll(() => t.stop());

  it("when the commission asks for 2024, then the signals by source are Yugra's figures in the appendix's rows", async () => {
    const r = await t.gql<{ monitoringReport: { rows: Array<{ code: string; caption: string; value: number | null; note: string | null }>; csv: string; xlsxBase64: string } }>(await t.userToken('chair.vlk'), REPORT, { m: '05701000', from: '2024-01-01', to: '2024-12-31' });
    expect(r.errors).toBeUndefined();
    const value = (code: string) => r.data!.monitoringReport.rows.find((row) => row.code === code)!.value;
    expect(value('1')).toBe(7132);
    expect(value('1.1')).toBe(749);
    expect(value('1.2')).toBe(650);
    expect(value('1.8')).toBe(4155);
    expect(value('1.9')).toBe(709 + 320);
    expect(value('1.10')).toBe(549);
    expect(value('2')).toBe(2728);
    expect(value('3.2')).toBe(2728);
    expect(value('5')).toBeNull();
    expect(r.data!.monitoringReport.rows.find((row) => row.code === '5')!.note).toContain('не ведёт');
    // The export module's CSV: BOM, ';', the sub-rows' leading "-" neutralised, figures as numbers.
    const [heading, ...records] = parseCsv(r.data!.monitoringReport.csv);
    expect(heading).toEqual(['Код', 'Показатель', 'Количество', 'Примечание']);
    expect(records).toContainEqual(['1.1', "'- из ОВД", '749', '']);
    const [sheet] = await readXlsx(r.data!.monitoringReport.xlsxBase64);
    expect(formulas([sheet])).toEqual([]);
    const row = sheet.rows.find((cells) => cells[0].value === '1.1')!;
    expect(row[2]).toMatchObject({ value: 749, type: ExcelJS.ValueType.Number });
  });

  it('when a commission of another municipality or an agency asks, then the report is refused', async () => {
    const other = await t.gql(await t.userToken('chair.yol'), REPORT, { m: '05701000', from: '2024-01-01', to: '2024-12-31' });
    expect(other.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'report:read' });
    const school = await t.gql(await t.systemToken('education'), REPORT, { m: '05701000', from: '2024-01-01', to: '2024-12-31' });
    expect(school.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'report:read' });
  });
});
