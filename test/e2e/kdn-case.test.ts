import { Client } from 'pg';
import { addWorkingDays } from '../../schema/calendar/working-days';
import { personInput, signalInput } from '../support/factories';
import { REGISTER_PERSON, reportSignal } from '../support/operations';
import type { HubClient } from '../support/hub-client';
import { sharedTestHub } from '../support/shared-hub';

const CASE = 'id number state checkDue checkAgencies allowedActions conclusionKind resolutionKind closureReason suggestedRisk { riskLevel dangerLevel drivers }';
const REGISTER = `mutation($i: RegisterInJournalInput!) { registerSignalInJournal(input: $i) { ${CASE} receivedOn } }`;
const ASSIGN = `mutation($id: ID!, $a: [Agency!]!) { assignCheck(caseId: $id, agencies: $a) { ${CASE} } }`;
const CONCLUDE = `mutation($id: ID!, $i: ConclusionInput!) { recordConclusion(caseId: $id, input: $i) { ${CASE} } }`;
const RESOLVE = `mutation($id: ID!, $i: ResolutionInput!) { recordResolution(caseId: $id, input: $i) { ${CASE} } }`;
const APPROVE = `mutation($id: ID!) { approveProgramme(caseId: $id) { ${CASE} } }`;
const CLOSE = `mutation($id: ID!, $r: ClosureReason!, $n: String!) { closeCase(caseId: $id, reason: $r, resolutionNumber: $n) { ${CASE} } }`;
const PARTICIPANTS = `query($id: ID!) { child(id: $id) { participations { agency } cases { number state } } }`;

type Case = {
  id: string;
  number: string;
  state: string;
  checkDue: string;
  allowedActions: string[];
  receivedOn: string;
  suggestedRisk: { riskLevel: string; dangerLevel: string; drivers: string[] } | null;
};

describe('the life of a KDN case through the gateway, with the real roles', () => {
  let t: HubClient;
  let admin: Client;
  let childId: string;
  const as = async <T>(user: string, query: string, variables: Record<string, unknown>) => t.gql<T>(await t.userToken(user), query, variables);
  const participants = async () =>
    (await as<{ child: { participations: Array<{ agency: string }> } }>('secretary.vlk', PARTICIPANTS, { id: childId })).data!.child.participations.map((p) => p.agency).sort();

  beforeAll(async () => {
    t = await sharedTestHub();
    admin = new Client({ connectionString: t.adminUrl });
    await admin.connect();
    const school = await t.systemToken('education');
    childId = (await t.gql<{ registerPerson: { person: { id: string } } }>(school, REGISTER_PERSON, { input: personInput() })).data!.registerPerson.person.id;
    await t.gql(school, reportSignal('education'), { input: signalInput(childId) });
  });
  afterAll(async () => {
    await admin.end();
    await t.stop();
  });

  it('when a signal goes from registration to closure, then each step moves the state, attaches and detaches agencies, and is recorded with who and when', async () => {
    const registered = await as<{ registerSignalInJournal: Case }>('secretary.vlk', REGISTER, {
      i: {
        childId,
        urgency: 'ROUTINE',
        receivedOn: '2026-11-19',
        sourceKind: 'EDUCATION',
        summary: 'Систематические пропуски, признаки безнадзорности',
        indicatorCodes: ['EDUCATION-L1-01', 'HOUSING-L2-01'],
      },
    });
    expect(registered.errors).toBeUndefined();
    const kase = registered.data!.registerSignalInJournal;
    expect(kase).toMatchObject({ state: 'REGISTERED', allowedActions: ['assignCheck'], suggestedRisk: { riskLevel: 'DIFFICULT_SITUATION', dangerLevel: 'MEDIUM', drivers: ['HOUSING-L2-01'] } });
    expect(kase.number).toMatch(/^05701000-2026-\d{6}$/);

    const assigned = (await as<{ assignCheck: Case }>('secretary.vlk', ASSIGN, { id: kase.id, a: ['SOCIAL', 'EDUCATION'] })).data!.assignCheck;
    // Primorsky: three working days from registration.
    expect(assigned).toMatchObject({ state: 'CHECKING', checkDue: addWorkingDays('2026-11-19', 3) });
    expect(await participants()).toEqual(['EDUCATION', 'SOCIAL']);

    const concluded = await as<{ recordConclusion: Case }>('social.vlk', CONCLUDE, {
      id: kase.id,
      i: { kind: 'EARLY_STAGE', dangerLevel: 'MEDIUM', violationFound: true, childSafeNow: true, notes: 'Нужна помощь семье' },
    });
    expect(concluded.data!.recordConclusion).toMatchObject({ state: 'CONCLUDED', conclusionKind: 'EARLY_STAGE' });

    const resolved = await as<{ recordResolution: Case }>('chair.vlk', RESOLVE, {
      id: kase.id,
      i: { kind: 'INDIVIDUAL_WORK', number: '45/2', date: '2026-11-20', curator: 'curator.vlk', leadAgency: 'SOCIAL', supportingAgencies: ['EDUCATION', 'HEALTH'], termMonths: 6 },
    });
    expect(resolved.data!.recordResolution).toMatchObject({ state: 'IN_WORK', resolutionKind: 'INDIVIDUAL_WORK', allowedActions: ['approveProgramme', 'closeCase'] });
    expect(await participants()).toEqual(['EDUCATION', 'HEALTH', 'SOCIAL']);

    // The programme needs at least one row (the curator's drafting is covered by programme.test.ts).
    await admin.query(
      `INSERT INTO bank.programme_row (case_id, row_no, problem, task, measure, executor_agency, due_date) VALUES ($1, 1, 'Пропуски', 'Посещаемость', 'Контроль посещаемости', 'education', '2026-12-20')`,
      [kase.id],
    );
    expect((await as<{ approveProgramme: Case }>('chair.vlk', APPROVE, { id: kase.id })).data!.approveProgramme.state).toBe('PROGRAMME_APPROVED');
    const closed = (await as<{ closeCase: Case }>('secretary.vlk', CLOSE, { id: kase.id, r: 'PROGRAMME_DONE', n: '51/1' })).data!.closeCase;
    expect(closed).toMatchObject({ state: 'CLOSED', closureReason: 'PROGRAMME_DONE', allowedActions: [] });
    expect(await participants()).toEqual([]);

    // Each agency involved learned of each step, by case number only.
    const NOTES = `{ notifications(first: 500) { kind caseId message } }`;
    const notes = async (user: string) =>
      (await as<{ notifications: Array<{ kind: string; caseId: string; message: string }> }>(user, NOTES, {})).data!.notifications.filter((n) => n.caseId === kase.id);
    expect((await notes('social.vlk')).map((n) => n.kind).sort()).toEqual(['CASE_CLOSED', 'CHECK_ASSIGNED', 'RESOLUTION']);
    expect((await notes('doctor.vlk')).map((n) => n.kind).sort()).toEqual(['CASE_CLOSED', 'RESOLUTION']);
    expect(await notes('police.vlk')).toEqual([]);
    expect(JSON.stringify(await notes('social.vlk'))).not.toMatch(/Тестова|Анна/);

    const { rows } = await admin.query(`SELECT action, from_state, to_state, actor_username FROM bank.case_event WHERE case_id = $1 ORDER BY id`, [kase.id]);
    expect(rows.map((r) => [r.action, r.to_state, r.actor_username])).toEqual([
      ['register', 'REGISTERED', 'secretary.vlk'],
      ['assignCheck', 'CHECKING', 'secretary.vlk'],
      ['recordConclusion', 'CONCLUDED', 'social.vlk'],
      ['recordResolution', 'IN_WORK', 'chair.vlk'],
      ['approveProgramme', 'PROGRAMME_APPROVED', 'chair.vlk'],
      ['closeCase', 'CLOSED', 'secretary.vlk'],
    ]);
  });

  it('when a step is not allowed from the current state, then the error names the state and the allowed steps', async () => {
    const kase = (
      await as<{ registerSignalInJournal: Case }>('secretary.vlk', REGISTER, { i: { childId, urgency: 'URGENT', receivedOn: '2026-11-20', sourceKind: 'NEIGHBOURS', summary: 'Сообщение соседей' } })
    ).data!.registerSignalInJournal;
    const early = await as('chair.vlk', CLOSE, { id: kase.id, r: 'PROGRAMME_DONE', n: '1' });
    expect(early.errors![0].extensions).toMatchObject({ code: 'ILLEGAL_TRANSITION', state: 'REGISTERED', action: 'closeCase', allowed: ['assignCheck'] });
    expect(early.errors![0].message).toContain('Сигнал зарегистрирован в журнале');
  });

  it('when the wrong role tries a step, then it is FORBIDDEN: a specialist cannot assign a check, an agency not assigned cannot conclude, a member cannot resolve', async () => {
    const kase = (
      await as<{ registerSignalInJournal: Case }>('secretary.vlk', REGISTER, {
        i: { childId, urgency: 'ROUTINE', receivedOn: '2026-11-20', sourceKind: 'HOTLINE', summary: 'Звонок на телефон доверия' },
      })
    ).data!.registerSignalInJournal;
    expect((await as('social.vlk', ASSIGN, { id: kase.id, a: ['SOCIAL'] })).errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'case:assignCheck' });
    await as('secretary.vlk', ASSIGN, { id: kase.id, a: ['SOCIAL'] });
    expect(
      (await as('police.vlk', CONCLUDE, { id: kase.id, i: { kind: 'FAVOURABLE', dangerLevel: 'LOW', violationFound: false, childSafeNow: true, notes: '-' } })).errors![0].extensions,
    ).toMatchObject({ code: 'FORBIDDEN', reason: 'not-assigned' });
    await as('social.vlk', CONCLUDE, { id: kase.id, i: { kind: 'FAVOURABLE', dangerLevel: 'LOW', violationFound: false, childSafeNow: true, notes: 'Обстановка благоприятная' } });
    expect((await as('member.vlk', RESOLVE, { id: kase.id, i: { kind: 'NO_INTERAGENCY_WORK', number: '3', date: '2026-11-20' } })).errors![0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      permission: 'case:recordResolution',
    });
    const resolution = await as<{ recordResolution: Case }>('chair.vlk', RESOLVE, { id: kase.id, i: { kind: 'NO_INTERAGENCY_WORK', number: '3', date: '2026-11-20' } });
    expect(resolution.errors).toBeUndefined();
    const closed = resolution.data!.recordResolution;
    expect(closed).toMatchObject({ state: 'CLOSED', closureReason: 'NO_INTERAGENCY_WORK' });
  });

  it('when guardianship records a removal act, then the case view shows the emergency track with its deadlines', async () => {
    const recorded = await t.gql(await t.systemToken('guardianship'), `mutation($i: RecordRemovalActInput!) { guardianship { recordRemovalAct(input: $i) { id } } }`, {
      i: {
        idempotencyKey: 'removal-act-e2e-1',
        childId,
        actNumber: 'О-3',
        removedOn: '2026-10-30',
        signedBy: 'Глава города',
        placementKind: 'RELATIVES',
        placementDescription: 'Передан бабушке',
        prosecutorNotifiedAt: '2026-10-30T15:00:00Z',
      },
    });
    expect(recorded.errors).toBeUndefined();
    const view = await as<{ child: { guardianship: { removals: Array<{ emergencyTrack: Array<{ step: string; dueOn: string; status: string }> }> } } }>(
      'chair.vlk',
      `query($id: ID!) { child(id: $id) { guardianship { removals { emergencyTrack { step dueOn status } } } } }`,
      { id: childId },
    );
    expect(view.data!.child.guardianship.removals[0].emergencyTrack).toEqual([
      { step: 'PROSECUTOR_NOTIFIED', dueOn: '2026-10-30', status: 'DONE' },
      { step: 'REGISTER_ENTRY', dueOn: '2026-11-05', status: 'OVERDUE' },
      { step: 'COURT_CLAIM', dueOn: '2026-11-06', status: 'OVERDUE' },
      { step: 'KDN_REPORT', dueOn: '2026-11-05', status: 'OVERDUE' },
    ]);
  });

  it('when a KDN of another municipality tries to register a signal about this child, then it is refused by territory', async () => {
    const result = await as('secretary.yol', REGISTER, { i: { childId, urgency: 'ROUTINE', receivedOn: '2026-11-20', sourceKind: 'ANONYMOUS', summary: 'x' } });
    expect(result.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'identity:read' });
  });
});

describe('what is due and overdue', () => {
  let t: HubClient;
  let admin: Client;
  beforeAll(async () => {
    t = await sharedTestHub();
    admin = new Client({ connectionString: t.adminUrl });
    await admin.connect();
  });
  afterAll(async () => {
    await admin.end();
    await t.stop();
  });

  it('when a check passes its working-day deadline, then the commission of the territory and the checking agency see it as overdue; another territory does not', async () => {
    const school = await t.systemToken('education');
    const childId = (await t.gql<{ registerPerson: { person: { id: string } } }>(school, REGISTER_PERSON, { input: personInput() })).data!.registerPerson.person.id;
    const secretary = await t.userToken('secretary.vlk');
    const kase = (await t.gql<{ registerSignalInJournal: Case }>(secretary, REGISTER, { i: { childId, urgency: 'ROUTINE', receivedOn: '2026-11-02', sourceKind: 'POLICE', summary: 'Сообщение ПДН' } }))
      .data!.registerSignalInJournal;
    await t.gql(secretary, ASSIGN, { id: kase.id, a: ['POLICE'] });
    const OVERDUE = `{ kdnCases(overdueOnly: true, first: 500) { number overdue checkDue } }`;
    const seen = async (user: string) => {
      const result = await t.gql<{ kdnCases: Array<{ number: string; overdue: boolean }> }>(await t.userToken(user), OVERDUE);
      expect(result.errors).toBeUndefined();
      return result.data!.kdnCases.map((c) => c.number);
    };
    // Registered on 2 November 2026: three working days end on 6 November (4 November is a holiday), long past.
    // Other files' cases share the hub: this case is in the lists or not, whatever else is.
    expect(await seen('secretary.vlk')).toContain(kase.number);
    expect(await seen('police.vlk')).toContain(kase.number);
    expect(await seen('social.vlk')).not.toContain(kase.number);
    expect(await seen('chair.yol')).not.toContain(kase.number);
    const reminders = (await t.gql<{ dueReminders: Array<{ kind: string; message: string }> }>(await t.userToken('police.vlk'), `{ dueReminders(first: 1000) { kind message } }`)).data!.dueReminders;
    expect(reminders).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'CHECK_OVERDUE', message: expect.stringContaining(kase.number) })]));
    const { rows } = await admin.query(`SELECT check_due::text FROM bank.kdn_case WHERE id = $1`, [kase.id]);
    expect(rows[0].check_due).toBe('2026-11-06');
  });
});
