import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { loadOrganisationRegistry } from '../../auth/organisations/organisation-registry';
import { measureInput, personInput, signalInput, validSnils } from '../support/factories';
import { recordMeasure, REGISTER_FAMILY, reportSignal } from '../support/operations';
import { waitFor } from '../support/sync-worker';
import type { GraphQLResult, HubClient } from '../support/hub-client';
import { sharedTestHub } from '../support/shared-hub';

/**
 * Organisations and territories, tried as a new user and as an adversary would: each test here is
 * one of the holes the coarse "who" (agency types, one municipality per system) left open.
 */
const registry = loadOrganisationRegistry();
const org = (code: string) => registry.all().find((o) => o.code === code)!.id;
const VLK = '05701000';
const YOL = '88701000';

const REGISTER = /* GraphQL */ `
  mutation RegisterPerson($input: RegisterPersonInput!) {
    registerPerson(input: $input) {
      outcome
      person {
        id
        disclosed
        fullName
        birthDate
        municipality
        maskedSnils
      }
      candidates {
        id
        disclosed
        fullName
        birthDate
        municipality
      }
    }
  }
`;
const READ = `query($id: ID!) { child(id: $id) { id fullName bankStanding { inRegister } education { signals { id } } } }`;
const NOTES = `{ notifications(first: 100) { kind childId caseId message } }`;
const CASES = `query { kdnCases { id number state programme { id rowNo executorAgency measureStatus } } }`;

type Match = { id: string; disclosed: boolean; fullName: string | null; birthDate: string | null; municipality: string | null; maskedSnils?: string | null };
type Registration = { registerPerson: { outcome: string; person: Match | null; candidates: Match[] } };

describe('organisations and territories: who acts for whom, and what each may learn', () => {
  let t: HubClient;
  let admin: Client;
  const user = (name: string) => t.userToken(name);
  const regional = (client: 'education-regional' | 'health-regional') => t.clientToken(client, `dev-${client}-secret`);
  const actingFor = (code: string, purpose = 'INDIVIDUAL_PREVENTION') => ({ 'x-hub-organisation': org(code), 'x-hub-purpose': purpose });
  const ok = <T>(result: GraphQLResult<T>): T => {
    expect(result.errors).toBeUndefined();
    return result.data!;
  };

  beforeAll(async () => {
    t = await sharedTestHub();
    admin = new Client({ connectionString: t.adminUrl });
    await admin.connect();
  });
  afterAll(async () => {
    await admin.end();
    await t.stop();
  });

  describe('registerPerson discloses nothing the caller may not read', () => {
    let yolChild: { id: string; input: ReturnType<typeof personInput> };

    beforeAll(async () => {
      const input = personInput({ municipality: YOL, registeredAddress: 'г. Йошкар-Ола, ул. Тестовая, д. 5', actualAddress: 'г. Йошкар-Ола, ул. Тестовая, д. 5' });
      const created = ok(await t.gql<Registration>(await user('secretary.yol'), REGISTER, { input }));
      yolChild = { id: created.registerPerson.person!.id, input };
    });

    it('when a Vladivostok school system sends a Yoshkar-Ola child’s SNILS with the identity it holds, then it gets the id alone: no name, birth date, territory or SNILS of the stored record', async () => {
      const found = ok(await t.gql<Registration>(await t.systemToken('education'), REGISTER, { input: { ...yolChild.input, idempotencyKey: `p-${randomUUID()}` } })).registerPerson;
      expect(found).toEqual({ outcome: 'FOUND', person: { id: yolChild.id, disclosed: false, fullName: null, birthDate: null, municipality: null, maskedSnils: null }, candidates: [] });
      // The id opens nothing by itself: the child and its data bank standing stay refused.
      const read = await t.gql<{ child: unknown }>(await t.systemToken('education'), READ, { id: yolChild.id });
      expect(read.data?.child ?? null).toBeNull();
      expect(read.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'no-relationship' });
    });

    it('when it sends only the SNILS with some other name, then it learns no one’s name: a field error, nothing stored', async () => {
      const probes = async () => (await admin.query(`SELECT count(*)::int AS n FROM bank.person WHERE last_name = 'Пробная' AND first_name = 'Проба'`)).rows[0].n;
      const probe = await t.gql<Registration>(await t.systemToken('education'), REGISTER, { input: personInput({ snils: yolChild.input.snils, lastName: 'Пробная', firstName: 'Проба' }) });
      expect(probe.data?.registerPerson ?? null).toBeNull();
      expect(probe.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.snils', rule: 'snils.identityMismatch' });
      expect(JSON.stringify(probe)).not.toContain(yolChild.input.firstName);
      expect(await probes()).toBe(0);
    });

    it('when it sends the name and birth date without SNILS, then the match is a candidate by id only, and the Yoshkar-Ola commission sees it in full', async () => {
      const { snils: _none, ...withoutSnils } = yolChild.input;
      const outsider = ok(await t.gql<Registration>(await t.systemToken('education'), REGISTER, { input: { ...withoutSnils, idempotencyKey: `p-${randomUUID()}` } })).registerPerson;
      expect(outsider.outcome).toBe('CANDIDATES');
      expect(outsider.candidates).toEqual([{ id: yolChild.id, disclosed: false, fullName: null, birthDate: null, municipality: null }]);
      const commission = ok(await t.gql<Registration>(await user('secretary.yol'), REGISTER, { input: { ...withoutSnils, idempotencyKey: `p-${randomUUID()}` } })).registerPerson;
      expect(commission.candidates).toEqual([expect.objectContaining({ id: yolChild.id, disclosed: true, municipality: YOL, birthDate: yolChild.input.birthDate })]);
    });
  });

  describe('a regional system acts for the organisation it names, within its allow-list', () => {
    it('when the regional education system registers a Yoshkar-Ola child for a Yoshkar-Ola school, then it reads the child back; acting for a Vladivostok school it is refused, and the refusal names the territory', async () => {
      const token = await regional('education-regional');
      const created = ok(await t.gql<Registration>(token, REGISTER, { input: personInput({ municipality: YOL }) }, undefined, actingFor('school1-yol'))).registerPerson;
      expect(created).toMatchObject({ outcome: 'CREATED', person: { disclosed: true, municipality: YOL } });
      const back = ok(await t.gql<{ child: { id: string; fullName: string } }>(token, READ, { id: created.person!.id }, undefined, actingFor('school1-yol')));
      expect(back.child).toMatchObject({ id: created.person!.id, fullName: created.person!.fullName });
      const refused = await t.gql(token, READ, { id: created.person!.id }, undefined, actingFor('school1-vlk'));
      expect(refused.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'no-relationship' });
      expect(refused.errors![0].message).toContain('вне территорий');
    });

    it('when it names no organisation, or one outside its allow-list, then the gateway and a subgraph called directly answer 403 and store nothing', async () => {
      const token = await regional('education-regional');
      const input = signalInput(randomUUID());
      for (const url of [t.gatewayUrl, t.subgraphUrls.education]) {
        const none = await t.gql(token, reportSignal('education'), { input }, url);
        expect(none.status).toBe(403);
        expect(none.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'organisation_required' });
        const police = await t.gql(token, reportSignal('education'), { input }, url, { 'x-hub-organisation': org('police-yol') });
        expect(police.status).toBe(403);
        expect(police.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'organisation_not_allowed' });
      }
      expect((await admin.query(`SELECT count(*)::int AS n FROM education.signal WHERE idempotency_key = $1`, [input.idempotencyKey])).rows[0].n).toBe(0);
    });
  });

  it('when two people of the portal use the same idempotency key, then each gets the answer to his or her own request', async () => {
    const key = `shared-${randomUUID()}`;
    const first = ok(await t.gql<Registration>(await user('secretary.vlk'), REGISTER, { input: personInput({ idempotencyKey: key }) })).registerPerson;
    const second = ok(await t.gql<Registration>(await user('operator.vlk'), REGISTER, { input: personInput({ idempotencyKey: key }) }, undefined, { 'x-hub-purpose': 'DATA_BANK' })).registerPerson;
    expect(first.outcome).toBe('CREATED');
    expect(second.outcome).toBe('CREATED');
    expect(second.person!.id).not.toBe(first.person!.id);
  });

  it('when a school composes a family of a child it may not read, then it is refused before anything is stored', async () => {
    const secretary = await user('secretary.yol');
    const child = ok(await t.gql<Registration>(secretary, REGISTER, { input: personInput({ municipality: YOL }) })).registerPerson.person!.id;
    const mother = ok(await t.gql<Registration>(secretary, REGISTER, { input: personInput({ municipality: YOL, birthDate: '1985-01-01' }) })).registerPerson.person!.id;
    const families = async () => (await admin.query(`SELECT count(*)::int AS n FROM bank.family_member WHERE person_id = ANY($1::uuid[])`, [[mother, child]])).rows[0].n;
    expect(await families()).toBe(0);
    const attempt = await t.gql(await user('education.vlk'), REGISTER_FAMILY, {
      input: {
        idempotencyKey: `f-${randomUUID()}`,
        municipality: VLK,
        categories: [],
        members: [
          { personId: mother, role: 'MOTHER' },
          { personId: child, role: 'CHILD' },
        ],
      },
    });
    expect(attempt.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'identity:read' });
    expect(await families()).toBe(0);
  });

  describe('emergency access', () => {
    const OPEN = `mutation($input: OpenEmergencyAccessInput!) { openEmergencyAccess(input: $input) { id } }`;
    const VIEW = `query($id: ID!) { child(id: $id) { id fullName } }`;

    it('when the justification is twenty repeated letters or a single word, then it is refused as not being real text', async () => {
      const child = ok(await t.gql<Registration>(await user('secretary.vlk'), REGISTER, { input: personInput() })).registerPerson.person!.id;
      for (const justification of ['аааааааааааааааааааааааа', 'Срочнососрочнососрочно!!', 'йцукенгшщзхъфывапролджэ']) {
        const r = await t.gql(await user('guardianship.yol'), OPEN, { input: { childId: child, justification } }, undefined, { 'x-hub-purpose': 'EMERGENCY' });
        expect(r.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.justification' });
      }
    });

    it('when an emergency access is open, then it serves requests under purpose EMERGENCY only', async () => {
      const child = ok(await t.gql<Registration>(await user('secretary.vlk'), REGISTER, { input: personInput() })).registerPerson.person!.id;
      const guardianship = await user('guardianship.yol');
      ok(
        await t.gql(guardianship, OPEN, { input: { childId: child, justification: 'Сообщение полиции: ребёнок один дома третьи сутки, без еды и тепла' } }, undefined, {
          'x-hub-purpose': 'EMERGENCY',
        }),
      );
      expect(ok(await t.gql<{ child: { id: string } }>(guardianship, VIEW, { id: child }, undefined, { 'x-hub-purpose': 'EMERGENCY' })).child.id).toBe(child);
      const everyday = await t.gql<{ child: unknown }>(guardianship, VIEW, { id: child }, undefined, { 'x-hub-purpose': 'INDIVIDUAL_PREVENTION' });
      expect(everyday.data?.child ?? null).toBeNull();
      expect(everyday.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'no-relationship' });
    });
  });

  it('when two agencies register the same new SNILS at the same moment, ten times over, then one creates and the other finds it, never an internal error', async () => {
    const [education, health] = [await t.systemToken('education'), await t.systemToken('health')];
    for (let pair = 0; pair < 10; pair++) {
      const base = personInput({ snils: validSnils() });
      const answers = await Promise.all([education, health].map((token) => t.gql<Registration>(token, REGISTER, { input: { ...base, idempotencyKey: `c-${randomUUID()}` } })));
      for (const answer of answers) expect(answer.errors).toBeUndefined();
      expect(answers.map((a) => a.data!.registerPerson.outcome).sort()).toEqual(['CREATED', 'FOUND']);
      expect(new Set(answers.map((a) => a.data!.registerPerson.person!.id)).size).toBe(1);
    }
  });

  it('the Mari El flow, run by the regional education system acting for a Yoshkar-Ola school: register the child, report a signal, read it back, receive the match notification, find its programme row, record the measure', async () => {
    const school = await regional('education-regional');
    const asSchool = actingFor('school1-yol');
    const child = ok(await t.gql<Registration>(school, REGISTER, { input: personInput({ municipality: YOL }) }, undefined, asSchool)).registerPerson.person!.id;
    const signal = ok(await t.gql<{ education: { reportSignal: { id: string } } }>(school, reportSignal('education'), { input: signalInput(child) }, undefined, asSchool)).education.reportSignal;
    const seen = ok(await t.gql<{ child: { education: { signals: Array<{ id: string }> } } }>(school, READ, { id: child }, undefined, asSchool));
    expect(seen.child.education.signals.map((s) => s.id)).toEqual([signal.id]);

    // The clinic reports the same child through the regional health system: the school is told, another school is not.
    ok(
      await t.gql(
        await regional('health-regional'),
        reportSignal('health'),
        { input: signalInput(child, { sourceKind: 'HEALTH', indicatorCodes: ['HEALTH-L1-01'] }) },
        undefined,
        actingFor('clinic-yol'),
      ),
    );
    const matches = await waitFor(
      'the match notification for the school',
      async () =>
        ok(await t.gql<{ notifications: Array<{ kind: string; childId: string | null }> }>(school, NOTES, {}, undefined, asSchool)).notifications.filter(
          (n) => n.kind === 'SIGNAL_MATCH' && n.childId === child,
        ),
      (found) => found.length === 1,
      20_000,
    );
    expect(matches).toHaveLength(1);
    const elsewhere = ok(await t.gql<{ notifications: Array<{ kind: string; childId: string | null }> }>(school, NOTES, {}, undefined, actingFor('school2-yol'))).notifications;
    expect(elsewhere.filter((n) => n.childId === child)).toEqual([]);

    // The commission of Yoshkar-Ola takes the case to a programme with a row for education.
    const today = new Date().toISOString().slice(0, 10);
    const kase = ok(
      await t.gql<{ registerSignalInJournal: { id: string; number: string } }>(
        await user('secretary.yol'),
        `mutation($i: RegisterInJournalInput!) { registerSignalInJournal(input: $i) { id number } }`,
        {
          i: { childId: child, urgency: 'ROUTINE', receivedOn: today, sourceKind: 'EDUCATION', summary: 'Систематические пропуски занятий', signals: [{ agency: 'EDUCATION', signalId: signal.id }] },
        },
      ),
    ).registerSignalInJournal;
    ok(await t.gql(await user('secretary.yol'), `mutation($id: ID!) { assignCheck(caseId: $id, agencies: [EDUCATION]) { id } }`, { id: kase.id }));
    ok(
      await t.gql(await user('education.yol'), `mutation($id: ID!, $i: ConclusionInput!) { recordConclusion(caseId: $id, input: $i) { id } }`, {
        id: kase.id,
        i: { kind: 'EARLY_STAGE', dangerLevel: 'MEDIUM', violationFound: true, childSafeNow: true, notes: 'Ранняя стадия неблагополучия' },
      }),
    );
    ok(
      await t.gql(await user('chair.yol'), `mutation($id: ID!, $i: ResolutionInput!) { recordResolution(caseId: $id, input: $i) { id } }`, {
        id: kase.id,
        i: { kind: 'INDIVIDUAL_WORK', number: `ЙО-${randomUUID().slice(0, 4)}`, date: today, curator: 'curator.yol', leadAgency: 'EDUCATION', supportingAgencies: [], termMonths: 6 },
      }),
    );
    ok(
      await t.gql(await user('curator.yol'), `mutation($id: ID!, $i: AddProgrammeRowInput!) { addProgrammeRow(caseId: $id, input: $i) { id } }`, {
        id: kase.id,
        i: { problem: 'Пропуски занятий', task: 'Вернуть регулярное посещение', measure: 'Ежедневный контроль посещаемости', executorAgency: 'EDUCATION', dueDate: today },
      }),
    );
    ok(await t.gql(await user('chair.yol'), `mutation($id: ID!) { approveProgramme(caseId: $id) { id } }`, { id: kase.id }));

    type Cases = { kdnCases: Array<{ id: string; programme: Array<{ id: string; rowNo: number; executorAgency: string; measureStatus: string | null }> }> };
    const mine = ok(await t.gql<Cases>(school, CASES, {}, undefined, asSchool)).kdnCases.find((c) => c.id === kase.id)!;
    expect(mine.programme.map((r) => `${r.rowNo}:${r.executorAgency}`)).toEqual(['1:EDUCATION']);
    // The same system acting for a Vladivostok school has no such case.
    expect(ok(await t.gql<Cases>(school, CASES, {}, undefined, actingFor('school1-vlk'))).kdnCases.map((c) => c.id)).not.toContain(kase.id);

    ok(
      await t.gql(
        school,
        recordMeasure('education'),
        { input: measureInput(child, { dueDate: today, doneDate: today, result: 'Посещаемость восстановлена', programmeRowId: mine.programme[0].id }) },
        undefined,
        asSchool,
      ),
    );
    const done = await waitFor(
      'the programme row filled by the school’s measure',
      async () => ok(await t.gql<Cases>(await user('chair.yol'), CASES)).kdnCases.find((c) => c.id === kase.id)!.programme[0].measureStatus,
      (status) => status === 'DONE',
      20_000,
    );
    expect(done).toBe('DONE');
  });

  it('when the commission names organisations, then the check, the lead, the programme row and the detecting body are those organisations, not their types; another school’s measure naming the row is refused', async () => {
    const secretary = await user('secretary.vlk');
    const child = ok(await t.gql<Registration>(secretary, REGISTER, { input: personInput() })).registerPerson.person!.id;
    const school2 = await regional('education-regional');
    const asSchool2 = actingFor('school2-vlk');
    const signal = ok(await t.gql<{ education: { reportSignal: { id: string } } }>(school2, reportSignal('education'), { input: signalInput(child) }, undefined, asSchool2)).education.reportSignal;
    await waitFor(
      'the signal in the bank',
      async () => (await admin.query(`SELECT 1 FROM bank.agency_record WHERE aggregate_id = $1`, [signal.id])).rowCount,
      (n) => n === 1,
      15_000,
    );
    const today = new Date().toISOString().slice(0, 10);
    type Case = { id: string; number: string; checkOrganisationIds: string[]; detectingOrganisationId: string | null; leadOrganisationId: string | null };
    const FIELDS = 'id number checkOrganisationIds detectingOrganisationId leadOrganisationId';
    const kase = ok(
      await t.gql<{ registerSignalInJournal: Case }>(secretary, `mutation($i: RegisterInJournalInput!) { registerSignalInJournal(input: $i) { ${FIELDS} } }`, {
        i: { childId: child, urgency: 'ROUTINE', receivedOn: today, sourceKind: 'EDUCATION', summary: 'Пропуски занятий', signals: [{ agency: 'EDUCATION', signalId: signal.id }] },
      }),
    ).registerSignalInJournal;
    expect(kase.detectingOrganisationId).toBe(org('school2-vlk'));
    const assigned = ok(
      await t.gql<{ assignCheck: Case }>(secretary, `mutation($id: ID!, $o: [ID!]!) { assignCheck(caseId: $id, organisationIds: $o) { ${FIELDS} } }`, { id: kase.id, o: [org('school2-vlk')] }),
    ).assignCheck;
    expect(assigned.checkOrganisationIds).toEqual([org('school2-vlk')]);

    const CONCLUDE = `mutation($id: ID!, $i: ConclusionInput!) { recordConclusion(caseId: $id, input: $i) { id state } }`;
    const conclusion = { kind: 'EARLY_STAGE', dangerLevel: 'MEDIUM', violationFound: true, childSafeNow: true, notes: 'Ранняя стадия' };
    // School No. 1 of the same municipality was not assigned: it neither sees the case nor concludes it.
    const school1 = await t.systemToken('education');
    expect(ok(await t.gql<{ kdnCases: Array<{ id: string }> }>(school1, `query { kdnCases { id } }`)).kdnCases.map((c) => c.id)).not.toContain(kase.id);
    expect((await t.gql(await user('education.vlk'), CONCLUDE, { id: kase.id, i: conclusion })).errors![0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(ok(await t.gql<{ kdnCases: Array<{ id: string }> }>(school2, `query { kdnCases { id } }`, {}, undefined, asSchool2)).kdnCases.map((c) => c.id)).toContain(kase.id);
    ok(await t.gql(await user('teacher2.vlk'), CONCLUDE, { id: kase.id, i: conclusion }));

    const resolved = ok(
      await t.gql<{ recordResolution: Case }>(await user('chair.vlk'), `mutation($id: ID!, $i: ResolutionInput!) { recordResolution(caseId: $id, input: $i) { ${FIELDS} } }`, {
        id: kase.id,
        i: {
          kind: 'INDIVIDUAL_WORK',
          number: `ОР-${randomUUID().slice(0, 4)}`,
          date: today,
          curator: 'curator.vlk',
          leadOrganisationId: org('school2-vlk'),
          supportingOrganisationIds: [org('ngo-vlk')],
          termMonths: 6,
        },
      }),
    ).recordResolution;
    expect(resolved.leadOrganisationId).toBe(org('school2-vlk'));
    const participants = (await admin.query(`SELECT organisation_id FROM bank.case_participation WHERE child_id = $1 AND closed_on IS NULL ORDER BY 1`, [child])).rows.map((r) => r.organisation_id);
    expect(participants).toEqual([org('school2-vlk'), org('ngo-vlk')].sort());

    const ADD = `mutation($id: ID!, $i: AddProgrammeRowInput!) { addProgrammeRow(caseId: $id, input: $i) { id executorAgency executorOrganisation } }`;
    const row = ok(
      await t.gql<{ addProgrammeRow: { id: string; executorAgency: string; executorOrganisation: string } }>(await user('curator.vlk'), ADD, {
        id: kase.id,
        i: { problem: 'Пропуски', task: 'Посещаемость', measure: 'Контроль посещаемости', executorAgency: 'EDUCATION', dueDate: today },
      }),
    ).addProgrammeRow;
    expect(row).toMatchObject({ executorAgency: 'EDUCATION', executorOrganisation: org('school2-vlk') });
    // An organisation the resolution did not name cannot execute, even of the same type.
    const stray = await t.gql(await user('curator.vlk'), ADD, { id: kase.id, i: { problem: 'П', task: 'З', measure: 'М', executorOrganisationId: org('school1-vlk'), dueDate: today } });
    expect(stray.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.executorOrganisationId', rule: 'programme.executorAttached' });
    ok(await t.gql(await user('chair.vlk'), `mutation($id: ID!) { approveProgramme(caseId: $id) { id } }`, { id: kase.id }));
    // The NGO supports the case though it has no subgraph: its patronage sheet is due, addressed to it.
    const due = ok(
      await t.gql<{ dueItems: Array<{ kind: string; agency: string; organisationId: string | null }> }>(
        await user('chair.vlk'),
        `query($c: ID) { dueItems(caseId: $c) { kind agency organisationId } }`,
        { c: kase.id },
      ),
    ).dueItems;
    expect(due).toContainEqual({ kind: 'PATRONAGE_SHEET', agency: 'NGO', organisationId: org('ngo-vlk') });

    // School No. 1's measure naming the row is refused with the reason (the row is school No. 2's) and stored nowhere; school No. 2's fills it.
    const measure = (token: string, headers: Record<string, string> = {}) =>
      t.gql<{ education: { recordMeasure: { id: string } } }>(
        token,
        recordMeasure('education'),
        { input: measureInput(child, { dueDate: today, doneDate: today, result: 'Проведено', programmeRowId: row.id }) },
        undefined,
        headers,
      );
    const wrong = await measure(school1);
    expect(wrong.data).toBeNull();
    expect(wrong.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.programmeRowId', value: row.id, rule: 'programmeRow.executor' });
    expect(wrong.errors![0].message).toContain(`ОГРН ${org('school2-vlk')}`);
    expect((await admin.query(`SELECT count(*)::int AS n FROM education.measure WHERE programme_row_id = $1`, [row.id])).rows[0].n).toBe(0);
    expect((await admin.query(`SELECT measure_id FROM bank.programme_row WHERE id = $1`, [row.id])).rows[0].measure_id).toBeNull();
    const right = ok(await measure(school2, asSchool2)).education.recordMeasure;
    const filled = await waitFor(
      'the row filled by school No. 2',
      async () => (await admin.query(`SELECT measure_id FROM bank.programme_row WHERE id = $1`, [row.id])).rows[0].measure_id,
      (id) => id === right.id,
      15_000,
    );
    expect(filled).toBe(right.id);
  });
});
