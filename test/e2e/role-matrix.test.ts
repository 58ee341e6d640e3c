import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { renderPermissionMatrix } from '../../auth/access/permission-matrix';
import { categoryOfOperation, DataCategory } from '../../auth/access/data-categories';
import { Condition, conditionsFor, Operation, sectionOperation } from '../../auth/access/permission-table';
import { ROLE_PURPOSES } from '../../auth/access/purposes';
import { Organisation } from '../../auth/organisations/organisation';
import { loadOrganisationRegistry } from '../../auth/organisations/organisation-registry';
import { isRole, Role } from '../../auth/principal';
import { factsMutation, measureInput, personInput, signalInput } from '../support/factories';
import { recordMeasure, REGISTER_FAMILY, REGISTER_PERSON, reportSignal } from '../support/operations';
import { startTestHub, TestHub } from '../support/test-hub';

/**
 * Every role of the realm, in both demo municipalities, and every agency system, against every
 * query and mutation of the hub. The expected answer is read from the permission table with the
 * facts each case is arranged with (whose records, which territory, which agencies take part in
 * the child's open case), so a resolver that forgets a check, or checks the wrong thing, fails here.
 */
const A = '05701000';
/** Another municipality of the same region (Artyom, Primorsky). */
const A2 = '05705000';
/** Another region (Yoshkar-Ola, Mari El). */
const B = '88701000';
const AGENCIES = ['education', 'health', 'police', 'social', 'guardianship'] as const;
type Agency = (typeof AGENCIES)[number];
const registry = loadOrganisationRegistry();
const org = (code: string) => registry.all().find((o) => o.code === code)!;

interface Caller {
  name: string;
  token: string;
  /** The first purpose the caller's role may state: each caller asks as its work requires. */
  purpose: string;
  roles: Role[];
  organisation: Organisation | null;
  /** X-Hub-Organisation, for a system that acts for several organisations. */
  actingFor?: string;
}

interface Subject {
  id: string;
  municipality: string;
  /** Organisations (ОГРН) taking part in the child's open case. */
  participants: string[];
  /** What the parent consented to (one consent at most in this fixture), as stored grantee specs. */
  consent: { grantees: string[]; categories: DataCategory[]; purposes: string[] } | null;
}

/** The table's conditions, judged from the arranged facts: independent of the hub's own decide(). */
function expected(caller: Caller, operation: Operation, facts: { agency?: Agency; subject?: Subject }): boolean {
  const o = caller.organisation;
  const serves = (oktmo: string) => o !== null && o.territories.includes(oktmo);
  const truth: Record<Condition, boolean> = {
    any: true,
    'own-agency': facts.agency !== undefined && o?.type === facts.agency && (facts.subject === undefined || serves(facts.subject.municipality)),
    territory: facts.subject !== undefined && serves(facts.subject.municipality),
    // The case relationship opens another agency's data only as far as the parent's consent goes.
    participant:
      facts.subject !== undefined &&
      o !== null &&
      facts.subject.participants.includes(o.id) &&
      facts.subject.consent !== null &&
      facts.subject.consent.grantees.some((g) => g === `organisation:${o.id}` || o.territories.some((t) => g === `type:${o.type}:${t}`)) &&
      facts.subject.consent.categories.includes(categoryOfOperation(operation, facts.agency)) &&
      facts.subject.consent.purposes.includes(caller.purpose),
    'data-bank-operator': facts.subject !== undefined && serves(facts.subject.municipality) && registry.regionOf(facts.subject.municipality)?.dataBankOperator === o?.type,
  };
  return caller.roles.some((role) => conditionsFor(role, operation).some((condition) => truth[condition]));
}

const SECTIONS = AGENCIES.map((agency) => `${agency} { signals { id } }`).join(' ');
const READ = `query Read($id: ID!) { child(id: $id) { id fullName ${SECTIONS} } }`;
const OPEN_PARTICIPATION = `mutation Open($input: OpenCaseParticipationInput!) { openCaseParticipation(input: $input) { id organisationId } }`;
const RECORD_CONSENT = `mutation Consent($input: RecordConsentInput!) { recordConsent(input: $input) { id status } }`;

/** False when an error sits exactly at `at` (and is FORBIDDEN, nothing else). */
function outcome(result: { data: unknown; errors?: Array<{ path?: Array<string | number>; extensions?: Record<string, unknown> }> }, at: string[]) {
  const error = result.errors?.find((e) => JSON.stringify(e.path) === JSON.stringify(at));
  if (error) {
    expect(error.extensions?.code).toBe('FORBIDDEN');
    return false;
  }
  return true;
}

describe('the role matrix: every role x every query and mutation, asserted against the permission table', () => {
  let t: TestHub;
  const callers: Caller[] = [];
  let childA: Subject;
  let childA2: Subject;
  let childB: Subject;
  const as = (caller: Caller) => ({ 'x-hub-purpose': caller.purpose, ...(caller.actingFor ? { 'x-hub-organisation': caller.actingFor } : {}) });

  beforeAll(async () => {
    t = await startTestHub();
    const realm = JSON.parse(readFileSync(path.join(__dirname, '../../auth/realm/hub-realm.json'), 'utf8')) as { users: Array<{ username: string; serviceAccountClientId?: string }> };
    const tokens: Array<[string, string, string?]> = [];
    for (const user of realm.users.filter((u) => !u.serviceAccountClientId && !u.username.startsWith('service-account-'))) {
      tokens.push([user.username, await t.userToken(user.username)]);
    }
    for (const agency of AGENCIES) tokens.push([`${agency}-system`, await t.systemToken(agency)]);
    // Regional systems, each acting for an organisation of another municipality and of another region.
    const educationRegional = await t.clientToken('education-regional', 'dev-education-regional-secret');
    const healthRegional = await t.clientToken('health-regional', 'dev-health-regional-secret');
    tokens.push(['education-regional for school2-vlk', educationRegional, org('school2-vlk').id]);
    tokens.push(['education-regional for school1-art', educationRegional, org('school1-art').id]);
    tokens.push(['education-regional for kindergarten1-yol', educationRegional, org('kindergarten1-yol').id]);
    tokens.push(['health-regional for clinic-yol', healthRegional, org('clinic-yol').id]);
    tokens.push(['regional-bank-sync', await t.clientToken('regional-bank-sync', 'dev-regional-bank-sync-secret')]);
    for (const [name, token, actingFor] of tokens) {
      const claims = decodeJwt(token) as { realm_access?: { roles?: string[] }; organisation?: string; azp?: string };
      const roles = (claims.realm_access?.roles ?? []).filter(isRole);
      const organisationId = actingFor ?? claims.organisation ?? registry.systemOrganisations(claims.azp ?? '')[0] ?? null;
      callers.push({ name, token, purpose: ROLE_PURPOSES[roles[0]]?.[0] ?? 'INDIVIDUAL_PREVENTION', roles, organisation: organisationId ? registry.get(organisationId) : null, actingFor });
    }

    // Child A (Vladivostok): social-vlk takes part in its open case, and the mother consented to
    // social services of Vladivostok using everything but health data. Child A2 (Artyom, the same
    // region): school2-vlk takes part, and the mother consented to that one school by name.
    // Child B (Yoshkar-Ola): no case, no consent.
    const secretaryA = callers.find((c) => c.name === 'secretary.vlk')!.token;
    const secretaryA2 = callers.find((c) => c.name === 'secretary.art')!.token;
    const register = async (token: string, municipality: string, overrides: Record<string, unknown> = {}) => {
      const r = await t.gql<{ registerPerson: { person: { id: string } } }>(token, REGISTER_PERSON, { input: personInput({ municipality, ...overrides }) });
      expect(r.errors).toBeUndefined();
      return r.data!.registerPerson.person.id;
    };
    const categories = ['identity', 'contacts', 'documents', 'education', 'social', 'housing', 'offences'] as DataCategory[];
    childA = { id: await register(secretaryA, A), municipality: A, participants: [org('social-vlk').id], consent: { grantees: [`type:social:${A}`], categories, purposes: ['INDIVIDUAL_PREVENTION'] } };
    // The Vladivostok police unit also takes part in child A2's case, without any consent: a case alone opens nothing.
    childA2 = {
      id: await register(secretaryA2, A2),
      municipality: A2,
      participants: [org('school2-vlk').id, org('police-vlk').id],
      consent: { grantees: [`organisation:${org('school2-vlk').id}`], categories, purposes: ['INDIVIDUAL_PREVENTION'] },
    };
    childB = { id: await register(secretaryA, B), municipality: B, participants: [], consent: null };
    for (const [token, child, basis, participation, consent] of [
      [secretaryA, childA, 'Постановление КДН № 12 от 01.11.2026', { agency: 'SOCIAL' }, { grantees: ['SOCIAL'] }],
      [secretaryA2, childA2, 'Постановление КДН № 3 от 01.11.2026', { organisationId: org('school2-vlk').id }, { organisationIds: [org('school2-vlk').id] }],
    ] as const) {
      const mother = await register(token, child.municipality, { firstName: child === childA ? 'Мария' : 'Марина', birthDate: '1988-02-02' });
      const family = await t.gql(token, REGISTER_FAMILY, {
        input: {
          idempotencyKey: `matrix-family-${child.id}`,
          municipality: child.municipality,
          categories: ['SINGLE_PARENT'],
          members: [
            { personId: mother, role: 'MOTHER' },
            { personId: child.id, role: 'CHILD' },
          ],
        },
      });
      expect(family.errors).toBeUndefined();
      const opened = await t.gql<{ openCaseParticipation: { organisationId: string } }>(token, OPEN_PARTICIPATION, { input: { childId: child.id, ...participation, basis, openedOn: '2026-11-01' } });
      expect(opened.errors).toBeUndefined();
      expect(opened.data!.openCaseParticipation.organisationId).toBe(child.participants[0]);
      for (const other of child.participants.slice(1)) {
        expect((await t.gql(token, OPEN_PARTICIPATION, { input: { childId: child.id, organisationId: other, basis, openedOn: '2026-11-01' } })).errors).toBeUndefined();
      }
      const consented = await t.gql(token, RECORD_CONSENT, {
        input: {
          childId: child.id,
          grantorId: mother,
          ...consent,
          categories: categories.map((c) => c.toUpperCase()),
          purposes: ['INDIVIDUAL_PREVENTION'],
          validFrom: '2026-11-01',
          documentRef: 'Согласие от 01.11.2026 № 5',
        },
      });
      expect(consented.errors).toBeUndefined();
    }
    for (const agency of AGENCIES) {
      const token = await t.systemToken(agency);
      for (const child of [childA, childA2, childB]) expect((await t.gql(token, reportSignal(agency), { input: signalInput(child.id) })).errors).toBeUndefined();
    }
  }, 120_000);
  afterAll(() => t.stop());

  it('when the README is read, then its permission matrix is the table the hub enforces (`npm run permissions` prints it)', () => {
    expect(readFileSync(path.join(__dirname, '../../README.md'), 'utf8')).toContain(renderPermissionMatrix());
  });

  it('when the realm is read, then every role of the table has callers in the matrix, acting for organisations of both regions', () => {
    const roles = new Set(callers.flatMap((c) => c.roles));
    expect([...roles].sort()).toEqual(
      [
        'agency_system',
        'auditor',
        'bank_operator',
        'case_curator',
        'education_specialist',
        'guardianship_specialist',
        'health_doctor',
        'kdn_chair',
        'kdn_member',
        'kdn_secretary',
        'police_inspector',
        'regional_sync',
        'registry_admin',
        'social_specialist',
      ].sort(),
    );
    expect(callers.filter((c) => c.organisation?.region === '88').length).toBeGreaterThanOrEqual(12);
    expect(callers.filter((c) => c.organisation?.territories.includes(A2)).length).toBeGreaterThanOrEqual(4);
    // Two organisations of one municipality and of one type: the matrix tells them apart.
    expect(callers.some((c) => c.organisation?.code === 'school1-vlk') && callers.some((c) => c.organisation?.code === 'school2-vlk')).toBe(true);
  });

  it('when every caller reads each child and every agency section, then exactly what the table allows is returned and the rest is FORBIDDEN', async () => {
    const mismatches: string[] = [];
    for (const caller of callers) {
      for (const child of [childA, childA2, childB]) {
        const result = await t.gql<{ child: Record<string, unknown> | null }>(caller.token, READ, { id: child.id }, undefined, as(caller));
        const identity = expected(caller, 'identity:read', { subject: child });
        const gotIdentity = result.data?.child != null && outcome(result, ['child']);
        if (gotIdentity !== identity) mismatches.push(`${caller.name} identity of child ${child.municipality}: expected ${identity}`);
        if (!identity) continue;
        for (const agency of AGENCIES) {
          const allowed = expected(caller, sectionOperation(agency), { agency, subject: child });
          const section = result.data!.child![agency] as { signals: unknown[] } | null;
          const got = section !== null && outcome(result, ['child', agency]);
          if (got !== allowed) mismatches.push(`${caller.name} ${agency} section of child ${child.municipality}: expected ${allowed}`);
          if (got) expect(section!.signals).toHaveLength(1);
        }
      }
    }
    expect(mismatches).toEqual([]);
  }, 120_000);

  it('when every caller searches each child by its SNILS, then exactly the children whose identity the table allows are found, and no other', async () => {
    const SEARCH = `query Find($query: ChildSearchInput!) { searchChildren(query: $query) { children { id } } }`;
    const snilsOf = async (secretary: string, child: Subject) => {
      const r = await t.gql<{ child: { snils: string } }>(callers.find((c) => c.name === secretary)!.token, `query S($id: ID!) { child(id: $id) { snils } }`, { id: child.id });
      return r.data!.child.snils;
    };
    const subjects: Array<[Subject, string]> = [
      [childA, await snilsOf('secretary.vlk', childA)],
      [childA2, await snilsOf('secretary.art', childA2)],
      [childB, await snilsOf('secretary.yol', childB)],
    ];
    const mismatches: string[] = [];
    for (const caller of callers) {
      for (const [child, snils] of subjects) {
        const result = await t.gql<{ searchChildren: { children: Array<{ id: string }> } }>(caller.token, SEARCH, { query: { snils } }, undefined, as(caller));
        const found = (result.data?.searchChildren.children ?? []).map((c) => c.id);
        if (result.errors) expect(result.errors[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
        const may = expected(caller, 'identity:read', { subject: child });
        if (found.includes(child.id) !== may || found.length > 1) mismatches.push(`${caller.name} search child ${child.municipality}: expected ${may}, found ${found.length}`);
      }
    }
    expect(mismatches).toEqual([]);
  }, 120_000);

  it("when every caller writes signals, measures and facts into every agency's records, then only the agency's own people and system succeed", async () => {
    const mismatches: string[] = [];
    for (const caller of callers) {
      for (const agency of AGENCIES) {
        const facts = factsMutation(agency, childA.id);
        const attempts: Array<[Operation, { data: unknown; errors?: Array<{ path?: Array<string | number>; extensions?: Record<string, unknown> }> }]> = [
          ['signal:write', await t.gql(caller.token, reportSignal(agency), { input: signalInput(childA.id) }, undefined, as(caller))],
          ['measure:write', await t.gql(caller.token, recordMeasure(agency), { input: measureInput(childA.id) }, undefined, as(caller))],
          ['facts:write', await t.gql(caller.token, facts.query, { input: facts.input }, undefined, as(caller))],
        ];
        for (const [operation, result] of attempts) {
          const allowed = expected(caller, operation, { agency });
          const got = !result.errors;
          if (!got && !allowed) expect(result.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', permission: operation, agency });
          if (got !== allowed) mismatches.push(`${caller.name} ${operation} ${agency}: expected ${allowed}, got ${JSON.stringify(result.errors?.[0]?.extensions)}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  }, 120_000);

  it('when every caller registers a person or attaches an agency to a case in either municipality, then the table decides', async () => {
    const mismatches: string[] = [];
    for (const caller of callers) {
      const registered = await t.gql(caller.token, REGISTER_PERSON, { input: personInput() }, undefined, as(caller));
      const allowed = expected(caller, 'identity:write', {});
      if (!registered.errors !== allowed) mismatches.push(`${caller.name} identity:write: expected ${allowed}`);
      for (const child of [childA, childA2, childB]) {
        // Attaching police changes who may read; each attempt is closed again so later callers see the same facts.
        const subject = { ...child };
        const result = await t.gql<{ openCaseParticipation: { id: string } }>(
          caller.token,
          OPEN_PARTICIPATION,
          { input: { childId: child.id, agency: 'POLICE', basis: 'Постановление КДН № 13', openedOn: '2026-11-02' } },
          undefined,
          as(caller),
        );
        const may = expected(caller, 'participation:write', { subject });
        if (!result.errors !== may) mismatches.push(`${caller.name} participation:write child ${child.municipality}: expected ${may}`);
        if (!result.errors) {
          const closed = await t.gql(
            caller.token,
            `mutation Close($input: CloseCaseParticipationInput!) { closeCaseParticipation(input: $input) { id } }`,
            { input: { id: result.data!.openCaseParticipation.id, closedOn: '2026-11-03', reason: 'проверка матрицы' } },
            undefined,
            as(caller),
          );
          expect(closed.errors).toBeUndefined();
        }
      }
    }
    expect(mismatches).toEqual([]);
  }, 120_000);

  it("when every caller asks for the monitoring report, the data bank's register and quarterly list of either municipality, and the regional feed, or records the operator's quarterly report, then the table decides", async () => {
    const mismatches: string[] = [];
    const territoryReads: Array<[Operation, string, string]> = [
      ['report:read', 'monitoringReport', `query Report($m: String!) { monitoringReport(municipality: $m, from: "2026-01-01", to: "2026-03-31") { rows { code } } }`],
      ['register:read', 'dataBankRegister', `query Register($m: String!) { dataBankRegister(municipality: $m, first: 1) }`],
      ['register:read', 'quarterlyRegisterList', `query List($m: String!) { quarterlyRegisterList(municipality: $m, year: 2026, quarter: 1) { headings } }`],
    ];
    for (const caller of callers) {
      for (const [operation, field, query] of territoryReads) {
        for (const municipality of [A, A2, B]) {
          const result = await t.gql(caller.token, query, { m: municipality }, undefined, as(caller));
          const may = expected(caller, operation, { subject: { id: '', municipality, participants: [], consent: null } });
          if (outcome(result, [field]) !== may) mismatches.push(`${caller.name} ${field} ${municipality}: expected ${may}`);
        }
      }
      // The operator's quarterly report (register:write): the same values from every allowed caller answer the same row.
      for (const municipality of [A, A2, B]) {
        const input = { municipality, year: 2026, quarter: 1, submittedOn: '2026-04-08', documentRef: 'исх. № 1-матрица' };
        const result = await t.gql(caller.token, `mutation Report($i: RecordOperatorReportInput!) { recordOperatorReport(input: $i) { id } }`, { i: input }, undefined, as(caller));
        const may = expected(caller, 'register:write', { subject: { id: '', municipality, participants: [], consent: null } });
        if (outcome(result, ['recordOperatorReport']) !== may) mismatches.push(`${caller.name} recordOperatorReport ${municipality}: expected ${may}`);
      }
      const feed = await t.gql(caller.token, `query Feed { bankChanges(first: 1) { endCursor } }`, {}, undefined, as(caller));
      const may = expected(caller, 'register:sync', {});
      if (outcome(feed, ['bankChanges']) !== may) mismatches.push(`${caller.name} bankChanges: expected ${may}`);
    }
    expect(mismatches).toEqual([]);
  }, 120_000);

  it('spot checks that read the table by hand: consent and a case in Vladivostok open nothing to social workers elsewhere; a named school sees a child of another municipality only through its case and its consent; the curator is told why health is withheld', async () => {
    const read = (name: string, child: Subject) => {
      const caller = callers.find((c) => c.name === name)!;
      return t.gql<{ child: Record<string, unknown> | null }>(caller.token, READ, { id: child.id }, undefined, as(caller));
    };
    expect((await read('social.vlk', childA)).data!.child).not.toBeNull();
    for (const elsewhere of ['social.yol', 'social.art']) {
      const refused = await read(elsewhere, childA);
      expect(refused.data!.child).toBeNull();
      expect(refused.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'no-relationship' });
      expect(refused.errors![0].message).toContain('вне территорий');
    }
    expect((await read('police.vlk', childA)).data!.child!.health).toBeNull();
    expect((await read('chair.yol', childA)).data!.child).toBeNull();
    expect((await read('chair.yol', childB)).data!.child).not.toBeNull();
    expect((await read('secretary.kdn88', childB)).data!.child).not.toBeNull();
    expect((await read('secretary.kdn05', childB)).data!.child).toBeNull();
    // The consent names school No. 2: its teacher and the regional system acting for it read, school No. 1 does not.
    expect((await read('teacher2.vlk', childA2)).data!.child).not.toBeNull();
    const school = await read('education-regional for school2-vlk', childA2);
    expect(school.data!.child!.education).not.toBeNull();
    expect(school.data!.child!.social).not.toBeNull();
    expect((await read('education.vlk', childA2)).data!.child).toBeNull();
    const police = await read('police.vlk', childA2);
    expect(police.data!.child).toBeNull();
    expect(police.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'no_consent' });
    const curator = await read('curator.vlk', childA);
    for (const agency of ['education', 'police', 'social', 'guardianship']) expect(curator.data!.child![agency]).not.toBeNull();
    expect(curator.data!.child!.health).toBeNull();
    expect(curator.errors!.find((e) => e.path?.join('.') === 'child.health')!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'category_not_covered' });
    expect((await read('curator.vlk', childB)).data!.child).toBeNull();
  });
});
