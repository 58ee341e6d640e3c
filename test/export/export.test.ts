import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { ExportColumn, FORMULA_TRIGGERS, MOSCOW_TIME, timeZoneOfMunicipality, toCsv, toXlsx, VLADIVOSTOK_TIME } from '../../subgraphs/common/export';
import { formulas, parseCsv, readXlsx } from './read-back';

/** The export module alone: no hub, the files it writes read back as a spreadsheet would. */
interface Row {
  name: string;
  count: number | null;
  birthDate: string | null;
  at: Date | null;
  agency: string | string[] | null;
  emergency: boolean;
}

const COLUMNS: ReadonlyArray<ExportColumn<Row>> = [
  { key: 'name', heading: 'ФИО', type: 'text' },
  { key: 'count', heading: 'Количество', type: 'number' },
  { key: 'birthDate', heading: 'Дата рождения', type: 'date' },
  { key: 'at', heading: 'Дата и время', type: 'datetime' },
  { key: 'agency', heading: 'Ведомство', type: 'text', captions: { kdn: 'КДН и ЗП', police: 'Органы внутренних дел (ПДН)' } },
  { key: 'emergency', heading: 'Экстренный доступ', type: 'boolean' },
];

const HOSTILE = ['=HYPERLINK("http://example.invalid";"x")', '+7 (999) 000-00-00', '-Минусов', '@SUM(A1:A2)', '\tТабов', '\rВозвратов', '＝1+1'];

const rows: Row[] = [
  ...HOSTILE.map((name, i) => ({ name, count: -i, birthDate: '2013-04-12', at: new Date('2026-11-02T09:30:00Z'), agency: 'kdn', emergency: i % 2 === 0 })),
  { name: 'Точка; с "кавычками"\nи строкой', count: 2.5, birthDate: null, at: null, agency: ['kdn', 'police', 'unknown'], emergency: false },
];

describe('the export module', () => {
  it('when a table is written as CSV, then it has a BOM, ";", CRLF, Russian headings, local times in a named zone, captions and decimal commas', () => {
    const csv = toCsv({ columns: COLUMNS, rows, timeZone: VLADIVOSTOK_TIME });
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const [headings, ...records] = parseCsv(csv);
    expect(headings).toEqual(['ФИО', 'Количество', 'Дата рождения', 'Дата и время (владивостокское время, UTC+10)', 'Ведомство', 'Экстренный доступ']);
    expect(records[0].slice(1)).toEqual(['0', '12.04.2013', '02.11.2026 19:30', 'КДН и ЗП', 'да']);
    expect(records[7]).toEqual(['Точка; с "кавычками"\nи строкой', '2,5', '', '', 'КДН и ЗП, Органы внутренних дел (ПДН), unknown', 'нет']);
  });

  it('when a text cell begins with =, +, -, @, tab or CR, then the CSV prefixes an apostrophe, and a genuine negative number keeps its minus', () => {
    const [, ...records] = parseCsv(toCsv({ columns: COLUMNS, rows, timeZone: VLADIVOSTOK_TIME }));
    expect(records.slice(0, HOSTILE.length).map((r) => r[0])).toEqual(HOSTILE.map((name) => `'${name}`));
    expect(records.map((r) => r[1]).slice(1, 3)).toEqual(['-1', '-2']);
    const textCells = records.flatMap((r) => r.filter((_, c) => COLUMNS[c].type !== 'number'));
    for (const cell of textCells) expect(FORMULA_TRIGGERS.includes(cell[0])).toBe(false);
  });

  it('when a table is written as XLSX, then headings are bold in a frozen row, dates are dates, numbers numbers, and no cell is a formula', async () => {
    const data = await toXlsx([{ name: 'Проба', columns: COLUMNS, rows, timeZone: VLADIVOSTOK_TIME }]);
    const [sheet] = await readXlsx(data);
    expect(sheet.name).toBe('Проба');
    expect(sheet.frozenRows).toBe(1);
    expect(sheet.rows[0].map((c) => c.value)).toEqual(['ФИО', 'Количество', 'Дата рождения', 'Дата и время (владивостокское время, UTC+10)', 'Ведомство', 'Экстренный доступ']);
    expect(formulas([sheet])).toEqual([]);
    const first = sheet.rows[1];
    expect(first[0]).toMatchObject({ value: `'${HOSTILE[0]}`, type: ExcelJS.ValueType.String });
    expect(first[2]).toMatchObject({ value: new Date(Date.UTC(2013, 3, 12)), type: ExcelJS.ValueType.Date, numFmt: 'dd.mm.yyyy' });
    // 09:30 UTC is 19:30 in Vladivostok: the serial holds the local wall time.
    expect(first[3]).toMatchObject({ value: new Date(Date.UTC(2026, 10, 2, 19, 30)), type: ExcelJS.ValueType.Date, numFmt: 'dd.mm.yyyy hh:mm' });
    expect(sheet.rows[3][1]).toMatchObject({ value: -2, type: ExcelJS.ValueType.Number });
    expect(sheet.rows[8][1]).toMatchObject({ value: 2.5, type: ExcelJS.ValueType.Number });
    // A CR is a line feed in XLSX (XML normalises line ends); still behind the apostrophe.
    expect(sheet.rows.slice(1).map((r) => r[0].value)).toEqual([...HOSTILE.map((name) => `'${name.replace(/\r/g, '\n')}`), 'Точка; с "кавычками"\nи строкой']);
  });

  it('when the XLSX package is opened, then a string beginning with "=" is stored as a shared string and no <f> element exists', async () => {
    const data = await toXlsx([{ name: 'Проба', columns: COLUMNS, rows }]);
    const zip = await JSZip.loadAsync(data);
    const sheetXml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(sheetXml).not.toMatch(/<f[ >]/);
    expect(sheetXml).toMatch(/<c r="A2"[^>]*t="s"/);
    const shared = await zip.file('xl/sharedStrings.xml')!.async('string');
    expect(shared).toContain('&apos;=HYPERLINK');
  });

  it("when times are printed, then each municipality gets its region's zone and an unknown region says Moscow time", () => {
    expect(timeZoneOfMunicipality('05701000')).toBe(VLADIVOSTOK_TIME);
    expect(timeZoneOfMunicipality('88701000')).toBe(MOSCOW_TIME);
    expect(timeZoneOfMunicipality('45000000')).toBe(MOSCOW_TIME);
    const at = [{ name: 'x', count: null, birthDate: null, at: new Date('2026-03-01T22:15:00Z'), agency: null, emergency: false }];
    const [[, heading], [, value]] = parseCsv(toCsv({ columns: [COLUMNS[0], COLUMNS[3]], rows: at, timeZone: timeZoneOfMunicipality('88701000') }));
    expect([heading, value]).toEqual(['Дата и время (московское время, UTC+3)', '02.03.2026 01:15']);
  });

  it('when a workbook has several sheets with long or clashing names, then each gets a valid unique name', async () => {
    const long = 'Список: семьи [СОП] / квартал * очень длинное имя листа';
    const sheets = await readXlsx(
      await toXlsx([
        { name: long, columns: COLUMNS, rows: [] },
        { name: long, columns: COLUMNS, rows: [] },
      ]),
    );
    expect(sheets.map((s) => s.name)).toHaveLength(2);
    expect(new Set(sheets.map((s) => s.name)).size).toBe(2);
    for (const s of sheets) expect(s.name.length).toBeLessThanOrEqual(31);
  });
});
