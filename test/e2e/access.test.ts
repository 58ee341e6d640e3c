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
    const forged = await t.idp.signRaw({ alg: 'RS256' }, { sub: 'x', azp: 'education-system', typ: 'Bearer', aud: 'hub-api', iss: 'https://evil.example/realms/hub', exp: Math.floor(Date.now() / 1000) + 60 });
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
    const result = await t.gql<{ child: unknown }>(await t.userToken('auditor.vlk'), CASE_VIEW, { id: childId });
    expect(result.data?.child ?? null).toBeNull();
    expect(result.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'identity:read', reason: 'role' });
  });

  it("when the education subgraph's database role reads the bank's tables, then PostgreSQL refuses", async () => {
    const client = new Client({ connectionString: roleUrl(t.adminUrl, roleFor('education', devRolePassword('education'))) });
    await client.connect();
    try {
      await expect(client.query('SELECT * FROM bank.person')).rejects.toThrow(/permission denied for schema bank/);
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
});
