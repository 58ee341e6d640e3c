import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { composeSupergraph } from '../../scripts/compose';
import { HivePlanner, RunningHiveGateway, startHiveGateway } from '../../bench/routers/hive-gateway';
import { factsMutation, measureInput, personInput, signalInput } from '../support/factories';
import { recordMeasure, REGISTER_FAMILY, REGISTER_PERSON, reportSignal } from '../support/operations';
import { startTestHub, TestHub } from '../support/test-hub';

const CASE_VIEW = readFileSync(path.join(__dirname, '../../gateway/safelist/operations/kdn-portal/case-view.graphql'), 'utf8');
const AGENCIES = ['education', 'health', 'police', 'social', 'guardianship'] as const;

/** The family's records from each agency: the value types that Hive Gateway once refused as "multiple canonical". */
const FAMILY_RECORDS = /* GraphQL */ `
  query FamilyRecords($id: ID!) {
    child(id: $id) {
      families {
        id
        ${AGENCIES.map((a) => `${a} { __typename agency signals { agency description } measures { agency title } }`).join('\n        ')}
      }
    }
  }
`;

describe('any Federation 2 router: Hive Gateway serves the composed supergraph', () => {
  let t: TestHub;
  let supergraphSdl: string;
  let childId: string;
  let token: string;
  const hives: RunningHiveGateway[] = [];

  beforeAll(async () => {
    // Composed from the code now, not the committed file: the test fails if a subgraph change breaks Hive.
    supergraphSdl = await composeSupergraph();
    t = await startTestHub();
    const secretary = await t.userToken('secretary.vlk');
    const register = async (overrides: Record<string, unknown>) =>
      (await t.gql<{ registerPerson: { person: { id: string } } }>(secretary, REGISTER_PERSON, { input: personInput(overrides) })).data!.registerPerson.person.id;
    childId = await register({});
    const motherId = await register({ firstName: 'Мать', birthDate: '1987-03-03' });
    const family = await t.gql<{ registerFamily: { id: string } }>(secretary, REGISTER_FAMILY, {
      input: {
        idempotencyKey: `family-${randomUUID()}`,
        municipality: '05701000',
        categories: [],
        members: [
          { personId: motherId, role: 'MOTHER' },
          { personId: childId, role: 'CHILD' },
        ],
      },
    });
    expect(family.errors).toBeUndefined();
    const familyId = family.data!.registerFamily.id;
    for (const agency of AGENCIES) {
      const system = await t.systemToken(agency);
      const facts = factsMutation(agency, childId);
      for (const result of [
        await t.gql(system, reportSignal(agency), { input: signalInput(childId, { sourceKind: agency.toUpperCase(), familyId }) }),
        await t.gql(system, recordMeasure(agency), { input: measureInput(childId, { familyId }) }),
        await t.gql(system, facts.query, { input: facts.input }),
      ]) {
        expect(result.errors).toBeUndefined();
      }
    }
    token = await t.userToken('chair.vlk');
  });
  afterAll(async () => {
    for (const hive of hives) await hive.stop();
    await t?.stop();
  });

  /** One operation of a document by name, with the caller's token and purpose, as the portal sends it. */
  const post = async (url: string, query: string, operationName: string) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-hub-purpose': 'INDIVIDUAL_PREVENTION' },
      body: JSON.stringify({ query, operationName, variables: { id: childId } }),
    });
    const body = (await response.json()) as { data?: { child: Record<string, any> }; errors?: unknown[] };
    return { status: response.status, data: body.data, errors: body.errors };
  };
  const subgraphUrls = () => Object.fromEntries(Object.values(t.hub.subgraphs).map((s) => [s.name, s.url]));

  it('when the supergraph is composed, then every agency names its own family records type and no value type is returned by @requires fields of several subgraphs', () => {
    for (const agency of AGENCIES) {
      const type = `${agency[0].toUpperCase()}${agency.slice(1)}FamilyRecords`;
      expect(supergraphSdl).toMatch(new RegExp(`\\n  ${agency}: ${type} @join__field\\(graph: ${agency.toUpperCase()}, requires: "accessGrant"\\)`));
    }
    const requiresTypes = [...supergraphSdl.matchAll(/: \[?(\w+)!?\]?!? @join__field\(graph: (\w+), requires:/g)].map((m) => ({ type: m[1], graph: m[2] }));
    expect(requiresTypes.length).toBeGreaterThanOrEqual(10);
    const graphsByType = new Map<string, Set<string>>();
    for (const { type, graph } of requiresTypes) graphsByType.set(type, (graphsByType.get(type) ?? new Set()).add(graph));
    expect([...graphsByType].filter(([, graphs]) => graphs.size > 1).map(([type]) => type)).toEqual([]);
  });

  it.each<[HivePlanner]>([['js'], ['rust']])(
    "when Hive Gateway with the %s planner serves the supergraph, then the case view and the family records equal our gateway's, section for section",
    async (planner) => {
      const hive = await startHiveGateway({ supergraphSdl, subgraphUrls: subgraphUrls(), planner });
      hives.push(hive);

      for (const [query, name] of [
        [CASE_VIEW, 'CaseView'],
        [FAMILY_RECORDS, 'FamilyRecords'],
      ] as const) {
        const ours = await post(t.hub.gatewayUrl, query, name);
        const theirs = await post(hive.url, query, name);
        expect({ status: ours.status, errors: ours.errors }).toEqual({ status: 200, errors: undefined });
        expect({ status: theirs.status, errors: theirs.errors }).toEqual({ status: 200, errors: undefined });
        expect(theirs.data).toEqual(ours.data);
      }
    },
    180000,
  );

  it('when both planners answer, then the sections are really there (the comparison is not of two empty answers)', async () => {
    const ours = await post(t.hub.gatewayUrl, FAMILY_RECORDS, 'FamilyRecords');
    expect(ours.errors).toBeUndefined();
    const family = ours.data!.child.families[0];
    for (const agency of AGENCIES) {
      expect(family[agency].__typename).toBe(`${agency[0].toUpperCase()}${agency.slice(1)}FamilyRecords`);
      expect(family[agency].signals).toEqual([expect.objectContaining({ agency: agency.toUpperCase() })]);
      expect(family[agency].measures).toHaveLength(1);
    }
  });
});
