import { Client } from 'pg';
import request from 'supertest';
import { personInput } from '../support/factories';
import { REGISTER_PERSON } from '../support/operations';
import { startTestHub, TestHub } from '../support/test-hub';

interface Answer {
  status: number;
  requestId: string | undefined;
  body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

describe('every error answer carries the request id; a write that timed out says its outcome is unknown', () => {
  let t: TestHub;
  let admin: Client;

  const post = async (token: string | null, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<Answer> => {
    const url = new URL(t.hub.gatewayUrl);
    let req = request(url.origin).post(url.pathname).set('content-type', 'application/json').set('x-hub-purpose', 'INDIVIDUAL_PREVENTION');
    if (token) req = req.set('authorization', `Bearer ${token}`);
    for (const [name, value] of Object.entries(headers)) req = req.set(name, value);
    const res = await req.send({ query, variables });
    return { status: res.status, requestId: res.headers['x-request-id'], body: res.body };
  };

  beforeAll(async () => {
    // A short subgraph timeout, so a write held by a lock times out at the gateway while the bank still works on it.
    t = await startTestHub({ subgraphTimeoutMs: 1500 });
    admin = new Client({ connectionString: t.adminUrl });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
    await t?.stop();
  });

  it('when input is refused, then the error names the request id the response header gives, the caller’s own id when it sent a harmless one', async () => {
    const school = await t.systemToken('education');
    const bad = personInput({ snils: '123', idempotencyKey: 'request-id-bad-input' });
    const generated = await post(school, REGISTER_PERSON, { input: bad });
    expect(generated.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', requestId: generated.requestId });
    expect(generated.requestId).toMatch(/^[0-9a-f-]{36}$/);

    const chosen = await post(school, REGISTER_PERSON, { input: bad }, { 'x-request-id': 'school-42-batch-7' });
    expect(chosen.requestId).toBe('school-42-batch-7');
    expect(chosen.body.errors?.[0].extensions?.requestId).toBe('school-42-batch-7');
  });

  it('when the token is refused before any planning, then the error carries the request id too', async () => {
    const refused = await post('not-a-token', '{ __typename }');
    expect(refused.status).toBe(401);
    expect(refused.requestId).toBeDefined();
    expect(refused.body.errors?.[0].extensions?.requestId).toBe(refused.requestId);
  });

  it('when the bank does not answer a write in time, then the answer says the outcome is unknown, and repeating with the same key returns the record stored meanwhile', async () => {
    const school = await t.systemToken('education');
    const input = personInput({ snils: null, firstName: 'Задержка' });
    // Holds the bank's person table: the write waits behind the lock past the gateway's timeout.
    await admin.query('BEGIN');
    await admin.query('LOCK TABLE bank.person IN ACCESS EXCLUSIVE MODE');
    let timedOut: Answer;
    try {
      timedOut = await post(school, REGISTER_PERSON, { input });
    } finally {
      await admin.query('COMMIT');
    }
    const error = timedOut.body.errors?.[0];
    expect(error?.extensions).toMatchObject({ code: 'OUTCOME_UNKNOWN', service: 'bank', reason: 'timeout', requestId: timedOut.requestId });
    expect(error?.message).toContain('изменение могло быть сохранено');
    expect(error?.message).toContain('idempotencyKey');
    expect(error?.message).not.toContain('не вошли');

    // The write went on once the lock was gone: it is there, and the repeat finds it instead of writing twice.
    const stored = async () => Number((await admin.query('SELECT count(*) AS n FROM bank.person WHERE first_name = $1', [input.firstName])).rows[0].n);
    for (let i = 0; i < 100 && (await stored()) === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await stored()).toBe(1);
    const repeated = await post(school, REGISTER_PERSON, { input });
    expect(repeated.body.errors).toBeUndefined();
    expect(await stored()).toBe(1);
  });
});
