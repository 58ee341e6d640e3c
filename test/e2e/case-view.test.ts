import { CASE_VIEW, recordMeasure, REGISTER_PERSON, reportSignal } from '../support/operations';
import { factsMutation, measureInput, personInput, signalInput } from '../support/factories';
import type { HubClient } from '../support/hub-client';
import { sharedTestHub } from '../support/shared-hub';

describe('the unified case view through the gateway', () => {
  let t: HubClient;
  beforeAll(async () => {
    t = await sharedTestHub();
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

  it("when all five agencies report about one child, then one query returns identity, family and every agency's records and facts", async () => {
    const school = await t.systemToken('education');
    const registered = await t.gql<{ registerPerson: { person: { id: string } } }>(school, REGISTER_PERSON, { input: personInput({ firstName: 'Ева' }) });
    const childId = registered.data!.registerPerson.person.id;
    for (const agency of ['education', 'health', 'police', 'social', 'guardianship'] as const) {
      const token = await t.systemToken(agency);
      const facts = factsMutation(agency, childId);
      for (const result of [
        await t.gql(token, reportSignal(agency), { input: signalInput(childId, { sourceKind: agency.toUpperCase() }) }),
        await t.gql(token, recordMeasure(agency), { input: measureInput(childId) }),
        await t.gql(token, facts.query, { input: facts.input }),
      ]) {
        expect(result.errors).toBeUndefined();
      }
    }

    const view = await t.gql<{ child: Record<string, any> }>(await t.userToken('chair.vlk'), CASE_VIEW, { id: childId });

    expect(view.errors).toBeUndefined();
    const child = view.data!.child;
    for (const agency of ['education', 'health', 'police', 'social', 'guardianship']) {
      expect(child[agency].signals).toEqual([expect.objectContaining({ agency: agency.toUpperCase() })]);
      expect(child[agency].measures).toHaveLength(1);
    }
    expect(child.education.schoolStatus).toMatchObject({ className: '6Б', unexcusedAbsences: 42, internalRegister: true });
    expect(child.health.status).toMatchObject({ clinicName: 'Детская поликлиника № 3', healthGroup: 'II', careConcerns: ['MISSED_CHECKUPS'] });
    expect(child.police).toMatchObject({ onJuvenileRegister: true, registrations: [{ unit: 'ПДН ОП № 1', registeredOn: '2026-09-01' }] });
    expect(child.social.patronages).toEqual([{ kind: 'PERIODIC' }]);
    expect(child.guardianship.inspections).toEqual([{ actNumber: 'А-17' }]);
  });
});
