import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { renderPermissionMatrix } from '../../auth/access/permission-matrix';
import { categoryOfOperation, DataCategory } from '../../auth/access/data-categories';
import { Condition, conditionsFor, Operation, sectionOperation } from '../../auth/access/permission-table';
import { ROLE_PURPOSES } from '../../auth/access/purposes';
import { AgencyCode, isRole, Role } from '../../auth/principal';
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
const B = '88701000';
const AGENCIES = ['education', 'health', 'police', 'social', 'guardianship'] as const;
type Agency = (typeof AGENCIES)[number];

interface Caller {
  name: string;
  token: string;
  /** The first purpose the caller's role may state: each caller asks as its work requires. */
  purpose: string;
  roles: Role[];
  agency: AgencyCode | null;
  municipality: string | null;
}

interface Subject {
  id: string;
  municipality: string;
  participants: AgencyCode[];
  /** What the parent consented to (one consent at most in this fixture). */
  consent: { grantees: AgencyCode[]; categories: DataCategory[]; purposes: string[] } | null;
}

/** The table's conditions, judged from the arranged facts: independent of the hub's own decide(). */
function expected(caller: Caller, operation: Operation, facts: { agency?: Agency; subject?: Subject }): boolean {
  const truth: Record<Condition, boolean> = {
    any: true,
    'own-agency': facts.agency !== undefined && caller.agency === facts.agency,
    territory: facts.subject !== undefined && (caller.municipality === null || caller.municipality === facts.subject.municipality),
    // The case relationship opens another agency's data only as far as the parent's consent goes.
    participant:
      facts.subject !== undefined &&
      caller.agency !== null &&
      facts.subject.participants.includes(caller.agency) &&
      facts.subject.consent !== null &&
      facts.subject.consent.grantees.includes(caller.agency) &&
      facts.subject.consent.categories.includes(categoryOfOperation(operation, facts.agency)) &&
      facts.subject.consent.purposes.includes(caller.purpose),
  };
  return caller.roles.some((role) => conditionsFor(role, operation).some((condition) => truth[condition]));
}

const SECTIONS = AGENCIES.map((agency) => `${agency} { signals { id } }`).join(' ');
const READ = `query Read($id: ID!) { child(id: $id) { id fullName ${SECTIONS} } }`;
const OPEN_PARTICIPATION = `mutation Open($input: OpenCaseParticipationInput!) { openCaseParticipation(input: $input) { id } }`;
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
  let childB: Subject;

  beforeAll(async () => {
    t = await startTestHub();
    const realm = JSON.parse(readFileSync(path.join(__dirname, '../../auth/realm/hub-realm.json'), 'utf8')) as { users: Array<{ username: string; serviceAccountClientId?: string }> };
    const tokens: Array<[string, string]> = [];
    for (const user of realm.users.filter((u) => !u.serviceAccountClientId && !u.username.startsWith('service-account-'))) {
      tokens.push([user.username, await t.userToken(user.username)]);
    }
    for (const agency of AGENCIES) tokens.push([`${agency}-system`, await t.systemToken(agency)]);
    tokens.push(['regional-bank-sync', await t.clientToken('regional-bank-sync', 'dev-regional-bank-sync-secret')]);
    for (const [name, token] of tokens) {
      const claims = decodeJwt(token) as { realm_access?: { roles?: string[] }; agency?: AgencyCode; municipality?: string };
      const roles = (claims.realm_access?.roles ?? []).filter(isRole);
      callers.push({ name, token, purpose: ROLE_PURPOSES[roles[0]]?.[0] ?? 'INDIVIDUAL_PREVENTION', roles, agency: claims.agency ?? null, municipality: claims.municipality ?? null });
    }

    // Child A lives in municipality A, social services take part in its open case and the mother
    // consented to them using everything but health data; child B lives in B, no case, no consent.
    const secretaryA = callers.find((c) => c.name === 'secretary.vlk')!.token;
    const register = async (municipality: string, overrides: Record<string, unknown> = {}) => {
      const r = await t.gql<{ registerPerson: { person: { id: string } } }>(secretaryA, REGISTER_PERSON, { input: personInput({ municipality, ...overrides }) });
      return r.data!.registerPerson.person.id;
    };
    const consent = { grantees: ['social'] as AgencyCode[], categories: ['identity', 'contacts', 'documents', 'education', 'social', 'housing', 'offences'] as DataCategory[], purposes: ['INDIVIDUAL_PREVENTION'] };
    childA = { id: await register(A), municipality: A, participants: ['social'], consent };
    childB = { id: await register(B), municipality: B, participants: [], consent: null };
    const mother = await register(A, { firstName: 'Мать', birthDate: '1988-02-02' });
    const family = await t.gql(secretaryA, REGISTER_FAMILY, {
      input: { idempotencyKey: `matrix-family-${childA.id}`, municipality: A, categories: ['SINGLE_PARENT'], members: [{ personId: mother, role: 'MOTHER' }, { personId: childA.id, role: 'CHILD' }] },
    });
    expect(family.errors).toBeUndefined();
    const opened = await t.gql(secretaryA, OPEN_PARTICIPATION, { input: { childId: childA.id, agency: 'SOCIAL', basis: 'Постановление КДН № 12 от 01.11.2026', openedOn: '2026-11-01' } });
    expect(opened.errors).toBeUndefined();
    const consented = await t.gql(secretaryA, RECORD_CONSENT, {
      input: { childId: childA.id, grantorId: mother, grantees: ['SOCIAL'], categories: consent.categories.map((c) => c.toUpperCase()), purposes: consent.purposes, validFrom: '2026-11-01', documentRef: 'Согласие от 01.11.2026 № 5' },
    });
    expect(consented.errors).toBeUndefined();
    for (const agency of AGENCIES) {
      const token = await t.systemToken(agency);
      for (const child of [childA, childB]) await t.gql(token, reportSignal(agency), { input: signalInput(child.id) });
    }
  }, 120_000);
  afterAll(() => t.stop());

  it('when the README is read, then its permission matrix is the table the hub enforces (`npm run permissions` prints it)', () => {
    expect(readFileSync(path.join(__dirname, '../../README.md'), 'utf8')).toContain(renderPermissionMatrix());
  });

  it('when the realm is read, then every role of the table has callers in the matrix, in both municipalities where people hold it', () => {
    const roles = new Set(callers.flatMap((c) => c.roles));
    expect([...roles].sort()).toEqual(
      ['agency_system', 'auditor', 'bank_operator', 'case_curator', 'education_specialist', 'guardianship_specialist', 'health_doctor', 'kdn_chair', 'kdn_member', 'kdn_secretary', 'police_inspector', 'regional_sync', 'social_specialist'].sort(),
    );
    expect(callers.filter((c) => c.municipality === B).length).toBeGreaterThanOrEqual(11);
  });

  it('when every caller reads each child and every agency section, then exactly what the table allows is returned and the rest is FORBIDDEN', async () => {
    const mismatches: string[] = [];
    for (const caller of callers) {
      for (const child of [childA, childB]) {
        const result = await t.gql<{ child: Record<string, unknown> | null }>(caller.token, READ, { id: child.id }, undefined, { 'x-hub-purpose': caller.purpose });
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

  it("when every caller writes signals, measures and facts into every agency's records, then only the agency's own people and system succeed", async () => {
    const mismatches: string[] = [];
    for (const caller of callers) {
      for (const agency of AGENCIES) {
        const facts = factsMutation(agency, childA.id);
        const attempts: Array<[Operation, { data: unknown; errors?: Array<{ path?: Array<string | number>; extensions?: Record<string, unknown> }> }]> = [
          ['signal:write', await t.gql(caller.token, reportSignal(agency), { input: signalInput(childA.id) }, undefined, { 'x-hub-purpose': caller.purpose })],
          ['measure:write', await t.gql(caller.token, recordMeasure(agency), { input: measureInput(childA.id) }, undefined, { 'x-hub-purpose': caller.purpose })],
          ['facts:write', await t.gql(caller.token, facts.query, { input: facts.input }, undefined, { 'x-hub-purpose': caller.purpose })],
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
      const registered = await t.gql(caller.token, REGISTER_PERSON, { input: personInput() }, undefined, { 'x-hub-purpose': caller.purpose });
      const allowed = expected(caller, 'identity:write', {});
      if (!registered.errors !== allowed) mismatches.push(`${caller.name} identity:write: expected ${allowed}`);
      for (const child of [childA, childB]) {
        // Attaching police changes who may read; each attempt is closed again so later callers see the same facts.
        const subject = { ...child };
        const result = await t.gql<{ openCaseParticipation: { id: string } }>(
          caller.token,
          OPEN_PARTICIPATION,
          { input: { childId: child.id, agency: 'POLICE', basis: 'Постановление КДН № 13', openedOn: '2026-11-02' } },
          undefined,
          { 'x-hub-purpose': caller.purpose },
        );
        const may = expected(caller, 'participation:write', { subject });
        if (!result.errors !== may) mismatches.push(`${caller.name} participation:write child ${child.municipality}: expected ${may}`);
        if (!result.errors) {
          const closed = await t.gql(
            caller.token,
            `mutation Close($input: CloseCaseParticipationInput!) { closeCaseParticipation(input: $input) { id } }`,
            { input: { id: result.data!.openCaseParticipation.id, closedOn: '2026-11-03', reason: 'проверка матрицы' } },
            undefined,
            { 'x-hub-purpose': caller.purpose },
          );
          expect(closed.errors).toBeUndefined();
        }
      }
    }
    expect(mismatches).toEqual([]);
  }, 120_000);

  it("when every caller asks for the monitoring report, the data bank's register and quarterly list of either municipality, and the regional feed, then the table decides", async () => {
    const mismatches: string[] = [];
    const territoryReads: Array<[Operation, string, string]> = [
      ['report:read', 'monitoringReport', `query Report($m: String!) { monitoringReport(municipality: $m, from: "2026-01-01", to: "2026-03-31") { rows { code } } }`],
      ['register:read', 'dataBankRegister', `query Register($m: String!) { dataBankRegister(municipality: $m, first: 1) }`],
      ['register:read', 'quarterlyRegisterList', `query List($m: String!) { quarterlyRegisterList(municipality: $m, year: 2026, quarter: 1) { headings } }`],
    ];
    for (const caller of callers) {
      for (const [operation, field, query] of territoryReads) {
        for (const municipality of [A, B]) {
          const result = await t.gql(caller.token, query, { m: municipality }, undefined, { 'x-hub-purpose': caller.purpose });
          const may = expected(caller, operation, { subject: { id: '', municipality, participants: [], consent: null } });
          if (outcome(result, [field]) !== may) mismatches.push(`${caller.name} ${field} ${municipality}: expected ${may}`);
        }
      }
      const feed = await t.gql(caller.token, `query Feed { bankChanges(first: 1) { endCursor } }`, {}, undefined, { 'x-hub-purpose': caller.purpose });
      const may = expected(caller, 'register:sync', {});
      if (outcome(feed, ['bankChanges']) !== may) mismatches.push(`${caller.name} bankChanges: expected ${may}`);
    }
    expect(mismatches).toEqual([]);
  }, 120_000);

  it('spot checks that read the table by hand: a police inspector never sees health data; a commission of municipality B never sees a child of A; the curator sees what the consent covers and is told why health is withheld', async () => {
    const read = (name: string, child: Subject) => t.gql<{ child: Record<string, unknown> | null }>(callers.find((c) => c.name === name)!.token, READ, { id: child.id });
    expect((await read('police.vlk', childA)).data!.child!.health).toBeNull();
    expect((await read('chair.yol', childA)).data!.child).toBeNull();
    expect((await read('chair.yol', childB)).data!.child).not.toBeNull();
    const curator = await read('curator.vlk', childA);
    for (const agency of ['education', 'police', 'social', 'guardianship']) expect(curator.data!.child![agency]).not.toBeNull();
    expect(curator.data!.child!.health).toBeNull();
    expect(curator.errors!.find((e) => e.path?.join('.') === 'child.health')!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'category_not_covered' });
    expect((await read('curator.vlk', childB)).data!.child).toBeNull();
  });
});
