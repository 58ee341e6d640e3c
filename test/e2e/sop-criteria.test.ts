import { Client } from 'pg';
import { SOP_CRITERIA } from '../../schema/catalogue/sop-criteria';
import { signalInput } from '../support/factories';
import { kdnFlow } from '../support/kdn-flow';
import { reportSignal } from '../support/operations';
import { waitFor } from '../support/sync-worker';
import type { GraphQLResult, HubClient } from '../support/hub-client';
import { sharedTestHub } from '../support/shared-hub';

/** ОГРН and name of the demo registry's school No. 1 of Vladivostok (the detecting body of a school's signal). */
const SCHOOL = '1020500010046';

const JOURNAL = `mutation($i: RegisterInJournalInput!) { registerSignalInJournal(input: $i) { id number } }`;
const ASSIGN = `mutation($id: ID!, $a: [Agency!]!) { assignCheck(caseId: $id, agencies: $a) { id } }`;
const CASE_FIELDS = `id state allowedActions conclusionKind sopCriteria { code caption subject citations { seed section } }
  registrationReason { criteria { code caption } note subject text } detectingBody { organisationId name agency sourceKind }`;
const CONCLUDE = `mutation($id: ID!, $i: ConclusionInput!) { recordConclusion(caseId: $id, input: $i) { ${CASE_FIELDS} } }`;
const RESOLVE = `mutation($id: ID!, $i: ResolutionInput!) { recordResolution(caseId: $id, input: $i) { ${CASE_FIELDS} } }`;
const READBACK = `query($id: ID!) { kdnCase(id: $id) { ${CASE_FIELDS}
  conclusions { kind sopCriteria { code caption } } resolutions { number registrationReason { criteria { code } note subject text } } } }`;
const STANDING = `query($id: ID!) { child(id: $id) { bankStanding { inRegister entries { familyId subject reasonCriteria reason detectingName detectingOrganisation basis } } } }`;
const LIST = `query($m: String!, $y: Int!, $q: Int!) { quarterlyRegisterList(municipality: $m, year: $y, quarter: $q) { headings rows } }`;
const CRITERIA = `query($m: String) { sopCriteria(municipality: $m) { code caption subject region } }`;

const caption = (code: string) => SOP_CRITERIA.find((c) => c.code === code)!.caption;

type Case = {
  id: string;
  state: string;
  allowedActions: string[];
  sopCriteria: Array<{ code: string; caption: string; subject: string; citations: Array<{ seed: string; section: string }> }>;
  registrationReason: { criteria: Array<{ code: string; caption: string }>; note: string | null; subject: string; text: string } | null;
  detectingBody: { organisationId: string | null; name: string; agency: string; sourceKind: string };
};

function ok<T>(r: GraphQLResult<T>): T {
  if (r.errors) throw new Error(`unexpected errors: ${JSON.stringify(r.errors)}`);
  return r.data!;
}

describe('the SOP criteria, the reason for registration, the detecting body and a minor recognised by himself', () => {
  let t: HubClient;
  let admin: Client;
  let flow: ReturnType<typeof kdnFlow>;
  const today = new Date().toISOString().slice(0, 10);
  const year = Number(today.slice(0, 4));
  const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;

  beforeAll(async () => {
    t = await sharedTestHub();
    flow = kdnFlow(t);
    admin = new Client({ connectionString: t.adminUrl });
    await admin.connect();
  }, 120_000);
  afterAll(async () => {
    await admin?.end();
    await t?.stop();
  });

  /** A case of the child in the journal, its check assigned to social protection. */
  async function checking(childId: string, sourceKind: string, signals: Array<{ agency: string; signalId: string }> = []): Promise<string> {
    const kase = ok(
      await flow.as<{ registerSignalInJournal: { id: string } }>('secretary.vlk', JOURNAL, {
        i: { childId, urgency: 'URGENT', receivedOn: today, sourceKind, summary: 'Сообщение о ребёнке без присмотра, родители злоупотребляют алкоголем', signals },
      }),
    ).registerSignalInJournal;
    ok(await flow.as('secretary.vlk', ASSIGN, { id: kase.id, a: ['SOCIAL'] }));
    return kase.id;
  }
  const conclusion = (overrides: Record<string, unknown> = {}) => ({
    kind: 'SOCIALLY_DANGEROUS',
    dangerLevel: 'HIGH',
    violationFound: true,
    childSafeNow: true,
    notes: 'Проверка проведена, подтвердилось',
    ...overrides,
  });
  const sop = (number: string, overrides: Record<string, unknown> = {}) => ({
    kind: 'SOP',
    number,
    date: today,
    curator: 'curator.vlk',
    leadAgency: 'SOCIAL',
    supportingAgencies: [],
    termMonths: 6,
    ...overrides,
  });
  const stateOf = async (id: string) => (await admin.query(`SELECT state, conclusion FROM bank.kdn_case WHERE id = $1`, [id])).rows[0];
  const entriesOf = async (id: string) =>
    (await admin.query(`SELECT family_id, child_id, subject, reason_criteria, reason_note, detecting_agency, detecting_organisation, detecting_name FROM bank.register_entry WHERE case_id = $1`, [id]))
      .rows;

  it('when the catalogue is asked for, then a Mari El territory gets Mari El’s criteria, each with its wording and citation, and an unknown territory code is refused by name', async () => {
    const mariEl = ok(await flow.as<{ sopCriteria: Array<{ code: string; region: string }> }>('secretary.vlk', CRITERIA, { m: '88701000' })).sopCriteria;
    expect(mariEl.length).toBeGreaterThan(0);
    expect(mariEl.every((c) => c.region === '88')).toBe(true);
    const all = ok(await flow.as<{ sopCriteria: Array<{ code: string; caption: string }> }>('secretary.vlk', CRITERIA, {})).sopCriteria;
    expect(all.map((c) => c.code)).toEqual(SOP_CRITERIA.map((c) => c.code));
    expect(all.find((c) => c.code === 'DOMESTIC_VIOLENCE')!.caption).toBe('Насилие в семье');
    const bad = await flow.as('secretary.vlk', CRITERIA, { m: '05x' });
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'municipality' });
  });

  it('when a conclusion finds SOCIALLY_DANGEROUS with no criteria, an unknown code, or criteria with another finding, then each is refused naming the field, the value and the rule, and nothing is stored', async () => {
    const { childId } = await flow.family();
    const caseId = await checking(childId, 'NEIGHBOURS');

    const none = await flow.as('social.vlk', CONCLUDE, { id: caseId, i: conclusion() });
    expect(none.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.sopCriteria', value: '[]', rule: 'conclusion.sopCriteriaRequired' });
    const empty = await flow.as('social.vlk', CONCLUDE, { id: caseId, i: conclusion({ sopCriteria: [] }) });
    expect(empty.errors![0].extensions).toMatchObject({ field: 'input.sopCriteria', rule: 'conclusion.sopCriteriaRequired' });
    const unknown = await flow.as('social.vlk', CONCLUDE, { id: caseId, i: conclusion({ sopCriteria: ['CHILD_CRUELTY', 'NO_SUCH_CRITERION'] }) });
    expect(unknown.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.sopCriteria', value: 'NO_SUCH_CRITERION', rule: 'sopCriterion.known' });
    expect(unknown.errors![0].message).toContain('NO_SUCH_CRITERION');
    const early = await flow.as('social.vlk', CONCLUDE, { id: caseId, i: conclusion({ kind: 'EARLY_STAGE', dangerLevel: 'MEDIUM', sopCriteria: ['CHILD_CRUELTY'] }) });
    expect(early.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.sopCriteria', value: 'CHILD_CRUELTY', rule: 'conclusion.sopCriteriaOnlyForSop' });

    expect(await stateOf(caseId)).toEqual({ state: 'CHECKING', conclusion: null });
  });

  it('when a case reported by neighbours is concluded with criteria and the SOP recognised, then the case and its read-back show the criteria, the reason is the criteria and the note, and the detecting body is the neighbours, not social protection', async () => {
    const { childId, familyId } = await flow.family();
    const caseId = await checking(childId, 'NEIGHBOURS');
    // Sent in another order than the catalogue's: kept in the catalogue's.
    const concluded = ok(
      await flow.as<{ recordConclusion: Case }>('social.vlk', CONCLUDE, { id: caseId, i: conclusion({ sopCriteria: ['DOMESTIC_VIOLENCE', 'EVADING_UPBRINGING_SUBSTANCES'] }) }),
    ).recordConclusion;
    expect(concluded.sopCriteria.map((c) => [c.code, c.caption])).toEqual([
      ['EVADING_UPBRINGING_SUBSTANCES', caption('EVADING_UPBRINGING_SUBSTANCES')],
      ['DOMESTIC_VIOLENCE', 'Насилие в семье'],
    ]);
    expect(concluded.sopCriteria[0].citations.map((c) => c.section)).toContain('3.2');

    // A resolution of another kind names no reason for registration.
    const individual = await flow.as('chair.vlk', RESOLVE, { id: caseId, i: sop('31/1', { kind: 'INDIVIDUAL_WORK', sopCriteria: ['CHILD_CRUELTY'] }) });
    expect(individual.errors![0].extensions).toMatchObject({ field: 'input.sopCriteria', rule: 'resolution.sopCriteriaOnlyForSop' });

    const resolved = ok(
      await flow.as<{ recordResolution: Case }>('chair.vlk', RESOLVE, { id: caseId, i: sop('31/2', { registrationReasonNote: 'со слов соседей, подтверждено проверкой' }) }),
    ).recordResolution;
    expect(resolved.state).toBe('IN_WORK');
    expect(resolved.registrationReason).toEqual({
      criteria: [
        { code: 'EVADING_UPBRINGING_SUBSTANCES', caption: caption('EVADING_UPBRINGING_SUBSTANCES') },
        { code: 'DOMESTIC_VIOLENCE', caption: 'Насилие в семье' },
      ],
      note: 'со слов соседей, подтверждено проверкой',
      subject: 'FAMILY',
      text: `${caption('EVADING_UPBRINGING_SUBSTANCES')}; Насилие в семье; со слов соседей, подтверждено проверкой`,
    });
    expect(resolved.detectingBody).toEqual({ organisationId: null, name: 'Соседи, знакомые', agency: 'NEIGHBOURS', sourceKind: 'NEIGHBOURS' });

    const back = ok(
      await flow.as<{ kdnCase: Case & { conclusions: Array<{ sopCriteria: Array<{ code: string }> }>; resolutions: Array<{ registrationReason: { criteria: Array<{ code: string }> } }> } }>(
        'secretary.vlk',
        READBACK,
        { id: caseId },
      ),
    ).kdnCase;
    expect(back.conclusions[0].sopCriteria.map((c) => c.code)).toEqual(['EVADING_UPBRINGING_SUBSTANCES', 'DOMESTIC_VIOLENCE']);
    expect(back.resolutions[0].registrationReason.criteria.map((c) => c.code)).toEqual(['EVADING_UPBRINGING_SUBSTANCES', 'DOMESTIC_VIOLENCE']);

    expect(await entriesOf(caseId)).toEqual([
      {
        family_id: familyId,
        child_id: childId,
        subject: 'FAMILY',
        reason_criteria: ['EVADING_UPBRINGING_SUBSTANCES', 'DOMESTIC_VIOLENCE'],
        reason_note: 'со слов соседей, подтверждено проверкой',
        detecting_agency: 'NEIGHBOURS',
        detecting_organisation: null,
        detecting_name: 'Соседи, знакомые',
      },
    ]);

    // Appendix 8 prints the criteria in «Причина постановки на учет», not the resolution's number.
    const list = ok(
      await flow.as<{ quarterlyRegisterList: { headings: string[]; rows: Array<Array<string | null>> } }>(
        'operator.vlk',
        LIST,
        { m: '05701000', y: year, q: quarter },
        { 'x-hub-purpose': 'DATA_BANK' },
      ),
    ).quarterlyRegisterList;
    const column = list.headings.indexOf('Причина постановки на учет');
    const row = list.rows.find((cells) => cells[column]?.includes('со слов соседей, подтверждено проверкой'))!;
    expect(row[column]).toBe(resolved.registrationReason!.text);
    expect(row[column]).not.toContain('31/2');
  });

  it('when the case was registered on a school’s signal, then the detecting body is the school (its ОГРН and name) in the case and in the register, whoever checked', async () => {
    const { childId } = await flow.family();
    const school = await t.systemToken('education');
    const signal = ok(await t.gql<{ education: { reportSignal: { id: string } } }>(school, reportSignal('education'), { input: signalInput(childId) })).education.reportSignal;
    await waitFor(
      'the signal in the journal',
      async () =>
        ok(await flow.as<{ incomingSignals: Array<{ signalId: string }> }>('secretary.vlk', `{ incomingSignals(first: 500) { signalId } }`, {})).incomingSignals.some((s) => s.signalId === signal.id),
      Boolean,
      20_000,
    );
    const caseId = await checking(childId, 'EDUCATION', [{ agency: 'EDUCATION', signalId: signal.id }]);
    ok(await flow.as('social.vlk', CONCLUDE, { id: caseId, i: conclusion({ sopCriteria: ['EVADING_UPBRINGING'] }) }));
    const resolved = ok(await flow.as<{ recordResolution: Case }>('chair.vlk', RESOLVE, { id: caseId, i: sop('32/1') })).recordResolution;
    expect(resolved.detectingBody).toMatchObject({ organisationId: SCHOOL, agency: 'education' });
    expect(resolved.detectingBody.name).toContain('№ 1');
    const [entry] = await entriesOf(caseId);
    expect(entry).toMatchObject({ detecting_agency: 'education', detecting_organisation: SCHOOL, detecting_name: resolved.detectingBody.name, reason_criteria: ['EVADING_UPBRINGING'] });
  });

  it('when the chair recognises the SOP of a child in no family of the bank, then a family criterion is refused with nothing stored; with a minor’s criterion the minor alone enters the register and appendix 8 prints his row', async () => {
    const childId = await flow.person({ lastName: 'Одиноков', firstName: 'Степан', middleName: 'Ильич', birthDate: '2011-05-06' });
    const caseId = await checking(childId, 'POLICE');
    ok(await flow.as('social.vlk', CONCLUDE, { id: caseId, i: conclusion({ sopCriteria: ['MINOR_USES_ALCOHOL', 'MINOR_FEDERAL_LAW_ART_5'] }) }));

    const asFamily = await flow.as('chair.vlk', RESOLVE, { id: caseId, i: sop('33/1', { sopCriteria: ['EVADING_UPBRINGING'] }) });
    expect(asFamily.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.sopSubject', value: 'FAMILY', rule: 'register.family' });
    expect(asFamily.errors![0].message).toContain('MINOR');
    expect((await stateOf(caseId)).state).toBe('CONCLUDED');
    expect(await entriesOf(caseId)).toEqual([]);

    // With no criteria named the resolution takes the conclusion's: the minor's own.
    const resolved = ok(await flow.as<{ recordResolution: Case }>('chair.vlk', RESOLVE, { id: caseId, i: sop('33/2') })).recordResolution;
    expect(resolved.state).toBe('IN_WORK');
    expect(resolved.registrationReason).toMatchObject({ subject: 'FAMILY', criteria: [{ code: 'MINOR_USES_ALCOHOL' }, { code: 'MINOR_FEDERAL_LAW_ART_5' }] });
    expect(await entriesOf(caseId)).toEqual([
      expect.objectContaining({
        family_id: null,
        child_id: childId,
        subject: 'MINOR',
        reason_criteria: ['MINOR_USES_ALCOHOL', 'MINOR_FEDERAL_LAW_ART_5'],
        detecting_agency: 'police',
        detecting_name: 'Органы внутренних дел',
      }),
    ]);
    const standing = ok(await flow.as<{ child: { bankStanding: { inRegister: boolean; entries: Array<Record<string, unknown>> } } }>('secretary.vlk', STANDING, { id: childId })).child.bankStanding;
    expect(standing.inRegister).toBe(true);
    expect(standing.entries).toEqual([
      expect.objectContaining({
        familyId: null,
        subject: 'MINOR',
        reasonCriteria: ['MINOR_USES_ALCOHOL', 'MINOR_FEDERAL_LAW_ART_5'],
        reason: `${caption('MINOR_USES_ALCOHOL')}; статья 5 Федерального закона № 120-ФЗ`,
      }),
    ]);

    const list = ok(
      await flow.as<{ quarterlyRegisterList: { headings: string[]; rows: Array<Array<string | null>> } }>(
        'operator.vlk',
        LIST,
        { m: '05701000', y: year, q: quarter },
        { 'x-hub-purpose': 'DATA_BANK' },
      ),
    ).quarterlyRegisterList;
    const rows = list.rows.filter((cells) => cells[2]?.startsWith('Одиноков Степан Ильич'));
    expect(rows).toHaveLength(1);
    expect(rows[0][2]).toBe('Одиноков Степан Ильич, 06.05.2011');
    // No family in the bank: no parents to name.
    expect(rows[0][3]).toBeNull();
    expect(rows[0].slice(6, 9)).toEqual([`${caption('MINOR_USES_ALCOHOL')}; статья 5 Федерального закона № 120-ФЗ`, today, null]);
  });

  it('when a child of a registered family is recognised by himself (sopSubject MINOR), then the entry names him, with his family, and the reason is his own criterion', async () => {
    const { childId, familyId } = await flow.family();
    const caseId = await checking(childId, 'HOTLINE');
    ok(await flow.as('social.vlk', CONCLUDE, { id: caseId, i: conclusion({ sopCriteria: ['MINOR_USES_DRUGS'] }) }));
    const resolved = ok(await flow.as<{ recordResolution: Case }>('chair.vlk', RESOLVE, { id: caseId, i: sop('34/1', { sopSubject: 'MINOR' }) })).recordResolution;
    expect(resolved.registrationReason).toMatchObject({ subject: 'MINOR' });
    expect(await entriesOf(caseId)).toEqual([expect.objectContaining({ family_id: familyId, child_id: childId, subject: 'MINOR', detecting_agency: 'HOTLINE', detecting_name: 'Телефон доверия' })]);
  });
});
