import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { personInput, signalInput } from '../support/factories';
import { REGISTER_FAMILY, REGISTER_PERSON, reportSignal } from '../support/operations';
import { startTestHub, TestHub } from '../support/test-hub';

const VIEW = `query View($id: ID!) { child(id: $id) { id education { signals { id } } } }`;
const SECTION = `query Section($representations: [_Any!]!) { _entities(representations: $representations) { ... on Child { education { signals { id } } } } }`;
const RECORD_CONSENT = `mutation C($input: RecordConsentInput!) { recordConsent(input: $input) { id } }`;
const WITHDRAW = `mutation W($id: ID!) { withdrawConsent(id: $id) { id status } }`;
const OPEN = `mutation O($input: OpenCaseParticipationInput!) { openCaseParticipation(input: $input) { id } }`;
const CLOSE = `mutation Close($input: CloseCaseParticipationInput!) { closeCaseParticipation(input: $input) { id } }`;

type Errors = Array<{ path?: Array<string | number>; extensions?: Record<string, unknown> }> | undefined;
type Section = { _entities: Array<{ education: { signals: unknown[] } | null } | null> };

const reasonAt = (errors: Errors, path: string) => errors?.find((e) => e.path?.join('.') === path)?.extensions?.reason;
const today = () => new Date().toISOString().slice(0, 10);

/**
 * A grant lives a minute; a consent can be withdrawn and a participation closed within it. Social
 * services of the child's own municipality take part in the case and read the school's section on
 * the strength of the mother's consent. A grant fetched before the withdrawal and replayed
 * straight at the education subgraph is refused as stale; the next request through the gateway
 * is decided on the current facts.
 */
describe('grants carry no consent or participation that outlives its withdrawal', () => {
  let t: TestHub;
  let admin: Client;
  let secretary: string;
  let social: string;

  /** A child of Vladivostok with a mother and a family, social services in its case, one school signal. */
  const arrange = async () => {
    const register = async (overrides: Record<string, unknown>) =>
      (await t.gql<{ registerPerson: { person: { id: string } } }>(secretary, REGISTER_PERSON, { input: personInput(overrides) })).data!.registerPerson.person.id;
    const childId = await register({});
    const motherId = await register({ birthDate: '1987-03-03' });
    const family = await t.gql<{ registerFamily: { id: string } }>(secretary, REGISTER_FAMILY, {
      input: {
        idempotencyKey: `stale-family-${childId}`,
        municipality: '05701000',
        categories: [],
        members: [
          { personId: motherId, role: 'MOTHER' },
          { personId: childId, role: 'CHILD' },
        ],
      },
    });
    expect(family.errors).toBeUndefined();
    const opened = await t.gql<{ openCaseParticipation: { id: string } }>(secretary, OPEN, { input: { childId, agency: 'SOCIAL', basis: 'Постановление КДН № 7', openedOn: today() } });
    expect(opened.errors).toBeUndefined();
    const familyId = family.data!.registerFamily.id;
    expect((await t.gql(await t.systemToken('education'), reportSignal('education'), { input: signalInput(childId, { familyId }) })).errors).toBeUndefined();
    return { childId, motherId, familyId, participationId: opened.data!.openCaseParticipation.id };
  };
  const consent = async (childId: string, motherId: string) => {
    const r = await t.gql<{ recordConsent: { id: string } }>(secretary, RECORD_CONSENT, {
      input: {
        childId,
        grantorId: motherId,
        grantees: ['SOCIAL'],
        categories: ['IDENTITY', 'EDUCATION'],
        purposes: ['INDIVIDUAL_PREVENTION'],
        validFrom: '2026-01-01',
        documentRef: `Согласие № ${randomUUID().slice(0, 6)}`,
      },
    });
    expect(r.errors).toBeUndefined();
    return r.data!.recordConsent.id;
  };
  /** What the router fetches from the bank for the caller: the bank's own subgraph answers it (the field is hidden from the public schema). */
  const grantFor = async (token: string, id: string, kind: 'child' | 'family' = 'child') => {
    const r = await t.gql<Record<string, { accessGrant: string }>>(token, `query { ${kind}(id: "${id}") { accessGrant } }`, {}, t.hub.subgraphs.bank.url);
    expect(r.errors).toBeUndefined();
    return r.data![kind].accessGrant;
  };
  /** The grant replayed straight at the education subgraph, as a caller who kept it would. */
  const replay = (token: string, representations: Array<{ id: string; accessGrant: string }>, requestId = `stale-${randomUUID()}`) =>
    t.gql<Section>(token, SECTION, { representations: representations.map((r) => ({ __typename: 'Child', ...r })) }, t.hub.subgraphs.education.url, { 'x-request-id': requestId });
  const view = (token: string, childId: string) => t.gql<{ child: { education: { signals: unknown[] } | null } | null }>(token, VIEW, { id: childId });

  beforeAll(async () => {
    t = await startTestHub();
    admin = new Client({ connectionString: t.adminUrl });
    await admin.connect();
    secretary = await t.userToken('secretary.vlk');
    social = await t.userToken('social.vlk');
  });
  afterAll(async () => {
    await admin?.end();
    await t?.stop();
  });

  it('when the consent is withdrawn after a participant fetched a grant, then replaying that grant at the agency subgraph is refused as grant_stale, and a fresh request through the gateway is refused for lack of consent', async () => {
    const { childId, motherId } = await arrange();
    const consentId = await consent(childId, motherId);
    const before = await view(social, childId);
    expect(before.errors).toBeUndefined();
    expect(before.data!.child!.education!.signals).toHaveLength(1);
    const grant = await grantFor(social, childId);
    // Until the withdrawal the same grant is good: what refuses it below is the withdrawal, not the replay.
    const early = await replay(social, [{ id: childId, accessGrant: grant }]);
    expect(early.errors).toBeUndefined();
    expect(early.data!._entities[0]!.education!.signals).toHaveLength(1);

    expect((await t.gql(secretary, WITHDRAW, { id: consentId })).errors).toBeUndefined();

    const requestId = `stale-${randomUUID()}`;
    const replayed = await replay(social, [{ id: childId, accessGrant: grant }], requestId);
    expect(replayed.errors).toHaveLength(1);
    expect(replayed.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'access-grant', reason: 'grant_stale' });
    expect(replayed.data?._entities?.[0]?.education ?? null).toBeNull();
    const [entry] = (await admin.query(`SELECT body FROM audit.entry WHERE body->>'requestId' = $1 AND body->>'service' = 'education'`, [requestId])).rows;
    expect(entry.body.denied).toContain('access-grant:grant_stale');

    const fresh = await view(social, childId);
    expect(fresh.data!.child!.education).toBeNull();
    expect(reasonAt(fresh.errors, 'child.education')).toBe('consent_withdrawn');
  });

  it('when the case participation is closed after a participant fetched a grant, then replaying it is refused as grant_stale and the gateway finds no relationship', async () => {
    const { childId, motherId, participationId } = await arrange();
    await consent(childId, motherId);
    const grant = await grantFor(social, childId);

    const closed = await t.gql(secretary, CLOSE, { input: { id: participationId, closedOn: today(), reason: 'Работа с семьёй завершена' } });
    expect(closed.errors).toBeUndefined();

    expect((await replay(social, [{ id: childId, accessGrant: grant }])).errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'grant_stale' });
    const fresh = await view(social, childId);
    expect(fresh.data!.child!.education).toBeNull();
    expect(reasonAt(fresh.errors, 'child.education')).toBe('no-relationship');
  });

  it('when the commission reads on the strength of its territory, then a consent recorded after its grant does not make the grant stale', async () => {
    const { childId, motherId } = await arrange();
    const member = await t.userToken('member.vlk');
    const grant = await grantFor(member, childId);
    await consent(childId, motherId);
    const replayed = await replay(member, [{ id: childId, accessGrant: grant }]);
    expect(replayed.errors).toBeUndefined();
    expect(replayed.data!._entities[0]!.education!.signals).toHaveLength(1);
  });

  it("when the consent is withdrawn after a participant fetched a grant for the child's family, then replaying it for the family's records is refused as grant_stale", async () => {
    const { childId, motherId, familyId } = await arrange();
    const consentId = await consent(childId, motherId);
    const grant = await grantFor(social, familyId, 'family');
    const familySection = () =>
      t.gql<{ _entities: Array<{ education: { signals: unknown[] } | null } | null> }>(
        social,
        `query Section($representations: [_Any!]!) { _entities(representations: $representations) { ... on Family { education { signals { id } } } } }`,
        { representations: [{ __typename: 'Family', id: familyId, accessGrant: grant }] },
        t.hub.subgraphs.education.url,
      );
    const early = await familySection();
    expect(early.errors).toBeUndefined();
    expect(early.data!._entities[0]!.education!.signals).toHaveLength(1);

    expect((await t.gql(secretary, WITHDRAW, { id: consentId })).errors).toBeUndefined();

    const replayed = await familySection();
    expect(replayed.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'grant_stale' });
    expect(replayed.data?._entities?.[0]?.education ?? null).toBeNull();
  });

  it('when one request replays grants about several children, then the bank is asked once for all of them', async () => {
    const children = [await arrange(), await arrange(), await arrange()];
    for (const c of children) await consent(c.childId, c.motherId);
    const grants = await Promise.all(children.map(async (c) => ({ id: c.childId, accessGrant: await grantFor(social, c.childId) })));
    const cost = async (representations: typeof grants) => {
      const before = t.hub.subgraphs.education.queries.total;
      const r = await replay(social, representations);
      expect(r.errors).toBeUndefined();
      expect(r.data!._entities.every((e) => e!.education!.signals.length === 1)).toBe(true);
      return t.hub.subgraphs.education.queries.total - before;
    };
    expect(await cost(grants)).toBe(await cost(grants.slice(0, 1)));
  });
});
