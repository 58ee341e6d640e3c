import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { signalInput } from '../support/factories';
import { kdnFlow } from '../support/kdn-flow';
import { reportSignal } from '../support/operations';
import { waitFor } from '../support/sync-worker';
import type { HubClient } from '../support/hub-client';
import { sharedTestHub } from '../support/shared-hub';
import { findInPages } from '../support/pages';

const MESSAGE = `mutation($i: RegisterMessageInput!) { registerMessageInJournal(input: $i) { id number municipality receivedOn sourceKind reportingOrganisation children { childId caseId caseNumber openedCase } } }`;
const JOURNAL = `mutation($i: RegisterInJournalInput!) { registerSignalInJournal(input: $i) { id number } }`;
const PAGE = 500;
const INCOMING = `query($after: ID) { incomingSignals(waitingOnly: false, first: ${PAGE}, after: $after) { signalId caseId } }`;
type Message = {
  id: string;
  number: string;
  municipality: string;
  sourceKind: string;
  reportingOrganisation: string | null;
  children: Array<{ childId: string; caseId: string; caseNumber: string; openedCase: boolean }>;
};
/** АНО «Семья и дети» г. Владивостока: an organisation in the registry without a system of its own. */
const NGO_VLK = '1020500010145';

describe('a journal message naming several children (seed 000: messages about minors)', () => {
  let t: HubClient;
  let admin: Client;
  let flow: ReturnType<typeof kdnFlow>;
  const n = async (sql: string, params: unknown[]) => (await admin.query(sql, params)).rows[0].n as number;
  /**
   * What the bank holds of these children (and of messages whose summary carries `tag`): other
   * files write messages, cases and events to the same tables at the same time.
   */
  const counts = async (children: string[], tag: string) => ({
    messages: await n(
      `SELECT count(*)::int AS n FROM bank.journal_message m
       WHERE m.summary LIKE '%' || $2 || '%' OR m.id IN (SELECT message_id FROM bank.journal_message_child WHERE child_id = ANY($1::uuid[]))`,
      [children, tag],
    ),
    children: await n(`SELECT count(*)::int AS n FROM bank.journal_message_child WHERE child_id = ANY($1::uuid[])`, [children]),
    cases: await n(`SELECT count(*)::int AS n FROM bank.kdn_case WHERE child_id = ANY($1::uuid[])`, [children]),
    events: await n(`SELECT count(*)::int AS n FROM bank.case_event e JOIN bank.kdn_case k ON k.id = e.case_id WHERE k.child_id = ANY($1::uuid[])`, [children]),
  });
  /** The secretary's journal entry of a signal, every page of the list read: other files' signals share the hub. */
  const journalEntry = async (signalId: string): Promise<{ signalId: string; caseId: string | null } | undefined> => {
    return findInPages(
      PAGE,
      async (after) => {
        const r = await flow.as<{ incomingSignals: Array<{ signalId: string; caseId: string | null }> }>('secretary.vlk', INCOMING, { after });
        expect(r.errors).toBeUndefined();
        return r.data!.incomingSignals;
      },
      (s) => s.signalId,
      (s) => s.signalId === signalId,
    );
  };

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

  it('when a neighbour tells the secretary about three children of one flat, then one message with one case per child is registered', async () => {
    const children = [await flow.person(), await flow.person(), await flow.person()];
    const r = await flow.as<{ registerMessageInJournal: Message }>('secretary.vlk', MESSAGE, {
      i: {
        urgency: 'ROUTINE',
        receivedOn: flow.today,
        sourceKind: 'NEIGHBOURS',
        summary: 'Соседи: дети одни дома несколько дней',
        reporter: 'Соседка по лестничной клетке',
        children: children.map((childId) => ({ childId })),
      },
    });
    expect(r.errors).toBeUndefined();
    const message = r.data!.registerMessageInJournal;
    expect(message).toMatchObject({ municipality: '05701000', sourceKind: 'NEIGHBOURS', reportingOrganisation: null });
    expect(message.number).toMatch(/^05701000-\d{4}-С\d{6}$/);
    expect(message.children.map((c) => c.childId)).toEqual(children);
    expect(message.children.every((c) => c.openedCase)).toBe(true);
    expect(new Set(message.children.map((c) => c.caseId)).size).toBe(3);
    const stored = (await admin.query(`SELECT count(*)::int AS n FROM bank.kdn_case WHERE message_id = $1 AND source_kind = 'NEIGHBOURS' AND state = 'REGISTERED'`, [message.id])).rows;
    expect(stored[0].n).toBe(3);
  });

  it('when one child of a message fails validation, then nothing of the message is stored and the error names the child', async () => {
    const [a, b] = [await flow.person(), await flow.person()];
    const otherTerritory = await flow.person({ municipality: '05705000' });
    // Each refused message's summary carries the tag, so that one stored without children is counted too.
    const tag = randomUUID();
    const mine = () => counts([a, b, otherTerritory], tag);
    const before = await mine();
    expect(before).toEqual({ messages: 0, children: 0, cases: 0, events: 0 });
    const bad = await flow.as('secretary.vlk', MESSAGE, {
      i: {
        urgency: 'ROUTINE',
        receivedOn: flow.today,
        sourceKind: 'RELATIVES',
        summary: `Бабушка сообщает о детях ${tag}`,
        children: [{ childId: a }, { childId: b, indicatorCodes: ['NO-SUCH-CODE'] }],
      },
    });
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.children[1].indicatorCodes', rule: 'indicator.known' });
    const twice = await flow.as('secretary.vlk', MESSAGE, {
      i: { urgency: 'ROUTINE', receivedOn: flow.today, sourceKind: 'RELATIVES', summary: `Дважды один ребёнок ${tag}`, children: [{ childId: a }, { childId: a }] },
    });
    expect(twice.errors![0].extensions).toMatchObject({ field: 'input.children[1].childId', rule: 'message.childOnce' });
    const none = await flow.as('secretary.vlk', MESSAGE, { i: { urgency: 'ROUTINE', receivedOn: flow.today, sourceKind: 'RELATIVES', summary: `Без детей ${tag}`, children: [] } });
    expect(none.errors![0].extensions).toMatchObject({ field: 'input.children', rule: 'message.children' });
    const unknownSignal = await flow.as('secretary.vlk', MESSAGE, {
      i: {
        urgency: 'ROUTINE',
        receivedOn: flow.today,
        sourceKind: 'POLICE',
        summary: `Сигнал полиции ${tag}`,
        children: [{ childId: a }, { childId: b, signals: [{ agency: 'POLICE', signalId: randomUUID() }] }],
      },
    });
    expect(unknownSignal.errors![0].extensions).toMatchObject({ field: 'input.children[1].signals[0]', rule: 'signal.known' });
    const mixed = await flow.as('secretary.kdn05', MESSAGE, {
      i: { urgency: 'ROUTINE', receivedOn: flow.today, sourceKind: 'RELATIVES', summary: `Дети двух городов ${tag}`, children: [{ childId: a }, { childId: otherTerritory }] },
    });
    expect(mixed.errors![0].extensions).toMatchObject({ field: 'input.children[1].childId', rule: 'message.sameMunicipality' });
    const unknownOrganisation = await flow.as('secretary.vlk', MESSAGE, {
      i: { urgency: 'ROUTINE', receivedOn: flow.today, sourceKind: 'OTHER_ORGANISATION', summary: `Письмо ${tag}`, reportingOrganisationId: '1029999999999', children: [{ childId: a }] },
    });
    expect(unknownOrganisation.errors![0].extensions).toMatchObject({ field: 'input.reportingOrganisationId', rule: 'organisation.known' });
    // Another territory's child: refused by access before anything is stored.
    const foreign = await flow.as('secretary.yol', MESSAGE, {
      i: { urgency: 'ROUTINE', receivedOn: flow.today, sourceKind: 'RELATIVES', summary: `Чужая территория ${tag}`, children: [{ childId: a }] },
    });
    expect(foreign.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    // An agency may not register in the journal.
    const school = await t.gql(await t.systemToken('education'), MESSAGE, {
      i: { urgency: 'ROUTINE', receivedOn: flow.today, sourceKind: 'EDUCATION', summary: `Школа ${tag}`, children: [{ childId: a }] },
    });
    expect(school.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(await mine()).toEqual(before);
  });

  it('when the police report a child whose case is open, then the message joins that case, names the reporting unit, and the signal leaves the waiting list', async () => {
    const childId = await flow.person();
    const first = await flow.as<{ registerSignalInJournal: { id: string; number: string } }>('secretary.vlk', JOURNAL, {
      i: { childId, urgency: 'ROUTINE', receivedOn: flow.today, sourceKind: 'EDUCATION', summary: 'Пропуски занятий' },
    });
    expect(first.errors).toBeUndefined();
    // registerSignalInJournal keeps working: its case is the only child of its own message.
    const [single] = (
      await admin.query(
        `SELECT m.source_kind, (SELECT count(*)::int FROM bank.journal_message_child c WHERE c.message_id = m.id) AS children FROM bank.kdn_case k JOIN bank.journal_message m ON m.id = k.message_id WHERE k.id = $1`,
        [first.data!.registerSignalInJournal.id],
      )
    ).rows;
    expect(single).toEqual({ source_kind: 'EDUCATION', children: 1 });

    const police = await t.systemToken('police');
    const reported = await t.gql<{ police: { reportSignal: { id: string } } }>(police, reportSignal('police'), {
      input: signalInput(childId, { sourceKind: 'POLICE', observedAt: new Date().toISOString() }),
    });
    expect(reported.errors).toBeUndefined();
    const signalId = reported.data!.police.reportSignal.id;
    await waitFor(
      'the police signal in the bank',
      () => journalEntry(signalId),
      (entry) => entry !== undefined,
      20_000,
    );
    // The child's cases: other files open cases of their own children meanwhile.
    const casesOfChild = () => n(`SELECT count(*)::int AS n FROM bank.kdn_case WHERE child_id = $1`, [childId]);
    const casesBefore = await casesOfChild();
    expect(casesBefore).toBe(1);
    const r = await flow.as<{ registerMessageInJournal: Message }>('secretary.vlk', MESSAGE, {
      i: { urgency: 'ROUTINE', receivedOn: flow.today, sourceKind: 'POLICE', summary: 'Семейный скандал, выезд наряда', children: [{ childId, signals: [{ agency: 'POLICE', signalId }] }] },
    });
    expect(r.errors).toBeUndefined();
    const message = r.data!.registerMessageInJournal;
    expect(message.children).toEqual([{ childId, caseId: first.data!.registerSignalInJournal.id, caseNumber: first.data!.registerSignalInJournal.number, openedCase: false }]);
    expect(message.reportingOrganisation).toBe('1020500010080');
    expect(await casesOfChild()).toBe(casesBefore);
    const incoming = (await journalEntry(signalId))!;
    expect(incoming).toBeDefined();
    expect(incoming.caseId).toBe(first.data!.registerSignalInJournal.id);
    const history = (await admin.query(`SELECT action, payload->>'message' AS message FROM bank.case_event WHERE case_id = $1 ORDER BY at`, [first.data!.registerSignalInJournal.id])).rows;
    expect(history.map((h: { action: string }) => h.action)).toEqual(['register', 'addMessage']);
    expect(history[1].message).toBe(message.number);
  });

  it('when an organisation without a system writes to the commission, then the message names it from the registry', async () => {
    const [a, b] = [await flow.person(), await flow.person()];
    const r = await flow.as<{ registerMessageInJournal: Message }>('secretary.vlk', MESSAGE, {
      i: {
        urgency: 'URGENT',
        receivedOn: flow.today,
        sourceKind: 'OTHER_ORGANISATION',
        summary: 'Письмо АНО о двух детях',
        reportingOrganisationId: NGO_VLK,
        children: [{ childId: a }, { childId: b }],
      },
    });
    expect(r.errors).toBeUndefined();
    expect(r.data!.registerMessageInJournal).toMatchObject({ reportingOrganisation: NGO_VLK, sourceKind: 'OTHER_ORGANISATION' });
  });
});
