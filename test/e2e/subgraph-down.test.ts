import { buildGateway } from '../../gateway/server';
import { DEFAULT_SUPERGRAPH_PATH } from '../../gateway/gateway.config';
import { createTokenVerifier } from '../../auth/verify/token-verifier';
import { DEFAULT_ALLOWED_CLIENTS } from '../../subgraphs/common/config';
import { REGISTER_PERSON, reportSignal } from '../support/operations';
import { personInput, signalInput } from '../support/factories';
import { startTestHub, TestHub } from '../support/test-hub';

const VIEW = /* GraphQL */ `
  query CaseView($id: ID!) {
    child(id: $id) {
      id
      fullName
      bankStanding {
        inRegister
      }
      education {
        signals {
          id
        }
      }
    }
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

  it("then the case view still returns the other subgraphs' data and an error that names the missing agency", async () => {
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

  it('then the gateway stays ready, names the agency it cannot reach, and a gateway started now starts', async () => {
    const base = t.hub.gatewayUrl.replace(/\/graphql$/, '');
    const health = await fetch(`${base}/health/ready`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'degraded', service: 'gateway', unreachableSubgraphs: ['education'] });

    // A second gateway over the same subgraphs, one of them down: it starts and answers.
    const urls = Object.fromEntries(Object.entries(t.hub.subgraphs).map(([name, s]) => [name, s.url]));
    const auth = { issuer: t.idp.issuer, audience: 'hub-api', allowedClients: DEFAULT_ALLOWED_CLIENTS };
    const second = await buildGateway(
      {
        host: '127.0.0.1',
        port: 0,
        supergraphPath: DEFAULT_SUPERGRAPH_PATH,
        subgraphUrls: urls,
        subgraphTimeoutMs: 5000,
        auth,
        production: false,
        enforceSafelist: false,
        registryUrl: new URL('/registry', t.hub.subgraphs.bank.url).toString(),
      },
      createTokenVerifier(auth),
    ).start();
    try {
      const secondHealth = await fetch(second.url.replace(/\/graphql$/, '/health/ready'));
      expect(await secondHealth.json()).toMatchObject({ status: 'degraded', unreachableSubgraphs: ['education'] });
      const secretary = await t.userToken('secretary.vlk');
      const view = await t.gql<{ child: { id: string } }>(secretary, VIEW, { id: childId }, second.url);
      expect(view.data!.child.id).toBe(childId);
    } finally {
      await second.stop();
    }
  });

  it('then, with the bank down as well, the gateway is not ready and says why', async () => {
    await t.hub.stopSubgraph('bank');
    const health = await fetch(t.hub.gatewayUrl.replace(/\/graphql$/, '/health/ready'));
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ status: 'not-ready', service: 'gateway', failing: ['bank'], unreachableSubgraphs: expect.arrayContaining(['bank', 'education']) });
  });
});
