import { personInput, signalInput } from '../support/factories';
import { REGISTER_PERSON, reportSignal } from '../support/operations';
import { startTestHub, TestHub } from '../support/test-hub';

/** Counts rows of a subgraph's table with that subgraph's own connection. */
async function count(t: TestHub, subgraph: 'bank' | 'education', table: string): Promise<number> {
  const [row] = await t.hub.subgraphs[subgraph].dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
  return row.n;
}

describe('bad input is refused with an error naming the field and the rule, and nothing is stored', () => {
  let t: TestHub;
  let school: string;
  let childId: string;
  beforeAll(async () => {
    t = await startTestHub();
    school = await t.systemToken('education');
    const r = await t.gql<{ registerPerson: { person: { id: string } } }>(school, REGISTER_PERSON, { input: personInput() });
    childId = r.data!.registerPerson.person.id;
  });
  afterAll(() => t.stop());

  const personCases: Array<[string, Record<string, unknown>, string, string]> = [
    ['an invalid SNILS checksum', { snils: '112-233-445 00' }, 'input.snils', 'snils.checksum'],
    ['a SNILS of the wrong length', { snils: '123-456' }, 'input.snils', 'snils.format'],
    ['a date of birth in the future', { birthDate: '2031-01-01' }, 'input.birthDate', 'date.notInFuture'],
    ['a 10 MB last name (5 M Cyrillic letters)', { lastName: 'Я'.repeat(5 * 1024 * 1024) }, 'input.lastName', 'text.maxLength'],
    ['a malformed OKTMO', { municipality: 'Владивосток' }, 'input.municipality', 'oktmo.format'],
  ];

  it.each(personCases)('when a person is registered with %s, then the error names the field and the rule and no person is stored', async (_what, overrides, field, rule) => {
    const before = await count(t, 'bank', 'person');
    const result = await t.gql(school, REGISTER_PERSON, { input: personInput(overrides) });
    expect(result.data).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field, rule });
    expect(result.errors![0].message).toContain(field);
    expect(JSON.stringify(result.errors).length).toBeLessThan(2000);
    expect(await count(t, 'bank', 'person')).toBe(before);
  });

  const signalCases: Array<[string, Record<string, unknown>, string, string]> = [
    ['an unknown indicator code', { indicatorCodes: ['EDUCATION-L1-01', 'NO-SUCH-CODE'] }, 'input.indicatorCodes', 'indicator.known'],
    ['a 10 MB description', { description: 'x'.repeat(10 * 1024 * 1024) }, 'input.description', 'text.maxLength'],
    ['a child id that is not a UUID', { childId: '42' }, 'input.childId', 'id.format'],
    ['an observation time in the future', { observedAt: '2035-01-01T00:00:00Z' }, 'input.observedAt', 'datetime.notInFuture'],
  ];

  it.each(signalCases)('when a signal is reported with %s, then the error names the field and the rule and no signal is stored', async (_what, overrides, field, rule) => {
    const before = await count(t, 'education', 'signal');
    const result = await t.gql(school, reportSignal('education'), { input: signalInput(childId, overrides) });
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field, rule });
    expect(await count(t, 'education', 'signal')).toBe(before);
  });

  it('when a signal carries a value outside an enum, then GraphQL validation names the field and the enum and nothing is stored', async () => {
    const before = await count(t, 'education', 'signal');
    const result = await t.gql(school, reportSignal('education'), { input: signalInput(childId, { urgency: 'VERY_URGENT' }) });
    expect(result.status).toBe(400);
    expect(result.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors![0].message).toMatch(/input\.urgency.*VERY_URGENT.*Urgency/s);
    expect(await count(t, 'education', 'signal')).toBe(before);
  });

  it('when a request body is larger than the limit, then the answer is a GraphQL error saying so, not a bare 413 page', async () => {
    const result = await t.gql(school, REGISTER_PERSON, { input: personInput({ lastName: 'Я'.repeat(7 * 1024 * 1024) }) });
    expect(result.status).toBe(413);
    expect(result.errors![0].extensions).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', rule: 'body.maxSize' });
  });

  it('when a person is registered with every field valid, then it is stored (the cases above fail for their one reason only)', async () => {
    const before = await count(t, 'bank', 'person');
    const result = await t.gql(school, REGISTER_PERSON, { input: personInput() });
    expect(result.errors).toBeUndefined();
    expect(await count(t, 'bank', 'person')).toBe(before + 1);
  });
});
