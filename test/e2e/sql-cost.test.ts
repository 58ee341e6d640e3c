import { randomUUID } from 'node:crypto';
import { SubgraphName } from '../../subgraphs/common/config';
import { personInput } from '../support/factories';
import { AGENCY_SECTIONS, REGISTER_PERSON } from '../support/operations';
import { startTestHub, TestHub } from '../support/test-hub';

const VIEW = /* GraphQL */ `
  query CaseView($id: ID!) {
    child(id: $id) {
      id fullName families { id members { role person { fullName } } } bankStanding { inRegister }
      ${AGENCY_SECTIONS}
    }
  }
`;

const LIST = /* GraphQL */ `
  query Children($first: Int!) {
    children(first: $first) { id fullName families { id } bankStanding { inRegister } ${AGENCY_SECTIONS} }
  }
`;

describe('SQL statements per request do not grow with the data (DataLoader batching)', () => {
  let t: TestHub;
  let token: string;
  const register = async () => {
    const school = await t.systemToken('education');
    const r = await t.gql<{ registerPerson: { person: { id: string } } }>(school, REGISTER_PERSON, { input: personInput({ snils: null, firstName: `Ребёнок${randomUUID().slice(0, 8)}` }) });
    return r.data!.registerPerson.person.id;
  };
  /** Arranges many rows at once straight in the education schema: the point here is reading them. */
  const addRecords = async (childId: string, count: number) => {
    const ds = t.hub.subgraphs.education.dataSource;
    await ds.query(
      `INSERT INTO signal (child_id, observed_at, reporter_name, reporter_organisation, source_kind, indicator_codes, urgency, status, description, client_id, created_by, idempotency_key, request_hash)
       SELECT $1::uuid, now() - (n || ' days')::interval, 'Петрова М. С.', 'МБОУ СОШ № 1', 'EDUCATION', '{EDUCATION-L1-01}', 'ROUTINE', 'REPORTED', 'Пропуски', 'education-system', 'test', $1::text || '-s-' || n, 'x'
       FROM generate_series(1, $2) n`,
      [childId, count],
    );
    await ds.query(
      `INSERT INTO measure (child_id, title, kind, due_date, executor_name, executor_organisation, status, client_id, created_by, idempotency_key, request_hash)
       SELECT $1::uuid, 'Беседа', 'PREVENTIVE_TALK', date '2026-12-01' + n, 'Петрова М. С.', 'МБОУ СОШ № 1', 'PLANNED', 'education-system', 'test', $1::text || '-m-' || n, 'x'
       FROM generate_series(1, $2) n`,
      [childId, count],
    );
  };
  const statementsPerSubgraph = async (query: string, variables: Record<string, unknown>) => {
    const names = Object.keys(t.hub.subgraphs) as SubgraphName[];
    const before = names.map((n) => t.hub.subgraphs[n].queries.total);
    const result = await t.gql(token, query, variables);
    expect(result.errors).toBeUndefined();
    const { audit, ...reads } = Object.fromEntries(names.map((n, i) => [n, t.hub.subgraphs[n].queries.total - before[i]]));
    // The access log's calls are the process's group commits of the six services' entries (one to six),
    // however they happened to meet: counted, bounded, but not compared between two requests.
    expect(audit).toBeGreaterThanOrEqual(1);
    expect(audit).toBeLessThanOrEqual(6);
    return reads;
  };

  beforeAll(async () => {
    // Statements are counted, not time: a list of 100 children on a loaded machine must not turn this into a timeout test.
    t = await startTestHub({ subgraphTimeoutMs: 20_000 });
    token = await t.userToken('secretary.vlk');
  });
  afterAll(() => t.stop());

  it('when the case view of a child with 1 signal and of one with 200 signals and 200 measures are read, then each subgraph runs the same number of statements', async () => {
    const small = await register();
    const large = await register();
    await addRecords(small, 1);
    await addRecords(large, 200);

    const smallCost = await statementsPerSubgraph(VIEW, { id: small });
    const largeCost = await statementsPerSubgraph(VIEW, { id: large });

    expect(largeCost).toEqual(smallCost);
    expect(smallCost.education).toBeGreaterThan(0);
  });

  it('when a list of 100 children is read, then no subgraph runs more statements than for a list of 2', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 100; i++) ids.push(await register());
    await Promise.all(ids.slice(0, 10).map((id) => addRecords(id, 3)));

    const two = await statementsPerSubgraph(LIST, { first: 2 });
    const hundred = await statementsPerSubgraph(LIST, { first: 100 });

    expect(hundred).toEqual(two);
  });

  it("when the secretary registers a message about three children and then assigns and concludes a check, then the bank reads each step's children and their decision's facts in one statement, not four per child", async () => {
    const children = [await register(), await register(), await register()];
    const bankStatements = async (query: string, variables: Record<string, unknown>, as = token) => {
      const before = t.hub.subgraphs.bank.queries.total;
      const result = await t.gql<Record<string, unknown>>(as, query, variables);
      expect(result.errors).toBeUndefined();
      return { data: result.data!, statements: t.hub.subgraphs.bank.queries.total - before };
    };
    const registration = await bankStatements(REGISTER_PERSON, { input: personInput() }, await t.systemToken('education'));
    const message = await bankStatements(`mutation($i: RegisterMessageInput!) { registerMessageInJournal(input: $i) { children { caseId } } }`, {
      i: { urgency: 'ROUTINE', receivedOn: '2026-11-02', sourceKind: 'ANONYMOUS', summary: 'Сообщение о детях', children: children.map((childId) => ({ childId, signals: [] })) },
    });
    const caseId = (message.data.registerMessageInJournal as { children: Array<{ caseId: string }> }).children[0].caseId;
    const check = await bankStatements(`mutation($id: ID!) { assignCheck(caseId: $id, agencies: [SOCIAL]) { id } }`, { id: caseId });
    const conclusion = await bankStatements(
      `mutation($id: ID!, $i: ConclusionInput!) { recordConclusion(caseId: $id, input: $i) { id } }`,
      { id: caseId, i: { kind: 'FAVOURABLE', dangerLevel: 'LOW', violationFound: false, childSafeNow: true, notes: 'Информация не подтвердилась' } },
      await t.userToken('social.vlk'),
    );
    // Before: person, participations, consents and emergency accesses read apart, for each child (38, 15
    // and 11 statements). Now one read of them all, then the transaction: its writes, the write entry, commit.
    // A message's number is drawn in its INSERT, and a case it opens is linked to it in the statement
    // that writes the message's line (27 before); a registration takes its locks with its request's in one statement (13);
    // a step writes the columns it changed without reading the case again (12 and 8).
    expect({ registration: registration.statements, message: message.statements, check: check.statements, conclusion: conclusion.statements }).toEqual({
      registration: Math.min(registration.statements, 11),
      message: Math.min(message.statements, 23),
      check: Math.min(check.statements, 11),
      conclusion: Math.min(conclusion.statements, 7),
    });
  });
});
