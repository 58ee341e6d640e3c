import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { addCalendarDays, addWorkingDays } from '../../schema/calendar/working-days';
import { signalInput } from '../support/factories';
import { kdnFlow } from '../support/kdn-flow';
import { reportSignal } from '../support/operations';
import { waitFor } from '../support/sync-worker';
import type { GraphQLResult, HubClient } from '../support/hub-client';
import { sharedTestHub } from '../support/shared-hub';
import { addCalendarMonths } from '../../subgraphs/bank/cases/workflow/case-records';

/**
 * Corrections of a case (workflow/case-corrections.ts) through the gateway with the demo users'
 * real tokens: for each, who may make it, who may not (FORBIDDEN naming the rule), in which
 * states (ILLEGAL_TRANSITION naming the allowed ones), what it writes to the case history (the
 * old and the new value, the reason), and what it does to the due items and the notifications.
 * Every scenario works on a child of its own.
 */

const CASE = 'id number state receivedOn checkDue checkAgencies conclusionKind resolutionKind closedOn closureReason allowedCorrections mergedIntoId programmeVersion termEndsOn';
const REGISTER = `mutation($i: RegisterInJournalInput!) { registerSignalInJournal(input: $i) { ${CASE} } }`;
const ASSIGN = `mutation($id: ID!, $a: [Agency!]!) { assignCheck(caseId: $id, agencies: $a) { ${CASE} } }`;
const CONCLUDE = `mutation($id: ID!, $i: ConclusionInput!) { recordConclusion(caseId: $id, input: $i) { ${CASE} } }`;
const ADD_ROW = `mutation($id: ID!, $i: AddProgrammeRowInput!) { addProgrammeRow(caseId: $id, input: $i) { id rowNo } }`;
const APPROVE = `mutation($id: ID!) { approveProgramme(caseId: $id) { ${CASE} } }`;
const CLOSE = `mutation($id: ID!, $r: ClosureReason!, $n: String!) { closeCase(caseId: $id, reason: $r, resolutionNumber: $n) { ${CASE} } }`;

const ANNUL = `mutation($id: ID!, $r: String!) { annulRegistration(caseId: $id, reason: $r) { ${CASE} } }`;
const MERGE = `mutation($id: ID!, $m: ID!, $r: String!) { mergeCases(caseId: $id, mergedCaseId: $m, reason: $r) { ${CASE} } }`;
const CORRECT = `mutation CorrectRegistration($id: ID!, $i: CorrectRegistrationInput!) { correctRegistration(caseId: $id, input: $i) { ${CASE} } }`;
const EXTEND = `mutation($id: ID!, $d: LocalDate!, $r: String!) { extendCheck(caseId: $id, checkDue: $d, reason: $r) { ${CASE} } }`;
const RETURN = `mutation($id: ID!, $r: String!) { returnConclusion(caseId: $id, reason: $r) { ${CASE} } }`;
const AMEND = `mutation($id: ID!, $i: AmendProgrammeInput!) { amendProgramme(caseId: $id, input: $i) { ${CASE} } }`;
const TERM = `mutation($id: ID!, $i: ChangeTermInput!) { changeTerm(caseId: $id, input: $i) { ${CASE} } }`;
const REOPEN = `mutation($id: ID!, $r: String!) { reopenCase(caseId: $id, reason: $r) { ${CASE} } }`;

const CASES = `query($id: ID!) { child(id: $id) { cases { id state mergedIntoId programme { rowNo executorAgency dueDate version cancelled cancelledInVersion cancelReason } } } }`;
const DUE = `query($caseId: ID) { dueItems(caseId: $caseId) { caseId kind agency dueOn rowNo } }`;
const NOTES = `{ notifications(first: 500) { kind caseId message } }`;
const STANDING = `query($id: ID!) { child(id: $id) { participations { agency } bankStanding { inRegister entries { includedOn basis removedOn } } } }`;

type Case = {
  id: string;
  number: string;
  state: string;
  receivedOn: string;
  checkDue: string | null;
  conclusionKind: string | null;
  resolutionKind: string | null;
  closedOn: string | null;
  closureReason: string | null;
  allowedCorrections: string[];
  mergedIntoId: string | null;
  programmeVersion: number;
  termEndsOn: string | null;
};
type Due = { caseId: string; kind: string; agency: string; dueOn: string; rowNo: number | null };
type Event = { action: string; from_state: string | null; to_state: string; actor_username: string; payload: Record<string, any> };

const today = new Date().toISOString().slice(0, 10);
const REASON = 'Ошибка при регистрации: сведения уточнены по журналу входящей корреспонденции';

describe('corrections of a case: who may, who may not, the history, the due items and the notifications', () => {
  let t: HubClient;
  let admin: Client;
  let flow: ReturnType<typeof kdnFlow>;
  const as = async <T = Record<string, unknown>>(user: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<GraphQLResult<T>> =>
    t.gql<T>(await t.userToken(user), query, variables, undefined, headers);
  const ok = <T>(result: GraphQLResult<T>): T => {
    expect(result.errors).toBeUndefined();
    return result.data!;
  };
  const refused = (result: GraphQLResult, extensions: Record<string, unknown>) => {
    expect(result.data).toBeNull();
    expect(result.errors![0].extensions).toMatchObject(extensions);
    return result.errors![0];
  };
  const notes = async (user: string, caseId: string) =>
    ok(await as<{ notifications: Array<{ kind: string; caseId: string | null; message: string }> }>(user, NOTES)).notifications.filter((n) => n.caseId === caseId);
  const due = async (caseId: string) =>
    ok(await as<{ dueItems: Due[] }>('secretary.vlk', DUE, { caseId }))
      .dueItems.map((i) => `${i.kind}:${i.agency}:${i.rowNo ?? ''}:${i.dueOn}`)
      .sort();
  const history = async (caseId: string): Promise<Event[]> =>
    (await admin.query(`SELECT action, from_state, to_state, actor_username, payload FROM bank.case_event WHERE case_id = $1 ORDER BY id`, [caseId])).rows;
  const lastEvent = async (caseId: string) => (await history(caseId)).pop()!;
  const stateOf = async (caseId: string) => (await admin.query(`SELECT state FROM bank.kdn_case WHERE id = $1`, [caseId])).rows[0].state;
  const participants = async (childId: string) =>
    ok(await as<{ child: { participations: Array<{ agency: string }> } }>('secretary.vlk', STANDING, { id: childId }))
      .child.participations.map((p) => p.agency)
      .sort();

  async function register(childId: string, extra: Record<string, unknown> = {}): Promise<Case> {
    return ok(
      await as<{ registerSignalInJournal: Case }>('secretary.vlk', REGISTER, {
        i: { childId, urgency: 'ROUTINE', receivedOn: today, sourceKind: 'EDUCATION', summary: 'Пропуски занятий, ребёнок без присмотра', indicatorCodes: ['EDUCATION-L1-01'], ...extra },
      }),
    ).registerSignalInJournal;
  }
  const assign = async (id: string, agencies: string[]) => ok(await as<{ assignCheck: Case }>('secretary.vlk', ASSIGN, { id, a: agencies })).assignCheck;
  const conclude = async (id: string) =>
    ok(await as<{ recordConclusion: Case }>('social.vlk', CONCLUDE, { id, i: { kind: 'EARLY_STAGE', dangerLevel: 'MEDIUM', violationFound: true, childSafeNow: true, notes: 'Семье нужна помощь' } }))
      .recordConclusion;
  /** A school's signal about the child, once the bank has it (the journal's incoming signals). */
  async function schoolSignal(childId: string): Promise<string> {
    const school = await t.systemToken('education');
    const id = (await t.gql<{ education: { reportSignal: { id: string } } }>(school, reportSignal('education'), { input: signalInput(childId) })).data!.education.reportSignal.id;
    await waitFor(
      'the signal in the bank',
      async () => (await admin.query(`SELECT 1 FROM bank.agency_record WHERE aggregate_id = $1`, [id])).rowCount,
      (n) => n === 1,
      30_000,
    );
    return id;
  }

  beforeAll(async () => {
    t = await sharedTestHub();
    admin = new Client({ connectionString: t.adminUrl });
    await admin.connect();
    flow = kdnFlow(t);
  }, 60_000);
  afterAll(async () => {
    await admin?.end();
    await t?.stop();
  });

  describe('correcting receivedOn and the summary', () => {
    it('when the secretary corrects the date a checked signal was received and its summary, then the history shows the old and the new value with the reason, the check term is recomputed, the due item moves and the checker is told', async () => {
      const childId = await flow.person();
      const received = addCalendarDays(today, -2);
      const kase = await register(childId, { receivedOn: received });
      const assigned = await assign(kase.id, ['SOCIAL']);
      expect(assigned.checkDue).toBe(addWorkingDays(received, 3));
      // The conclusion follows 3 working days after the check's term (Primorsky 5.3), and moves with it.
      expect(await due(kase.id)).toEqual([`CHECK:SOCIAL::${addWorkingDays(received, 3)}`, `CONCLUSION:SOCIAL::${addWorkingDays(addWorkingDays(received, 3), 3)}`]);

      const corrected = addCalendarDays(received, -5);
      const requestId = randomUUID();
      const fixed = ok(
        await as<{ correctRegistration: Case }>(
          'secretary.vlk',
          CORRECT,
          { id: kase.id, i: { receivedOn: corrected, summary: 'Систематические пропуски занятий', reason: REASON } },
          { 'x-request-id': requestId },
        ),
      ).correctRegistration;
      expect(fixed).toMatchObject({ state: 'CHECKING', receivedOn: corrected, checkDue: addWorkingDays(corrected, 3), number: kase.number });

      const event = await lastEvent(kase.id);
      expect(event).toMatchObject({ action: 'correctRegistration', from_state: 'CHECKING', to_state: 'CHECKING', actor_username: 'secretary.vlk' });
      expect(event.payload).toEqual({
        correction: true,
        reason: REASON,
        old: { receivedOn: received, summary: 'Пропуски занятий, ребёнок без присмотра', checkDue: addWorkingDays(received, 3) },
        new: { receivedOn: corrected, summary: 'Систематические пропуски занятий', checkDue: addWorkingDays(corrected, 3) },
      });
      expect(await due(kase.id)).toEqual([`CHECK:SOCIAL::${addWorkingDays(corrected, 3)}`, `CONCLUSION:SOCIAL::${addWorkingDays(addWorkingDays(corrected, 3), 3)}`]);
      expect((await notes('social.vlk', kase.id)).filter((n) => n.kind === 'CHECK_DUE_CHANGED').map((n) => n.message)).toEqual([
        `По делу ${kase.number} исправлена дата поступления сигнала: срок проверки ${addWorkingDays(corrected, 3)} (был ${addWorkingDays(received, 3)})`,
      ]);
      // The write is in the access log, with the tables it wrote.
      const writes = (await admin.query(`SELECT canonical FROM audit.entry ORDER BY position`)).rows
        .map((r) => JSON.parse(r.canonical))
        .filter((e) => e.kind === 'write' && e.operationName === 'CorrectRegistration' && e.requestId === requestId);
      expect(writes).toHaveLength(1);
      expect(writes[0].written).toEqual(expect.arrayContaining(['kdn_case', 'case_event', 'notification']));
    });

    it('when the checking agency, a commission member or the secretary of another municipality corrects a registration, then it is refused naming the rule and nothing changes; when nothing changes, then it is a field error', async () => {
      const childId = await flow.person();
      const kase = await register(childId);
      await assign(kase.id, ['SOCIAL']);
      const input = { summary: 'Другое содержание', reason: REASON };
      refused(await as('social.vlk', CORRECT, { id: kase.id, i: input }), { code: 'FORBIDDEN', permission: 'case:correctRegistration', rule: 'CORRECTIONS.correctRegistration', reason: 'role' });
      refused(await as('member.vlk', CORRECT, { id: kase.id, i: input }), { code: 'FORBIDDEN', permission: 'case:correctRegistration' });
      refused(await as('secretary.yol', CORRECT, { id: kase.id, i: input }), { code: 'FORBIDDEN' });
      refused(await as('chair.vlk', CORRECT, { id: kase.id, i: { summary: 'Пропуски занятий, ребёнок без присмотра', reason: REASON } }), { code: 'BAD_USER_INPUT' });
      refused(await as('chair.vlk', CORRECT, { id: kase.id, i: { summary: 'Другое', reason: '' } }), { code: 'BAD_USER_INPUT' });
      expect((await history(kase.id)).map((e) => e.action)).toEqual(['register', 'assignCheck']);
      // The chair may.
      ok(await as('chair.vlk', CORRECT, { id: kase.id, i: input }));
    });
  });

  describe('annulling a registration', () => {
    it('when the secretary annuls a case under check, then its signal is back among the journal’s waiting signals, the checker is detached and told, no check is due, and the history keeps the signal', async () => {
      const childId = await flow.person();
      const signalId = await schoolSignal(childId);
      const kase = await register(childId, { signals: [{ agency: 'EDUCATION', signalId }] });
      await assign(kase.id, ['SOCIAL']);
      expect(await participants(childId)).toEqual(['SOCIAL']);
      // The school that detected the family also owes its представление (Myasnikovsky 5.3) while the case is checked.
      expect((await due(kase.id)).map((d) => d.split(':')[0])).toEqual(['CHECK', 'CONCLUSION', 'DETECTING_BODY_REPORT']);

      const annulled = ok(await as<{ annulRegistration: Case }>('secretary.vlk', ANNUL, { id: kase.id, r: REASON })).annulRegistration;
      expect(annulled).toMatchObject({ state: 'ANNULLED', closedOn: today, allowedCorrections: [] });

      // No case holds the signal: the journal lists it as waiting again.
      expect((await admin.query(`SELECT case_id FROM bank.case_signal WHERE signal_id = $1`, [signalId])).rows).toEqual([]);
      expect(await participants(childId)).toEqual([]);
      expect(await due(kase.id)).toEqual([]);
      expect((await notes('social.vlk', kase.id)).filter((n) => n.kind === 'CASE_ANNULLED').map((n) => n.message)).toEqual([
        `Регистрация дела ${kase.number} аннулирована: проверка и работа по нему не ведутся`,
      ]);
      expect((await notes('education.vlk', kase.id)).filter((n) => n.kind === 'SIGNAL_RETURNED').map((n) => n.message)).toEqual([
        `Регистрация вашего сигнала ${signalId} по делу ${kase.number} аннулирована: сигнал снова ожидает рассмотрения в журнале КДН`,
      ]);
      const event = await lastEvent(kase.id);
      expect(event).toMatchObject({ action: 'annulRegistration', from_state: 'CHECKING', to_state: 'ANNULLED' });
      expect(event.payload).toMatchObject({ reason: REASON, old: { state: 'CHECKING', signals: [{ agency: 'education', signalId }] }, new: { state: 'ANNULLED', signals: [] } });

      // The signal may be registered again, on a new case.
      const again = await register(childId, { signals: [{ agency: 'EDUCATION', signalId }] });
      expect(again.state).toBe('REGISTERED');
    });

    it('when an agency or a member annuls, then FORBIDDEN names the rule; when the case is in work, then ILLEGAL_TRANSITION names the states an annulment is allowed in', async () => {
      const childId = await flow.person();
      const kase = await register(childId);
      await assign(kase.id, ['SOCIAL']);
      refused(await as('social.vlk', ANNUL, { id: kase.id, r: REASON }), { code: 'FORBIDDEN', permission: 'case:annulRegistration', rule: 'CORRECTIONS.annulRegistration' });
      refused(await as('member.vlk', ANNUL, { id: kase.id, r: REASON }), { code: 'FORBIDDEN', permission: 'case:annulRegistration' });
      expect(await stateOf(kase.id)).toBe('CHECKING');

      const { childId: sopChild } = await flow.family();
      const sop = await flow.recogniseSop(sopChild, `${Date.now()}/a`);
      const error = refused(await as('chair.vlk', ANNUL, { id: sop.id, r: REASON }), {
        code: 'ILLEGAL_TRANSITION',
        state: 'IN_WORK',
        action: 'annulRegistration',
        allowed: ['REGISTERED', 'CHECKING', 'CONCLUDED'],
      });
      expect(error.message).toContain('REGISTERED, CHECKING, CONCLUDED');
    });
  });

  describe('merging two cases of one child', () => {
    it('when the secretary merges a second case into the first, then its signal moves to the first, it ends as merged into the first, its own checker is detached and told, only the first case’s check stays due, and both histories say so', async () => {
      const childId = await flow.person();
      const first = await register(childId);
      await assign(first.id, ['SOCIAL']);
      const signalId = await schoolSignal(childId);
      const second = await register(childId, { signals: [{ agency: 'EDUCATION', signalId }] });
      await assign(second.id, ['SOCIAL', 'EDUCATION']);
      expect(await participants(childId)).toEqual(['EDUCATION', 'SOCIAL']);
      expect((await due(second.id)).filter((d) => d.startsWith('CHECK:')).map((d) => d.split(':')[1])).toEqual(['EDUCATION', 'SOCIAL']);

      refused(await as('education.vlk', MERGE, { id: first.id, m: second.id, r: REASON }), { code: 'FORBIDDEN', permission: 'case:mergeCases', rule: 'CORRECTIONS.mergeCases' });
      refused(await as('secretary.vlk', MERGE, { id: first.id, m: first.id, r: REASON }), { code: 'BAD_USER_INPUT' });
      const other = await register(await flow.person());
      const mixed = refused(await as('secretary.vlk', MERGE, { id: first.id, m: other.id, r: REASON }), { code: 'BAD_USER_INPUT' });
      expect(mixed.message).toContain('разным детям');

      const kept = ok(await as<{ mergeCases: Case }>('secretary.vlk', MERGE, { id: first.id, m: second.id, r: REASON })).mergeCases;
      expect(kept).toMatchObject({ id: first.id, state: 'CHECKING' });
      const cases = ok(await as<{ child: { cases: Array<{ id: string; state: string; mergedIntoId: string | null }> } }>('secretary.vlk', CASES, { id: childId })).child.cases;
      expect(cases.find((c) => c.id === second.id)).toMatchObject({ state: 'MERGED', mergedIntoId: first.id });

      const links = (await admin.query(`SELECT case_id FROM bank.case_signal WHERE signal_id = $1`, [signalId])).rows;
      expect(links).toEqual([{ case_id: first.id }]);
      // Social protection checks the first case still; education checked only the second.
      expect(await participants(childId)).toEqual(['SOCIAL']);
      expect(await due(second.id)).toEqual([]);
      expect((await due(first.id)).filter((d) => d.startsWith('CHECK:')).map((d) => d.split(':')[1])).toEqual(['SOCIAL']);
      expect((await notes('education.vlk', second.id)).filter((n) => n.kind === 'CASE_MERGED').map((n) => n.message)).toEqual([
        `Дело ${second.number} объединено с делом ${first.number}: работа по делу ${second.number} не ведётся`,
      ]);
      // The school that reported the signal learns where it is now: the case number, nothing of the file.
      expect((await notes('education.vlk', first.id)).filter((n) => n.kind === 'SIGNAL_MOVED').map((n) => n.message)).toEqual([
        `Ваш сигнал ${signalId} рассматривается по делу ${first.number}: дело ${second.number} объединено с ним`,
      ]);
      expect((await notes('social.vlk', first.id)).filter((n) => n.kind === 'CASE_MERGED').map((n) => n.message)).toEqual([
        `К делу ${first.number} присоединено дело ${second.number} того же ребёнка`,
      ]);

      const secondEvent = await lastEvent(second.id);
      expect(secondEvent).toMatchObject({ action: 'mergeCases', from_state: 'CHECKING', to_state: 'MERGED' });
      expect(secondEvent.payload).toMatchObject({ reason: REASON, old: { state: 'CHECKING', mergedInto: null }, new: { state: 'MERGED', mergedInto: { caseId: first.id, number: first.number } } });
      const firstEvent = await lastEvent(first.id);
      expect(firstEvent.payload).toMatchObject({
        old: { merged: null },
        new: { merged: { caseId: second.id, number: second.number } },
        moved: { signals: [{ agency: 'education', signalId }] },
        historyOf: { caseId: second.id, events: 3 },
      });

      // A merged case is an end: nothing more is corrected on it.
      refused(await as('secretary.vlk', MERGE, { id: first.id, m: second.id, r: REASON }), { code: 'ILLEGAL_TRANSITION', state: 'MERGED', allowed: ['REGISTERED', 'CHECKING', 'CONCLUDED'] });
    });
  });

  describe('extending a check', () => {
    it('when the secretary extends a check to a later date, then the due item moves, the checker is told and the history has both dates; an earlier date is a field error; a member is refused; a case not under check is an illegal state', async () => {
      const childId = await flow.person();
      const kase = await register(childId);
      const assigned = await assign(kase.id, ['SOCIAL']);
      const later = addWorkingDays(assigned.checkDue!, 5);

      refused(await as('member.vlk', EXTEND, { id: kase.id, d: later, r: REASON }), { code: 'FORBIDDEN', permission: 'case:extendCheck', rule: 'CORRECTIONS.extendCheck' });
      refused(await as('social.vlk', EXTEND, { id: kase.id, d: later, r: REASON }), { code: 'FORBIDDEN', permission: 'case:extendCheck' });
      refused(await as('secretary.vlk', EXTEND, { id: kase.id, d: addCalendarDays(assigned.checkDue!, -1), r: REASON }), { code: 'BAD_USER_INPUT' });

      const extended = ok(await as<{ extendCheck: Case }>('secretary.vlk', EXTEND, { id: kase.id, d: later, r: 'Нужны сведения из другого региона' })).extendCheck;
      expect(extended).toMatchObject({ state: 'CHECKING', checkDue: later });
      expect(await due(kase.id)).toEqual([`CHECK:SOCIAL::${later}`, `CONCLUSION:SOCIAL::${addWorkingDays(later, 3)}`]);
      expect((await notes('social.vlk', kase.id)).filter((n) => n.kind === 'CHECK_EXTENDED').map((n) => n.message)).toEqual([
        `Срок проверки по делу ${kase.number} продлён до ${later} (был ${assigned.checkDue})`,
      ]);
      expect((await lastEvent(kase.id)).payload).toMatchObject({ reason: 'Нужны сведения из другого региона', old: { checkDue: assigned.checkDue }, new: { checkDue: later } });

      const fresh = await register(childId);
      refused(await as('secretary.vlk', EXTEND, { id: fresh.id, d: later, r: REASON }), { code: 'ILLEGAL_TRANSITION', state: 'REGISTERED', action: 'extendCheck', allowed: ['CHECKING'] });
    });
  });

  describe('returning a conclusion for rework', () => {
    it('when the chair returns a conclusion, then the case is under check again with a fresh term, the conclusion stays in the history, the author is told and the check is due again; the checker itself may not', async () => {
      const childId = await flow.person();
      const kase = await register(childId);
      await assign(kase.id, ['SOCIAL']);
      await conclude(kase.id);
      expect(await due(kase.id)).toEqual([]);

      refused(await as('social.vlk', RETURN, { id: kase.id, r: REASON }), { code: 'FORBIDDEN', permission: 'case:returnConclusion', rule: 'CORRECTIONS.returnConclusion' });
      const returned = ok(await as<{ returnConclusion: Case }>('chair.vlk', RETURN, { id: kase.id, r: 'Не обследованы условия жизни' })).returnConclusion;
      const term = addWorkingDays(today, 3);
      expect(returned).toMatchObject({ state: 'CHECKING', conclusionKind: null, checkDue: term });
      const event = await lastEvent(kase.id);
      expect(event).toMatchObject({ action: 'returnConclusion', from_state: 'CONCLUDED', to_state: 'CHECKING', actor_username: 'chair.vlk' });
      expect(event.payload).toMatchObject({
        reason: 'Не обследованы условия жизни',
        old: { state: 'CONCLUDED', conclusion: { kind: 'EARLY_STAGE', dangerLevel: 'MEDIUM', by: 'social.vlk' } },
        new: { state: 'CHECKING', conclusion: null, checkDue: term },
      });
      expect(await due(kase.id)).toEqual([`CHECK:SOCIAL::${term}`, `CONCLUSION:SOCIAL::${addWorkingDays(term, 3)}`]);
      expect((await notes('social.vlk', kase.id)).filter((n) => n.kind === 'CONCLUSION_RETURNED').map((n) => n.message)).toEqual([
        `Заключение по делу ${kase.number} возвращено на доработку, срок проверки ${term}`,
      ]);

      // Reworked, it is concluded again; returned twice is no longer possible from CHECKING.
      refused(await as('chair.vlk', RETURN, { id: kase.id, r: REASON }), { code: 'ILLEGAL_TRANSITION', state: 'CHECKING', allowed: ['CONCLUDED'] });
      expect((await conclude(kase.id)).state).toBe('CONCLUDED');
    });
  });

  describe('an approved programme, its term, its closure and reopening', () => {
    let childId: string;
    let kase: { id: string; number: string };
    let rowDue: string;

    beforeAll(async () => {
      const family = await flow.family();
      childId = family.childId;
      kase = await flow.recogniseSop(childId, `${Date.now()}/p`);
      rowDue = addCalendarDays(today, 30);
      for (const executorAgency of ['SOCIAL', 'POLICE']) {
        ok(await as('curator.vlk', ADD_ROW, { id: kase.id, i: { problem: 'Безнадзорность', task: 'Контроль', measure: `Мероприятие ${executorAgency}`, executorAgency, dueDate: rowDue } }));
      }
      ok(await as('chair.vlk', APPROVE, { id: kase.id }));
    }, 60_000);

    it('when the chair amends the approved programme, then a new version adds a row and cancels another (kept with its mark), each executor is told of its own, and the due items follow; the secretary may not, and nothing that empties the programme is accepted', async () => {
      const amendment = {
        addRows: [{ problem: 'Конфликт в семье', task: 'Восстановить отношения', measure: 'Консультация психолога', executorAgency: 'SOCIAL', dueDate: addCalendarDays(today, 45) }],
        cancelRowNos: [2],
        reason: 'Учёт в ПДН снят, мероприятие не требуется',
      };
      refused(await as('secretary.vlk', AMEND, { id: kase.id, i: amendment }), {
        code: 'FORBIDDEN',
        permission: 'case:amendProgramme',
        rule: 'CORRECTIONS.amendProgramme',
        allowedRoles: ['kdn_chair'],
      });
      refused(await as('chair.vlk', AMEND, { id: kase.id, i: { addRows: [], cancelRowNos: [1, 2], reason: REASON } }), { code: 'BAD_USER_INPUT' });
      refused(await as('chair.vlk', AMEND, { id: kase.id, i: { addRows: [{ ...amendment.addRows[0], executorAgency: 'HEALTH' }], cancelRowNos: [], reason: REASON } }), { code: 'BAD_USER_INPUT' });
      expect(await due(kase.id)).toEqual(expect.arrayContaining([`PROGRAMME_ROW:SOCIAL:1:${rowDue}`, `PROGRAMME_ROW:POLICE:2:${rowDue}`]));

      const amended = ok(await as<{ amendProgramme: Case }>('chair.vlk', AMEND, { id: kase.id, i: amendment })).amendProgramme;
      expect(amended).toMatchObject({ state: 'PROGRAMME_APPROVED', programmeVersion: 2 });
      const programme = ok(await as<{ child: { cases: Array<{ id: string; programme: Array<Record<string, unknown>> }> } }>('chair.vlk', CASES, { id: childId })).child.cases.find(
        (c) => c.id === kase.id,
      )!.programme;
      expect(programme.map((r) => [r.rowNo, r.executorAgency, r.version, r.cancelled, r.cancelledInVersion])).toEqual([
        [1, 'SOCIAL', 1, false, null],
        [2, 'POLICE', 1, true, 2],
        [3, 'SOCIAL', 2, false, null],
      ]);
      const rows = (await due(kase.id)).filter((d) => d.startsWith('PROGRAMME_ROW'));
      expect(rows).toEqual([`PROGRAMME_ROW:SOCIAL:1:${rowDue}`, `PROGRAMME_ROW:SOCIAL:3:${addCalendarDays(today, 45)}`].sort());
      expect((await notes('social.vlk', kase.id)).filter((n) => n.kind === 'PROGRAMME_AMENDED').map((n) => n.message)).toEqual([
        `Программа по делу ${kase.number} изменена (редакция 2): добавлены ваши мероприятия № 3 (срок ${addCalendarDays(today, 45)})`,
      ]);
      expect((await notes('police.vlk', kase.id)).filter((n) => n.kind === 'PROGRAMME_AMENDED').map((n) => n.message)).toEqual([
        `Программа по делу ${kase.number} изменена (редакция 2): отменены ваши мероприятия № 2`,
      ]);
      const event = await lastEvent(kase.id);
      expect(event).toMatchObject({ action: 'amendProgramme', from_state: 'PROGRAMME_APPROVED', to_state: 'PROGRAMME_APPROVED', actor_username: 'chair.vlk' });
      expect(event.payload).toMatchObject({
        reason: amendment.reason,
        old: { version: 1, rows: [{ rowNo: 2, measure: 'Мероприятие POLICE', cancelled: false }] },
        new: {
          version: 2,
          rows: [
            { rowNo: 2, cancelled: true },
            { rowNo: 3, added: true },
          ],
        },
      });
      refused(await as('chair.vlk', AMEND, { id: kase.id, i: { addRows: [], cancelRowNos: [2], reason: REASON } }), { code: 'BAD_USER_INPUT' });
    });

    it('when the secretary prolongs the term of work and then shortens it by an end date, then the term’s end follows, the history has both values, the team is told, and no due item changes; the curator may not; an end in the past is refused', async () => {
      const start = addCalendarMonths(today, 6);
      const before = await due(kase.id);
      refused(await as('curator.vlk', TERM, { id: kase.id, i: { termMonths: 12, reason: REASON } }), { code: 'FORBIDDEN', permission: 'case:changeTerm', rule: 'CORRECTIONS.changeTerm' });
      refused(await as('secretary.vlk', TERM, { id: kase.id, i: { termMonths: 12, endsOn: today, reason: REASON } }), { code: 'BAD_USER_INPUT' });
      refused(await as('secretary.vlk', TERM, { id: kase.id, i: { endsOn: addCalendarDays(today, -1), reason: REASON } }), { code: 'BAD_USER_INPUT' });

      const prolonged = ok(await as<{ changeTerm: Case }>('secretary.vlk', TERM, { id: kase.id, i: { termMonths: 12, reason: 'Семья не прошла реабилитацию' } })).changeTerm;
      expect(prolonged.termEndsOn).toBe(addCalendarMonths(today, 12));
      expect((await lastEvent(kase.id)).payload).toMatchObject({
        reason: 'Семья не прошла реабилитацию',
        old: { termMonths: 6, endsOn: start },
        new: { termMonths: 12, endsOn: addCalendarMonths(today, 12) },
      });

      const endsOn = addCalendarMonths(today, 9);
      const shortened = ok(await as<{ changeTerm: Case }>('chair.vlk', TERM, { id: kase.id, i: { endsOn, reason: 'Положительная динамика' } })).changeTerm;
      expect(shortened.termEndsOn).toBe(endsOn);
      expect((await lastEvent(kase.id)).payload).toMatchObject({ old: { endsOn: addCalendarMonths(today, 12) }, new: { termMonths: 12, endsOn } });
      for (const user of ['social.vlk', 'police.vlk']) {
        expect(
          (await notes(user, kase.id))
            .filter((n) => n.kind === 'TERM_CHANGED')
            .map((n) => n.message)
            .sort(),
        ).toEqual(
          [
            `Срок работы по делу ${kase.number} продлён до ${addCalendarMonths(today, 12)} (был ${start})`,
            `Срок работы по делу ${kase.number} сокращён до ${endsOn} (был ${addCalendarMonths(today, 12)})`,
          ].sort(),
        );
      }
      expect(await due(kase.id)).toEqual(before);
    });

    it('when a case closed by mistake is reopened by the chair, then it is back in its previous state, the agencies are attached again, the family is back in the data bank, the due items return and the team is told; a member may not, and an open case cannot be reopened', async () => {
      const dueOpen = await due(kase.id);
      refused(await as('chair.vlk', REOPEN, { id: kase.id, r: REASON }), { code: 'ILLEGAL_TRANSITION', state: 'PROGRAMME_APPROVED', action: 'reopenCase', allowed: ['CLOSED'] });
      ok(await as('secretary.vlk', CLOSE, { id: kase.id, r: 'PROGRAMME_DONE', n: `${Date.now()}/з` }));
      const closed = ok(await as<{ child: { participations: unknown[]; bankStanding: { inRegister: boolean } } }>('secretary.vlk', STANDING, { id: childId })).child;
      expect(closed).toMatchObject({ participations: [], bankStanding: { inRegister: false } });
      // Only what follows the closing resolution: the family told, the lead's message of taking the family off.
      expect((await due(kase.id)).map((d) => d.split(':')[0])).toEqual(['FAMILY_INFORMED', 'TAKEN_OFF_MESSAGE']);

      refused(await as('member.vlk', REOPEN, { id: kase.id, r: REASON }), { code: 'FORBIDDEN', permission: 'case:reopenCase', rule: 'CORRECTIONS.reopenCase' });
      const reopened = ok(await as<{ reopenCase: Case }>('chair.vlk', REOPEN, { id: kase.id, r: 'Постановление о закрытии принято по другому делу' })).reopenCase;
      expect(reopened).toMatchObject({ state: 'PROGRAMME_APPROVED', closedOn: null, closureReason: null, programmeVersion: 2 });

      const standing = ok(
        await as<{ child: { participations: Array<{ agency: string }>; bankStanding: { inRegister: boolean; entries: Array<{ removedOn: string | null }> } } }>('secretary.vlk', STANDING, {
          id: childId,
        }),
      ).child;
      expect(standing.participations.map((p) => p.agency).sort()).toEqual(['POLICE', 'SOCIAL']);
      expect(standing.bankStanding.inRegister).toBe(true);
      // The removal stays on record beside the entry entered again (the register's rules never change a removed entry).
      expect(standing.bankStanding.entries.map((e) => e.removedOn === null).sort()).toEqual([false, true]);
      expect(await due(kase.id)).toEqual(dueOpen);
      for (const user of ['social.vlk', 'police.vlk']) {
        expect((await notes(user, kase.id)).filter((n) => n.kind === 'CASE_REOPENED').map((n) => n.message)).toEqual([`Случай ${kase.number} возобновлён: закрыт ошибочно, работа продолжается`]);
      }
      const event = await lastEvent(kase.id);
      expect(event).toMatchObject({ action: 'reopenCase', from_state: 'CLOSED', to_state: 'PROGRAMME_APPROVED', actor_username: 'chair.vlk' });
      expect(event.payload).toMatchObject({
        old: { state: 'CLOSED', closedOn: today, closureReason: 'PROGRAMME_DONE' },
        new: { state: 'PROGRAMME_APPROVED', closedOn: null, closureReason: null },
        registerEntryRestored: true,
      });
    });
  });

  it('when a case was closed by a resolution of no interagency work by mistake, then reopening brings it back to the resolution, with the resolution kept in the history', async () => {
    const childId = await flow.person();
    const kase = await register(childId);
    await assign(kase.id, ['SOCIAL']);
    await conclude(kase.id);
    const RESOLVE = `mutation($id: ID!, $i: ResolutionInput!) { recordResolution(caseId: $id, input: $i) { state } }`;
    ok(await as('chair.vlk', RESOLVE, { id: kase.id, i: { kind: 'NO_INTERAGENCY_WORK', number: `${Date.now()}/н`, date: today, supportingAgencies: [], termMonths: 0 } }));
    const reopened = ok(await as<{ reopenCase: Case }>('secretary.vlk', REOPEN, { id: kase.id, r: REASON })).reopenCase;
    expect(reopened).toMatchObject({ state: 'CONCLUDED', resolutionKind: null, closureReason: null });
    expect((await lastEvent(kase.id)).payload).toMatchObject({
      old: { state: 'CLOSED', closureReason: 'NO_INTERAGENCY_WORK', resolution: { kind: 'NO_INTERAGENCY_WORK' } },
      new: { state: 'CONCLUDED', resolution: null },
    });
    expect(await participants(childId)).toEqual(['SOCIAL']);
  });
});
