import { REGISTER_PERSON, reportSignal } from '../support/operations';
import { personInput, signalInput } from '../support/factories';
import { startTestHub, TestHub } from '../support/test-hub';

const VIEW = /* GraphQL */ `
  query CaseView($id: ID!) {
    child(id: $id) { id fullName bankStanding { inRegister } education { signals { id } } }
  }
`;

describe('when one agency subgraph is down', () => {
  let t: TestHub;
  let childId: string;
  beforeAll(async () => {
    t = await startTestHub();
    const school = await t.systemToken('education');
    const r = await t.gql<{ registerPerson: { person: { id: string } } }>(school, REGISTER_PERSON, { input: personInput() });
    childId = r.data!.registerPerson.person.id;
    await t.gql(school, reportSignal('education'), { input: signalInput(childId) });
  });
  afterAll(() => t.stop());

  it('then the case view still returns the other subgraphs\' data and an error that names the missing agency', async () => {
    const secretary = await t.userToken('secretary.vlk');
    const before = await t.gql<{ child: { education: { signals: unknown[] } } }>(secretary, VIEW, { id: childId });
    expect(before.data!.child.education.signals).toHaveLength(1);

    await t.hub.stopSubgraph('education');
    const after = await t.gql<{ child: Record<string, unknown> }>(secretary, VIEW, { id: childId });

    expect(after.status).toBe(200);
    expect(after.data!.child).toMatchObject({ id: childId, bankStanding: { inRegister: false }, education: null });
    expect(after.errors).toHaveLength(1);
    expect(after.errors![0].extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', service: 'education' });
    expect(after.errors![0].message).toContain('education');
    expect(after.errors![0].message).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
  });
});
