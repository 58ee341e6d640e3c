import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { personInput, signalInput } from '../support/factories';
import { kdnFlow } from '../support/kdn-flow';
import { REGISTER_PERSON, reportSignal } from '../support/operations';
import { waitFor } from '../support/sync-worker';
import type { HubClient } from '../support/hub-client';
import { sharedTestHub } from '../support/shared-hub';
import { allPages, findInPages } from '../support/pages';

const PAGE = 500;
const INCOMING = `query($w: Boolean!, $after: ID) { incomingSignals(waitingOnly: $w, first: ${PAGE}, after: $after) { agency signalId childId urgency sourceKind indicatorCodes reporterOrganisation caseId caseNumber } }`;
const JOURNAL = `mutation($i: RegisterInJournalInput!) { registerSignalInJournal(input: $i) { id number } }`;
const REGISTER = `query($m: String!, $after: ID) { dataBankRegister(municipality: $m, first: ${PAGE}, afterFamily: $after) }`;
type Card = { familyId: string; register: Array<{ removedOn: string | null; basis: string }>; members: unknown[] };
type Incoming = { agency: string; signalId: string; childId: string; caseId: string | null; caseNumber: string | null; reporterOrganisation: string | null; indicatorCodes: string[] };

describe('the KDN journal of incoming signals, and the data bank operator’s register', () => {
  let t: HubClient;
  let admin: Client;
  let flow: ReturnType<typeof kdnFlow>;
  const incoming = async (user: string, waitingOnly = true, after: string | null = null) => flow.as<{ incomingSignals: Incoming[] }>(user, INCOMING, { w: waitingOnly, after });
  /** The user's journal entries of a signal, every page of the list read: other files' signals share the hub. */
  const entriesOf = async (user: string, signalId: string, waitingOnly = true): Promise<Incoming[]> => {
    const all = await allPages(
      PAGE,
      async (after) => {
        const r = await incoming(user, waitingOnly, after);
        expect(r.errors).toBeUndefined();
        return r.data!.incomingSignals;
      },
      (s) => s.signalId,
    );
    return all.filter((s) => s.signalId === signalId);
  };
  /** A family's account card in the operator's register of the territory, every page read: other files' families share it. */
  const cardOf = async (user: string, municipality: string, familyId: string): Promise<Card | undefined> => {
    return findInPages(
      PAGE,
      async (after) => {
        const r = await flow.as<{ dataBankRegister: Card[] }>(user, REGISTER, { m: municipality, after }, { 'x-hub-purpose': 'DATA_BANK' });
        expect(r.errors).toBeUndefined();
        return r.data!.dataBankRegister;
      },
      (c) => c.familyId,
      (c) => c.familyId === familyId,
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

  it('when a school reports a signal, then the secretary of the territory sees it waiting (who, how urgent, never the description), registers the case from it, and it leaves the waiting list', async () => {
    const school = await t.systemToken('education');
    const childId = (await t.gql<{ registerPerson: { person: { id: string } } }>(school, REGISTER_PERSON, { input: personInput() })).data!.registerPerson.person.id;
    const reported = await t.gql<{ education: { reportSignal: { id: string } } }>(school, reportSignal('education'), {
      // Observed now: the journal lists the newest first, and other files' signals share it.
      input: signalInput(childId, { description: 'Описание, которого в журнале нет', observedAt: new Date().toISOString() }),
    });
    const signalId = reported.data!.education.reportSignal.id;
    const waiting = await waitFor(
      'the signal in the journal',
      () => entriesOf('secretary.vlk', signalId),
      (s) => s.length === 1,
      20_000,
    );
    expect(waiting[0]).toMatchObject({ agency: 'EDUCATION', childId, caseId: null, reporterOrganisation: 'МБОУ СОШ № 1', indicatorCodes: ['EDUCATION-L1-01'] });
    expect(JSON.stringify(waiting)).not.toContain('Описание');
    // Another territory's commission does not see it; an agency worker may not read the journal.
    expect(await entriesOf('secretary.yol', signalId)).toEqual([]);
    expect((await incoming('education.vlk')).errors![0].extensions).toMatchObject({ code: 'FORBIDDEN' });

    const input = {
      childId,
      urgency: 'ROUTINE',
      receivedOn: flow.today,
      sourceKind: 'EDUCATION',
      summary: 'Пропуски занятий',
      indicatorCodes: ['EDUCATION-L1-01'],
      signals: [{ agency: 'EDUCATION', signalId }],
    };
    const kase = await flow.as<{ registerSignalInJournal: { id: string; number: string } }>('secretary.vlk', JOURNAL, { i: input });
    expect(kase.errors).toBeUndefined();
    expect(await entriesOf('secretary.vlk', signalId)).toEqual([]);
    const all = await entriesOf('secretary.vlk', signalId, false);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ caseId: kase.data!.registerSignalInJournal.id, caseNumber: kase.data!.registerSignalInJournal.number });

    // A signal goes to one case only, and only for its own child; unknown ones are named. No case of either child is stored.
    const otherChild = await flow.person();
    const cases = async () => (await admin.query(`SELECT count(*)::int AS n FROM bank.kdn_case WHERE child_id = ANY($1::uuid[])`, [[childId, otherChild]])).rows[0].n as number;
    const before = await cases();
    expect(before).toBe(1);
    const again = await flow.as('secretary.vlk', JOURNAL, { i: input });
    expect(again.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.signals[0]', rule: 'signal.once' });
    const wrong = await flow.as('secretary.vlk', JOURNAL, { i: { ...input, childId: otherChild } });
    expect(wrong.errors![0].extensions).toMatchObject({ field: 'input.signals[0]', rule: 'signal.sameChild' });
    const unknown = await flow.as('secretary.vlk', JOURNAL, { i: { ...input, signals: [{ agency: 'POLICE', signalId: randomUUID() }] } });
    expect(unknown.errors![0].extensions).toMatchObject({ field: 'input.signals[0]', rule: 'signal.known' });
    expect(await cases()).toBe(before);
  });

  it('when a family is recognised in the SOP, then the operator sees its account card in the register of the territory; another territory’s commission may not read it', async () => {
    const family = await flow.family();
    await flow.recogniseSop(family.childId, '31/4');
    const card = (await cardOf('operator.vlk', '05701000', family.familyId))!;
    expect(card).toBeDefined();
    expect(card.register).toEqual([expect.objectContaining({ removedOn: null, basis: `Постановление КДН № 31/4 от ${flow.today}` })]);
    expect(card.members).toHaveLength(2);
    const foreign = await flow.as('secretary.yol', REGISTER, { m: '05701000' }, { 'x-hub-purpose': 'DATA_BANK' });
    expect(foreign.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'register:read' });
  });
});
