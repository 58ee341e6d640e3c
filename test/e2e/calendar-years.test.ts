import { Client } from 'pg';
import { personInput, signalInput } from '../support/factories';
import { REGISTER_PERSON, reportSignal } from '../support/operations';
import type { HubClient } from '../support/hub-client';
import { sharedTestHub } from '../support/shared-hub';

/**
 * The production calendar's years through the real path (issue 13, item 6): a case received in a
 * year of the calendar goes through its check; a date in a year it lacks is refused with the year
 * named and nothing stored, so no case is left that assignCheck cannot move.
 */
const CASE = 'id number state checkDue receivedOn';
const REGISTER = `mutation($i: RegisterInJournalInput!) { registerSignalInJournal(input: $i) { ${CASE} } }`;
const ASSIGN = `mutation($id: ID!, $a: [Agency!]!) { assignCheck(caseId: $id, agencies: $a) { ${CASE} } }`;
const CORRECT = `mutation($id: ID!, $i: CorrectRegistrationInput!) { correctRegistration(caseId: $id, input: $i) { ${CASE} } }`;
const REMOVAL = `mutation($i: RecordRemovalActInput!) { guardianship { recordRemovalAct(input: $i) { id } } }`;

type Case = { id: string; number: string; state: string; checkDue: string | null; receivedOn: string };

describe('cases on the years of the production calendar', () => {
  let t: HubClient;
  let admin: Client;
  let childId: string;
  const secretary = async <T>(query: string, variables: Record<string, unknown>) => t.gql<T>(await t.userToken('secretary.vlk'), query, variables);
  const register = (receivedOn: string) =>
    secretary<{ registerSignalInJournal: Case }>(REGISTER, {
      i: { childId, urgency: 'ROUTINE', receivedOn, sourceKind: 'EDUCATION', summary: 'Систематические пропуски занятий', indicatorCodes: ['EDUCATION-L1-01'] },
    });
  const casesOfChild = async (): Promise<string[]> =>
    (await admin.query(`SELECT received_on::text AS "receivedOn" FROM bank.kdn_case WHERE child_id = $1 ORDER BY received_on`, [childId])).rows.map((r) => r.receivedOn);

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

  it('when a case received on 2024-12-27 is registered and its check assigned, then the term is 10 January 2025 by the 2024 and 2025 decrees', async () => {
    const registered = await register('2024-12-27');
    expect(registered.errors).toBeUndefined();
    const kase = registered.data!.registerSignalInJournal;
    expect(kase.number).toMatch(/^05701000-2024-\d{6}$/);

    const assigned = await secretary<{ assignCheck: Case }>(ASSIGN, { id: kase.id, a: ['SOCIAL'] });
    expect(assigned.errors).toBeUndefined();
    // Primorsky, 3 working days, counted by hand: Sat 28.12.2024 works (decree No. 1314), 29.12 Sunday,
    // 30-31.12.2024 days off (No. 1314), 1-8.01.2025 holidays (art. 112 LC), Thu 9.01 and Fri 10.01 work.
    expect(assigned.data!.assignCheck).toMatchObject({ state: 'CHECKING', receivedOn: '2024-12-27', checkDue: '2025-01-10' });
  });

  it('when a case is registered with a date in a year the calendar lacks, then the error names the year and how to add it, and no case is created', async () => {
    const before = await casesOfChild();
    const refused = await register('2019-03-01');
    expect(refused.data?.registerSignalInJournal ?? null).toBeNull();
    expect(refused.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.receivedOn', rule: 'calendar.yearKnown', year: 2019, calendarCode: 'CALENDAR_YEAR_UNKNOWN' });
    expect(refused.errors![0].message).toContain('не содержит 2019 год');
    expect(refused.errors![0].message).toContain('schema/calendar/production-calendar.json');
    expect(refused.errors![0].message).toContain('«О переносе выходных дней в 2019 году»');
    expect(await casesOfChild()).toEqual(before);
  });

  it('when a registration is corrected to a date in a year the calendar lacks, then it is refused and the case keeps its date and term', async () => {
    const kase = (await register('2025-01-09')).data!.registerSignalInJournal;
    const refused = await secretary<{ correctRegistration: Case }>(CORRECT, { id: kase.id, i: { receivedOn: '2019-03-01', reason: 'Опечатка в дате' } });
    expect(refused.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.receivedOn', rule: 'calendar.yearKnown', year: 2019 });
    const { rows } = await admin.query(`SELECT received_on::text AS "receivedOn", state FROM bank.kdn_case WHERE id = $1`, [kase.id]);
    expect(rows[0]).toEqual({ receivedOn: '2025-01-09', state: 'REGISTERED' });
    // Still movable: its check is assigned on the calendar (Primorsky, 3 working days from Thu 9.01.2025).
    expect((await secretary<{ assignCheck: Case }>(ASSIGN, { id: kase.id, a: ['SOCIAL'] })).data!.assignCheck.checkDue).toBe('2025-01-14');
  });

  it('when guardianship records a removal act dated in a year the calendar lacks, then it is refused, since its emergency track could not be counted', async () => {
    const refused = await t.gql(await t.systemToken('guardianship'), REMOVAL, {
      i: {
        idempotencyKey: 'removal-act-calendar-2019',
        childId,
        actNumber: 'О-19',
        removedOn: '2019-03-01',
        signedBy: 'Глава города',
        placementKind: 'RELATIVES',
        placementDescription: 'Передан бабушке',
      },
    });
    expect(refused.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.removedOn', rule: 'calendar.yearKnown', year: 2019 });
  });
});
