import { seedDemoCases } from '../../scripts/seed/seed-cases';
import { personInput } from '../support/factories';
import { REGISTER_PERSON } from '../support/operations';
import { startTestHub, TestHub } from '../support/test-hub';

describe('demo cases for npm start', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
    const secretary = { vlk: await t.userToken('secretary.vlk'), yol: await t.userToken('secretary.yol') };
    for (const [key, municipality] of [
      ['vlk', '05701000'],
      ['yol', '88701000'],
    ] as const) {
      for (let i = 0; i < 6; i++) await t.gql(secretary[key], REGISTER_PERSON, { input: personInput({ municipality, birthDate: '2014-01-0' + (i + 1) }) });
    }
  });
  afterAll(() => t.stop());

  it('when the demo cases are seeded, then both municipalities have a case in every state of the workflow, moved there by the real steps', async () => {
    expect(await seedDemoCases(t.hub.subgraphs.bank.dataSource, 1)).toBe(12);
    const rows = await t.hub.subgraphs.bank.dataSource.query(`SELECT municipality, state, count(*)::int AS n FROM kdn_case GROUP BY 1, 2 ORDER BY 1, 2`);
    for (const municipality of ['05701000', '88701000']) {
      expect(
        rows
          .filter((r: { municipality: string }) => r.municipality === municipality)
          .map((r: { state: string }) => r.state)
          .sort(),
      ).toEqual(['CHECKING', 'CLOSED', 'CONCLUDED', 'IN_WORK', 'PROGRAMME_APPROVED', 'REGISTERED']);
    }
    const [{ n }] = await t.hub.subgraphs.bank.dataSource.query(`SELECT count(*)::int AS n FROM case_event`);
    expect(n).toBeGreaterThan(12);
  });
});
