import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { formulas, parseCsv, readXlsx } from '../export/read-back';
import { kdnFlow } from '../support/kdn-flow';
import { waitFor } from '../support/sync-worker';
import { startTestHub, TestHub } from '../support/test-hub';

const ROWS = 'rows { code caption value messages note }';
const REPORT = `query($m: String, $r: String, $from: LocalDate!, $to: LocalDate!, $c: Boolean) { monitoringReport(municipality: $m, region: $r, from: $from, to: $to, cumulative: $c) { municipalities from to cumulative ${ROWS} sources { sourceKind messages minors } csv xlsxBase64 } }`;
const MESSAGE = `mutation($i: RegisterMessageInput!) { registerMessageInJournal(input: $i) { id children { caseId } } }`;
const ASSIGN = `mutation($id: ID!, $a: [Agency!]!) { assignCheck(caseId: $id, agencies: $a) { id } }`;
const CONCLUDE = `mutation($id: ID!, $i: ConclusionInput!) { recordConclusion(caseId: $id, input: $i) { id } }`;
const RESOLVE = `mutation($id: ID!, $i: ResolutionInput!) { recordResolution(caseId: $id, input: $i) { id } }`;
const CLOSE = `mutation($id: ID!, $r: ClosureReason!, $n: String!) { closeCase(caseId: $id, reason: $r, resolutionNumber: $n) { id } }`;
const TO_POLICE = `mutation($id: ID!, $i: LawEnforcementReportInput!) { reportToLawEnforcement(caseId: $id, input: $i) { id sentOn recipient resultKind sentByOrganisation } }`;
const POLICE_RESULT = `mutation($id: ID!, $i: LawEnforcementResultInput!) { recordLawEnforcementResult(reportId: $id, input: $i) { id resultKind resultOn } }`;
const REMOVAL = `mutation($i: RecordRemovalActInput!) { guardianship { recordRemovalAct(input: $i) { id } } }`;

type Row = { code: string; caption: string; value: number | null; messages: number | null; note: string | null };
type Report = {
  municipalities: string[];
  from: string;
  to: string;
  cumulative: boolean;
  rows: Row[];
  sources: Array<{ sourceKind: string; messages: number; minors: number }>;
  csv: string;
  xlsxBase64: string;
};

/** The first column of Primorsky appendix 4 (seed 003), wrapped lines joined: where every caption must be found. */
function appendix4Text(): string {
  const dir = path.join(__dirname, '..', '..', '..', 'shared', 'seeds');
  const seed = readFileSync(
    path.join(
      dir,
      readdirSync(dir).find((f) => f.startsWith('003'))!,
    ),
    'utf8',
  );
  const part = seed.slice(seed.indexOf('# Приложение 4 к Порядку'));
  return part
    .split('\n')
    .map((line) => line.split('\t')[0])
    .join(' ')
    .replace(/\s+/g, ' ');
}

describe('the monitoring report of Primorsky appendix 4: messages and minors by source, checks, law enforcement, removals, closures, specialists', () => {
  let t: TestHub;
  let flow: ReturnType<typeof kdnFlow>;
  const year = new Date().toISOString().slice(0, 4);
  const monthStart = `${new Date().toISOString().slice(0, 7)}-01`;
  const ok = <T>(r: { errors?: unknown; data: T | null }): T => {
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data!;
  };
  const report = async (user: string, vars: { m?: string; r?: string; from?: string; to?: string; c?: boolean }) =>
    flow.as<{ monitoringReport: Report }>(user, REPORT, { m: vars.m ?? null, r: vars.r ?? null, from: vars.from ?? monthStart, to: vars.to ?? flow.today, c: vars.c ?? false });
  const rowsOf = async (user: string, vars: Parameters<typeof report>[1]) => ok(await report(user, vars)).monitoringReport.rows;
  const row = (rows: Row[], code: string) => rows.find((r) => r.code === code)!;
  const message = async (user: string, sourceKind: string, children: string[], receivedOn = flow.today) =>
    ok(
      await flow.as<{ registerMessageInJournal: { id: string; children: Array<{ caseId: string }> } }>(user, MESSAGE, {
        i: { urgency: 'ROUTINE', receivedOn, sourceKind, summary: `Сообщение (${sourceKind})`, children: children.map((childId) => ({ childId })) },
      }),
    ).registerMessageInJournal.children.map((c) => c.caseId);

  let early: string;
  let favourable: string;
  let removedChild: string;

  beforeAll(async () => {
    t = await startTestHub();
    flow = kdnFlow(t);
    // Vladivostok: neighbours about two children; a school's message about one.
    const [a, b, c] = [await flow.person(), await flow.person(), await flow.person()];
    removedChild = b;
    [early, favourable] = await message('secretary.vlk', 'NEIGHBOURS', [a, b]);
    await message('secretary.vlk', 'EDUCATION', [c]);
    for (const [id, kind] of [
      [early, 'EARLY_STAGE'],
      [favourable, 'FAVOURABLE'],
    ]) {
      ok(await flow.as('secretary.vlk', ASSIGN, { id, a: ['SOCIAL'] }));
      ok(await flow.as('social.vlk', CONCLUDE, { id, i: { kind, dangerLevel: 'LOW', violationFound: kind !== 'FAVOURABLE', childSafeNow: true, notes: 'Заключение по проверке' } }));
    }
    // Artyom: relatives about one child, registered by the city's own commission.
    const d = await flow.person({ municipality: '05705000' });
    await message('secretary.art', 'RELATIVES', [d]);
  }, 120_000);
  afterAll(() => t.stop());

  it('when the commission asks for its municipality, then messages and minors are counted by source in the appendix rows, with the appendix captions', async () => {
    const rows = await rowsOf('chair.vlk', { m: '05701000' });
    expect(row(rows, '1')).toMatchObject({ messages: 2, value: 3 });
    expect(row(rows, '1.9')).toMatchObject({ messages: 1, value: 2 });
    expect(row(rows, '1.9').note).toContain('Соседи, знакомые: 1 сообщ., 2 дет.');
    expect(row(rows, '1.2')).toMatchObject({ messages: 1, value: 1 });
    expect(row(rows, '1.1')).toMatchObject({ messages: 0, value: 0 });
    expect(row(rows, '2').value).toBe(2);
    expect(['3.1', '3.2', '3.3'].map((code) => row(rows, code).value)).toEqual([1, 1, 0]);
    const seed = appendix4Text();
    for (const r of rows) expect(seed).toContain(r.caption);
    expect(rows.map((r) => r.code)).toEqual([
      '1',
      '1.1',
      '1.2',
      '1.3',
      '1.4',
      '1.5',
      '1.6',
      '1.7',
      '1.8',
      '1.9',
      '1.10',
      '2',
      '3',
      '3.1',
      '3.2',
      '3.3',
      '4',
      '4.1',
      '4.1.1',
      '4.1.2',
      '5',
      '6',
      '6.1',
      '6.2',
      '6.3',
      '6.4',
      '6.5',
      '6.6',
      '7',
      '7.1',
      '7.2',
      '7.3',
      '7.4',
      '7.5',
      '7.6',
    ]);
  });

  it('when the police report a child already in work, then the police row gains the message and the minor, and no case is opened', async () => {
    const before = await rowsOf('chair.vlk', { m: '05701000' });
    const cases = Number((await t.hub.subgraphs.bank.dataSource.query(`SELECT count(*) AS n FROM kdn_case`))[0].n);
    const [caseId] = await message('secretary.vlk', 'POLICE', [removedChild]);
    expect(caseId).toBe(favourable);
    expect(Number((await t.hub.subgraphs.bank.dataSource.query(`SELECT count(*) AS n FROM kdn_case`))[0].n)).toBe(cases);
    const after = await rowsOf('chair.vlk', { m: '05701000' });
    expect(row(after, '1.1')).toMatchObject({ messages: row(before, '1.1').messages! + 1, value: row(before, '1.1').value! + 1 });
    expect(row(after, '1')).toMatchObject({ messages: row(before, '1').messages! + 1, value: row(before, '1').value! + 1 });
    // The check counts the child's case once, however many messages named the child.
    expect(row(after, '2').value).toBe(row(before, '2').value);
  });

  it('when the checking organisation informs law enforcement and the commission records the result, then rows 4 and 4.1 count them; the result is recorded once and only by whom may', async () => {
    const sent = ok(
      await flow.as<{ reportToLawEnforcement: { id: string; sentByOrganisation: string; resultKind: string | null } }>('social.vlk', TO_POLICE, {
        id: early,
        i: { sentOn: flow.today, recipient: 'ОП № 1 УМВД России по г. Владивостоку', facts: 'Побои со слов ребёнка' },
      }),
    ).reportToLawEnforcement;
    expect(sent).toMatchObject({ sentByOrganisation: '1020500010090', resultKind: null });
    const school = await flow.as('education.vlk', TO_POLICE, { id: early, i: { sentOn: flow.today, recipient: 'ОП № 1', facts: 'Факты' } });
    expect(school.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    const badDate = await flow.as('social.vlk', TO_POLICE, { id: early, i: { sentOn: '2000-01-01', recipient: 'ОП № 1', facts: 'Факты' } });
    expect(badDate.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.sentOn' });
    expect(
      ok(
        await flow.as<{ recordLawEnforcementResult: { resultKind: string } }>('secretary.vlk', POLICE_RESULT, {
          id: sent.id,
          i: { kind: 'ADMINISTRATIVE_PROTOCOL', resultOn: flow.today, note: 'Протокол по ст. 5.35 КоАП РФ' },
        }),
      ).recordLawEnforcementResult.resultKind,
    ).toBe('ADMINISTRATIVE_PROTOCOL');
    const again = await flow.as('secretary.vlk', POLICE_RESULT, { id: sent.id, i: { kind: 'CRIMINAL_CASE_OPENED', resultOn: flow.today } });
    expect(again.errors![0].extensions).toMatchObject({ rule: 'lawEnforcement.resultOnce' });
    const rows = await rowsOf('chair.vlk', { m: '05701000' });
    expect(['4', '4.1', '4.1.1', '4.1.2'].map((code) => row(rows, code).value)).toEqual([1, 1, 0, 1]);
  });

  it('when guardianship records a removal act, then the bank learns it from the agency event and row 5 counts it', async () => {
    const guardianship = await t.systemToken('guardianship');
    ok(
      await t.gql(guardianship, REMOVAL, {
        i: {
          idempotencyKey: 'removal-1',
          childId: removedChild,
          actNumber: 'О-1',
          removedOn: flow.today,
          signedBy: 'Глава городского округа',
          placementKind: 'INSTITUTION',
          placementDescription: 'Центр помощи детям',
        },
      }),
    );
    const rows = await waitFor(
      'the removal in the report',
      () => rowsOf('chair.vlk', { m: '05701000' }),
      (r) => row(r, '5').value === 1,
      20_000,
    );
    expect(row(rows, '5').note ?? null).toBeNull();
  });

  it('when an early-stage family is taken off the register, then row 6 counts the family under its reason; the specialists are counted by organisation', async () => {
    ok(
      await flow.as('chair.vlk', RESOLVE, {
        id: early,
        i: { kind: 'INDIVIDUAL_WORK', number: '12/1', date: flow.today, curator: 'curator.vlk', leadAgency: 'SOCIAL', supportingAgencies: [], termMonths: 6 },
      }),
    );
    ok(await flow.as('secretary.vlk', CLOSE, { id: early, r: 'MOVED_AWAY', n: '12/2' }));
    const rows = await rowsOf('chair.vlk', { m: '05701000' });
    expect(row(rows, '6').value).toBe(1);
    expect(row(rows, '6.4').value).toBe(1);
    expect(row(rows, '6.1').value).toBe(0);
    // secretary.vlk and chair.vlk for the commission, social.vlk for the social service centre.
    expect(row(rows, '7.1').value).toBe(2);
    expect(row(rows, '7.3')).toMatchObject({ value: 1, note: 'Центр социального обслуживания населения г. Владивостока: 1' });
    expect(row(rows, '7').value).toBe(3);
  });

  it('when the regional commission asks for the region, then every municipality of the region in the registry is summed; a city commission may not ask for the region', async () => {
    const region = ok(await report('secretary.kdn05', { r: '05' })).monitoringReport;
    expect(region.municipalities).toEqual(['05701000', '05705000']);
    const vlk = await rowsOf('chair.vlk', { m: '05701000' });
    const art = await rowsOf('secretary.art', { m: '05705000' });
    expect(row(art, '1.9')).toMatchObject({ messages: 1, value: 1 });
    for (const code of ['1', '1.9', '2', '3.2', '4', '5']) {
      expect(row(region.rows, code).value).toBe(row(vlk, code).value! + row(art, code).value!);
    }
    expect(row(region.rows, '1').messages).toBe(row(vlk, '1').messages! + row(art, '1').messages!);
    const city = await report('chair.vlk', { r: '05' });
    expect(city.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'report:read' });
    const unknown = await report('secretary.kdn05', { r: '77' });
    expect(unknown.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'region', rule: 'region.known' });
    const both = await report('secretary.kdn05', { r: '05', m: '05701000' });
    expect(both.errors![0].extensions).toMatchObject({ field: 'municipality', rule: 'report.scope' });
  });

  it('when the report is cumulative, then it counts from the first of January to the end of the period', async () => {
    const earlier = `${year}-01-15`;
    if (earlier >= monthStart) return; // January: the month is the year so far.
    await message('secretary.vlk', 'ANONYMOUS', [await flow.person()], earlier);
    const month = ok(await report('chair.vlk', { m: '05701000' })).monitoringReport;
    const cumulative = ok(await report('chair.vlk', { m: '05701000', c: true })).monitoringReport;
    expect(cumulative).toMatchObject({ from: `${year}-01-01`, cumulative: true });
    expect(row(cumulative.rows, '1.10')).toMatchObject({ messages: row(month.rows, '1.10').messages! + 1, value: row(month.rows, '1.10').value! + 1 });
    expect(row(cumulative.rows, '1.10').note).toContain('Анонимно');
  });

  it('when the report is exported, then the CSV and the XLSX carry the same rows: figures as numbers, captions inert, a sheet of sources', async () => {
    const r = ok(await report('chair.vlk', { m: '05701000' })).monitoringReport;
    const [heading, ...records] = parseCsv(r.csv);
    expect(heading).toEqual(['Код', 'Показатель', 'Количество', 'Сообщений', 'Примечание']);
    expect(records).toContainEqual(['1.1', "'- из ОВД", String(row(r.rows, '1.1').value), String(row(r.rows, '1.1').messages), '']);
    expect(records).toHaveLength(r.rows.length);
    const [sheet, sources] = await readXlsx(r.xlsxBase64);
    expect(formulas([sheet, sources])).toEqual([]);
    expect(sheet.frozenRows).toBe(1);
    const first = sheet.rows.find((cells) => cells[0].value === '1')!;
    expect(first[2]).toMatchObject({ value: row(r.rows, '1').value, type: ExcelJS.ValueType.Number });
    expect(first[3]).toMatchObject({ value: row(r.rows, '1').messages, type: ExcelJS.ValueType.Number });
    expect(sources.rows[0].map((c) => c.value)).toEqual(['Источник', 'Сообщений', 'Несовершеннолетних']);
    expect(sources.rows.slice(1).map((cells) => cells[0].value)).toContain('Соседи, знакомые');
  });

  it('when another municipality’s commission or an agency asks, then the report is refused', async () => {
    const other = await report('chair.yol', { m: '05701000' });
    expect(other.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'report:read' });
    const school = await t.gql(await t.systemToken('education'), REPORT, { m: '05701000', r: null, from: monthStart, to: flow.today });
    expect(school.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'report:read' });
  });
});
