import { Client } from 'pg';
import { personInput, signalInput } from '../support/factories';
import { REGISTER_PERSON, reportSignal } from '../support/operations';
import type { GraphQLResult, HubClient } from '../support/hub-client';
import { sharedTestHub } from '../support/shared-hub';

/**
 * Names and free text end to end: real tokens, real HTTP through the gateway, real PostgreSQL.
 * Invisible characters in names are refused with a rule of their own, a NUL anywhere is a field
 * error (never an internal one), and names that differ only in Unicode form are one name to the
 * bank's duplicate check.
 */

type Registration = { registerPerson: { outcome: string; person: { id: string } | null } };

const ACCESS_LOG = `query($f: AccessLogFilter!) { accessLog(filter: $f) { position } }`;

describe('names and free text: normalised, invisible characters refused, NUL a field error', () => {
  let t: HubClient;
  let school: string;
  let childId: string;
  let admin: Client;
  // What a request stored, found by what it sent (other files share the hub and its tables).
  const personsWithSnils = async (input: { snils: unknown }) =>
    (await admin.query(`SELECT count(*)::int AS n FROM bank.person WHERE snils = $1`, [String(input.snils).replace(/\D/g, '')])).rows[0].n as number;
  const signalsWithKey = async (input: { idempotencyKey: string }) =>
    (await admin.query(`SELECT count(*)::int AS n FROM education.signal WHERE idempotency_key = $1`, [input.idempotencyKey])).rows[0].n as number;
  const register = (input: Record<string, unknown>) => t.gql<Registration>(school, REGISTER_PERSON, { input });

  /** One field error, naming the field and the rule, and not an internal error anywhere. */
  const expectFieldError = (result: GraphQLResult, field: string, rule: string) => {
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field, rule });
    expect(result.errors![0].message).toContain(field);
    expect(JSON.stringify(result.errors)).not.toContain('INTERNAL_SERVER_ERROR');
  };

  beforeAll(async () => {
    t = await sharedTestHub();
    admin = new Client({ connectionString: t.adminUrl });
    await admin.connect();
    school = await t.systemToken('education');
    const r = await register(personInput());
    childId = r.data!.registerPerson.person!.id;
  });
  afterAll(async () => {
    await admin.end();
    await t.stop();
  });

  const invisibleNames: Array<[string, Record<string, unknown>, string, string]> = [
    ['a zero-width joiner in the last name', { lastName: 'Ива\u200dнова' }, 'input.lastName', 'name.zeroWidth'],
    ['a right-to-left override in the first name', { firstName: '\u202eАнна' }, 'input.firstName', 'name.bidiControl'],
    ['a first-strong isolate around the patronymic', { middleName: '\u2068Ивановна\u2069' }, 'input.middleName', 'name.bidiControl'],
    ['an escape (a control character) in the last name', { lastName: 'Ива\x1bнова' }, 'input.lastName', 'name.controlCharacter'],
    ['a line feed in the first name', { firstName: 'Анна\nМария' }, 'input.firstName', 'name.controlCharacter'],
    ['the non-character U+FFFF in the last name', { lastName: 'Иванова\uffff' }, 'input.lastName', 'name.nonCharacter'],
    ['a Hangul filler (an invisible letter) as the patronymic', { middleName: '\u3164' }, 'input.middleName', 'name.invisibleCharacter'],
  ];

  it.each(invisibleNames)('when a person is registered with %s, then it is a field error naming the rule and nothing is stored', async (_what, overrides, field, rule) => {
    const input = personInput(overrides);
    const result = await register(input);
    expect(result.data).toBeNull();
    expectFieldError(result, field, rule);
    expect(result.errors![0].message).toMatch(/недопустимый символ U\+[0-9A-F]{4}/);
    expect(await personsWithSnils(input)).toBe(0);
  });

  it("when a signal's reporter name carries a zero-width space, then it is a field error and no signal is stored", async () => {
    const input = signalInput(childId, { reporter: { name: 'Петрова\u200b Мария Сергеевна', position: 'социальный педагог', organisation: 'МБОУ СОШ № 1' } });
    const result = await t.gql(school, reportSignal('education'), { input });
    expectFieldError(result, 'input.reporter.name', 'name.zeroWidth');
    expect(await signalsWithKey(input)).toBe(0);
  });

  it('when a person is registered with a NUL in the last name, then it is a field error, not an internal error, and nothing is stored', async () => {
    const input = personInput({ lastName: 'Ива\u0000нова' });
    const result = await register(input);
    expect(result.data).toBeNull();
    expectFieldError(result, 'input.lastName', 'text.nul');
    expect(result.errors![0].extensions!.value).toBe('Ива<U+0000>нова');
    expect(await personsWithSnils(input)).toBe(0);
  });

  it("when a signal's description carries a NUL, sent as a variable, then it is a field error and no signal is stored", async () => {
    const input = signalInput(childId, { description: 'Пропуски занятий\u0000 без причины' });
    const result = await t.gql(school, reportSignal('education'), { input });
    expectFieldError(result, 'input.description', 'text.nul');
    expect(await signalsWithKey(input)).toBe(0);
  });

  it("when a signal's description carries a NUL written into the mutation itself, then it is a field error and no signal is stored", async () => {
    const input = signalInput(childId);
    const literal = `{
      idempotencyKey: "${input.idempotencyKey}", childId: "${childId}", observedAt: "${input.observedAt}",
      reporter: { name: "Петрова Мария Сергеевна", organisation: "МБОУ СОШ № 1" },
      sourceKind: EDUCATION, indicatorCodes: ["EDUCATION-L1-01"], urgency: ROUTINE,
      description: "Пропуски занятий\\u0000 без причины"
    }`;
    const result = await t.gql(school, `mutation { education { reportSignal(input: ${literal}) { id } } }`);
    expectFieldError(result, 'input.description', 'text.nul');
    expect(await signalsWithKey(input)).toBe(0);
  });

  it("when a NUL arrives in a variable no service validates (an auditor's actor filter), then it is a field error naming the variable path, through the gateway and directly", async () => {
    const auditor = await t.userToken('auditor.vlk');
    const variables = { f: { actor: 'chair.vlk\u0000' } };
    const viaGateway = await t.gql(auditor, ACCESS_LOG, variables, undefined, { 'x-hub-purpose': 'AUDIT' });
    expectFieldError(viaGateway, 'f.actor', 'text.nul');
    const direct = await t.gql(auditor, ACCESS_LOG, variables, t.subgraphUrls.audit, { 'x-hub-purpose': 'AUDIT' });
    expect(direct.status).toBe(400);
    expectFieldError(direct, 'f.actor', 'text.nul');
    // The same filter without the NUL is an ordinary search: the refusal above is for the NUL alone.
    const clean = await t.gql(auditor, ACCESS_LOG, { f: { actor: 'chair.vlk' } }, undefined, { 'x-hub-purpose': 'AUDIT' });
    expect(clean.errors).toBeUndefined();
  });

  it('when a subgraph is called directly without a token and a NUL in the variables, then authentication answers first', async () => {
    const result = await t.gql(null, REGISTER_PERSON, { input: personInput({ lastName: '\u0000' }) }, t.subgraphUrls.bank);
    expect(result.status).toBe(401);
    expect(result.errors![0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  const sameNames: Array<[string, Record<string, string>, Record<string, string>]> = [
    ['a composed and a decomposed "Й"', { lastName: 'Йошкина', firstName: 'Майя' }, { lastName: 'И\u0306ошкина', firstName: 'Майя' }],
    ['ё and е', { lastName: 'Ёжикова', firstName: 'Алёна' }, { lastName: 'Ежикова', firstName: 'Алена' }],
    ['letter case', { lastName: 'Кузьмина', firstName: 'Злата' }, { lastName: 'КУЗЬМИНА', firstName: 'злата' }],
    ['a decomposed "ё" and a capital "Е"', { lastName: 'Семёнова', firstName: 'Вера' }, { lastName: 'СЕМЕ\u0308НОВА', firstName: 'Вера' }],
  ];

  it.each(sameNames)(
    'when two people are registered whose names differ only in %s, then the second is recognised as the same name (CANDIDATES) and nothing is stored',
    async (_what, first, second) => {
      const birthDate = '2015-09-09';
      const existing = await register(personInput({ snils: null, middleName: 'Олеговна', birthDate, ...first }));
      expect(existing.data!.registerPerson.outcome).toBe('CREATED');
      // The people of this birth date and patronymic are this file's own.
      const namesakes = async () => (await admin.query(`SELECT count(*)::int AS n FROM bank.person WHERE birth_date = $1 AND middle_name = 'Олеговна'`, [birthDate])).rows[0].n as number;
      const before = await namesakes();
      const lookalike = await register(personInput({ snils: null, middleName: 'Олеговна', birthDate, ...second }));
      expect(lookalike.errors).toBeUndefined();
      expect(lookalike.data!.registerPerson.outcome).toBe('CANDIDATES');
      expect(await namesakes()).toBe(before);
    },
  );

  it('when a name arrives decomposed, then it is stored composed (NFC)', async () => {
    const created = await register(personInput({ snils: null, lastName: 'Маи\u0306ская', firstName: 'Ксения', birthDate: '2016-01-01' }));
    expect(created.data!.registerPerson.outcome).toBe('CREATED');
    const [row] = (await admin.query(`SELECT last_name FROM bank.person WHERE id = $1`, [created.data!.registerPerson.person!.id])).rows;
    expect(row.last_name).toBe('Майская');
    expect(row.last_name).toHaveLength(7);
  });
});
