import { Client } from 'pg';
import { regionRule } from '../../schema/calendar/region-rules';
import { personInput } from '../support/factories';
import { REGISTER_PERSON } from '../support/operations';
import type { GraphQLResult, HubClient } from '../support/hub-client';
import { sharedTestHub } from '../support/shared-hub';

const KRASNOYARSK = '04701000';
const VLADIVOSTOK = '05701000';

const JOURNAL = `mutation($i: RegisterInJournalInput!) { registerSignalInJournal(input: $i) { id number state allowedActions suggestedRisk { riskLevel } } }`;
const INSTRUCT = `mutation($id: ID!, $i: InstructMemberInput!) {
  instructCommissionMember(caseId: $id, input: $i) { id state allowedActions resolutionKind instruction { member task dueOn instructedOn instructedBy basis } } }`;
const RESOLVE = `mutation($id: ID!, $i: ResolutionInput!) { recordResolution(caseId: $id, input: $i) { id } }`;
const READBACK = `query($id: ID!) { kdnCase(id: $id) { state allowedActions instruction { member task dueOn } journal { result } history { action caption fromState toState actor { username } } } }`;

type Case = { id: string; number: string; state: string; allowedActions: string[]; suggestedRisk: { riskLevel: string } | null };

function ok<T>(r: GraphQLResult<T>): T {
  if (r.errors) throw new Error(`unexpected errors: ${JSON.stringify(r.errors)}`);
  return r.data!;
}

/** Dates relative to today, so the test runs on any day. */
function plusDays(days: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

describe('the Krasnoyarsk low-risk route: the chair instructs a commission member, no resolution', () => {
  let t: HubClient;
  let admin: Client;
  const today = plusDays(0);
  const as = async <T>(user: string, query: string, variables: Record<string, unknown>) => t.gql<T>(await t.userToken(user), query, variables);

  beforeAll(async () => {
    t = await sharedTestHub();
    admin = new Client({ connectionString: t.adminUrl });
    await admin.connect();
  }, 120_000);
  afterAll(async () => {
    await admin?.end();
    await t?.stop();
  });

  async function registered(secretary: string, municipality: string, indicatorCodes: string[]): Promise<Case> {
    const childId = ok(await as<{ registerPerson: { person: { id: string } } }>(secretary, REGISTER_PERSON, { input: personInput({ municipality, birthDate: '2014-02-03' }) })).registerPerson.person
      .id;
    return ok(
      await as<{ registerSignalInJournal: Case }>(secretary, JOURNAL, {
        i: { childId, urgency: 'ROUTINE', receivedOn: today, sourceKind: 'EDUCATION', summary: 'Классный руководитель: ребёнок часто без присмотра после уроков', indicatorCodes },
      }),
    ).registerSignalInJournal;
  }
  const stored = async (id: string) => (await admin.query(`SELECT state, instruction, resolution FROM bank.kdn_case WHERE id = $1`, [id])).rows[0];
  const instruction = (overrides: Record<string, unknown> = {}) => ({
    member: 'member.krs',
    task: 'Организовать работу с семьёй по устранению факторов риска, привлечь СО НКО',
    dueOn: plusDays(30),
    ...overrides,
  });

  it('when the rule is read, then Krasnoyarsk (04) has the low-risk route, cited from seed 001, and Primorsky has none', () => {
    expect(regionRule(KRASNOYARSK, 'LOW_RISK_INSTRUCTION')).toMatchObject({ region: '04', term: { kind: 'SET_BY_DECISION' }, citation: { seed: '001_cb638ec9aca3dde2.txt', section: 'III' } });
    expect(regionRule(VLADIVOSTOK, 'LOW_RISK_INSTRUCTION')).toBeUndefined();
  });

  it('when a Primorsky chair instructs a member on a low-risk case, then it is refused naming the region where the route applies, the step is not offered, and nothing is stored', async () => {
    const kase = await registered('secretary.vlk', VLADIVOSTOK, ['EDUCATION-L1-01']);
    expect(kase.suggestedRisk).toEqual({ riskLevel: 'POTENTIAL_RISK' });
    expect(kase.allowedActions).toEqual(['assignCheck']);
    const refused = await as('chair.vlk', INSTRUCT, { id: kase.id, i: instruction({ member: 'member.vlk' }) });
    expect(refused.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'caseId', value: VLADIVOSTOK, rule: 'lowRisk.region' });
    expect(refused.errors![0].message).toContain('Красноярский край');
    expect(await stored(kase.id)).toEqual({ state: 'REGISTERED', instruction: null, resolution: null });
  });

  it('when the risk of a Krasnoyarsk case is not low, then the step is not offered and an instruction is refused: the family is worked with by resolution', async () => {
    const kase = await registered('secretary.krs', KRASNOYARSK, ['EDUCATION-L1-01', 'HEALTH-L2-01']);
    expect(kase.suggestedRisk).toEqual({ riskLevel: 'DIFFICULT_SITUATION' });
    expect(kase.allowedActions).toEqual(['assignCheck']);
    const refused = await as('chair.krs', INSTRUCT, { id: kase.id, i: instruction() });
    expect(refused.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'caseId', value: 'DIFFICULT_SITUATION', rule: 'lowRisk.level' });
    expect((await stored(kase.id)).state).toBe('REGISTERED');
  });

  it('when the Krasnoyarsk chair instructs a member on a low-risk case, then the case carries who, what and by when, the history shows the step, and no resolution is due or possible', async () => {
    const kase = await registered('secretary.krs', KRASNOYARSK, ['EDUCATION-L1-01']);
    expect(kase.allowedActions).toEqual(['assignCheck', 'instructMember']);

    // A member of the commission does not instruct; a term before the instruction is refused by field.
    const byMember = await as('member.krs', INSTRUCT, { id: kase.id, i: instruction() });
    expect(byMember.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'case:instructMember' });
    const backwards = await as('chair.krs', INSTRUCT, { id: kase.id, i: instruction({ dueOn: plusDays(-1) }) });
    expect(backwards.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.dueOn', value: plusDays(-1) });
    const noTask = await as('chair.krs', INSTRUCT, { id: kase.id, i: instruction({ task: '   ' }) });
    expect(noTask.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.task' });
    expect(await stored(kase.id)).toEqual({ state: 'REGISTERED', instruction: null, resolution: null });

    const dueOn = plusDays(30);
    const instructed = ok(await as<{ instructCommissionMember: Record<string, unknown> }>('chair.krs', INSTRUCT, { id: kase.id, i: instruction({ dueOn }) })).instructCommissionMember;
    expect(instructed).toMatchObject({
      state: 'MEMBER_INSTRUCTED',
      allowedActions: [],
      resolutionKind: null,
      instruction: { member: 'member.krs', task: instruction().task, dueOn, instructedOn: today, instructedBy: 'chair.krs' },
    });
    expect((instructed.instruction as { basis: string }).basis).toBe(
      'Красноярский край: Поручение председателя муниципальной КДНиЗП члену комиссии организовать работу с семьей потенциального риска (без постановления) (001_cb638ec9aca3dde2.txt, разд. III, подп. 2))',
    );

    const back = ok(
      await as<{
        kdnCase: { state: string; instruction: { member: string }; history: Array<{ action: string; caption: string; fromState: string | null; toState: string; actor: { username: string } }> };
      }>('secretary.krs', READBACK, { id: kase.id }),
    ).kdnCase;
    expect(back.instruction.member).toBe('member.krs');
    expect((back as unknown as { journal: { result: string } }).journal.result).toBe(`Поручено члену комиссии member.krs до ${dueOn} (без постановления)`);
    expect(back.history.map((h) => h.action)).toEqual(['register', 'instructMember']);
    expect(back.history[1]).toMatchObject({ fromState: 'REGISTERED', toState: 'MEMBER_INSTRUCTED', actor: { username: 'chair.krs' } });
    expect(back.history[1].caption).toContain('Поручено члену комиссии');

    // The need for a resolution is closed: none can be recorded, and no second instruction.
    const resolution = await as('chair.krs', RESOLVE, { id: kase.id, i: { kind: 'INDIVIDUAL_WORK', number: '1/1', date: today, leadAgency: 'SOCIAL', supportingAgencies: [], termMonths: 6 } });
    expect(resolution.errors![0].extensions).toMatchObject({ code: 'ILLEGAL_TRANSITION', state: 'MEMBER_INSTRUCTED' });
    const again = await as('chair.krs', INSTRUCT, { id: kase.id, i: instruction() });
    expect(again.errors![0].extensions).toMatchObject({ code: 'ILLEGAL_TRANSITION', state: 'MEMBER_INSTRUCTED', action: 'instructMember' });
    const { rows } = await admin.query(`SELECT action, to_state FROM bank.case_event WHERE case_id = $1 ORDER BY id`, [kase.id]);
    expect(rows).toEqual([
      { action: 'register', to_state: 'REGISTERED' },
      { action: 'instructMember', to_state: 'MEMBER_INSTRUCTED' },
    ]);
  });
});
