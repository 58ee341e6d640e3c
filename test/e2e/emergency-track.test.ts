import { personInput, signalInput } from '../support/factories';
import { REGISTER_PERSON, reportSignal } from '../support/operations';
import type { HubClient } from '../support/hub-client';
import { sharedTestHub } from '../support/shared-hub';

const RECORD = `mutation($i: RecordRemovalActInput!) { guardianship { recordRemovalAct(input: $i) { id } } }`;
const MARK = `mutation($i: MarkEmergencyStepDoneInput!) { guardianship { markEmergencyStepDone(input: $i) { id } } }`;
const TRACK = `query($id: ID!) { child(id: $id) { guardianship { removals { id emergencyTrack { step dueOn doneOn documentRef rule status } } } } }`;

type Item = { step: string; dueOn: string; doneOn: string | null; documentRef: string | null; rule: string; status: string };

// Removed on Friday 20 November 2026: the register and the KDN are due in 3 working days (25 Nov), the claim in 7 days (27 Nov).
const REMOVED_ON = '2026-11-20';

describe('the emergency track of a removal act (Mari El 7.1), marked step by step', () => {
  let t: HubClient;
  let guardianship: string;
  const act = (childId: string, key: string, placementKind: string) => ({
    idempotencyKey: key,
    childId,
    actNumber: `О-${key}`,
    removedOn: REMOVED_ON,
    signedBy: 'Глава городского округа',
    placementKind,
    placementDescription: 'Место передачи по акту',
  });
  const newChild = async () => {
    const school = await t.systemToken('education');
    const id = (await t.gql<{ registerPerson: { person: { id: string } } }>(school, REGISTER_PERSON, { input: personInput() })).data!.registerPerson.person.id;
    await t.gql(school, reportSignal('education'), { input: signalInput(id) });
    return id;
  };
  const record = async (childId: string, key: string, placementKind: string) => {
    const result = await t.gql<{ guardianship: { recordRemovalAct: { id: string } } }>(guardianship, RECORD, { i: act(childId, key, placementKind) });
    expect(result.errors).toBeUndefined();
    return result.data!.guardianship.recordRemovalAct.id;
  };
  const track = async (childId: string): Promise<Item[]> => {
    const view = await t.gql<{ child: { guardianship: { removals: Array<{ emergencyTrack: Item[] }> } } }>(await t.userToken('chair.vlk'), TRACK, { id: childId });
    expect(view.errors).toBeUndefined();
    return view.data!.child.guardianship.removals[0].emergencyTrack;
  };
  const mark = (removalActId: string, step: string, doneOn: string, documentRef = 'Письмо № 12') => t.gql(guardianship, MARK, { i: { removalActId, step, doneOn, documentRef } });

  beforeAll(async () => {
    t = await sharedTestHub();
    guardianship = await t.systemToken('guardianship');
  });
  afterAll(async () => {
    await t.stop();
  });

  it('when the child was handed to the other parent, then the track shows no register step and marking it is refused with the rule', async () => {
    const childId = await newChild();
    const id = await record(childId, 'emergency-other-parent', 'OTHER_PARENT');
    expect((await track(childId)).map((i) => i.step)).toEqual(['PROSECUTOR_NOTIFIED', 'COURT_CLAIM', 'KDN_REPORT']);
    const refused = await mark(id, 'REGISTER_ENTRY', '2026-11-23');
    expect(refused.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.step', rule: 'emergencyStep.notApplicable' });
    expect(refused.errors![0].message).toContain('7.1 5)');
  });

  it('when the child was placed in an institution, then every step shows, goes overdue, and stops being overdue once marked with its date and document', async () => {
    const childId = await newChild();
    const id = await record(childId, 'emergency-institution', 'INSTITUTION');
    expect((await track(childId)).map((i) => [i.step, i.dueOn, i.status])).toEqual([
      ['PROSECUTOR_NOTIFIED', '2026-11-20', 'OVERDUE'],
      ['REGISTER_ENTRY', '2026-11-25', 'OVERDUE'],
      ['COURT_CLAIM', '2026-11-27', 'OVERDUE'],
      ['KDN_REPORT', '2026-11-25', 'OVERDUE'],
    ]);
    const marks: Array<[string, string, string]> = [
      ['PROSECUTOR_NOTIFIED', '2026-11-20', 'Уведомление прокурору № 1'],
      ['REGISTER_ENTRY', '2026-11-24', 'Журнал первичного учета, запись № 7'],
      ['COURT_CLAIM', '2026-11-26', 'Иск от 26.11.2026'],
      ['KDN_REPORT', '2026-11-25', 'Письмо в КДНиЗП № 45'],
    ];
    for (const [step, doneOn, doc] of marks) expect((await mark(id, step, doneOn, doc)).errors).toBeUndefined();
    expect((await track(childId)).map((i) => [i.step, i.status, i.doneOn, i.documentRef])).toEqual(marks.map(([step, doneOn, doc]) => [step, 'DONE', doneOn, doc]));
    // The same mark again is a replay; another date is refused rather than rewriting history.
    expect((await mark(id, 'COURT_CLAIM', '2026-11-26', 'Иск от 26.11.2026')).errors).toBeUndefined();
    expect((await mark(id, 'COURT_CLAIM', '2026-11-27', 'Иск от 26.11.2026')).errors![0].extensions).toMatchObject({ rule: 'emergencyStep.alreadyMarked' });
  });

  it('when the date is before the act, in the future, or the step is unknown, then a field error names it and nothing is stored', async () => {
    const childId = await newChild();
    const id = await record(childId, 'emergency-dates', 'RELATIVES');
    expect((await mark(id, 'KDN_REPORT', '2026-11-19')).errors![0].extensions).toMatchObject({ field: 'input.doneOn', rule: 'date.range' });
    expect((await mark(id, 'KDN_REPORT', '2099-01-01')).errors![0].extensions).toMatchObject({ field: 'input.doneOn', rule: 'date.notInFuture' });
    expect((await mark(id, 'POLICE_REPORT', '2026-11-23')).errors![0].extensions).toMatchObject({ field: 'input.step', rule: 'emergencyStep.unknown' });
    expect((await mark(id, 'KDN_REPORT', '2026-11-23', '')).errors![0].extensions).toMatchObject({ field: 'input.documentRef' });
    const kdn = (await track(childId)).find((i) => i.step === 'KDN_REPORT')!;
    expect(kdn).toMatchObject({ status: 'OVERDUE', doneOn: null, documentRef: null, rule: 'Марий Эл, п. 7.1 8)' });
  });
});
