import { Client } from 'pg';
import { personInput, signalInput } from '../support/factories';
import type { HubClient } from '../support/hub-client';
import { REGISTER_PERSON, reportSignal } from '../support/operations';
import { sharedTestHub } from '../support/shared-hub';

describe('bad input is refused with an error naming the field and the rule, and nothing is stored', () => {
  let t: HubClient;
  let admin: Client;
  let school: string;
  let childId: string;
  /**
   * The people stored under the input's SNILS or its first name (unique to this file in the run):
   * other files register people in the same table at the same time.
   */
  const peopleLike = async (input: { snils: unknown; firstName: unknown }) =>
    (await admin.query(`SELECT count(*)::int AS n FROM bank.person WHERE snils = $1 OR first_name = $2`, [String(input.snils).replace(/\D/g, ''), input.firstName])).rows[0].n as number;
  /** The school's signals stored under the input's idempotency key or about this file's child. */
  const signalsLike = async (input: { idempotencyKey: string }) =>
    (await admin.query(`SELECT count(*)::int AS n FROM education.signal WHERE idempotency_key = $1 OR child_id = $2`, [input.idempotencyKey, childId])).rows[0].n as number;

  beforeAll(async () => {
    t = await sharedTestHub();
    admin = new Client({ connectionString: t.adminUrl });
    await admin.connect();
    school = await t.systemToken('education');
    const r = await t.gql<{ registerPerson: { person: { id: string } } }>(school, REGISTER_PERSON, { input: personInput() });
    childId = r.data!.registerPerson.person.id;
  });
  afterAll(async () => {
    await admin?.end();
    await t?.stop();
  });

  const personCases: Array<[string, Record<string, unknown>, string, string]> = [
    ['an invalid SNILS checksum', { snils: '112-233-445 00' }, 'input.snils', 'snils.checksum'],
    ['a SNILS of the wrong length', { snils: '123-456' }, 'input.snils', 'snils.format'],
    ['a date of birth in the future', { birthDate: '2031-01-01' }, 'input.birthDate', 'date.notInFuture'],
    ['a 10 MB last name (5 M Cyrillic letters)', { lastName: 'Я'.repeat(5 * 1024 * 1024) }, 'input.lastName', 'text.maxLength'],
    ['a malformed OKTMO', { municipality: 'Владивосток' }, 'input.municipality', 'oktmo.format'],
  ];

  it.each(personCases)('when a person is registered with %s, then the error names the field and the rule and no person is stored', async (_what, overrides, field, rule) => {
    const input = personInput(overrides);
    const before = await peopleLike(input);
    const result = await t.gql(school, REGISTER_PERSON, { input });
    expect(result.data).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field, rule });
    expect(result.errors![0].message).toContain(field);
    expect(JSON.stringify(result.errors).length).toBeLessThan(2000);
    expect(await peopleLike(input)).toBe(before);
  });

  const signalCases: Array<[string, Record<string, unknown>, string, string]> = [
    ['an unknown indicator code', { indicatorCodes: ['EDUCATION-L1-01', 'NO-SUCH-CODE'] }, 'input.indicatorCodes', 'indicator.known'],
    ['a 10 MB description', { description: 'x'.repeat(10 * 1024 * 1024) }, 'input.description', 'text.maxLength'],
    ['a child id that is not a UUID', { childId: '42' }, 'input.childId', 'id.format'],
    ['an observation time in the future', { observedAt: '2035-01-01T00:00:00Z' }, 'input.observedAt', 'datetime.notInFuture'],
  ];

  it.each(signalCases)('when a signal is reported with %s, then the error names the field and the rule and no signal is stored', async (_what, overrides, field, rule) => {
    const input = signalInput(childId, overrides);
    const before = await signalsLike(input);
    const result = await t.gql(school, reportSignal('education'), { input });
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field, rule });
    expect(await signalsLike(input)).toBe(before);
  });

  it('when a signal carries a value outside an enum, then GraphQL validation names the field and the enum and nothing is stored', async () => {
    const input = signalInput(childId, { urgency: 'VERY_URGENT' });
    const before = await signalsLike(input);
    const result = await t.gql(school, reportSignal('education'), { input });
    expect(result.status).toBe(400);
    expect(result.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors![0].message).toMatch(/input\.urgency.*VERY_URGENT.*Urgency/s);
    expect(await signalsLike(input)).toBe(before);
  });

  it('when a request body is larger than the limit, then the answer is a GraphQL error saying so, not a bare 413 page', async () => {
    const result = await t.gql(school, REGISTER_PERSON, { input: personInput({ lastName: 'Я'.repeat(7 * 1024 * 1024) }) });
    expect(result.status).toBe(413);
    expect(result.errors![0].extensions).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', rule: 'body.maxSize' });
  });

  it('when a person is registered with every field valid, then it is stored (the cases above fail for their one reason only)', async () => {
    const input = personInput();
    const before = await peopleLike(input);
    const result = await t.gql(school, REGISTER_PERSON, { input });
    expect(result.errors).toBeUndefined();
    expect(await peopleLike(input)).toBe(before + 1);
  });
});
