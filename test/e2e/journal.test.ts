import { randomUUID } from 'node:crypto';
import { personInput, signalInput } from '../support/factories';
import { kdnFlow } from '../support/kdn-flow';
import { REGISTER_PERSON, reportSignal } from '../support/operations';
import { waitFor } from '../support/sync-worker';
import { startTestHub, TestHub } from '../support/test-hub';

const INCOMING = `query($w: Boolean!) { incomingSignals(waitingOnly: $w) { agency signalId childId urgency sourceKind indicatorCodes reporterOrganisation caseId caseNumber } }`;
const JOURNAL = `mutation($i: RegisterInJournalInput!) { registerSignalInJournal(input: $i) { id number } }`;
const REGISTER = `query($m: String!) { dataBankRegister(municipality: $m) }`;
type Incoming = { agency: string; signalId: string; childId: string; caseId: string | null; caseNumber: string | null; reporterOrganisation: string | null; indicatorCodes: string[] };

describe('the KDN journal of incoming signals, and the data bank operator’s register', () => {
  let t: TestHub;
  let flow: ReturnType<typeof kdnFlow>;
  const incoming = async (user: string, waitingOnly = true) => flow.as<{ incomingSignals: Incoming[] }>(user, INCOMING, { w: waitingOnly });

  beforeAll(async () => {
    t = await startTestHub();
    flow = kdnFlow(t);
  });
  afterAll(() => t.stop());

  it('when a school reports a signal, then the secretary of the territory sees it waiting (who, how urgent, never the description), registers the case from it, and it leaves the waiting list', async () => {
    const school = await t.systemToken('education');
    const childId = (await t.gql<{ registerPerson: { person: { id: string } } }>(school, REGISTER_PERSON, { input: personInput() })).data!.registerPerson.person.id;
    const reported = await t.gql<{ education: { reportSignal: { id: string } } }>(school, reportSignal('education'), {
      input: signalInput(childId, { description: 'Описание, которого в журнале нет' }),
    });
    const signalId = reported.data!.education.reportSignal.id;
    const waiting = await waitFor(
      'the signal in the journal',
      async () => (await incoming('secretary.vlk')).data!.incomingSignals.filter((s) => s.signalId === signalId),
      (s) => s.length === 1,
      20_000,
    );
    expect(waiting[0]).toMatchObject({ agency: 'EDUCATION', childId, caseId: null, reporterOrganisation: 'МБОУ СОШ № 1', indicatorCodes: ['EDUCATION-L1-01'] });
    expect(JSON.stringify(waiting)).not.toContain('Описание');
    // Another territory's commission does not see it; an agency worker may not read the journal.
    expect((await incoming('secretary.yol')).data!.incomingSignals.some((s) => s.signalId === signalId)).toBe(false);
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
    expect((await incoming('secretary.vlk')).data!.incomingSignals.some((s) => s.signalId === signalId)).toBe(false);
    const all = (await incoming('secretary.vlk', false)).data!.incomingSignals.find((s) => s.signalId === signalId)!;
    expect(all).toMatchObject({ caseId: kase.data!.registerSignalInJournal.id, caseNumber: kase.data!.registerSignalInJournal.number });

    // A signal goes to one case only, and only for its own child; unknown ones are named. Nothing is stored.
    const cases = async () => Number((await t.hub.subgraphs.bank.dataSource.query(`SELECT count(*) AS n FROM kdn_case`))[0].n);
    const before = await cases();
    const again = await flow.as('secretary.vlk', JOURNAL, { i: input });
    expect(again.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.signals[0]', rule: 'signal.once' });
    const otherChild = await flow.person();
    const wrong = await flow.as('secretary.vlk', JOURNAL, { i: { ...input, childId: otherChild } });
    expect(wrong.errors![0].extensions).toMatchObject({ field: 'input.signals[0]', rule: 'signal.sameChild' });
    const unknown = await flow.as('secretary.vlk', JOURNAL, { i: { ...input, signals: [{ agency: 'POLICE', signalId: randomUUID() }] } });
    expect(unknown.errors![0].extensions).toMatchObject({ field: 'input.signals[0]', rule: 'signal.known' });
    expect(await cases()).toBe(before);
  });

  it('when a family is recognised in the SOP, then the operator sees its account card in the register of the territory; another territory’s commission may not read it', async () => {
    const family = await flow.family();
    await flow.recogniseSop(family.childId, '31/4');
    const register = await flow.as<{ dataBankRegister: Array<{ familyId: string; register: Array<{ removedOn: string | null; basis: string }>; members: unknown[] }> }>(
      'operator.vlk',
      REGISTER,
      { m: '05701000' },
      { 'x-hub-purpose': 'DATA_BANK' },
    );
    expect(register.errors).toBeUndefined();
    const card = register.data!.dataBankRegister.find((c) => c.familyId === family.familyId)!;
    expect(card.register).toEqual([expect.objectContaining({ removedOn: null, basis: `Постановление КДН № 31/4 от ${flow.today}` })]);
    expect(card.members).toHaveLength(2);
    const foreign = await flow.as('secretary.yol', REGISTER, { m: '05701000' }, { 'x-hub-purpose': 'DATA_BANK' });
    expect(foreign.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'register:read' });
  });
});
