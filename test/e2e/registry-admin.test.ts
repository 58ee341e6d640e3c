import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { readRegistryFile, RegistrySnapshot } from '../../auth/organisations/organisation-registry';
import { createRegistryRefresh, databaseRegistrySource, httpRegistrySource, RegistrySource } from '../../auth/organisations/registry-refresh';
import { personInput, signalInput } from '../support/factories';
import { REGISTER_PERSON, reportSignal } from '../support/operations';
import { waitFor } from '../support/sync-worker';
import { GraphQLResult, startTestHub, TestHub } from '../support/test-hub';

/**
 * The organisation registry changed in production through the administrator's API: every change
 * is validated whole, stored as the next version in the bank with its access-log entry, and
 * reaches the gateway and every subgraph with their next refresh, without a restart.
 */
const file = readRegistryFile();
const org = (code: string) => file.all().find((o) => o.code === code)!.id;
const ogrn = (first12: string) => first12 + String(Number(BigInt(first12) % 11n) % 10);
const VLK = '05701000';
const YOL = '88701000';
const REFRESH_MS = 200;

const SAVE = `mutation SaveOrganisation($input: SaveOrganisationInput!) { saveOrganisation(input: $input) { version changedAt change changed } }`;
const RETIRE = `mutation RetireOrganisation($input: RetireOrganisationInput!) { retireOrganisation(input: $input) { version change changed } }`;
const SET_SYSTEM = `mutation SetSystemOrganisations($input: SystemOrganisationsInput!) { setSystemOrganisations(input: $input) { version change changed } }`;
const ACTING = `query { actingOrganisation { id name } }`;
const LIST = `query($territory: String) { organisations(territory: $territory) { id name } }`;

type Change = { version: number; change: string; changed: boolean };

describe('the organisation registry, changed by its administrator while the hub runs', () => {
  let t: TestHub;
  let db: Client;
  const newSchool = {
    id: ogrn('102050001030'),
    code: 'school3-vlk',
    name: 'МБОУ «Средняя общеобразовательная школа № 3 г. Владивостока»',
    type: 'EDUCATION',
    kind: 'school',
    region: '05',
    territories: [VLK],
    parent: null,
  };
  /** Request ids of the changes that were stored, each to be found in the access log. */
  const stored: string[] = [];

  const admin = async <T = Record<string, Change>>(query: string, input: Record<string, unknown>) => {
    const requestId = `registry-${randomUUID()}`;
    const result = await t.gql<T>(await t.userToken('registry.admin'), query, { input }, undefined, { 'x-hub-purpose': 'REGISTRY', 'x-request-id': requestId });
    return { requestId, result };
  };
  const change = async (query: string, input: Record<string, unknown>): Promise<Change> => {
    const { requestId, result } = await admin(query, input);
    expect(result.errors).toBeUndefined();
    const answer = Object.values(result.data!)[0] as Change;
    if (answer.changed) stored.push(requestId);
    return answer;
  };
  const versions = async () => Number((await db.query(`SELECT count(*) AS n FROM bank.registry_version`)).rows[0].n);
  const entriesOf = async (requestId: string) =>
    (await db.query(`SELECT canonical FROM audit.entry WHERE body->>'requestId' = $1 ORDER BY position`, [requestId])).rows.map((r) => JSON.parse(r.canonical) as Record<string, any>);
  const regional = () => t.clientToken('education-regional', 'dev-education-regional-secret');
  const reason = (result: GraphQLResult) => result.errors?.[0]?.extensions?.reason;

  beforeAll(async () => {
    t = await startTestHub({ registryRefreshMs: REFRESH_MS, sync: false });
    db = new Client({ connectionString: t.adminUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await t.stop();
  });

  it('when the hub first starts, then the bank holds the file as version 1, and the other subgraphs’ roles read it only through bank.registry_document()', async () => {
    const { rows } = await db.query(`SELECT version, document, changed_by FROM bank.registry_version`);
    expect(rows).toEqual([{ version: '1', document: file.data, changed_by: 'bootstrap' }]);
    for (const role of ['education', 'audit'] as const) {
      const reader = new Client({ connectionString: t.hub.roleUrls[role] });
      await reader.connect();
      try {
        const [row] = (await reader.query(`SELECT version FROM bank.registry_document(0)`)).rows;
        expect(row.version).toBe('1');
        expect((await reader.query(`SELECT * FROM bank.registry_document(1)`)).rows).toEqual([]);
        await expect(reader.query(`SELECT count(*) FROM bank.registry_version`)).rejects.toThrow(/permission denied/);
      } finally {
        await reader.end();
      }
    }
  });

  it('when the administrator adds a school and puts it on the regional education system’s allow-list, then after a refresh the system acts for it through the gateway and directly at a subgraph', async () => {
    const token = await regional();
    const asNewSchool = { 'x-hub-organisation': newSchool.id };
    const before = await t.gql(token, REGISTER_PERSON, { input: personInput() }, undefined, asNewSchool);
    expect(before.status).toBe(403);
    expect(reason(before)).toBe('organisation_not_allowed');

    const added = await change(SAVE, newSchool);
    expect(added).toMatchObject({ version: 2, changed: true });
    expect(added.change).toContain(newSchool.id);
    // The same change again stores nothing: a retry is safe.
    expect(await change(SAVE, newSchool)).toMatchObject({ version: 2, changed: false });
    const listed = await change(SET_SYSTEM, { clientId: 'education-regional', organisationIds: [...file.systemOrganisations('education-regional'), newSchool.id] });
    expect(listed).toMatchObject({ version: 3, changed: true });

    const registered = await waitFor(
      'the new school on the allow-list at the gateway and the bank',
      () => t.gql<{ registerPerson: { outcome: string; person: { id: string } } }>(token, REGISTER_PERSON, { input: personInput() }, undefined, asNewSchool),
      (r) => r.errors === undefined,
      10_000,
    );
    expect(registered.data!.registerPerson.outcome).toBe('CREATED');
    const childId = registered.data!.registerPerson.person.id;

    const signal = signalInput(childId);
    const direct = await t.gql(token, reportSignal('education'), { input: signal }, t.hub.subgraphs.education.url, asNewSchool);
    expect(direct.errors).toBeUndefined();
    const { rows } = await db.query(`SELECT organisation_id FROM education.signal WHERE idempotency_key = $1`, [signal.idempotencyKey]);
    expect(rows).toEqual([{ organisation_id: newSchool.id }]);

    const acting = await t.gql<{ actingOrganisation: { id: string; name: string } }>(token, ACTING, {}, undefined, asNewSchool);
    expect(acting.data!.actingOrganisation).toEqual({ id: newSchool.id, name: newSchool.name });
    const list = await t.gql<{ organisations: Array<{ id: string }> }>(token, LIST, { territory: VLK }, undefined, asNewSchool);
    expect(list.data!.organisations.map((o) => o.id)).toContain(newSchool.id);
  });

  it('when the administrator retires an organisation, then after a refresh its people and the systems acting for it are refused (organisation_retired), at the gateway and at a subgraph, and it leaves the list', async () => {
    const teacher = await t.userToken('teacher2.vlk');
    expect((await t.gql(teacher, ACTING)).errors).toBeUndefined();

    expect(await change(RETIRE, { id: org('school2-vlk'), reason: 'Реорганизация: присоединена к школе № 1' })).toMatchObject({ version: 4, changed: true });
    expect(await change(RETIRE, { id: org('school2-vlk'), reason: 'Повтор' })).toMatchObject({ version: 4, changed: false });

    const refused = await waitFor(
      'the retirement at the gateway',
      () => t.gql(teacher, ACTING),
      (r) => r.status === 403,
      10_000,
    );
    expect(refused.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'organisation_retired' });
    for (const url of [t.hub.gatewayUrl, t.hub.subgraphs.bank.url, t.hub.subgraphs.education.url]) {
      const person = await t.gql(teacher, ACTING, {}, url);
      expect([person.status, reason(person)]).toEqual([403, 'organisation_retired']);
      const system = await t.gql(await regional(), ACTING, {}, url, { 'x-hub-organisation': org('school2-vlk') });
      expect([system.status, reason(system)]).toEqual([403, 'organisation_retired']);
    }
    const list = await t.gql<{ organisations: Array<{ id: string }> }>(await regional(), LIST, { territory: VLK }, undefined, { 'x-hub-organisation': org('school1-vlk') });
    expect(list.data!.organisations.map((o) => o.id)).not.toContain(org('school2-vlk'));

    // Nobody puts a retired organisation on an allow-list again.
    const { result } = await admin(SET_SYSTEM, { clientId: 'education-system', organisationIds: [org('school1-vlk'), org('school2-vlk')] });
    expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.organisationIds[1]', value: org('school2-vlk'), rule: 'organisation.retired' });
  });

  it('when a change breaks a rule (ОГРН checksum, a territory of another region, an unknown parent, a parent with bodies still under it), then it is a field error naming the field, value and rule, and nothing is stored', async () => {
    const count = await versions();
    const cases: Array<[string, Record<string, unknown>, Record<string, unknown>]> = [
      [SAVE, { ...newSchool, id: '1020500010301', code: 'school4-vlk' }, { field: 'input.id', value: '1020500010301', rule: 'ogrn.checksum' }],
      [SAVE, { ...newSchool, id: ogrn('102050001031'), code: 'school4-vlk', territories: [VLK, YOL] }, { field: 'input.territories[1]', value: YOL, rule: 'territory.region' }],
      [SAVE, { ...newSchool, id: ogrn('102050001031'), code: 'school4-vlk', parent: ogrn('102050009999') }, { field: 'input.parent', value: ogrn('102050009999'), rule: 'parent.known' }],
      [SAVE, { ...newSchool, id: ogrn('102050001031'), code: 'school1-vlk' }, { field: 'input.code', value: 'school1-vlk', rule: 'organisation.codeUnique' }],
      [RETIRE, { id: org('kdn-05'), reason: 'Проверка правила' }, { field: 'input.id', value: org('kdn-05'), rule: 'parent.active' }],
      [SET_SYSTEM, { clientId: 'health-regional', organisationIds: [ogrn('102880001060')] }, { field: 'input.organisationIds[0]', value: ogrn('102880001060'), rule: 'organisation.known' }],
    ];
    for (const [query, input, expected] of cases) {
      const { requestId, result } = await admin(query, input);
      expect(result.data).toBeNull();
      expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', ...expected });
      expect(result.errors![0].message).toContain(String(expected.field));
      expect((await entriesOf(requestId)).filter((e) => e.kind === 'write')).toEqual([]);
    }
    // Every broken rule in one answer: the administrator fixes them all at once.
    const { result } = await admin(SAVE, { ...newSchool, id: '1020500010301', code: 'School 4', territories: [YOL] });
    expect((result.errors![0].extensions!.issues as Array<{ field: string; rule: string }>).map((i) => `${i.field} ${i.rule}`).sort()).toEqual(
      ['input.code organisation.code', 'input.id ogrn.checksum', 'input.territories[0] territory.region'].sort(),
    );
    expect(await versions()).toBe(count);
  });

  it('when anyone but the administrator tries a change, then it is FORBIDDEN registry:write and nothing is stored', async () => {
    const count = await versions();
    for (const [token, purpose] of [
      [await t.userToken('secretary.kdn05'), 'DATA_BANK'],
      [await t.systemToken('education'), 'INDIVIDUAL_PREVENTION'],
    ]) {
      const result = await t.gql(token, SAVE, { input: { ...newSchool, name: 'Переименована без права' } }, undefined, { 'x-hub-purpose': purpose });
      expect(result.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'registry:write' });
    }
    expect(await versions()).toBe(count);
  });

  it('when a change is stored, then the access log has its write entry (who, purpose, request id, the table written) and the version row names the same request', async () => {
    expect(stored.length).toBe(3);
    for (const requestId of stored) {
      const writes = (await entriesOf(requestId)).filter((e) => e.kind === 'write');
      expect(writes).toHaveLength(1);
      expect(writes[0]).toMatchObject({ service: 'bank', username: 'registry.admin', purpose: 'REGISTRY', outcome: 'allowed', written: ['registry_version'] });
      expect(writes[0].roles).toContain('registry_admin');
      const { rows } = await db.query(`SELECT changed_by FROM bank.registry_version WHERE request_id = $1`, [requestId]);
      expect(rows).toEqual([{ changed_by: 'registry.admin' }]);
    }
    expect(await t.hub.audit.verify()).toMatchObject({ ok: true });
  });

  it('when the gateway asks the bank for the registry (GET /registry), then it gets the version and the document, and 304 while it holds the current one; a snapshot refreshed over HTTP or from the database takes only newer versions', async () => {
    const url = new URL('/registry', t.hub.subgraphs.bank.url).toString();
    const full = await fetch(url);
    const body = (await full.json()) as { version: number; document: { organisations: Array<{ id: string; retiredOn?: string }> } };
    expect(body.version).toBe(4);
    expect(full.headers.get('etag')).toBe('"4"');
    expect(body.document.organisations.find((o) => o.id === org('school2-vlk'))!.retiredOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await fetch(url, { headers: { 'if-none-match': '"4"' } })).status).toBe(304);

    const reader = new Client({ connectionString: t.hub.roleUrls.police });
    await reader.connect();
    try {
      const sources: Array<[string, RegistrySource]> = [
        ['http', httpRegistrySource(url)],
        ['database', databaseRegistrySource(async (sql, params) => (await reader.query(sql, params)).rows)],
      ];
      for (const [name, source] of sources) {
        const fetched: number[] = [];
        const errors: unknown[] = [];
        const snapshot = new RegistrySnapshot();
        const counted: RegistrySource = async (known) => {
          const found = await source(known);
          if (found) fetched.push(found.version);
          return found;
        };
        const refresh = createRegistryRefresh({ source: counted, snapshot, onError: (error) => errors.push(error) });
        await refresh.refreshNow();
        await refresh.refreshNow();
        // The document travels once; the second refresh finds the version unchanged.
        expect([name, snapshot.version, fetched, errors]).toEqual([name, 4, [4], []]);
        expect(snapshot.registry.get(newSchool.id)?.name).toBe(newSchool.name);
        expect(snapshot.registry.get(org('school2-vlk'))).toBeNull();
        expect(snapshot.registry.find(org('school2-vlk'))?.retiredOn).toBeTruthy();
      }
    } finally {
      await reader.end();
    }
  });

  it('when a refresh fails (the bank away, a document that breaks a rule), then the snapshot keeps its last good version', async () => {
    const snapshot = new RegistrySnapshot();
    const errors: unknown[] = [];
    const good = file.data;
    const broken = { ...good, organisations: [...good.organisations, { ...good.organisations[0], id: '1020500010301', code: 'broken' }] };
    const answers: Array<() => Promise<{ version: number; document: typeof good } | null>> = [
      async () => ({ version: 7, document: good }),
      async () => {
        throw new Error('bank unreachable');
      },
      async () => ({ version: 8, document: broken }),
    ];
    const refresh = createRegistryRefresh({ source: () => answers.shift()!(), snapshot, onError: (error) => errors.push(error) });
    for (let i = 0; i < 3; i++) await refresh.refreshNow();
    expect(snapshot.version).toBe(7);
    expect(snapshot.registry.all().length).toBe(file.all().length);
    expect(errors.map((e) => (e as Error).message)).toEqual(['bank unreachable', expect.stringContaining('не является корректным ОГРН')]);
  });
});
