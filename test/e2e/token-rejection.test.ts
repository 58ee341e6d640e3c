/**
 * The negative token catalogue (test/support/bad-tokens.ts) against a running hub: every forged or
 * misused token is refused with 401 UNAUTHENTICATED and its machine reason by the gateway AND by
 * subgraphs called directly (the bank and one agency, education), while a genuine token sending
 * the same query is answered. The gateway is a router, not a trust boundary, so each subgraph
 * must hold on its own.
 *
 * Key rotation and an unreachable JWKS depend on how long the verifier trusts a fetched key set
 * (60 s by default, with a 30 s cooldown between refetches for unknown kids). They run on a second
 * hub, over the same database, with its own IdP and `jwksCacheMaxAgeMs: 1000`, so that the test
 * waits about a second instead of a minute and the reason it asserts does not depend on timing.
 */
import { decodeProtectedHeader } from 'jose';
import { startEmbeddedIdp, type EmbeddedIdp } from '../../auth/idp/embedded-idp';
import type { RejectionReason } from '../../auth/verify/token-verifier';
import { startHub, type Hub } from '../../scripts/hub';
import { DEFAULT_ALLOWED_CLIENTS } from '../../subgraphs/common/config';
import { BAD_TOKENS, tokenHelpers, type TokenHelpers } from '../support/bad-tokens';
import { personInput } from '../support/factories';
import { REGISTER_PERSON } from '../support/operations';
import { startTestHub, type GraphQLResult, type TestHub } from '../support/test-hub';

/** A registered child and the bank's access grant for it (a direct caller of an agency subgraph needs one). */
interface Probe {
  childId: string;
  grant: string;
}

/** An entry point of the hub and a query it answers for a genuine agency-system token. */
interface Target {
  name: string;
  url(hub: Hub): string;
  query: string;
  variables(probe: Probe): Record<string, unknown>;
  expected(probe: Probe): Record<string, unknown>;
}

const CHILD_WITH_EDUCATION = /* GraphQL */ `
  query Probe($id: ID!) {
    child(id: $id) {
      id
      education {
        signals {
          id
        }
      }
    }
  }
`;
const CHILD = /* GraphQL */ `
  query Probe($id: ID!) {
    child(id: $id) {
      id
    }
  }
`;
// What the gateway sends the education subgraph for the query above, with the bank's grant; a direct
// caller can send it too.
const EDUCATION_SECTION = /* GraphQL */ `
  query Probe($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Child {
        id
        education {
          signals {
            id
          }
        }
      }
    }
  }
`;

// The bank's grant for a child, which the gateway passes on to the agency subgraphs through @requires.
const CHILD_GRANT = /* GraphQL */ `
  query Grant($id: ID!) {
    child(id: $id) {
      accessGrant
    }
  }
`;

const TARGETS: readonly Target[] = [
  {
    name: 'the gateway',
    url: (hub) => hub.gatewayUrl,
    query: CHILD_WITH_EDUCATION,
    variables: ({ childId }) => ({ id: childId }),
    expected: ({ childId }) => ({ child: { id: childId, education: { signals: [] } } }),
  },
  {
    name: 'the bank subgraph called directly',
    url: (hub) => hub.subgraphs.bank.url,
    query: CHILD,
    variables: ({ childId }) => ({ id: childId }),
    expected: ({ childId }) => ({ child: { id: childId } }),
  },
  {
    name: 'the education subgraph called directly',
    url: (hub) => hub.subgraphs.education.url,
    query: EDUCATION_SECTION,
    variables: ({ childId, grant }) => ({ representations: [{ __typename: 'Child', id: childId, accessGrant: grant }] }),
    expected: ({ childId }) => ({ _entities: [{ id: childId, education: { signals: [] } }] }),
  },
];

let t: TestHub;
let childId: string;

beforeAll(async () => {
  t = await startTestHub();
  const registered = await t.gql<{ registerPerson: { person: { id: string } } }>(await t.systemToken('education'), REGISTER_PERSON, {
    input: personInput(),
  });
  childId = registered.data!.registerPerson.person.id;
});
afterAll(() => t?.stop());

/** Asks the hub's bank for the grant, as the gateway would; bound to the caller and valid for a minute. */
async function probeOf(hub: Hub, token: string): Promise<Probe> {
  const result = await t.gql<{ child: { accessGrant: string } }>(token, CHILD_GRANT, { id: childId }, hub.subgraphs.bank.url);
  expect(result.errors).toBeUndefined();
  return { childId, grant: result.data!.child.accessGrant };
}

const send = (hub: Hub, probe: Probe, target: Target, token: string | null) => t.gql(token, target.query, target.variables(probe), target.url(hub));

function expectAnswered(result: GraphQLResult, probe: Probe, target: Target) {
  expect({ status: result.status, errors: result.errors, data: result.data }).toEqual({
    status: 200,
    errors: undefined,
    data: target.expected(probe),
  });
}

function expectRejected(result: GraphQLResult, reason: RejectionReason, token: string | null) {
  expect(result.status).toBe(401);
  expect(result.data).toBeNull();
  expect(result.errors).toHaveLength(1);
  expect(result.errors![0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason });
  // Neither the token nor a part of it may come back to the caller (or into the logs).
  if (token) expect(JSON.stringify(result.errors)).not.toContain(token.split('.')[1] || token);
}

describe('the negative token catalogue at the gateway and at subgraphs called directly', () => {
  let probe: Probe;
  beforeAll(async () => {
    probe = await probeOf(t.hub, await t.systemToken('education'));
  });

  it.each(TARGETS)('when a genuine token sends the probe query to $name, then it is answered (control)', async (target) => {
    expectAnswered(await send(t.hub, probe, target, await t.systemToken('education')), probe, target);
  });

  it.each(TARGETS)('when there is no Authorization header at $name, then it answers 401 missing_token', async (target) => {
    expectRejected(await send(t.hub, probe, target, null), 'missing_token', null);
  });

  const cases = BAD_TOKENS.flatMap((bad) => TARGETS.map((target) => ({ ...bad, target, at: target.name })));
  it.each(cases)('when $name, then $at answers 401 UNAUTHENTICATED $reason', async ({ make, reason, target }) => {
    const token = await make(t.idp, tokenHelpers(t.idp));
    expectRejected(await send(t.hub, probe, target, token), reason, token);
  });
});

describe('key rotation and an unreachable JWKS (second hub: the verifier trusts a fetched key set for 1 s)', () => {
  const CACHE_MS = 1000;
  let idp: EmbeddedIdp;
  let idpStopped = false;
  let hub: Hub;
  let probe: Probe;
  let helpers: TokenHelpers;
  let oldKid: string;
  let oldToken: string;
  let newToken: string;

  /** Lets the verifier's cached key set go stale, so the next request refetches it. */
  const cacheAged = () => new Promise((resolve) => setTimeout(resolve, CACHE_MS + 250));

  async function expectAnsweredEverywhere(token: string) {
    for (const target of TARGETS) expectAnswered(await send(hub, probe, target, token), probe, target);
  }
  async function expectRejectedEverywhere(token: string, reason: RejectionReason) {
    for (const target of TARGETS) expectRejected(await send(hub, probe, target, token), reason, token);
  }

  beforeAll(async () => {
    idp = await startEmbeddedIdp({ port: 0 });
    helpers = tokenHelpers(idp);
    hub = await startHub({
      adminUrl: t.adminUrl,
      auth: { issuer: idp.issuer, audience: 'hub-api', allowedClients: DEFAULT_ALLOWED_CLIENTS, jwksCacheMaxAgeMs: CACHE_MS },
    });
    oldKid = idp.activeKid;
    oldToken = await helpers.accessToken();
    probe = await probeOf(hub, oldToken);
    await expectAnsweredEverywhere(oldToken);
  });
  afterAll(async () => {
    await hub?.stop();
    // The last test stops the IdP; a second stop() would reject (the server is not running).
    if (idp && !idpStopped) await idp.stop();
  });

  it('when the IdP rotates its key, then tokens signed with the new key are accepted everywhere once the cached key set ages, and old-key tokens still are', async () => {
    const newKid = await idp.rotateKey();
    expect(newKid).not.toBe(oldKid);
    newToken = await helpers.accessToken();
    expect(decodeProtectedHeader(newToken).kid).toBe(newKid);

    await cacheAged();
    await expectAnsweredEverywhere(newToken);
    await expectAnsweredEverywhere(oldToken);
  });

  it('when the IdP removes the old key, then old-key tokens are rejected everywhere as unknown_kid once the cache ages, and new-key tokens still work', async () => {
    idp.removeKey(oldKid);
    await cacheAged();
    await expectRejectedEverywhere(oldToken, 'unknown_kid');
    await expectAnsweredEverywhere(newToken);
  });

  // Last test of the file: the IdP stays down.
  it('when the JWKS endpoint is down, then a token with a key the verifier never fetched, and a token it accepted before, are rejected everywhere as jwks_unavailable', async () => {
    const unseenKid = await idp.rotateKey();
    const unseenKidToken = await helpers.accessToken();
    expect(decodeProtectedHeader(unseenKidToken).kid).toBe(unseenKid);

    await idp.stop();
    idpStopped = true;
    await cacheAged();
    // A stale key set cannot be refreshed: the verifier fails closed rather than trusting the old one.
    await expectRejectedEverywhere(unseenKidToken, 'jwks_unavailable');
    await expectRejectedEverywhere(newToken, 'jwks_unavailable');
  });
});
