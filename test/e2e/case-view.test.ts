import { CASE_VIEW, recordMeasure, REGISTER_PERSON, reportSignal } from '../support/operations';
import { measureInput, personInput, signalInput } from '../support/factories';
import { startTestHub, TestHub } from '../support/test-hub';

describe('the unified case view through the gateway', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.stop());

  it('when a school registers a child, reports a signal and records a measure, then the KDN secretary sees all of it in one query', async () => {
    const school = await t.systemToken('education');
    const registered = await t.gql<{ registerPerson: { outcome: string; person: { id: string } } }>(school, REGISTER_PERSON, { input: personInput() });
    expect(registered.errors).toBeUndefined();
    expect(registered.data!.registerPerson.outcome).toBe('CREATED');
    const childId = registered.data!.registerPerson.person.id;

    const signal = await t.gql(school, reportSignal('education'), { input: signalInput(childId) });
    expect(signal.errors).toBeUndefined();
    const measure = await t.gql(school, recordMeasure('education'), { input: measureInput(childId) });
    expect(measure.errors).toBeUndefined();

    const secretary = await t.userToken('secretary.vlk');
    const view = await t.gql<{ child: Record<string, any> }>(secretary, CASE_VIEW, { id: childId });
    expect(view.errors).toBeUndefined();
    expect(view.data!.child.id).toBe(childId);
    expect(view.data!.child.education.signals).toHaveLength(1);
    expect(view.data!.child.education.signals[0].indicators).toEqual([{ code: 'EDUCATION-L1-01' }]);
    expect(view.data!.child.education.measures).toHaveLength(1);
    expect(view.data!.child.bankStanding).toEqual({ inRegister: false, entries: [] });
  });
});
