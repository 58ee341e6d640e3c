import { Client } from 'pg';
import { regionRule } from '../../schema/calendar/region-rules';
import { kdnFlow } from '../support/kdn-flow';
import { startTestHub, TestHub } from '../support/test-hub';

/**
 * The data bank operator's quarterly report (Myasnikovsky 5.9: «не позднее 10 числа месяца,
 * следующего за отчетным»; Mari El 5.6, appendix 7) as a due item without a case: for the
 * operator of the municipality and the KDN secretary of the territory, gone once recorded.
 */
const VLK = '05701000';
const YOL = '88701000';
const GUARDIANSHIP_VLK = '1020500010101';
const KDN_YOL = '1028800010304';
const DATA_BANK = { 'x-hub-purpose': 'DATA_BANK' };

const DUE = `query Due($municipality: String, $agency: Agency) { dueItems(municipality: $municipality, agency: $agency, first: 1000) { caseId caseNumber municipality kind agency organisationId addressee dueOn overdue provisional } }`;
const RECORD = `mutation Report($i: RecordOperatorReportInput!) { recordOperatorReport(input: $i) { id municipality year quarter submittedOn documentRef submittedBy organisationId } }`;

type Due = {
  caseId: string | null;
  caseNumber: string | null;
  municipality: string;
  kind: string;
  agency: string;
  organisationId: string | null;
  addressee: string;
  dueOn: string;
  overdue: boolean;
  provisional: boolean;
};
type Report = { id: string; municipality: string; year: number; quarter: number; submittedOn: string; documentRef: string; submittedBy: string; organisationId: string | null };

function ok<T>(r: { errors?: unknown; data: T | null }): T {
  if (r.errors) throw new Error(`unexpected errors: ${JSON.stringify(r.errors)}`);
  return r.data!;
}

const pad = (n: number) => String(n).padStart(2, '0');

describe('the data bank operator’s quarterly report as a due item, through the gateway', () => {
  let t: TestHub;
  let flow: ReturnType<typeof kdnFlow>;
  let admin: Client;
  // The quarter just finished, counted here by hand from today: its report is due on the rule's day
  // of the first month of the current quarter.
  const today = new Date().toISOString().slice(0, 10);
  const month = Number(today.slice(5, 7));
  const currentQuarter = Math.ceil(month / 3);
  const last = currentQuarter === 1 ? { year: Number(today.slice(0, 4)) - 1, quarter: 4 } : { year: Number(today.slice(0, 4)), quarter: currentQuarter - 1 };
  const currentQuarterStart = `${today.slice(0, 4)}-${pad((currentQuarter - 1) * 3 + 1)}-01`;
  const dueDay = (region: string) => {
    const term = regionRule(region, 'OPERATOR_REPORT')!.term;
    if (term.kind !== 'DAY_OF_NEXT_MONTH') throw new Error('the operator report is due on a day of the next month');
    return `${currentQuarterStart.slice(0, 8)}${pad(term.day)}`;
  };
  const reports = async (user: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    ok(await flow.as<{ dueItems: Due[] }>(user, DUE, variables, headers)).dueItems.filter((i) => i.kind === 'OPERATOR_QUARTERLY_REPORT');
  const stored = async () => Number((await admin.query(`SELECT count(*) FROM bank.operator_report`)).rows[0].count);

  beforeAll(async () => {
    t = await startTestHub();
    flow = kdnFlow(t);
    admin = new Client({ connectionString: t.adminUrl });
    await admin.connect();
  });
  afterAll(async () => {
    await admin.end();
    await t.stop();
  });

  it('when the Mari El rule is read, then it cites 5.6 and appendix 7, and elsewhere the Myasnikovsky 5.9 term applies', () => {
    expect(regionRule(YOL, 'OPERATOR_REPORT')!.citation).toMatchObject({ section: '5.6' });
    expect(regionRule(YOL, 'OPERATOR_REPORT')!.citation.quote).toContain('приложению №7');
    expect(regionRule(VLK, 'OPERATOR_REPORT')).toBeUndefined();
    expect(regionRule('60', 'OPERATOR_REPORT')!.citation).toMatchObject({ section: '5.9' });
  });

  it('when the operator of Vladivostok asks what is due, then it gets the last quarter’s report, without a case, addressed to it, due on the 10th of the next month', async () => {
    const items = ok(await flow.as<{ dueItems: Due[] }>('operator.vlk', DUE, {}, DATA_BANK)).dueItems;
    // The operator keeps the bank, it works no case: only its own item.
    expect(items).toEqual([
      {
        caseId: null,
        caseNumber: null,
        municipality: VLK,
        kind: 'OPERATOR_QUARTERLY_REPORT',
        agency: 'GUARDIANSHIP',
        organisationId: GUARDIANSHIP_VLK,
        addressee: 'DATA_BANK_OPERATOR',
        dueOn: dueDay('60'),
        overdue: dueDay('60') < today,
        provisional: false,
      },
    ]);
    expect(await reports('operator.vlk', { agency: 'EDUCATION' }, DATA_BANK)).toEqual([]);
  });

  it('when the KDN secretary of the territory asks, then the same item is among the case items; the chair, who keeps no bank, does not get it', async () => {
    expect(await reports('secretary.vlk')).toEqual([expect.objectContaining({ municipality: VLK, organisationId: GUARDIANSHIP_VLK, addressee: 'DATA_BANK_OPERATOR', dueOn: dueDay('60') })]);
    expect(await reports('chair.vlk')).toEqual([]);
    // In Mari El the commission keeps the bank: the item is its own, due by the rule of 5.6.
    expect(await reports('secretary.yol')).toEqual([expect.objectContaining({ municipality: YOL, agency: 'KDN', organisationId: KDN_YOL, dueOn: dueDay('88') })]);
    expect(await reports('operator.yol', {}, DATA_BANK)).toEqual([expect.objectContaining({ municipality: YOL, agency: 'KDN', organisationId: KDN_YOL })]);
  });

  it('when another municipality’s operator asks or records for Vladivostok, then it is refused and nothing is stored', async () => {
    const before = await stored();
    const asked = await flow.as(`operator.yol`, DUE, { municipality: VLK }, DATA_BANK);
    expect(asked.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'territory' });
    const recorded = await flow.as('operator.yol', RECORD, { i: { municipality: VLK, year: last.year, quarter: last.quarter, submittedOn: today, documentRef: 'исх. № 1' } }, DATA_BANK);
    expect(recorded.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'register:write', reason: 'territory' });
    // A caseworker of the territory keeps no bank.
    const school = await flow.as('education.vlk', RECORD, { i: { municipality: VLK, year: last.year, quarter: last.quarter, submittedOn: today, documentRef: 'исх. № 1' } });
    expect(school.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'register:write' });
    expect(await stored()).toBe(before);
  });

  it('when the input is wrong, then the error names the field, the value and the rule, and nothing is stored', async () => {
    const before = await stored();
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const base = { municipality: VLK, year: last.year, quarter: last.quarter, submittedOn: today, documentRef: 'исх. № 15-02/114' };
    const cases: Array<[Record<string, unknown>, Record<string, unknown>]> = [
      [{ quarter: 5 }, { field: 'input.quarter', value: 5, rule: 'integer.range' }],
      [{ quarter: 0 }, { field: 'input.quarter', value: 0, rule: 'integer.range' }],
      [{ year: 1999 }, { field: 'input.year', value: 1999, rule: 'integer.range' }],
      [{ year: Number(today.slice(0, 4)) + 1 }, { field: 'input.year', rule: 'integer.range' }],
      [
        { year: Number(today.slice(0, 4)), quarter: currentQuarter },
        { field: 'input.quarter', value: currentQuarter, rule: 'operatorReport.quarterNotFinished' },
      ],
      [{ submittedOn: tomorrow }, { field: 'input.submittedOn', value: tomorrow, rule: 'date.notInFuture' }],
      [{ submittedOn: `${last.year}-${pad((last.quarter - 1) * 3 + 1)}-15` }, { field: 'input.submittedOn', rule: 'date.range' }],
      [{ municipality: '0570' }, { field: 'input.municipality', value: '0570', rule: 'oktmo.format' }],
      [{ documentRef: '' }, { field: 'input.documentRef' }],
    ];
    for (const [change, expected] of cases) {
      const result = await flow.as('operator.vlk', RECORD, { i: { ...base, ...change } }, DATA_BANK);
      expect({ change, extensions: result.errors?.[0]?.extensions }).toEqual({ change, extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', ...expected }) });
    }
    expect(await stored()).toBe(before);
  });

  it('when the operator records the report, then the item leaves the operator’s and the secretary’s lists; the same call again answers the same row, other values are refused', async () => {
    const input = { municipality: VLK, year: last.year, quarter: last.quarter, submittedOn: currentQuarterStart, documentRef: 'исх. № 15-02/114' };
    const report = ok(await flow.as<{ recordOperatorReport: Report }>('operator.vlk', RECORD, { i: input }, DATA_BANK)).recordOperatorReport;
    expect(report).toMatchObject({ ...input, submittedBy: 'operator.vlk', organisationId: GUARDIANSHIP_VLK });
    expect(await reports('operator.vlk', {}, DATA_BANK)).toEqual([]);
    expect(await reports('secretary.vlk')).toEqual([]);
    // Mari El's report is still owed.
    expect(await reports('secretary.yol')).toHaveLength(1);

    const again = ok(await flow.as<{ recordOperatorReport: Report }>('operator.vlk', RECORD, { i: input }, DATA_BANK)).recordOperatorReport;
    expect(again).toEqual(report);
    const other = await flow.as('operator.vlk', RECORD, { i: { ...input, documentRef: 'исх. № 15-02/999' } }, DATA_BANK);
    expect(other.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.documentRef', value: 'исх. № 15-02/999', rule: 'operatorReport.alreadyRecorded' });
    expect(other.errors![0].message).toContain(report.submittedOn);
    expect((await admin.query(`SELECT count(*) FROM bank.operator_report WHERE municipality = $1`, [VLK])).rows[0].count).toBe('1');
  });

  it('when the report is recorded, refused and read, then the audit log holds the write with its table, the refusal with its permission, and the read with its basis', async () => {
    const entries = (await admin.query(`SELECT body FROM audit.entry WHERE body->>'service' = 'bank' AND body->>'operationName' IN ('Report', 'Due') ORDER BY position`)).rows.map(
      (r: { body: Record<string, any> }) => r.body,
    );
    expect(entries.some((e) => e.operationName === 'Report' && e.kind === 'write' && e.written.includes('operator_report') && e.username === 'operator.vlk')).toBe(true);
    expect(entries.some((e) => e.operationName === 'Report' && e.username === 'operator.yol' && e.denied.includes('register:write:territory'))).toBe(true);
    expect(entries.some((e) => e.operationName === 'Due' && e.username === 'operator.vlk' && e.basis.length > 0 && e.denied.length === 0)).toBe(true);
  });
});
