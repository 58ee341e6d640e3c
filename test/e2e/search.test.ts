import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { loadOrganisationRegistry } from '../../auth/organisations/organisation-registry';
import { personInput, validSnils } from '../support/factories';
import { REGISTER_FAMILY, REGISTER_PERSON } from '../support/operations';
import { startTestHub, TestHub } from '../support/test-hub';

const SEARCH_CHILDREN = /* GraphQL */ `
  query FindChild($query: ChildSearchInput!, $first: Int) {
    searchChildren(query: $query, first: $first) {
      hasMore
      children {
        id
        fullName
        birthDate
      }
    }
  }
`;
const SEARCH_FAMILIES = /* GraphQL */ `
  query FindFamily($query: FamilySearchInput!, $first: Int) {
    searchFamilies(query: $query, first: $first) {
      hasMore
      families {
        id
        members {
          role
          person {
            fullName
          }
        }
      }
    }
  }
`;
const OPEN = `mutation O($input: OpenCaseParticipationInput!) { openCaseParticipation(input: $input) { id } }`;
const RECORD_CONSENT = `mutation C($input: RecordConsentInput!) { recordConsent(input: $input) { id } }`;

type Found = { searchChildren: { hasMore: boolean; children: Array<{ id: string; fullName: string; birthDate: string }> } };
type FoundFamilies = { searchFamilies: { hasMore: boolean; families: Array<{ id: string; members: Array<{ role: string; person: { fullName: string } }> }> } };
type Errors = Array<{ path?: Array<string | number>; extensions?: Record<string, unknown> }> | undefined;

const organisation = (code: string) =>
  loadOrganisationRegistry()
    .all()
    .find((o) => o.code === code)!.id;

describe('finding a child or a family: by SNILS, name, birth date and address, within what the caller may read, every search in the access log', () => {
  let t: TestHub;
  let admin: Client;
  let secretary: string;
  /** A child of Vladivostok whose surname the secretary will misspell. */
  let kuznetsova: string;

  const register = async (overrides: Record<string, unknown>) => {
    const r = await t.gql<{ registerPerson: { person: { id: string } } }>(secretary, REGISTER_PERSON, { input: personInput(overrides) });
    expect(r.errors).toBeUndefined();
    return r.data!.registerPerson.person.id;
  };
  const search = async (username: string, query: Record<string, unknown>, first?: number, headers: Record<string, string> = {}) =>
    t.gql<Found>(await t.userToken(username), SEARCH_CHILDREN, first === undefined ? { query } : { query, first }, undefined, headers);
  const ids = (r: { data: Found | null }) => r.data!.searchChildren.children.map((c) => c.id);
  const errorAt = (errors: Errors) => errors?.[0]?.extensions;
  /** The bank's entry of one request in the access log, read as the database administrator. */
  const bankEntry = async (requestId: string) => {
    const { rows } = await admin.query(`SELECT canonical, body FROM audit.entry WHERE body->>'requestId' = $1 AND body->>'service' = 'bank' AND body->>'kind' IS NULL`, [requestId]);
    expect(rows).toHaveLength(1);
    return rows[0] as { canonical: string; body: Record<string, unknown> };
  };

  beforeAll(async () => {
    t = await startTestHub();
    admin = new Client({ connectionString: t.adminUrl });
    await admin.connect();
    secretary = await t.userToken('secretary.vlk');
    kuznetsova = await register({ lastName: 'Кузнецова', firstName: 'Дарья', middleName: 'Олеговна', birthDate: '2015-03-14' });
    // Same birth date, another surname; same surname, another birth date: neither is the child sought.
    await register({ lastName: 'Смирнова', firstName: 'Дарья', middleName: 'Олеговна', birthDate: '2015-03-14' });
    await register({ lastName: 'Кузнецова', firstName: 'Дарья', middleName: 'Олеговна', birthDate: '2012-07-01' });
  });
  afterAll(async () => {
    await admin.end();
    await t.stop();
  });

  it('when a secretary searches a misspelled surname with a birth date, then she finds the child; a specialist of another municipality finds nothing; both searches are in the access log without the surname', async () => {
    const secretaryRequest = `search-${randomUUID()}`;
    const found = await search('secretary.vlk', { name: 'Кузнецва', birthDate: '2015-03-14' }, undefined, { 'x-request-id': secretaryRequest });
    expect(found.errors).toBeUndefined();
    expect(found.data!.searchChildren).toEqual({ hasMore: false, children: [{ id: kuznetsova, fullName: 'Кузнецова Дарья Олеговна', birthDate: '2015-03-14' }] });

    const strangerRequest = `search-${randomUUID()}`;
    const stranger = await search('education.art', { name: 'Кузнецва', birthDate: '2015-03-14' }, undefined, { 'x-request-id': strangerRequest });
    expect(stranger.errors).toBeUndefined();
    expect(stranger.data!.searchChildren).toEqual({ hasMore: false, children: [] });

    const mine = await bankEntry(secretaryRequest);
    expect(mine.body).toMatchObject({ username: 'secretary.vlk', outcome: 'allowed', searches: [{ target: 'Child', criteria: ['birthDate', 'name'], results: 1 }] });
    expect((mine.body.subjects as string[]).length).toBe(1);
    const theirs = await bankEntry(strangerRequest);
    expect(theirs.body).toMatchObject({ username: 'education.art', searches: [{ target: 'Child', criteria: ['birthDate', 'name'], results: 0 }], subjects: [] });
    for (const { canonical } of [mine, theirs]) {
      for (const value of ['Кузнецва', 'кузнецва', 'Кузнецова', 'кузнецова', '2015-03-14', kuznetsova]) expect(canonical).not.toContain(value);
    }

    // The auditors read the same through their API: the search that showed the child is in its log.
    const log = await t.gql<{ accessLog: Array<{ requestId: string; searches: Array<{ target: string; criteria: string[]; results: number }> }> }>(
      await t.userToken('auditor.vlk'),
      `query Log($childId: ID!) { accessLog(filter: { childId: $childId }) { requestId searches { target criteria results } } }`,
      { childId: kuznetsova },
      undefined,
      { 'x-hub-purpose': 'AUDIT' },
    );
    expect(log.errors).toBeUndefined();
    expect(log.data!.accessLog.find((e) => e.requestId === secretaryRequest)!.searches).toEqual([{ target: 'Child', criteria: ['birthDate', 'name'], results: 1 }]);
  });

  it('when the name differs only in case and ё/е, then the child is found, best match first', async () => {
    const semenova = await register({ lastName: 'Семёнова', firstName: 'Алёна', middleName: null, birthDate: '2016-01-20' });
    const r = await search('secretary.vlk', { name: 'СЕМЕНОВА алена' });
    expect(r.errors).toBeUndefined();
    expect(ids(r)[0]).toBe(semenova);
    // One wrong vowel scores 0.5: below pg_trgm's default threshold (0.6), above the search's own.
    expect(ids(await search('secretary.vlk', { name: 'Семинова' }))).toContain(semenova);
  });

  it('when the secretary searches by SNILS, then she finds the child; the secretary of another region finds nothing', async () => {
    const snils = validSnils();
    const childId = await register({ snils, lastName: 'Гордеева', birthDate: '2014-02-02' });
    expect(ids(await search('secretary.vlk', { snils }))).toEqual([childId]);
    // Written without separators: the same number.
    expect(ids(await search('secretary.vlk', { snils: snils.replace(/\D/g, '') }))).toEqual([childId]);
    const other = await search('secretary.yol', { snils });
    expect(other.errors).toBeUndefined();
    expect(ids(other)).toEqual([]);
  });

  it('when the secretary searches by part of an address, then children living there are found, and a non-matching house number finds none', async () => {
    const address = 'г. Владивосток, ул. Рябиновая, д. 5, кв. 17';
    const childId = await register({ lastName: 'Лаптева', registeredAddress: null, actualAddress: address, birthDate: '2013-06-06' });
    expect(ids(await search('secretary.vlk', { address: 'рябиновая 5' }))).toEqual([childId]);
    expect(ids(await search('secretary.vlk', { address: 'Рябиновая, д. 5', name: 'лаптева' }))).toEqual([childId]);
    expect(ids(await search('secretary.vlk', { address: 'Рябиновая 55' }))).toEqual([]);
  });

  it('when an agency of another region takes part in the case, then it finds the child only once the parent consents to identity', async () => {
    const snils = validSnils();
    const childId = await register({ snils, lastName: 'Миронова', birthDate: '2014-08-08' });
    const motherId = await register({ lastName: 'Миронова', firstName: 'Ирина', birthDate: '1988-08-08' });
    const family = await t.gql(secretary, REGISTER_FAMILY, {
      input: {
        idempotencyKey: `search-family-${childId}`,
        municipality: '05701000',
        categories: [],
        members: [
          { personId: motherId, role: 'MOTHER' },
          { personId: childId, role: 'CHILD' },
        ],
      },
    });
    expect(family.errors).toBeUndefined();
    const opened = await t.gql(secretary, OPEN, { input: { childId, organisationId: organisation('social-yol'), basis: 'Постановление КДН № 12', openedOn: '2026-11-01' } });
    expect(opened.errors).toBeUndefined();

    expect(ids(await search('social.yol', { snils }))).toEqual([]);
    const consent = await t.gql(secretary, RECORD_CONSENT, {
      input: {
        childId,
        grantorId: motherId,
        organisationIds: [organisation('social-yol')],
        categories: ['IDENTITY'],
        purposes: ['INDIVIDUAL_PREVENTION'],
        validFrom: '2026-01-01',
        documentRef: 'Согласие № 5',
      },
    });
    expect(consent.errors).toBeUndefined();
    expect(ids(await search('social.yol', { snils }))).toEqual([childId]);
    // Another organisation of the same region without a case still finds nothing.
    expect(ids(await search('police.yol', { snils }))).toEqual([]);
  });

  it('when more children match than the limit, then exactly the limit is returned and hasMore says so; a limit out of 1..50 is a field error', async () => {
    for (const firstName of ['Анна', 'Вера', 'Зоя']) await register({ lastName: 'Белоусова', firstName, birthDate: '2015-05-05' });
    const two = await search('secretary.vlk', { name: 'Белоусова' }, 2);
    expect(two.data!.searchChildren.children).toHaveLength(2);
    expect(two.data!.searchChildren.hasMore).toBe(true);
    const three = await search('secretary.vlk', { name: 'Белоусова' }, 3);
    expect(three.data!.searchChildren).toMatchObject({ hasMore: false });
    expect(three.data!.searchChildren.children).toHaveLength(3);
    for (const first of [0, 51]) {
      const r = await search('secretary.vlk', { name: 'Белоусова' }, first);
      expect(errorAt(r.errors)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first', rule: 'integer.range' });
    }
  });

  it('when a search finds one child or ten, then the bank runs the same number of statements (DataLoader batching)', async () => {
    for (let i = 0; i < 10; i++) await register({ lastName: 'Ковалёва', firstName: `Ника${i}`, birthDate: '2016-09-09' });
    await register({ lastName: 'Ястребова', birthDate: '2016-09-09' });
    const statements = async (name: string, expectedCount: number) => {
      const before = t.hub.subgraphs.bank.queries.total;
      const r = await search('secretary.vlk', { name, birthDate: '2016-09-09' });
      expect(r.data!.searchChildren.children).toHaveLength(expectedCount);
      return t.hub.subgraphs.bank.queries.total - before;
    };
    expect(await statements('Ковалёва', 10)).toBe(await statements('Ястребова', 1));
  });

  it('when the query is empty, the SNILS is wrong, the name too short or the values are written into the query text, then it is a field error and nothing is searched', async () => {
    expect(errorAt((await search('secretary.vlk', {})).errors)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'query', rule: 'search.criterion' });
    expect(errorAt((await search('secretary.vlk', { snils: '112-233-445 00' })).errors)).toMatchObject({ field: 'query.snils', rule: 'snils.checksum' });
    expect(errorAt((await search('secretary.vlk', { snils: '12345' })).errors)).toMatchObject({ field: 'query.snils', rule: 'snils.format' });
    expect(errorAt((await search('secretary.vlk', { name: 'К' })).errors)).toMatchObject({ field: 'query.name', rule: 'search.nameTooShort' });
    expect(errorAt((await search('secretary.vlk', { name: '   ' })).errors)).toMatchObject({ field: 'query.name' });
    expect(errorAt((await search('secretary.vlk', { address: 'д 5' })).errors)).toMatchObject({ field: 'query.address', rule: 'search.addressTooShort' });
    // A surname in the operation's text would reach the access log as part of the hashed document.
    const literal = await t.gql<Found>(secretary, `{ searchChildren(query: { name: "Кузнецова" }) { children { id } } }`);
    expect(errorAt(literal.errors)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'query.name', rule: 'search.variablesOnly' });
    expect(JSON.stringify(literal.errors)).not.toContain('Кузнецова');
  });

  it('when a caller with no access to children searches, then it is refused and the refusal is in the access log', async () => {
    const requestId = `search-${randomUUID()}`;
    const r = await t.gql<Found>(await t.userToken('auditor.vlk'), SEARCH_CHILDREN, { query: { name: 'Кузнецова' } }, undefined, { 'x-request-id': requestId, 'x-hub-purpose': 'AUDIT' });
    expect(errorAt(r.errors)).toMatchObject({ code: 'FORBIDDEN' });
    const entry = await bankEntry(requestId);
    expect(entry.body).toMatchObject({ outcome: 'denied', searches: [{ target: 'Child', criteria: ['name'], results: 0 }] });
    expect(entry.canonical).not.toContain('Кузнецова');
  });

  describe('families', () => {
    let familyId: string;
    beforeAll(async () => {
      const motherId = await register({ lastName: 'Воробьёва', firstName: 'Ольга', middleName: 'Петровна', birthDate: '1986-04-04' });
      const childId = await register({ lastName: 'Воробьёв', firstName: 'Илья', middleName: 'Сергеевич', birthDate: '2012-12-12' });
      const r = await t.gql<{ registerFamily: { id: string } }>(secretary, REGISTER_FAMILY, {
        input: {
          idempotencyKey: `search-family-${randomUUID()}`,
          municipality: '05701000',
          categories: ['SINGLE_PARENT'],
          registeredAddress: 'г. Владивосток, ул. Полевая, д. 12, кв. 3',
          actualAddress: 'г. Владивосток, ул. Полевая, д. 12, кв. 3',
          members: [
            { personId: motherId, role: 'MOTHER' },
            { personId: childId, role: 'CHILD' },
          ],
        },
      });
      expect(r.errors).toBeUndefined();
      familyId = r.data!.registerFamily.id;
    });

    it("when the secretary searches by a member's name (misspelled, ё as е) or by address, then she finds the family; another municipality's specialist finds nothing; the log has the kind and count", async () => {
      const requestId = `search-${randomUUID()}`;
      const byName = await t.gql<FoundFamilies>(secretary, SEARCH_FAMILIES, { query: { memberName: 'воробева ольга' } }, undefined, { 'x-request-id': requestId });
      expect(byName.errors).toBeUndefined();
      expect(byName.data!.searchFamilies.families.map((f) => f.id)).toEqual([familyId]);
      expect(byName.data!.searchFamilies.families[0].members.map((m) => m.person.fullName).sort()).toEqual(['Воробьёв Илья Сергеевич', 'Воробьёва Ольга Петровна']);
      const entry = await bankEntry(requestId);
      expect(entry.body).toMatchObject({ searches: [{ target: 'Family', criteria: ['memberName'], results: 1 }] });
      expect(entry.canonical).not.toMatch(/воробь/i);

      const byAddress = await t.gql<FoundFamilies>(secretary, SEARCH_FAMILIES, { query: { address: 'Полевая 12' } });
      expect(byAddress.data!.searchFamilies.families.map((f) => f.id)).toEqual([familyId]);

      const stranger = await t.gql<FoundFamilies>(await t.userToken('education.art'), SEARCH_FAMILIES, { query: { memberName: 'Воробьёва Ольга' } });
      expect(stranger.errors).toBeUndefined();
      expect(stranger.data!.searchFamilies).toEqual({ hasMore: false, families: [] });
    });

    it('when the family query is empty, then it is a field error', async () => {
      const r = await t.gql<FoundFamilies>(secretary, SEARCH_FAMILIES, { query: {} });
      expect(errorAt(r.errors)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'query', rule: 'search.criterion' });
    });
  });
});
