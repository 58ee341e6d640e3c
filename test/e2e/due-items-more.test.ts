import { Client } from 'pg';
import { provisionalReason, workingTerm } from '../../schema/calendar/provisional';
import { regionRule } from '../../schema/calendar/region-rules';
import { SOURCE_KIND_CAPTIONS } from '../../schema/enums';
import { DUE_ITEM_ADDRESSEES } from '../../subgraphs/bank/cases/workflow/case-records';
import { signalInput } from '../support/factories';
import { kdnFlow } from '../support/kdn-flow';
import { reportSignal } from '../support/operations';
import { waitFor } from '../support/sync-worker';
import type { HubClient } from '../support/hub-client';
import { sharedTestHub } from '../support/shared-hub';
import { findInPages } from '../support/pages';

const SCHOOL_VLK = '1020500010046';
const SOCIAL_VLK = '1020500010090';
const JOURNAL = `mutation($i: RegisterInJournalInput!) { registerSignalInJournal(input: $i) { id number } }`;
const ASSIGN = `mutation($id: ID!, $o: [ID!]!) { assignCheck(caseId: $id, organisationIds: $o) { id } }`;
const PETITION = `mutation($i: FilePetitionInput!) { filePetition(input: $i) { id } }`;
const DUE = `query($caseId: ID) { dueItems(caseId: $caseId, first: 1000) { caseId kind agency organisationId addressee dueOn overdue provisional provisionalReason } }`;

type Due = { caseId: string; kind: string; agency: string; organisationId: string | null; addressee: string; dueOn: string; overdue: boolean; provisional: boolean; provisionalReason: string | null };

function ok<T>(r: { errors?: unknown; data: T | null }): T {
  if (r.errors) throw new Error(`unexpected errors: ${JSON.stringify(r.errors)}`);
  return r.data!;
}

const plusDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('a due date counted through a year without its decree is marked provisional', () => {
  it('when a working-day term runs into a year the calendar counts by the Labour Code alone (2027), then it says so; within 2026 it is final', () => {
    expect(workingTerm('2026-11-20', 3)).toEqual({ dueOn: '2026-11-25', provisionalReason: null });
    const late = workingTerm('2026-12-28', 3);
    expect(late.dueOn > '2026-12-31').toBe(true);
    expect(late.provisionalReason).toMatch(/срок предварительный: постановление Правительства РФ о переносе выходных дней в 2027 году/);
  });

  it('when the term runs into a year the calendar does not hold at all, then the reason names the year and where to add it, instead of failing', () => {
    const reason = provisionalReason('2031-03-02', '2031-03-05');
    expect(reason).toContain('не содержит 2031 год');
    expect(reason).toContain('production-calendar.json');
    expect(() => workingTerm('2031-03-02', 3)).not.toThrow();
    expect(workingTerm('2031-03-02', 3).provisionalReason).toBe(reason);
  });
});

describe('the detecting body owes its представление within 3 calendar days (Myasnikovsky 5.3)', () => {
  let t: HubClient;
  let admin: Client;
  let flow: ReturnType<typeof kdnFlow>;
  beforeAll(async () => {
    t = await sharedTestHub();
    admin = new Client({ connectionString: t.adminUrl });
    await admin.connect();
    flow = kdnFlow(t);
  });
  afterAll(async () => {
    await admin?.end();
    await t?.stop();
  });

  it('when a school detected the family, then its представление is due to it 3 days after, final (not provisional), and leaves the list once filed for the case', async () => {
    const { childId, familyId } = await flow.family();
    const school = await t.systemToken('education');
    // Observed now: the journal lists the newest first, and other files' signals share it; every page is read anyway.
    const signal = ok(await t.gql<{ education: { reportSignal: { id: string } } }>(school, reportSignal('education'), { input: signalInput(childId, { observedAt: new Date().toISOString() }) }))
      .education.reportSignal;
    const inJournal = async (signalId: string): Promise<boolean> =>
      (await findInPages(
        500,
        async (after) =>
          ok(await flow.as<{ incomingSignals: Array<{ signalId: string }> }>('secretary.vlk', `query($after: ID) { incomingSignals(first: 500, after: $after) { signalId } }`, { after }))
            .incomingSignals,
        (s) => s.signalId,
        (s) => s.signalId === signalId,
      )) !== undefined;
    await waitFor('the signal in the journal', () => inJournal(signal.id), Boolean, 20_000);
    const kase = ok(
      await flow.as<{ registerSignalInJournal: { id: string } }>('secretary.vlk', JOURNAL, {
        i: {
          childId,
          urgency: 'ROUTINE',
          receivedOn: flow.today,
          sourceKind: 'EDUCATION',
          summary: 'Ребёнок систематически пропускает занятия',
          indicatorCodes: ['EDUCATION-L1-01'],
          signals: [{ agency: 'EDUCATION', signalId: signal.id }],
        },
      }),
    ).registerSignalInJournal;
    ok(await flow.as('secretary.vlk', ASSIGN, { id: kase.id, o: [SOCIAL_VLK] }));

    const items = ok(await flow.as<{ dueItems: Due[] }>('secretary.vlk', DUE, { caseId: kase.id })).dueItems;
    expect(items.filter((i) => i.kind === 'DETECTING_BODY_REPORT')).toEqual([
      {
        caseId: kase.id,
        kind: 'DETECTING_BODY_REPORT',
        agency: 'EDUCATION',
        organisationId: SCHOOL_VLK,
        addressee: 'DETECTING_BODY',
        dueOn: plusDays(flow.today, 3),
        overdue: false,
        provisional: false,
        provisionalReason: null,
      },
    ]);
    // Addressed to someone the rule of its action admits: the detecting body, which files the представление.
    expect(DUE_ITEM_ADDRESSEES.DETECTING_BODY_REPORT).toMatchObject({ addressees: ['DETECTING_BODY'], workers: ['DETECTING_BODY'], action: 'filePetition:REGISTRATION' });
    // The check and the conclusion in 2026 are final too.
    expect(items.filter((i) => i.kind === 'CHECK' || i.kind === 'CONCLUSION').every((i) => i.provisional === false && i.provisionalReason === null)).toBe(true);
    // Addressed to who can act: the school sees it in its own list; the checking social service does not.
    const schoolItems = ok(await t.gql<{ dueItems: Due[] }>(school, DUE, { caseId: kase.id })).dueItems;
    expect(schoolItems.map((i) => i.kind)).toContain('DETECTING_BODY_REPORT');

    const filed = await t.gql(school, PETITION, {
      i: {
        kind: 'REGISTRATION',
        familyId,
        caseId: kase.id,
        reason: 'Систематические пропуски занятий, ребёнок без присмотра',
        grounds: 'Акт обследования ЖБУ',
        signerName: 'Директорова Нина Павловна',
        signerPosition: 'директор',
        filedOn: flow.today,
      },
    });
    expect(filed.errors).toBeUndefined();
    const after = ok(await flow.as<{ dueItems: Due[] }>('secretary.vlk', DUE, { caseId: kase.id })).dueItems;
    expect(after.some((i) => i.kind === 'DETECTING_BODY_REPORT')).toBe(false);
    expect(after.some((i) => i.kind === 'CHECK')).toBe(true);
  });

  it('when a case was reported by neighbours (no detecting organisation), then nobody owes a представление', async () => {
    const { childId } = await flow.family();
    const kase = ok(
      await flow.as<{ registerSignalInJournal: { id: string } }>('secretary.vlk', JOURNAL, {
        i: { childId, urgency: 'URGENT', receivedOn: flow.today, sourceKind: 'NEIGHBOURS', summary: 'Сообщение соседей' },
      }),
    ).registerSignalInJournal;
    ok(await flow.as('secretary.vlk', ASSIGN, { id: kase.id, o: [SOCIAL_VLK] }));
    const items = ok(await flow.as<{ dueItems: Due[] }>('secretary.vlk', DUE, { caseId: kase.id })).dueItems;
    expect(items.map((i) => i.kind).sort()).toEqual(['CHECK', 'CONCLUSION']);
  });

  it('when a family found in a raid is registered with the source «рейды», then the source is kept and its caption is Russian', async () => {
    const { childId } = await flow.family();
    const kase = ok(
      await flow.as<{ registerSignalInJournal: { id: string } }>('secretary.vlk', JOURNAL, {
        i: { childId, urgency: 'URGENT', receivedOn: flow.today, sourceKind: 'RAIDS', summary: 'Семья выявлена в ходе профилактического рейда' },
      }),
    ).registerSignalInJournal;
    const stored = (await admin.query(`SELECT source_kind FROM bank.kdn_case WHERE id = $1`, [kase.id])).rows;
    expect(stored).toEqual([{ source_kind: 'RAIDS' }]);
    expect(SOURCE_KIND_CAPTIONS.RAIDS).toBe('Рейды');
    // URGENT keeps the region's check term (Primorsky 5.2: three working days), it is not a shorter one.
    ok(await flow.as('secretary.vlk', ASSIGN, { id: kase.id, o: [SOCIAL_VLK] }));
    const check = ok(await flow.as<{ dueItems: Due[] }>('secretary.vlk', DUE, { caseId: kase.id })).dueItems.find((i) => i.kind === 'CHECK')!;
    const rule = regionRule('05', 'URGENT_SIGNAL_CHECK')!;
    expect(rule.term).toEqual({ kind: 'WORKING_DAYS', days: 3 });
    expect(check.dueOn).toBe(workingTerm(flow.today, 3).dueOn);
  });
});
