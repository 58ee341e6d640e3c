import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { devRolePassword } from '../../scripts/hub';
import { registerSyntheticChildren } from '../../scripts/synthetic-children';
import { roleFor, roleUrl } from '../../subgraphs/common/db/bootstrap';
import { HubEvent } from '../../subgraphs/common/events/hub-event';
import { count, unpublished } from '../support/event-burst';
import { factsMutation, measureInput, personInput, signalInput } from '../support/factories';
import { recordMeasure, REGISTER_FAMILY, REGISTER_PERSON, reportSignal } from '../support/operations';
import { waitFor } from '../support/sync-worker';
import { startTestHub, TestHub } from '../support/test-hub';

const AGENCIES = ['education', 'health', 'police', 'social', 'guardianship'] as const;
type Agency = (typeof AGENCIES)[number];
type Errors = Array<{ message: string; extensions?: Record<string, unknown> }> | undefined;

/**
 * Every agency record hangs on an identity the data bank registered. A write naming a child (or
 * family) the bank does not know is a field error before anything is stored, and an event about
 * one that reaches the bank anyway attaches nothing.
 */
describe('agency writes about a child the data bank does not know are refused', () => {
  let t: TestHub;
  let admin: Client;
  let childId: string;

  /** Rows about `id` in every table of the agency's schema that names a child, its outbox included. */
  const agencyRows = async (agency: Agency, id: string): Promise<Record<string, number>> => {
    const { rows } = await admin.query(`SELECT table_name FROM information_schema.columns WHERE table_schema = $1 AND column_name = 'child_id' ORDER BY 1`, [agency]);
    const found: Record<string, number> = {};
    for (const { table_name: table } of rows) found[table] = await count(admin, `SELECT count(*) AS n FROM "${agency}"."${table}" WHERE child_id = $1`, [id]);
    return found;
  };
  /** Nothing about `id` at the agency, and (once every outbox is delivered) nothing in the bank. */
  const expectNothingStored = async (agency: Agency, id: string) => {
    const rows = await agencyRows(agency, id);
    expect(Object.keys(rows)).toEqual(expect.arrayContaining(['outbox', 'signal', 'measure']));
    expect(Object.values(rows).every((n) => n === 0)).toBe(true);
    await waitFor(
      'every outbox delivered to the bank',
      () => unpublished(admin),
      (n) => n === 0,
      20_000,
    );
    expect(await count(admin, `SELECT count(*) AS n FROM bank.agency_record WHERE child_id = $1`, [id])).toBe(0);
  };
  const expectUnknownChild = (errors: Errors, id: string) => {
    expect(errors).toHaveLength(1);
    expect(errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.childId', value: id, rule: 'child.known' });
    expect(errors![0].message).toContain('ребёнок с таким идентификатором не зарегистрирован в банке данных');
  };

  beforeAll(async () => {
    t = await startTestHub();
    admin = new Client({ connectionString: t.adminUrl });
    await admin.connect();
    const registered = await t.gql<{ registerPerson: { person: { id: string } } }>(await t.systemToken('education'), REGISTER_PERSON, { input: personInput() });
    childId = registered.data!.registerPerson.person.id;
  });
  afterAll(async () => {
    await admin?.end();
    await t?.stop();
  });

  it('when a school reports a signal about a child id the bank never registered, then it is a field error on input.childId and nothing is stored, at the school or in the bank', async () => {
    const unknown = randomUUID();
    const result = await t.gql(await t.systemToken('education'), reportSignal('education'), { input: signalInput(unknown) });
    expectUnknownChild(result.errors, unknown);
    expect(result.data?.education ?? null).toBeNull();
    await expectNothingStored('education', unknown);
  });

  it('when a measure is recorded about an unknown child, then it is the same field error and nothing is stored', async () => {
    const unknown = randomUUID();
    const result = await t.gql(await t.systemToken('police'), recordMeasure('police'), { input: measureInput(unknown) });
    expectUnknownChild(result.errors, unknown);
    await expectNothingStored('police', unknown);
  });

  it.each(AGENCIES)('when %s sends its own facts about an unknown child, then it is the same field error and nothing is stored', async (agency) => {
    const unknown = randomUUID();
    const facts = factsMutation(agency, unknown);
    const result = await t.gql(await t.systemToken(agency), facts.query, { input: facts.input });
    expectUnknownChild(result.errors, unknown);
    await expectNothingStored(agency, unknown);
  });

  it('when a signal names a registered child but a family the bank does not know, then the field error names input.familyId', async () => {
    const family = randomUUID();
    const result = await t.gql(await t.systemToken('social'), reportSignal('social'), { input: signalInput(childId, { familyId: family, sourceKind: 'SOCIAL' }) });
    expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.familyId', value: family, rule: 'family.known' });
    expect(await count(admin, `SELECT count(*) AS n FROM social.signal WHERE family_id = $1`, [family])).toBe(0);
  });

  it('when the child and the family are registered, then the same writes are stored and reach the bank', async () => {
    const secretary = await t.userToken('secretary.vlk');
    const mother = await t.gql<{ registerPerson: { person: { id: string } } }>(secretary, REGISTER_PERSON, { input: personInput({ birthDate: '1986-02-02' }) });
    const family = await t.gql<{ registerFamily: { id: string } }>(secretary, REGISTER_FAMILY, {
      input: {
        idempotencyKey: `unknown-child-family-${childId}`,
        municipality: '05701000',
        categories: [],
        members: [
          { personId: mother.data!.registerPerson.person.id, role: 'MOTHER' },
          { personId: childId, role: 'CHILD' },
        ],
      },
    });
    expect(family.errors).toBeUndefined();
    const familyId = family.data!.registerFamily.id;
    const signal = await t.gql<{ social: { reportSignal: { id: string } } }>(await t.systemToken('social'), reportSignal('social'), {
      input: signalInput(childId, { familyId, sourceKind: 'SOCIAL' }),
    });
    expect(signal.errors).toBeUndefined();
    const facts = factsMutation('education', childId);
    expect((await t.gql(await t.systemToken('education'), facts.query, { input: facts.input })).errors).toBeUndefined();
    await waitFor(
      'the signal in the bank',
      () => count(admin, `SELECT count(*) AS n FROM bank.agency_record WHERE aggregate_id = $1`, [signal.data!.social.reportSignal.id]),
      (n) => n === 1,
      20_000,
    );
  });

  it('when an event about an unknown child reaches the bank anyway, then it is kept in the inbox as REJECTED and attaches nothing; delivered again, it changes nothing', async () => {
    const [known] = await registerSyntheticChildren(t.hub.subgraphs.bank.dataSource, 1);
    const event = (child: string, position: string): HubEvent => {
      const id = randomUUID();
      return {
        eventId: randomUUID(),
        source: 'health',
        position,
        aggregateType: 'Signal',
        aggregateId: id,
        childId: child,
        familyId: null,
        type: 'SignalReported',
        occurredAt: new Date().toISOString(),
        payload: {
          id,
          agency: 'health',
          childId: child,
          familyId: null,
          observedAt: '2026-10-01T00:00:00.000Z',
          sourceKind: 'HEALTH',
          urgency: 'ROUTINE',
          status: 'REPORTED',
          indicatorCodes: [],
          reporter: {},
        },
      };
    };
    const unknown = randomUUID();
    const stray = event(unknown, '9000000001');
    const good = event(known, '9000000002');
    const applier = t.hub.sync!.bank!.applier;
    await applier.apply([stray, good]);
    await applier.apply([stray]);

    const inbox = (await admin.query(`SELECT event_id::text, outcome, error FROM bank.inbox WHERE event_id = ANY($1::uuid[]) ORDER BY position`, [[stray.eventId, good.eventId]])).rows;
    expect(inbox).toEqual([
      { event_id: stray.eventId, outcome: 'REJECTED', error: expect.stringContaining('не зарегистрирован в банке данных') },
      { event_id: good.eventId, outcome: 'APPLIED', error: null },
    ]);
    expect(await count(admin, `SELECT count(*) AS n FROM bank.agency_record WHERE child_id = $1`, [unknown])).toBe(0);
    expect(await count(admin, `SELECT count(*) AS n FROM bank.agency_record WHERE child_id = $1`, [known])).toBe(1);
  });

  it("when an agency's database role asks bank.subject_state, then it learns only which ids the bank knows; the bank's tables stay closed", async () => {
    const client = new Client({ connectionString: roleUrl(t.adminUrl, roleFor('police', devRolePassword('police'))) });
    await client.connect();
    try {
      const unknown = randomUUID();
      const { rows } = await client.query(`SELECT id::text, kind, municipality FROM bank.subject_state($1::uuid[])`, [[childId, unknown]]);
      expect(rows).toEqual([{ id: childId, kind: 'person', municipality: '05701000' }]);
      for (const sql of ['SELECT * FROM bank.person', 'SELECT * FROM bank.consent', 'SELECT * FROM bank.agency_record', 'UPDATE bank.person SET access_changed_at = now()']) {
        await expect(client.query(sql)).rejects.toThrow(/permission denied for table/);
      }
    } finally {
      await client.end();
    }
  });
});
