import { Client } from 'pg';
import { roleFor, roleUrl } from '../../subgraphs/common/db/bootstrap';
import { devRolePassword } from '../../scripts/hub';
import { personInput, signalInput } from '../support/factories';
import { CASE_VIEW, REGISTER_PERSON, reportSignal } from '../support/operations';
import { startTestHub, TestHub } from '../support/test-hub';

describe('no back door: every caller is authenticated and acts only within its agency', () => {
  let t: TestHub;
  let childId: string;
  beforeAll(async () => {
    t = await startTestHub();
    const r = await t.gql<{ registerPerson: { person: { id: string } } }>(await t.systemToken('education'), REGISTER_PERSON, { input: personInput() });
    childId = r.data!.registerPerson.person.id;
  });
  afterAll(() => t.stop());

  it('when the gateway is called without a token, then it answers 401 UNAUTHENTICATED and plans nothing', async () => {
    const result = await t.gql(null, CASE_VIEW, { id: childId });
    expect(result.status).toBe(401);
    expect(result.errors![0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'missing_token' });
  });

  it.each(['bank', 'education'] as const)('when the %s subgraph is called directly without a token, then it answers 401 as well', async (name) => {
    const result = await t.gql(null, '{ __typename }', {}, t.hub.subgraphs[name].url);
    expect(result.status).toBe(401);
    expect(result.errors![0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('when a subgraph is called directly with a forged token, then it refuses it like the gateway does', async () => {
    const forged = await t.idp.signRaw(
      { alg: 'RS256' },
      { sub: 'x', azp: 'education-system', typ: 'Bearer', aud: 'hub-api', iss: 'https://evil.example/realms/hub', exp: Math.floor(Date.now() / 1000) + 60 },
    );
    const result = await t.gql(forged, '{ __typename }', {}, t.hub.subgraphs.education.url);
    expect(result.status).toBe(401);
    expect(result.errors![0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'bad_issuer' });
  });

  it("when a social service system reports a signal into education's records, then it is FORBIDDEN and the error names the permission", async () => {
    const result = await t.gql(await t.systemToken('social'), reportSignal('education'), { input: signalInput(childId) });
    expect(result.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'signal:write', agency: 'education' });
    const [row] = await t.hub.subgraphs.education.dataSource.query(`SELECT count(*)::int AS n FROM signal`);
    expect(row.n).toBe(0);
  });

  it('when an auditor asks for the case view, then case data is refused: auditors read audit data only', async () => {
    const result = await t.gql<{ child: unknown }>(await t.userToken('auditor.vlk'), CASE_VIEW, { id: childId }, undefined, { 'x-hub-purpose': 'AUDIT' });
    expect(result.data?.child ?? null).toBeNull();
    expect(result.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'identity:read', reason: 'role' });
  });

  it("when the education subgraph's database role reads the bank's tables, then PostgreSQL refuses", async () => {
    const client = new Client({ connectionString: roleUrl(t.adminUrl, roleFor('education', devRolePassword('education'))) });
    await client.connect();
    try {
      // USAGE on the bank schema serves only bank.subject_state(); its tables stay closed.
      await expect(client.query('SELECT * FROM bank.person')).rejects.toThrow(/permission denied for table person/);
      await expect(client.query('SELECT count(*) FROM education.signal')).resolves.toBeDefined();
    } finally {
      await client.end();
    }
  });

  it('when a signal is sent twice with the same idempotency key, then one is stored; the same key with other content is a CONFLICT', async () => {
    const school = await t.systemToken('education');
    const input = signalInput(childId);
    const first = await t.gql<{ education: { reportSignal: { id: string } } }>(school, reportSignal('education'), { input });
    const second = await t.gql<{ education: { reportSignal: { id: string } } }>(school, reportSignal('education'), { input });
    expect(second.data!.education.reportSignal.id).toBe(first.data!.education.reportSignal.id);
    const [row] = await t.hub.subgraphs.education.dataSource.query(`SELECT count(*)::int AS n FROM signal WHERE idempotency_key = $1`, [input.idempotencyKey]);
    expect(row.n).toBe(1);

    const reused = await t.gql(school, reportSignal('education'), { input: { ...input, description: 'Другое описание' } });
    expect(reused.errors![0].extensions).toMatchObject({ code: 'CONFLICT', rule: 'idempotencyKey.reuse' });
  });

  describe('when an agency subgraph is called directly with `_entities`, its section needs a genuine access grant from the bank', () => {
    const SECTION = `query Section($representations: [_Any!]!) { _entities(representations: $representations) { ... on Child { health { signals { id } } } } }`;
    const grantFor = async (token: string, id: string) =>
      (await t.gql<{ child: { accessGrant: string } }>(token, `query { child(id: "${id}") { accessGrant } }`, {}, t.hub.subgraphs.bank.url)).data!.child.accessGrant;
    const section = (token: string, representation: Record<string, unknown>) =>
      t.gql<{ _entities: Array<{ health: unknown } | null> }>(token, SECTION, { representations: [{ __typename: 'Child', ...representation }] }, t.hub.subgraphs.health.url);

    it('with the grant the bank signed for this caller and child, the section is answered', async () => {
      const chair = await t.userToken('chair.vlk');
      const result = await section(chair, { id: childId, accessGrant: await grantFor(chair, childId) });
      expect(result.errors).toBeUndefined();
      expect(result.data!._entities[0]!.health).toEqual({ signals: [] });
    });

    it.each([
      ['no grant at all', 'grant_missing', async (_token: string) => ({ id: childId })],
      [
        'a grant whose claims were edited',
        'grant_signature',
        async (token: string) => {
          const [payload, signature] = (await grantFor(token, childId)).split('.');
          const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
          claims.participants = ['health', 'police'];
          return { id: childId, accessGrant: `${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}` };
        },
      ],
      ["another caller's grant", 'grant_other_caller', async () => ({ id: childId, accessGrant: await grantFor(await t.userToken('chair.vlk'), childId) })],
    ] as const)('with %s, the section is FORBIDDEN (%s) and nothing is read', async (_what, reason, make) => {
      const member = await t.userToken('member.vlk');
      const result = await section(member, await make(member));
      expect(result.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason });
    });

    it('with a genuine grant for another child, the section is FORBIDDEN', async () => {
      const member = await t.userToken('member.vlk');
      const other = await t.gql<{ registerPerson: { person: { id: string } } }>(await t.systemToken('education'), REGISTER_PERSON, { input: personInput() });
      const otherId = other.data!.registerPerson.person.id;
      const result = await section(member, { id: childId, accessGrant: await grantFor(member, otherId) });
      expect(result.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'grant_other_subject' });
    });
  });
});
