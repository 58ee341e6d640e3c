import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { buildGateway } from '../../gateway/server';
import { createTokenVerifier } from '../../auth/verify/token-verifier';
import { DEFAULT_ALLOWED_CLIENTS } from '../../subgraphs/common/config';
import { RunningService } from '../../subgraphs/common/server/create-subgraph-server';
import { factsMutation, measureInput, personInput, signalInput } from '../support/factories';
import { CASE_VIEW, recordMeasure, REGISTER_PERSON, reportSignal } from '../support/operations';
import { startTestHub, TestHub } from '../support/test-hub';

const AGENCIES = ['education', 'health', 'police', 'social', 'guardianship'] as const;

/**
 * `npm start` runs the subgraphs in the gateway's process and the gateway calls them without
 * HTTP, the request and the answer as values. The subgraph must not be able to tell: the same
 * answer as over HTTP, and the same rules for what arrives (its own token check, token count),
 * since it trusts nobody.
 */
describe('the gateway calls the subgraphs of its own process without HTTP', () => {
  let t: TestHub;
  let overHttp: RunningService;
  let childId: string;

  beforeAll(async () => {
    t = await startTestHub({ sync: false });
    // A second gateway over the same subgraphs, through their HTTP servers (docker-compose's topology).
    overHttp = await buildGateway(
      {
        host: '127.0.0.1',
        port: 0,
        supergraphPath: 'schema/supergraph.graphql',
        subgraphUrls: Object.fromEntries(Object.values(t.hub.subgraphs).map((s) => [s.name, s.url])),
        subgraphTimeoutMs: 5000,
        auth: { issuer: t.idp.issuer, audience: 'hub-api', allowedClients: DEFAULT_ALLOWED_CLIENTS },
        production: false,
        enforceSafelist: false,
        registryUrl: null,
      },
      createTokenVerifier({ issuer: t.idp.issuer, audience: 'hub-api', allowedClients: DEFAULT_ALLOWED_CLIENTS }),
    ).start();
    const school = await t.systemToken('education');
    childId = (await t.gql<{ registerPerson: { person: { id: string } } }>(school, REGISTER_PERSON, { input: personInput() })).data!.registerPerson.person.id;
    for (const agency of AGENCIES) {
      const token = await t.systemToken(agency);
      const facts = factsMutation(agency, childId);
      expect((await t.gql(token, reportSignal(agency), { input: signalInput(childId, { sourceKind: agency.toUpperCase() }) })).errors).toBeUndefined();
      expect((await t.gql(token, recordMeasure(agency), { input: measureInput(childId) })).errors).toBeUndefined();
      expect((await t.gql(token, facts.query, { input: facts.input })).errors).toBeUndefined();
    }
  });
  afterAll(async () => {
    await overHttp?.stop();
    await t.stop();
  });

  /** The gateway's count of its subgraph calls, by transport. */
  const calls = async (gatewayUrl: string) => {
    const text = await (await fetch(new URL('/metrics', gatewayUrl))).text();
    const total = (transport: string) =>
      [...text.matchAll(new RegExp(`^hub_gateway_subgraph_calls_total\\{[^}]*transport="${transport}"[^}]*\\} (\\d+)`, 'gm'))].reduce((sum, m) => sum + Number(m[1]), 0);
    return { inProcess: total('in-process'), http: total('http') };
  };

  it('when the secretary opens the case view, then the answer equals the one a gateway gets over HTTP from the same subgraphs, and no call of it went over HTTP', async () => {
    const secretary = await t.userToken('secretary.vlk');
    const [hubBefore, httpBefore] = [await calls(t.hub.gatewayUrl), await calls(overHttp.url)];

    const inProcess = await t.gql<{ child: Record<string, any> }>(secretary, CASE_VIEW, { id: childId });
    const viaHttp = await t.gql<{ child: Record<string, any> }>(secretary, CASE_VIEW, { id: childId }, overHttp.url);

    expect(inProcess.errors).toBeUndefined();
    for (const agency of AGENCIES) expect(inProcess.data!.child[agency].signals).toHaveLength(1);
    expect(inProcess).toEqual(viaHttp);
    const [hubAfter, httpAfter] = [await calls(t.hub.gatewayUrl), await calls(overHttp.url)];
    // The bank, then the five agencies: six calls a view.
    expect({ inProcess: hubAfter.inProcess - hubBefore.inProcess, http: hubAfter.http - hubBefore.http }).toEqual({ inProcess: 6, http: 0 });
    expect({ inProcess: httpAfter.inProcess - httpBefore.inProcess, http: httpAfter.http - httpBefore.http }).toEqual({ inProcess: 0, http: 6 });
  });

  it("when the secretary opens the case view, then each service's entry is in the log, appended by the audit service's writer of the process, not by the services' own roles", async () => {
    const secretary = await t.userToken('secretary.vlk');
    const requestId = `shared-writer-${randomUUID()}`;
    const services = ['bank', ...AGENCIES] as const;
    const before = services.map((name) => t.hub.subgraphs[name].queries.total);
    const auditBefore = t.hub.subgraphs.audit.queries.total;

    const answer = await t.gql(secretary, CASE_VIEW, { id: childId }, undefined, { 'x-request-id': requestId });

    expect(answer.errors).toBeUndefined();
    // Each service read once and appended nothing itself; the writer's calls are its group commits.
    expect(services.map((name, i) => t.hub.subgraphs[name].queries.total - before[i])).toEqual(services.map(() => 1));
    const appends = t.hub.subgraphs.audit.queries.total - auditBefore;
    expect(appends).toBeGreaterThanOrEqual(1);
    expect(appends).toBeLessThanOrEqual(6);
    const logged: Array<{ service: string }> = await t.hub.audit.dataSource.query(`SELECT body->>'service' AS service FROM audit.entry WHERE body->>'requestId' = $1`, [requestId]);
    expect(logged.map((e) => e.service).sort()).toEqual([...services].sort());
  });

  it('when a caller whose token opens only some sections views the child, then the refusals in process read as over HTTP, word for word', async () => {
    const school = await t.systemToken('education');
    const id = { 'x-request-id': `refusals-${randomUUID()}` };

    const inProcess = await t.gql<{ child: Record<string, unknown> | null }>(school, CASE_VIEW, { id: childId }, undefined, id);
    const viaHttp = await t.gql<{ child: Record<string, unknown> | null }>(school, CASE_VIEW, { id: childId }, overHttp.url, id);

    expect(inProcess.errors?.length).toBeGreaterThan(0);
    expect(inProcess).toEqual(viaHttp);
  });

  it('when an operation arrives in process without a token, or of too many tokens, then the subgraph refuses it itself, as its HTTP endpoint does', async () => {
    const overItsHttp = async (body: object) => {
      const response = await fetch(t.hub.subgraphs.health.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: response.status, result: await response.json() };
    };
    const inProcess = async (operation: { query: string }) => {
      const answer = await t.hub.subgraphs.health.operation!({ headers: { 'content-type': 'application/json' }, operation });
      return { status: answer.status, result: JSON.parse(JSON.stringify(answer.result)) };
    };
    const noToken = { query: '{ _service { sdl } }' };
    const tooLong = { query: `{ ${'__typename '.repeat(6000)}}` };

    const answers = [await inProcess(noToken), await inProcess(tooLong)];

    expect(answers).toEqual([await overItsHttp(noToken), await overItsHttp(tooLong)]);
    expect(answers.map((a) => [a.status, a.result.errors[0].extensions.code])).toEqual([
      [401, 'UNAUTHENTICATED'],
      [400, 'BAD_USER_INPUT'],
    ]);
  });

  it("when the process's writer cannot append to the access log, then nothing of the child leaves and the error says why", async () => {
    const admin = new Client({ connectionString: t.adminUrl });
    await admin.connect();
    try {
      await admin.query('REVOKE EXECUTE ON FUNCTION audit.append(text[]) FROM hub_audit');

      const answer = await t.gql<{ child: unknown }>(await t.userToken('secretary.vlk'), CASE_VIEW, { id: childId });

      expect(answer.data?.child ?? null).toBeNull();
      expect(answer.errors!.map((e: { extensions?: { code?: string } }) => e.extensions?.code)).toContain('AUDIT_UNAVAILABLE');
    } finally {
      await admin.query('GRANT EXECUTE ON FUNCTION audit.append(text[]) TO hub_audit');
      await admin.end();
    }
  });
});
