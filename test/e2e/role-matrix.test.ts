import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { renderPermissionMatrix } from '../../auth/access/permission-matrix';
import { Condition, conditionsFor, Operation, sectionOperation } from '../../auth/access/permission-table';
import { AgencyCode, isRole, Role } from '../../auth/principal';
import { factsMutation, measureInput, personInput, signalInput } from '../support/factories';
import { recordMeasure, REGISTER_PERSON, reportSignal } from '../support/operations';
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
  roles: Role[];
  agency: AgencyCode | null;
  municipality: string | null;
}

interface Subject {
  id: string;
  municipality: string;
  participants: AgencyCode[];
}

/** The table's conditions, judged from the arranged facts: independent of the hub's own decide(). */
function expected(caller: Caller, operation: Operation, facts: { agency?: Agency; subject?: Subject }): boolean {
  const truth: Record<Condition, boolean> = {
    any: true,
    'own-agency': facts.agency !== undefined && caller.agency === facts.agency,
    territory: facts.subject !== undefined && (caller.municipality === null || caller.municipality === facts.subject.municipality),
    participant: facts.subject !== undefined && caller.agency !== null && facts.subject.participants.includes(caller.agency),
  };
  return caller.roles.some((role) => conditionsFor(role, operation).some((condition) => truth[condition]));
}

const SECTIONS = AGENCIES.map((agency) => `${agency} { signals { id } }`).join(' ');
const READ = `query Read($id: ID!) { child(id: $id) { id fullName ${SECTIONS} } }`;
const OPEN_PARTICIPATION = `mutation Open($input: OpenCaseParticipationInput!) { openCaseParticipation(input: $input) { id } }`;

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
      callers.push({ name, token, roles: (claims.realm_access?.roles ?? []).filter(isRole), agency: claims.agency ?? null, municipality: claims.municipality ?? null });
    }

    // Child A lives in municipality A and social services take part in its open case; child B lives in B.
    const secretaryA = callers.find((c) => c.name === 'secretary.vlk')!.token;
    const register = async (municipality: string) => {
      const r = await t.gql<{ registerPerson: { person: { id: string } } }>(secretaryA, REGISTER_PERSON, { input: personInput({ municipality }) });
      return r.data!.registerPerson.person.id;
    };
    childA = { id: await register(A), municipality: A, participants: ['social'] };
    childB = { id: await register(B), municipality: B, participants: [] };
    const opened = await t.gql(secretaryA, OPEN_PARTICIPATION, { input: { childId: childA.id, agency: 'SOCIAL', basis: 'Постановление КДН № 12 от 01.11.2026', openedOn: '2026-11-01' } });
    expect(opened.errors).toBeUndefined();
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
        const result = await t.gql<{ child: Record<string, unknown> | null }>(caller.token, READ, { id: child.id });
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
          ['signal:write', await t.gql(caller.token, reportSignal(agency), { input: signalInput(childA.id) })],
          ['measure:write', await t.gql(caller.token, recordMeasure(agency), { input: measureInput(childA.id) })],
          ['facts:write', await t.gql(caller.token, facts.query, { input: facts.input })],
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
      const registered = await t.gql(caller.token, REGISTER_PERSON, { input: personInput() });
      const allowed = expected(caller, 'identity:write', {});
      if (!registered.errors !== allowed) mismatches.push(`${caller.name} identity:write: expected ${allowed}`);
      for (const child of [childA, childB]) {
        // Attaching police changes who may read; each attempt is closed again so later callers see the same facts.
        const subject = { ...child };
        const result = await t.gql<{ openCaseParticipation: { id: string } }>(caller.token, OPEN_PARTICIPATION, {
          input: { childId: child.id, agency: 'POLICE', basis: 'Постановление КДН № 13', openedOn: '2026-11-02' },
        });
        const may = expected(caller, 'participation:write', { subject });
        if (!result.errors !== may) mismatches.push(`${caller.name} participation:write child ${child.municipality}: expected ${may}`);
        if (!result.errors) {
          const closed = await t.gql(caller.token, `mutation Close($input: CloseCaseParticipationInput!) { closeCaseParticipation(input: $input) { id } }`, {
            input: { id: result.data!.openCaseParticipation.id, closedOn: '2026-11-03', reason: 'проверка матрицы' },
          });
          expect(closed.errors).toBeUndefined();
        }
      }
    }
    expect(mismatches).toEqual([]);
  }, 120_000);

  it('spot checks that read the table by hand: a police inspector never sees health data; a commission of municipality B never sees a child of A; the curator of a case sees it all', async () => {
    const read = async (name: string, child: Subject) => (await t.gql<{ child: Record<string, unknown> | null }>(callers.find((c) => c.name === name)!.token, READ, { id: child.id })).data?.child;
    expect((await read('police.vlk', childA))!.health).toBeNull();
    expect(await read('chair.yol', childA)).toBeNull();
    expect(await read('chair.yol', childB)).not.toBeNull();
    const curator = (await read('curator.vlk', childA))!;
    for (const agency of AGENCIES) expect(curator[agency]).not.toBeNull();
    expect(await read('curator.vlk', childB)).toBeNull();
  });
});
