import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { pseudonym } from '../../auth/audit/audit-entry';
import { formulas, parseCsv, readXlsx } from '../export/read-back';
import { SIGNAL_JOURNAL_RULES } from '../../subgraphs/bank/journal/services/signal-journal.columns';
import { kdnFlow } from '../support/kdn-flow';
import { normaliseForm, SEED_DIR, SEED_FILES } from '../support/seed-text';
import { startTestHub, TestHub } from '../support/test-hub';

const MESSAGE = `mutation($i: RegisterMessageInput!) { registerMessageInJournal(input: $i) { id number children { childId caseId caseNumber openedCase } } }`;
const JOURNAL = `query($m: String!, $from: LocalDate!, $to: LocalDate!) { signalJournal(municipality: $m, from: $from, to: $to) {
  municipality form title csv xlsxBase64
  rows { no messageNumber caseNumber childId receivedOn from childName childBirthDate childAge address parents check conclusion registeredOn removedOn removalReason problem result } } }`;

type Row = {
  no: number;
  messageNumber: string;
  caseNumber: string;
  childId: string;
  receivedOn: string;
  from: string;
  childName: string;
  childBirthDate: string;
  childAge: number;
  address: string;
  parents: string;
  check: string;
  conclusion: string | null;
  registeredOn: string | null;
  removedOn: string | null;
  removalReason: string | null;
  problem: string;
  result: string;
};
type Journal = { signalJournal: { municipality: string; form: string; title: string; csv: string; xlsxBase64: string; rows: Row[] } };

const seed = (file: keyof typeof SEED_FILES) => readFileSync(path.join(SEED_DIR, SEED_FILES[file]), 'utf8').split('\n');
const printed = (iso: string) => iso.split('-').reverse().join('.');

/**
 * The Primorsky journal's heading as the scan prints it: a table whose cells are broken across
 * lines, one tab-separated line per line of print. Each column's text is its cells joined.
 */
function primorskyColumns(): string[] {
  const lines = seed('primorsky');
  const start = lines.findIndex((l) => l.includes('Журнал текущего мониторинга комиссии'));
  const end = lines.findIndex((l, i) => i > start && l.startsWith('# Приложение 2'));
  const columns: string[] = [];
  for (const line of lines.slice(start + 1, end)) line.split('\t').forEach((cell, i) => (columns[i] = (columns[i] ?? '') + cell));
  return columns.map(normaliseForm);
}

describe('the signal journal of the commission (Primorsky appendix 1, Mari El appendix 1) as CSV and XLSX, through the gateway', () => {
  let t: TestHub;
  let admin: Client;
  let flow: ReturnType<typeof kdnFlow>;
  let sopChild: string;
  let minusChild: string;
  let sopCase: { id: string; number: string };
  let message: { number: string; children: Array<{ childId: string; caseNumber: string; openedCase: boolean }> };
  const REPORTER = '=HYPERLINK("http://example.invalid/";"x") соседка';

  beforeAll(async () => {
    t = await startTestHub();
    admin = new Client({ connectionString: t.adminUrl });
    await admin.connect();
    flow = kdnFlow(t);
    // Message 1: a signal checked, concluded and resolved: the family is registered as SOP.
    sopChild = (await flow.family()).childId;
    sopCase = await flow.recogniseSop(sopChild, `ЖС-${randomUUID().slice(0, 4)}`);
    // Message 2: a neighbour names that child again and another one whose surname starts with "-".
    minusChild = await flow.person({ lastName: '-Минусова', birthDate: '2016-02-29', actualAddress: '+г. Владивосток, ул. Морская, д. 7' });
    const r = await flow.as<{ registerMessageInJournal: typeof message }>('secretary.vlk', MESSAGE, {
      i: { urgency: 'ROUTINE', receivedOn: flow.today, sourceKind: 'NEIGHBOURS', summary: '@Дети одни дома вечерами', reporter: REPORTER, children: [{ childId: sopChild }, { childId: minusChild }] },
    });
    expect(r.errors).toBeUndefined();
    message = r.data!.registerMessageInJournal;
  }, 180_000);
  afterAll(async () => {
    await admin?.end();
    await t?.stop();
  });

  it('when the journal form of each region is chosen, then its citation is the seed’s own text', () => {
    expect(readdirSync(SEED_DIR)).toEqual(expect.arrayContaining(SIGNAL_JOURNAL_RULES.map((r) => r.citation.seed)));
    for (const { citation } of SIGNAL_JOURNAL_RULES) {
      const text = normaliseForm(readFileSync(path.join(SEED_DIR, citation.seed), 'utf8'));
      expect({ quote: citation.quote, inSeed: text.includes(normaliseForm(citation.quote)) }).toEqual({ quote: citation.quote, inSeed: true });
      expect(text).toContain(normaliseForm(citation.section));
    }
  });

  it('when the secretary of the territory asks for the period, then the rows follow the journal, one per child named, with the check, the conclusion and the registration', async () => {
    const r = await flow.as<Journal>('secretary.vlk', JOURNAL, { m: '05701000', from: flow.today, to: flow.today });
    expect(r.errors).toBeUndefined();
    const journal = r.data!.signalJournal;
    expect(journal).toMatchObject({ municipality: '05701000', form: 'PRIMORSKY_APPENDIX_1' });
    expect(normaliseForm(seed('primorsky').join('\n'))).toContain(normaliseForm(journal.title));
    const rows = journal.rows;
    expect(rows.map((row) => row.no)).toEqual([...rows.map((row) => row.no)].sort((a, b) => a - b));
    const first = rows.find((row) => row.caseNumber === sopCase.number && row.messageNumber !== message.number)!;
    expect(first).toMatchObject({ childId: sopChild, receivedOn: flow.today, conclusion: 'установлено социально опасное положение', registeredOn: flow.today, removedOn: null });
    expect(first.check).toContain(printed(flow.today));
    expect(first.parents).not.toBe('');
    const second = rows.filter((row) => row.messageNumber === message.number);
    expect(second.map((row) => row.childId).sort()).toEqual([sopChild, minusChild].sort());
    // One message, one number: both children under it, after the first message.
    expect(new Set(second.map((row) => row.no)).size).toBe(1);
    expect(second[0].no).toBeGreaterThan(first.no);
    // The child already in work: the line shows the open case's registration.
    expect(second.find((row) => row.childId === sopChild)!.caseNumber).toBe(sopCase.number);
    const minus = second.find((row) => row.childId === minusChild)!;
    expect(minus).toMatchObject({ childName: expect.stringMatching(/^-Минусова /), childBirthDate: '2016-02-29', address: '+г. Владивосток, ул. Морская, д. 7', registeredOn: null });
    expect(minus.from).toContain(REPORTER);
  });

  it('when the journal is exported, then the CSV and the XLSX carry the seed’s headings, the values as dates and numbers, and a formula-like name stays inert', async () => {
    const journal = (await flow.as<Journal>('secretary.vlk', JOURNAL, { m: '05701000', from: flow.today, to: flow.today })).data!.signalJournal;
    const [headings, ...records] = parseCsv(journal.csv);
    expect(headings.length).toBe(11);
    const columns = primorskyColumns();
    for (const heading of headings) {
      // "group: column"; the scan lost one letter of «снятии» at its line break: «(сняти / с учета)».
      for (const part of heading.split(': ')) {
        const wording = normaliseForm(part).replace('(снятии', '(сняти');
        expect({ part, inSeed: columns.some((c) => c.includes(wording)) }).toEqual({ part, inSeed: true });
      }
    }
    expect(records.length).toBe(journal.rows.length);
    const at = (childId: string, messageNumber: string) => records[journal.rows.findIndex((row) => row.childId === childId && row.messageNumber === messageNumber)];
    const minus = at(minusChild, message.number);
    expect(minus[1]).toBe(printed(flow.today));
    expect(minus[3]).toMatch(/^'-Минусова /);
    expect(minus[4]).toBe(String(journal.rows.find((row) => row.childId === minusChild)!.childAge));
    expect(minus[5]).toBe("'+г. Владивосток, ул. Морская, д. 7");
    expect(minus[2].startsWith('=')).toBe(false);
    const sop = at(sopChild, journal.rows.find((row) => row.caseNumber === sopCase.number && row.messageNumber !== message.number)!.messageNumber);
    expect(sop[7]).toBe('установлено социально опасное положение');
    expect(sop[8]).toBe(printed(flow.today));

    const [sheet] = await readXlsx(journal.xlsxBase64);
    expect(sheet.frozenRows).toBe(1);
    expect(formulas([sheet])).toEqual([]);
    expect(sheet.rows[0].map((c) => c.value)).toEqual(headings);
    const line = sheet.rows[1 + journal.rows.findIndex((row) => row.childId === minusChild)];
    expect(line[1].value).toBeInstanceOf(Date);
    expect((line[1].value as Date).toISOString().slice(0, 10)).toBe(flow.today);
    expect(line[1].numFmt).toBe('dd.mm.yyyy');
    expect(typeof line[0].value).toBe('number');
    expect(String(line[3].value)).toMatch(/^'-Минусова /);
  });

  it('when the journal is read, then every child it names is in the request’s audit entry before the answer leaves', async () => {
    const requestId = `test-${randomUUID()}`;
    const r = await t.gql<Journal>(await t.userToken('secretary.vlk'), JOURNAL, { m: '05701000', from: flow.today, to: flow.today }, undefined, { 'x-request-id': requestId });
    expect(r.errors).toBeUndefined();
    const entries = (await admin.query(`SELECT canonical FROM audit.entry WHERE body->>'requestId' = $1`, [requestId])).rows.map((row) => JSON.parse(row.canonical));
    const bank = entries.find((e) => e.service === 'bank')!;
    expect(bank.outcome).toBe('allowed');
    for (const childId of new Set(r.data!.signalJournal.rows.map((row) => row.childId))) {
      expect(bank.subjects).toContain(pseudonym('development-only-audit-pseudonym-key', { kind: 'Child', id: childId }));
    }
  });

  it('when a Mari El commission asks for its territory, then the journal is its appendix 1, headed as the seed prints it', async () => {
    const child = await flow.person({ municipality: '88701000', actualAddress: 'г. Йошкар-Ола, ул. Тестовая, д. 5' });
    const registered = await flow.as<{ registerMessageInJournal: typeof message }>('secretary.yol', MESSAGE, {
      i: { urgency: 'ROUTINE', receivedOn: flow.today, sourceKind: 'EDUCATION', summary: 'Пропуски занятий, нужна помощь психолога', reporter: 'Школа № 3', children: [{ childId: child }] },
    });
    expect(registered.errors).toBeUndefined();
    const journal = (await flow.as<Journal>('secretary.yol', JOURNAL, { m: '88701000', from: flow.today, to: flow.today })).data!.signalJournal;
    expect(journal.form).toBe('MARI_EL_APPENDIX_1');
    const [headings, ...records] = parseCsv(journal.csv);
    const seedHeadings = seed('mariEl')
      .find((l) => l.startsWith('№ п/п\tДата поступления информации'))!
      .trim()
      .split('\t');
    expect(headings).toEqual(seedHeadings);
    const mine = records[journal.rows.findIndex((row) => row.childId === child)];
    expect(mine[1]).toBe(printed(flow.today));
    expect(mine[2]).toContain('Школа № 3');
    expect(mine[4]).toMatch(/, 17\.05\.2014$/);
    expect(mine[5]).toBe('г. Йошкар-Ола, ул. Тестовая, д. 5');
    expect(mine[6]).toBe('Пропуски занятий, нужна помощь психолога');
    expect(mine[7]).not.toBe('');
  });

  it('when the period holds more messages and children, then the bank runs the same number of statements', async () => {
    const statements = async () => {
      const before = t.hub.subgraphs.bank.queries.total;
      const r = await flow.as<Journal>('secretary.vlk', JOURNAL, { m: '05701000', from: flow.today, to: flow.today });
      expect(r.errors).toBeUndefined();
      return { rows: r.data!.signalJournal.rows.length, statements: t.hub.subgraphs.bank.queries.total - before };
    };
    const small = await statements();
    for (let i = 0; i < 4; i++) {
      const children = [await flow.person(), await flow.person()];
      const r = await flow.as('secretary.vlk', MESSAGE, {
        i: { urgency: 'ROUTINE', receivedOn: flow.today, sourceKind: 'RELATIVES', summary: `Бабушка сообщает ${i}`, children: children.map((childId) => ({ childId })) },
      });
      expect(r.errors).toBeUndefined();
    }
    const large = await statements();
    expect(large.rows).toBe(small.rows + 8);
    expect(large.statements).toBe(small.statements);
  });

  it('when another territory’s secretary or an agency asks, then the journal is refused and the refusal is audited; a bad period is a clear input error', async () => {
    const requestId = `test-${randomUUID()}`;
    const other = await t.gql<Journal>(await t.userToken('secretary.yol'), JOURNAL, { m: '05701000', from: flow.today, to: flow.today }, undefined, { 'x-request-id': requestId });
    expect(other.data).toBeNull();
    expect(other.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'report:read', reason: 'territory' });
    const [entry] = (await admin.query(`SELECT canonical FROM audit.entry WHERE body->>'requestId' = $1 AND body->>'service' = 'bank'`, [requestId])).rows.map((row) => JSON.parse(row.canonical));
    expect(entry).toMatchObject({ username: 'secretary.yol', outcome: 'denied', denied: ['report:read:territory'], subjects: [] });
    const school = await flow.as<Journal>('education.vlk', JOURNAL, { m: '05701000', from: flow.today, to: flow.today });
    expect(school.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'report:read', reason: 'role' });
    const order = await flow.as<Journal>('secretary.vlk', JOURNAL, { m: '05701000', from: flow.today, to: '2000-01-01' });
    expect(order.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to', rule: 'period.order' });
    const place = await flow.as<Journal>('secretary.vlk', JOURNAL, { m: '0570', from: flow.today, to: flow.today });
    expect(place.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'municipality', rule: 'oktmo.format' });
  });
});
