import { randomUUID } from 'node:crypto';
import { personInput, signalInput } from '../support/factories';
import { kdnFlow } from '../support/kdn-flow';
import { REGISTER_PERSON, reportSignal } from '../support/operations';
import { waitFor } from '../support/sync-worker';
import { startTestHub, TestHub } from '../support/test-hub';

/** ОГРН of the demo registry's organisations used here. */
const ORG = {
  kdnVlk: '1020500010035',
  school1Vlk: '1020500010046',
  socialVlk: '1020500010090',
  ngoVlk: '1020500010145',
  school1Art: '1020500010167',
  socialArt: '1020500010211',
};

const JOURNAL = `mutation($i: RegisterInJournalInput!) { registerSignalInJournal(input: $i) { id number } }`;
const ASSIGN = `mutation($id: ID!, $o: [ID!]!) { assignCheck(caseId: $id, organisationIds: $o) { id } }`;
const CONCLUDE = `mutation($id: ID!, $i: ConclusionInput!) { recordConclusion(caseId: $id, input: $i) { id } }`;
const RESOLVE = `mutation($id: ID!, $i: ResolutionInput!) { recordResolution(caseId: $id, input: $i) { id } }`;
const ROW = `mutation($id: ID!, $i: AddProgrammeRowInput!) { addProgrammeRow(caseId: $id, input: $i) { id rowNo } }`;
const APPROVE = `mutation($id: ID!) { approveProgramme(caseId: $id) { id } }`;
const RECORD = `mutation($id: ID!, $i: CaseRecordInput!) { recordCaseRecord(caseId: $id, input: $i) { id } }`;

const ORG_FIELDS = 'organisationId organisation { id name }';
const WORK = `
      programme { rowNo measure executorAgency executorOrganisation executorOrganisationName dueDate }
      records { kind agency summary recordedBy }`;
const readback = (work: string) => `
  query($id: ID, $number: String) {
    kdnCase(id: $id, number: $number) {
      id number state
      child { id fullName birthDate age ageOnReceipt address parents redaction { category reason message } }
      journal {
        number receivedOn sourceKind from sourceOrganisation { id name } urgency urgencyCaption summary indicatorCodes
        checkAssignedOn checkDueOn checkSpecialists conclusionKind conclusion registeredOn registration removedOn removalReason result
        child { fullName age }
      }
      signals { agency signalId reporterOrganisation organisation { id name } }
      checks { kind assignedOn assignedBy { username ${ORG_FIELDS} } organisationIds organisations { id name } initialDueOn dueOn concludedAt }
      conclusions { kind kindCaption dangerLevel violationFound childSafeNow text author agency ${ORG_FIELDS} recordedOn current }
      resolutions {
        kind kindCaption number date curator leadAgency leadOrganisationId leadOrganisation { id name }
        supportingAgencies supportingOrganisationIds supportingOrganisations { id name } termMonths termEndsOn
        meeting { kind caption date protocolNumber } recordedBy { username ${ORG_FIELDS} } current
      }
      programmeApproval { approvedOn approvedBy { username ${ORG_FIELDS} } }${work}
      closure { closedOn reason }
      history { at action caption fromState toState actor { username agency ${ORG_FIELDS} } reason changes { field before after } }
    }
  }`;
const READBACK = readback(WORK);
/** Without the programme and the records, which need the child's identity (ProgrammeResolver) and would void the whole case. */
const READBACK_OUTSIDE_WORK = readback('');

type Actor = { username: string; agency?: string; organisationId: string | null; organisation: { id: string; name: string } | null };
type Readback = {
  id: string;
  number: string;
  state: string;
  child: {
    id: string;
    fullName: string | null;
    birthDate: string | null;
    age: number | null;
    ageOnReceipt: number | null;
    address: string | null;
    parents: string[] | null;
    redaction: { category: string; reason: string; message: string } | null;
  };
  journal: Record<string, unknown> & { child: { fullName: string | null; age: number | null } };
  signals: Array<{ agency: string; signalId: string; reporterOrganisation: string | null; organisation: { id: string; name: string } | null }>;
  checks: Array<{
    kind: string;
    assignedOn: string;
    assignedBy: Actor;
    organisationIds: string[];
    organisations: Array<{ id: string; name: string }>;
    initialDueOn: string;
    dueOn: string;
    concludedAt: string | null;
  }>;
  conclusions: Array<Record<string, unknown> & { organisation: { name: string } | null }>;
  resolutions: Array<Record<string, unknown> & { leadOrganisation: { name: string } | null; supportingOrganisations: Array<{ id: string; name: string }>; recordedBy: Actor }>;
  programmeApproval: { approvedOn: string; approvedBy: Actor } | null;
  programme: Array<{ rowNo: number; measure: string; executorOrganisation: string; executorOrganisationName: string | null }>;
  records: Array<{ kind: string; agency: string; summary: string; recordedBy: string }>;
  closure: unknown;
  history: Array<{
    at: string;
    action: string;
    caption: string;
    fromState: string | null;
    toState: string;
    actor: Actor;
    reason: string | null;
    changes: Array<{ field: string; before: string | null; after: string | null }> | null;
  }>;
};

function ok<T>(r: { errors?: unknown; data: T | null }): T {
  if (r.errors) throw new Error(`unexpected errors: ${JSON.stringify(r.errors)}`);
  return r.data!;
}

describe('a KDN case read back whole, and the lists of cases and of the journal', () => {
  let t: TestHub;
  let flow: ReturnType<typeof kdnFlow>;
  const as = <T>(user: string, query: string, variables: Record<string, unknown> = {}) => flow.as<T>(user, query, variables);

  beforeAll(async () => {
    t = await startTestHub();
    flow = kdnFlow(t);
  });
  afterAll(() => t.stop());

  /** A case walked through the whole workflow by the demo users; what each step recorded, to compare. */
  async function walkedCase() {
    const { childId, motherId } = await flow.family();
    const school = await t.systemToken('education');
    const signal = ok(await t.gql<{ education: { reportSignal: { id: string } } }>(school, reportSignal('education'), { input: signalInput(childId) })).education.reportSignal;
    await waitFor(
      'the signal in the journal',
      async () => ok(await as<{ incomingSignals: Array<{ signalId: string }> }>('secretary.vlk', `{ incomingSignals(first: 500) { signalId } }`)).incomingSignals.some((s) => s.signalId === signal.id),
      Boolean,
      20_000,
    );
    const today = flow.today;
    const kase = ok(
      await as<{ registerSignalInJournal: { id: string; number: string } }>('secretary.vlk', JOURNAL, {
        i: {
          childId,
          urgency: 'URGENT',
          receivedOn: today,
          sourceKind: 'EDUCATION',
          summary: 'Ребёнок систематически пропускает занятия, дома без присмотра',
          indicatorCodes: ['EDUCATION-L1-01'],
          signals: [{ agency: 'EDUCATION', signalId: signal.id }],
        },
      }),
    ).registerSignalInJournal;
    ok(await as('secretary.vlk', ASSIGN, { id: kase.id, o: [ORG.socialVlk] }));
    const notes = 'Мать злоупотребляет алкоголем, ребёнок без присмотра после школы';
    ok(await as('social.vlk', CONCLUDE, { id: kase.id, i: { kind: 'SOCIALLY_DANGEROUS', dangerLevel: 'HIGH', violationFound: true, childSafeNow: true, notes, sopCriteria: ['EVADING_UPBRINGING'] } }));
    const number = `РБ-${randomUUID().slice(0, 6)}`;
    ok(
      await as('chair.vlk', RESOLVE, {
        id: kase.id,
        i: {
          kind: 'SOP',
          number,
          date: today,
          curator: 'curator.vlk',
          leadAgency: 'SOCIAL',
          leadOrganisationId: ORG.socialVlk,
          supportingAgencies: [],
          supportingOrganisationIds: [ORG.school1Vlk, ORG.ngoVlk, ORG.school1Art],
          termMonths: 6,
          meetingKind: 'EXTRAORDINARY',
          protocolNumber: '17',
        },
      }),
    );
    const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    ok(
      await as('curator.vlk', ROW, {
        id: kase.id,
        i: { problem: 'Безнадзорность после школы', task: 'Организовать занятость', measure: 'Социальный патронаж семьи', executorOrganisationId: ORG.socialVlk, dueDate: due },
      }),
    );
    ok(
      await as('curator.vlk', ROW, {
        id: kase.id,
        i: { problem: 'Пропуски занятий', task: 'Вернуть в школу', measure: 'Ежедневный контроль посещаемости', executorOrganisationId: ORG.school1Vlk, dueDate: due },
      }),
    );
    ok(await as('chair.vlk', APPROVE, { id: kase.id }));
    ok(await as('social.vlk', RECORD, { id: kase.id, i: { kind: 'LIVING_CONDITIONS_SURVEY', recordedOn: today, summary: 'Условия проживания удовлетворительные' } }));
    return { childId, motherId, signalId: signal.id, kase, notes, number, today, due };
  }

  it('when a case went through the workflow, then the read-back (by id and by number) shows every decision recorded with who and when, and the history in order with actors and organisations', async () => {
    const w = await walkedCase();
    const byId = ok(await as<{ kdnCase: Readback }>('secretary.vlk', READBACK, { id: w.kase.id })).kdnCase;
    const byNumber = ok(await as<{ kdnCase: Readback }>('chair.vlk', READBACK, { number: w.kase.number })).kdnCase;
    expect(byNumber).toEqual(byId);
    const c = byId;
    expect(c).toMatchObject({ id: w.kase.id, number: w.kase.number, state: 'PROGRAMME_APPROVED' });

    // The journal's columns: number, received, from whom, child (name, age, address), urgency, check, conclusion, result.
    expect(c.child).toMatchObject({ id: w.childId, birthDate: '2013-09-01', address: 'г. Владивосток, ул. Тестовая, д. 1, кв. 1', redaction: null });
    expect(c.child.fullName).toMatch(/^Тестова Анна\d+ Ивановна$/);
    expect(c.child.age).toBeGreaterThanOrEqual(12);
    expect(c.child.parents).toEqual([expect.stringMatching(/^Тестова Анна\d+ Ивановна \(мать\)$/)]);
    expect(c.journal).toMatchObject({
      number: w.kase.number,
      receivedOn: w.today,
      sourceKind: 'EDUCATION',
      from: expect.stringContaining('Образовательные организации'),
      sourceOrganisation: { id: ORG.school1Vlk, name: expect.stringContaining('школа № 1') },
      urgency: 'URGENT',
      summary: 'Ребёнок систематически пропускает занятия, дома без присмотра',
      indicatorCodes: ['EDUCATION-L1-01'],
      checkAssignedOn: w.today,
      conclusionKind: 'SOCIALLY_DANGEROUS',
      conclusion: 'установлено социально опасное положение',
      registeredOn: w.today,
      removedOn: null,
      child: { fullName: c.child.fullName, age: c.child.age },
    });
    expect(c.journal.checkSpecialists).toEqual(
      expect.arrayContaining(['Центр социального обслуживания населения г. Владивостока', 'social.vlk (Центр социального обслуживания населения г. Владивостока)']),
    );
    expect(c.journal.result).toContain(`Постановление № ${w.number} от ${w.today}`);
    expect(c.signals).toEqual([{ agency: 'EDUCATION', signalId: w.signalId, reporterOrganisation: 'МБОУ СОШ № 1', organisation: { id: ORG.school1Vlk, name: expect.any(String) } }]);

    // The check: to whom, by whom, the term; then concluded.
    expect(c.checks).toHaveLength(1);
    expect(c.checks[0]).toMatchObject({
      kind: 'ASSIGNED',
      assignedOn: w.today,
      assignedBy: { username: 'secretary.vlk', organisationId: ORG.kdnVlk },
      organisationIds: [ORG.socialVlk],
      organisations: [{ id: ORG.socialVlk, name: 'Центр социального обслуживания населения г. Владивостока' }],
    });
    expect(c.checks[0].dueOn).toBe(c.journal.checkDueOn);
    expect(c.checks[0].concludedAt).not.toBeNull();

    // The conclusion: author organisation, date, kind, danger level, findings, text.
    expect(c.conclusions).toEqual([
      expect.objectContaining({
        kind: 'SOCIALLY_DANGEROUS',
        dangerLevel: 'HIGH',
        violationFound: true,
        childSafeNow: true,
        text: w.notes,
        author: 'social.vlk',
        agency: 'social',
        organisationId: ORG.socialVlk,
        recordedOn: w.today,
        current: true,
      }),
    ]);

    // The resolution: number, date, kind, curator, lead and supporting organisations, term, meeting.
    expect(c.resolutions).toHaveLength(1);
    const r = c.resolutions[0];
    expect(r).toMatchObject({ kind: 'SOP', number: w.number, date: w.today, curator: 'curator.vlk', leadAgency: 'SOCIAL', leadOrganisationId: ORG.socialVlk, termMonths: 6, current: true });
    expect(r.leadOrganisation!.name).toBe('Центр социального обслуживания населения г. Владивостока');
    expect(r.supportingOrganisations.map((o) => o.id).sort()).toEqual([ORG.school1Vlk, ORG.ngoVlk, ORG.school1Art].sort());
    expect(r.supportingOrganisations.find((o) => o.id === ORG.ngoVlk)!.name).toBe('АНО «Семья и дети» г. Владивостока');
    expect(r.termEndsOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(r.meeting).toEqual({ kind: 'EXTRAORDINARY', caption: 'внеочередное заседание', date: w.today, protocolNumber: '17' });
    expect(r.recordedBy).toMatchObject({ username: 'chair.vlk', organisationId: ORG.kdnVlk });

    // The programme with its approval, and the record.
    expect(c.programme.map((row) => [row.rowNo, row.executorOrganisation, row.executorOrganisationName])).toEqual([
      [1, ORG.socialVlk, 'Центр социального обслуживания населения г. Владивостока'],
      [2, ORG.school1Vlk, expect.stringContaining('школа № 1')],
    ]);
    expect(c.programmeApproval).toMatchObject({ approvedOn: w.today, approvedBy: { username: 'chair.vlk', organisationId: ORG.kdnVlk } });
    expect(c.records).toEqual([{ kind: 'LIVING_CONDITIONS_SURVEY', agency: 'SOCIAL', summary: 'Условия проживания удовлетворительные', recordedBy: 'social.vlk' }]);
    expect(c.closure).toBeNull();

    // The history: every step in order, who, for which organisation, when, and what it recorded.
    const steps = ['register', 'assignCheck', 'recordConclusion', 'recordResolution', 'addProgrammeRow', 'approveProgramme', 'recordCaseRecord'];
    const history = c.history.filter((h) => steps.includes(h.action));
    expect(history.map((h) => [h.action, h.actor.username, h.actor.organisationId, h.toState])).toEqual([
      ['register', 'secretary.vlk', ORG.kdnVlk, 'REGISTERED'],
      ['assignCheck', 'secretary.vlk', ORG.kdnVlk, 'CHECKING'],
      ['recordConclusion', 'social.vlk', ORG.socialVlk, 'CONCLUDED'],
      ['recordResolution', 'chair.vlk', ORG.kdnVlk, 'IN_WORK'],
      ['addProgrammeRow', 'curator.vlk', ORG.socialVlk, 'IN_WORK'],
      ['addProgrammeRow', 'curator.vlk', ORG.socialVlk, 'IN_WORK'],
      ['approveProgramme', 'chair.vlk', ORG.kdnVlk, 'PROGRAMME_APPROVED'],
      ['recordCaseRecord', 'social.vlk', ORG.socialVlk, 'PROGRAMME_APPROVED'],
    ]);
    const times = c.history.map((h) => h.at);
    expect([...times].sort()).toEqual(times);
    expect(history[1].caption).toBe('Назначена проверка сигнала');
    expect(history[1].changes).toEqual(expect.arrayContaining([{ field: 'organisations', before: null, after: JSON.stringify([ORG.socialVlk]) }]));
    expect(history[2].changes!.find((ch) => ch.field === 'conclusion')!.after).toContain('SOCIALLY_DANGEROUS');
    expect(history[3].actor.organisation!.name).toContain('Владивостока');
  });

  it('when an organisation of another municipality supports the case without the parent’s consent, then it reads the case but the child’s name, birth date, address and the texts about the child are redacted with the reason; a school not on the case and another region are refused', async () => {
    const w = await walkedCase();
    const read = await as<{ kdnCase: Readback }>('education.art', READBACK_OUTSIDE_WORK, { id: w.kase.id });
    const c = read.data!.kdnCase;
    expect(c).toMatchObject({ id: w.kase.id, number: w.kase.number, state: 'PROGRAMME_APPROVED' });
    expect(c.child).toMatchObject({ id: w.childId, fullName: null, birthDate: null, age: null, address: null, parents: null, redaction: { category: 'identity', reason: 'no_consent' } });
    expect(c.journal).toMatchObject({ number: w.kase.number, receivedOn: w.today, summary: null, child: { fullName: null, age: null } });
    expect(c.resolutions[0]).toMatchObject({ number: w.number, curator: 'curator.vlk', leadOrganisationId: ORG.socialVlk });
    expect(c.conclusions[0]).toMatchObject({ kind: 'SOCIALLY_DANGEROUS', dangerLevel: 'HIGH', text: null });
    const errors = read.errors as unknown as Array<{ path: Array<string | number>; extensions: { code: string; reason: string; category: string } }>;
    const at = (path: string) => errors.find((e) => e.path.join('.') === path);
    expect(at('kdnCase.child.fullName')!.extensions).toMatchObject({ code: 'REDACTED', category: 'identity', reason: 'no_consent' });
    expect(at('kdnCase.child.address')!.extensions).toMatchObject({ code: 'REDACTED', category: 'contacts', reason: 'no_consent' });
    expect(at('kdnCase.journal.summary')!.extensions).toMatchObject({ code: 'REDACTED', reason: 'no_consent' });
    expect(at('kdnCase.conclusions.0.text')!.extensions).toMatchObject({ code: 'REDACTED', reason: 'no_consent' });
    expect(errors.every((e) => e.extensions.code === 'REDACTED' || e.extensions.code === 'FORBIDDEN')).toBe(true);
    expect(JSON.stringify(c)).not.toContain('Тестова');
    expect(JSON.stringify(c)).not.toContain('алкоголем');

    // The same organisation's case list shows the case with the same redaction; asked for the programme
    // too (which needs the child's identity), that one case is void with its error, the page stands.
    type Nodes = { kdnCasesConnection: { nodes: Array<{ id: string; child: { fullName: string | null; redaction: { reason: string } | null } } | null> } };
    const list = await as<Nodes>('education.art', `{ kdnCasesConnection(first: 500) { nodes { id child { fullName redaction { reason } } } } }`);
    expect(list.data!.kdnCasesConnection.nodes.find((k) => k?.id === w.kase.id)!.child).toEqual({ fullName: null, redaction: { reason: 'no_consent' } });
    const withProgramme = await as<Nodes>('education.art', `{ kdnCasesConnection(first: 500) { nodes { id programme { rowNo } } } }`);
    expect(withProgramme.data!.kdnCasesConnection.nodes).toContain(null);
    expect(withProgramme.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    // The list form keeps its contract: only cases whose child the caller may read.
    const legacy = ok(await as<{ kdnCases: Array<{ id: string }> }>('education.art', `{ kdnCases(first: 500) { id programme { rowNo } } }`)).kdnCases;
    expect(legacy.map((k) => k.id)).not.toContain(w.kase.id);

    // A school of the territory that is not on the case, and a school of another region: no case at all.
    for (const user of ['teacher2.vlk', 'education.yol']) {
      const refused = await as<{ kdnCase: Readback | null }>(user, `query($id: ID!) { kdnCase(id: $id) { id number } }`, { id: w.kase.id });
      expect(refused.data?.kdnCase ?? null).toBeNull();
      expect(refused.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'not-in-case' });
    }
    // Nor through the child's card: the territory's clinic reads the child, not the commission's case file.
    const viaChild = await as<{ child: { cases: Array<{ history: unknown }> } }>('doctor.vlk', `query($id: ID!) { child(id: $id) { cases { number history { action } } } }`, { id: w.childId });
    expect(viaChild.errors!.map((e) => e.extensions?.code)).toContain('FORBIDDEN');
    expect(viaChild.data!.child.cases.find((k) => (k as unknown as { number: string }).number === w.kase.number)!.history).toBeNull();
  });

  it('when the check is extended and the conclusion returned for rework, then the read-back shows both assignments, the returned conclusion beside the new one, and the history with the old and the new term and why', async () => {
    const childId = await flow.person();
    const kase = ok(
      await as<{ registerSignalInJournal: { id: string; number: string } }>('secretary.vlk', JOURNAL, {
        i: { childId, urgency: 'ROUTINE', receivedOn: flow.today, sourceKind: 'POLICE', summary: 'Сообщение ПДН о безнадзорности' },
      }),
    ).registerSignalInJournal;
    ok(await as('secretary.vlk', ASSIGN, { id: kase.id, o: [ORG.socialVlk] }));
    const assigned = ok(await as<{ kdnCase: Readback }>('secretary.vlk', READBACK, { id: kase.id })).kdnCase.checks[0].dueOn;
    const later = new Date(Date.parse(`${assigned}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
    ok(
      await as('secretary.vlk', `mutation($id: ID!, $d: LocalDate!, $r: String!) { extendCheck(caseId: $id, checkDue: $d, reason: $r) { id } }`, {
        id: kase.id,
        d: later,
        r: 'Семья выехала, обследование возможно после возвращения',
      }),
    );
    ok(await as('social.vlk', CONCLUDE, { id: kase.id, i: { kind: 'EARLY_STAGE', dangerLevel: 'MEDIUM', violationFound: true, childSafeNow: true, notes: 'Первое заключение' } }));
    ok(await as('secretary.vlk', `mutation($id: ID!, $r: String!) { returnConclusion(caseId: $id, reason: $r) { id } }`, { id: kase.id, r: 'Не описаны жилищные условия семьи' }));
    ok(await as('social.vlk', CONCLUDE, { id: kase.id, i: { kind: 'FAVOURABLE', dangerLevel: 'LOW', violationFound: false, childSafeNow: true, notes: 'Второе заключение' } }));

    const c = ok(
      await as<{ kdnCase: Readback & { checks: Array<{ extensions: Array<{ from: string; to: string; reason: string; by: { username: string } }> }> } }>(
        'secretary.vlk',
        READBACK.replace('initialDueOn dueOn', 'initialDueOn dueOn extensions { from to reason by { username } }'),
        { id: kase.id },
      ),
    ).kdnCase;
    expect(c.checks.map((ch) => [ch.kind, ch.organisationIds, ch.concludedAt !== null])).toEqual([
      ['ASSIGNED', [ORG.socialVlk], true],
      ['REWORK', [ORG.socialVlk], true],
    ]);
    expect(c.checks[0]).toMatchObject({ initialDueOn: assigned, dueOn: later });
    expect(c.checks[0].extensions).toEqual([{ from: assigned, to: later, reason: 'Семья выехала, обследование возможно после возвращения', by: { username: 'secretary.vlk' } }]);
    expect(c.conclusions.map((x) => [x.kind, x.text, x.current])).toEqual([
      ['EARLY_STAGE', 'Первое заключение', false],
      ['FAVOURABLE', 'Второе заключение', true],
    ]);
    const extension = c.history.find((h) => h.action === 'extendCheck')!;
    expect(extension).toMatchObject({ caption: 'Продлён срок проверки', reason: 'Семья выехала, обследование возможно после возвращения', actor: { username: 'secretary.vlk' } });
    expect(extension.changes).toEqual([{ field: 'checkDue', before: JSON.stringify(assigned), after: JSON.stringify(later) }]);
    const returned = c.history.find((h) => h.action === 'returnConclusion')!;
    expect(returned).toMatchObject({ fromState: 'CONCLUDED', toState: 'CHECKING', reason: 'Не описаны жилищные условия семьи' });
    expect(returned.changes!.find((ch) => ch.field === 'conclusion')!.before).toContain('Первое заключение');
  });

  it('when one asks for neither or both of id and number, an unknown number, or a page larger than the limit, then the answer says so and nothing is cut silently', async () => {
    const neither = await as(`secretary.vlk`, `{ kdnCase { id } }`);
    expect(neither.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'case.idOrNumber' });
    const unknown = await as<{ kdnCase: null }>(`secretary.vlk`, `{ kdnCase(number: "05701000-2026-999999") { id } }`);
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data!.kdnCase).toBeNull();
    const large = await as(`secretary.vlk`, `{ kdnCasesConnection(first: 501) { nodes { id } } }`);
    expect(large.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const badCursor = await as(`secretary.vlk`, `{ kdnCasesConnection(after: "not-a-cursor") { nodes { id } } }`);
    expect(badCursor.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'cursor.valid' });
  });

  it('when there are more cases than a page, then paging by the cursor gives every case once, with no gaps; the filters narrow by state, territory, organisation, curator, overdue and dates received', async () => {
    // Artyom's commission: its own territory, apart from the cases of the other tests.
    const art = 'secretary.art';
    const created: Array<{ id: string; number: string; receivedOn: string }> = [];
    for (let i = 0; i < 7; i++) {
      const childId = ok(
        await as<{ registerPerson: { person: { id: string } } }>(art, REGISTER_PERSON, { input: personInput({ municipality: '05705000', actualAddress: 'г. Артём, ул. Тестовая, д. 2' }) }),
      ).registerPerson.person.id;
      const receivedOn = `2026-10-${String(10 + i).padStart(2, '0')}`;
      const kase = ok(
        await as<{ registerSignalInJournal: { id: string; number: string } }>(art, JOURNAL, {
          i: { childId, urgency: 'ROUTINE', receivedOn, sourceKind: 'NEIGHBOURS', summary: `Сообщение соседей № ${i}` },
        }),
      ).registerSignalInJournal;
      created.push({ ...kase, receivedOn });
    }
    // Two of them go to the check (Artyom's social service): long past their term by now.
    ok(await as(art, ASSIGN, { id: created[0].id, o: [ORG.socialArt] }));
    ok(await as(art, ASSIGN, { id: created[1].id, o: [ORG.socialArt] }));

    type Page = {
      kdnCasesConnection: {
        edges: Array<{ cursor: string; node: { id: string; number: string; child: { fullName: string | null } } }>;
        nodes: Array<{ id: string }>;
        pageInfo: { endCursor: string | null; hasNextPage: boolean };
      };
    };
    const PAGE = `query($f: KdnCaseFilter, $after: String) { kdnCasesConnection(filter: $f, first: 3, after: $after) { edges { cursor node { id number child { fullName } } } nodes { id } pageInfo { endCursor hasNextPage } } }`;
    const seen: string[] = [];
    const pages: number[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Page['kdnCasesConnection'] = ok(await as<Page>(art, PAGE, { after })).kdnCasesConnection;
      pages.push(page.edges.length);
      expect(page.nodes.map((n) => n.id)).toEqual(page.edges.map((e) => e.node.id));
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
      page.edges.forEach((e) => expect(e.node.child.fullName).toMatch(/^Тестова Анна\d+ Ивановна$/));
      seen.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toEqual([3, 3, 1]);
    expect(new Set(seen).size).toBe(seen.length);
    // Newest registration first, every case of the territory exactly once.
    expect(seen).toEqual([...created].reverse().map((c) => c.id));

    // The list form pages the same way, by the id of the last case seen.
    const LIST = `query($after: ID) { kdnCases(first: 4, after: $after) { id } }`;
    const first = ok(await as<{ kdnCases: Array<{ id: string }> }>(art, LIST, { after: null })).kdnCases.map((k) => k.id);
    const second = ok(await as<{ kdnCases: Array<{ id: string }> }>(art, LIST, { after: first.at(-1) })).kdnCases.map((k) => k.id);
    expect([...first, ...second]).toEqual(seen);

    const ids = async (user: string, f: Record<string, unknown>) =>
      ok(await as<Page>(user, `query($f: KdnCaseFilter) { kdnCasesConnection(filter: $f, first: 500) { nodes { id } } }`, { f }))
        .kdnCasesConnection.nodes.map((n) => n.id)
        .sort();
    const sorted = (list: Array<{ id: string }>) => list.map((c) => c.id).sort();
    expect(await ids(art, { state: 'CHECKING' })).toEqual(sorted(created.slice(0, 2)));
    expect(await ids(art, { state: 'REGISTERED' })).toEqual(sorted(created.slice(2)));
    expect(await ids(art, { receivedFrom: '2026-10-12', receivedTo: '2026-10-14' })).toEqual(sorted(created.slice(2, 5)));
    expect(await ids(art, { organisationId: ORG.socialArt })).toEqual(sorted(created.slice(0, 2)));
    expect(await ids(art, { overdue: true })).toEqual(sorted(created.slice(0, 2)));
    expect(await ids(art, { curator: 'curator.vlk' })).toEqual([]);
    // The regional commission serves both municipalities: the territory filter narrows to Artyom's.
    expect(await ids('secretary.kdn05', { territory: '05705000' })).toEqual(sorted(created));
    // The checking organisation sees the cases it checks, and no other of the territory.
    expect(await ids('social.art', {})).toEqual(sorted(created.slice(0, 2)));
  });

  it('when the journal holds more incoming signals than a page, then paging by the cursor gives each once with the child’s name and age, and the filters narrow by agency and urgency', async () => {
    const art = 'secretary.art';
    const school = await t.systemToken('education');
    const police = await t.systemToken('police');
    const signals: string[] = [];
    for (let i = 0; i < 5; i++) {
      const childId = ok(await as<{ registerPerson: { person: { id: string } } }>(art, REGISTER_PERSON, { input: personInput({ municipality: '05705000', birthDate: '2015-03-0' + (i + 1) }) }))
        .registerPerson.person.id;
      const [token, agency] = i < 3 ? [school, 'education'] : [police, 'police'];
      const input = signalInput(childId, { urgency: i === 0 ? 'EMERGENCY' : 'ROUTINE', sourceKind: agency === 'police' ? 'POLICE' : 'EDUCATION', indicatorCodes: ['EDUCATION-L1-01'] });
      const reported = await t.gql<Record<string, { reportSignal: { id: string } }>>(token, reportSignal(agency), { input });
      signals.push(ok(reported)[agency].reportSignal.id);
    }
    type Node = { signalId: string; agency: string; urgency: string; child: { fullName: string | null; age: number | null }; organisation: { id: string } | null };
    type Page = { incomingSignalsConnection: { edges: Array<{ cursor: string; node: Node }>; pageInfo: { endCursor: string | null; hasNextPage: boolean } } };
    const PAGE = `query($f: IncomingSignalFilter, $after: String) { incomingSignalsConnection(filter: $f, first: 2, after: $after) { edges { cursor node { signalId agency urgency child { fullName age } organisation { id } } } pageInfo { endCursor hasNextPage } } }`;
    const all = async (f: Record<string, unknown> = {}) => {
      const nodes: Node[] = [];
      let after: string | null = null;
      for (;;) {
        const page: Page['incomingSignalsConnection'] = ok(await as<Page>(art, PAGE, { f, after })).incomingSignalsConnection;
        nodes.push(...page.edges.map((e) => e.node));
        if (!page.pageInfo.hasNextPage) return nodes;
        after = page.pageInfo.endCursor;
      }
    };
    await waitFor(
      'the five signals in the journal',
      async () => (await all()).length,
      (n) => n === 5,
      20_000,
    );
    const nodes = await all();
    expect(nodes.map((n) => n.signalId).sort()).toEqual([...signals].sort());
    nodes.forEach((n) => {
      expect(n.child.fullName).toMatch(/^Тестова Анна\d+ Ивановна$/);
      expect(n.child.age).toBeGreaterThanOrEqual(10);
    });
    expect(nodes.find((n) => n.agency === 'EDUCATION')!.organisation).toEqual({ id: ORG.school1Vlk });
    expect((await all({ agency: 'POLICE' })).map((n) => n.signalId).sort()).toEqual(signals.slice(3).sort());
    expect((await all({ urgency: 'EMERGENCY' })).map((n) => n.signalId)).toEqual([signals[0]]);
  });
});
