import { Client } from 'pg';
import { personInput } from '../support/factories';
import { REGISTER_FAMILY, REGISTER_PERSON } from '../support/operations';
import type { HubClient } from '../support/hub-client';
import { sharedTestHub } from '../support/shared-hub';

type Registration = { registerPerson: { outcome: string; person: { id: string; maskedSnils: string | null } | null; candidates: Array<{ id: string }> } };

describe('finding or creating a person in the bank', () => {
  let t: HubClient;
  let token: string;
  const register = (input: Record<string, unknown>) => t.gql<Registration>(token, REGISTER_PERSON, { input });
  let admin: Client;
  /** The people born on a date only this file uses (other files share the hub). */
  const bornOn = async (date: string) => (await admin.query(`SELECT count(*)::int AS n FROM bank.person WHERE birth_date = $1`, [date])).rows[0].n as number;

  beforeAll(async () => {
    t = await sharedTestHub();
    admin = new Client({ connectionString: t.adminUrl });
    await admin.connect();
    token = await t.systemToken('social');
  });
  afterAll(async () => {
    await admin.end();
    await t.stop();
  });

  it('when a person with a known SNILS is registered again by another agency, then the same record is found', async () => {
    const first = await register(personInput({ snils: '112-233-445 95', firstName: 'Олег', sex: 'MALE' }));
    const again = await register(personInput({ snils: '11223344595', firstName: 'Олег', sex: 'MALE' }));
    expect(first.data!.registerPerson.outcome).toBe('CREATED');
    expect(again.data!.registerPerson).toMatchObject({ outcome: 'FOUND', person: { id: first.data!.registerPerson.person!.id, maskedSnils: '***-***-*45 95' } });
  });

  it('when several systems register the same new person at the same moment, then one record is created and the others find it or are offered it', async () => {
    const withSnils = personInput({ firstName: 'Одновременная', birthDate: '2014-04-04' });
    const bySnils = await Promise.all(Array.from({ length: 5 }, (_, i) => register({ ...withSnils, idempotencyKey: `${withSnils.idempotencyKey}-${i}` })));
    expect(bySnils.map((r) => r.errors)).toEqual(Array(5).fill(undefined));
    expect(bySnils.map((r) => r.data!.registerPerson.outcome).sort()).toEqual(['CREATED', 'FOUND', 'FOUND', 'FOUND', 'FOUND']);
    expect(new Set(bySnils.map((r) => r.data!.registerPerson.person!.id)).size).toBe(1);
    expect(await bornOn('2014-04-04')).toBe(1);

    const withoutSnils = personInput({ snils: null, firstName: 'Безномерная', birthDate: '2014-04-05' });
    const byName = await Promise.all(Array.from({ length: 5 }, (_, i) => register({ ...withoutSnils, idempotencyKey: `${withoutSnils.idempotencyKey}-${i}` })));
    expect(byName.map((r) => r.errors)).toEqual(Array(5).fill(undefined));
    expect(byName.map((r) => r.data!.registerPerson.outcome).sort()).toEqual(['CANDIDATES', 'CANDIDATES', 'CANDIDATES', 'CANDIDATES', 'CREATED']);
    expect(await bornOn('2014-04-05')).toBe(1);
  });

  it('when a person without SNILS matches an existing full name and date of birth, then the candidates are returned and nothing is stored', async () => {
    const existing = await register(personInput({ lastName: 'Ёлкина', firstName: 'Вера', birthDate: '2015-03-03' }));
    const before = await bornOn('2015-03-03');
    expect(before).toBe(1);
    const lookalike = await register(personInput({ snils: null, lastName: 'ЕЛКИНА', firstName: ' вера ', birthDate: '2015-03-03' }));
    expect(lookalike.data!.registerPerson.outcome).toBe('CANDIDATES');
    expect(lookalike.data!.registerPerson.person).toBeNull();
    expect(lookalike.data!.registerPerson.candidates.map((c) => c.id)).toEqual([existing.data!.registerPerson.person!.id]);
    expect(await bornOn('2015-03-03')).toBe(before);
  });

  it('when a name and date match carries a different SNILS, then it is never merged silently: candidates first, a new record only on confirmNew', async () => {
    const existing = await register(personInput({ lastName: 'Смирнова', firstName: 'Дарья', birthDate: '2013-07-07' }));
    const other = personInput({ lastName: 'Смирнова', firstName: 'Дарья', birthDate: '2013-07-07' });
    const asked = await register(other);
    expect(asked.data!.registerPerson.outcome).toBe('CANDIDATES');
    expect(asked.data!.registerPerson.candidates[0].id).toBe(existing.data!.registerPerson.person!.id);

    const confirmed = await register({ ...other, idempotencyKey: `${other.idempotencyKey}-confirm`, resolution: { confirmNew: true } });
    expect(confirmed.data!.registerPerson.outcome).toBe('CREATED');
    expect(confirmed.data!.registerPerson.person!.id).not.toBe(existing.data!.registerPerson.person!.id);
  });

  it('when the sender says a candidate is the same person, then the records are linked and the SNILS is added to it', async () => {
    const withoutSnils = await register(personInput({ snils: null, lastName: 'Орлов', firstName: 'Пётр', sex: 'MALE', birthDate: '2012-02-02' }));
    const id = withoutSnils.data!.registerPerson.person!.id;
    const linked = await register(personInput({ snils: '123-456-789 64', lastName: 'Орлов', firstName: 'Пётр', sex: 'MALE', birthDate: '2012-02-02', resolution: { linkToPersonId: id } }));
    expect(linked.data!.registerPerson).toMatchObject({ outcome: 'LINKED', person: { id, maskedSnils: '***-***-*89 64' } });
  });

  it('when the same registration is sent twice with one idempotency key, then one record exists and both answers agree', async () => {
    const input = personInput({ snils: null, lastName: 'Повторова' });
    const first = await register(input);
    const second = await register(input);
    expect(second.data).toEqual(first.data);
    expect(first.data!.registerPerson.outcome).toBe('CREATED');
  });

  it('when a family is registered from registered people, then its members and roles are stored and a child is required', async () => {
    const mother = await register(personInput({ firstName: 'Ирина', birthDate: '1990-01-01' }));
    const child = await register(personInput({ firstName: 'Ксения', birthDate: '2016-06-06' }));
    const noChild = await t.gql(token, REGISTER_FAMILY, {
      input: { idempotencyKey: 'family-without-child-1', municipality: '05701000', categories: ['SINGLE_PARENT'], members: [{ personId: mother.data!.registerPerson.person!.id, role: 'MOTHER' }] },
    });
    expect(noChild.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.members', rule: 'family.hasChild' });

    const family = await t.gql<{ registerFamily: { id: string; members: Array<{ role: string }> } }>(token, REGISTER_FAMILY, {
      input: {
        idempotencyKey: 'family-with-child-1',
        municipality: '05701000',
        categories: ['SINGLE_PARENT', 'LOW_INCOME'],
        members: [
          { personId: mother.data!.registerPerson.person!.id, role: 'MOTHER' },
          { personId: child.data!.registerPerson.person!.id, role: 'CHILD' },
        ],
      },
    });
    expect(family.errors).toBeUndefined();
    expect(family.data!.registerFamily.members.map((m) => m.role).sort()).toEqual(['CHILD', 'MOTHER']);
  });
});
