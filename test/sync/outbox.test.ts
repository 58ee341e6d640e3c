import { loadOrganisationRegistry } from '../../auth/organisations/organisation-registry';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { registerSyntheticChildren, registerSyntheticFamily } from '../../scripts/synthetic-children';
import { secondaryAggregateId } from '../../subgraphs/common/agency/agency-event';
import { AggregateType, EVENT_TYPES, PAYLOAD_KEYS } from '../../subgraphs/common/events/event-types';
import { measureInput, signalInput } from '../support/factories';
import { recordMeasure, reportSignal } from '../support/operations';
import { startTestHub, TestHub } from '../support/test-hub';

type Agency = 'education' | 'health' | 'police' | 'social' | 'guardianship';

interface OutboxEvent {
  aggregate_type: string;
  aggregate_id: string;
  child_id: string | null;
  family_id: string | null;
  type: string;
  payload: Record<string, unknown>;
}

const mutation = (agency: Agency, field: string, inputType: string, selection = 'id') => `mutation M($input: ${inputType}!) { ${agency} { ${field}(input: $input) { ${selection} } } }`;

const UPDATE_SIGNAL = mutation('police', 'updateSignal', 'UpdateSignalInput', 'id status urgency');
const CANCEL_SIGNAL = mutation('police', 'cancelSignal', 'CancelSignalInput', 'id status');
const UPDATE_MEASURE = mutation('police', 'updateMeasure', 'UpdateMeasureInput', 'id status dueDate doneDate');
const CANCEL_MEASURE = mutation('police', 'cancelMeasure', 'CancelMeasureInput', 'id status');
const REGISTER_JUVENILE = mutation('police', 'registerJuvenile', 'RegisterJuvenileInput', 'id removedOn');
const REMOVE_JUVENILE = mutation('police', 'removeJuvenileRegistration', 'RemoveJuvenileRegistrationInput', 'id removedOn');
const SCHOOL_STATUS = mutation('education', 'recordSchoolStatus', 'RecordSchoolStatusInput', 'academicYear internalRegister');
const HEALTH_STATUS = mutation('health', 'recordHealthStatus', 'RecordHealthStatusInput', 'clinicName');
const RECORD_PATRONAGE = mutation('social', 'recordPatronage', 'RecordSocialPatronageInput');
const END_PATRONAGE = mutation('social', 'endPatronage', 'EndSocialPeriodInput');
const RECORD_DIFFICULT = mutation('social', 'recordDifficultSituation', 'RecordDifficultSituationInput');
const END_DIFFICULT = mutation('social', 'endDifficultSituation', 'EndSocialPeriodInput');
const GUARDIANSHIP_STATUS = mutation('guardianship', 'setGuardianshipStatus', 'SetGuardianshipStatusInput', 'status since');

const REPORTER = { name: 'Иванов Пётр Сергеевич', position: 'инспектор ПДН', organisation: 'ОП № 1' };
const EXECUTOR = { name: 'Иванов Пётр Сергеевич', organisation: 'ОП № 1' };
const today = () => new Date().toISOString().slice(0, 10);

describe('every change an agency makes that the data bank must learn of writes its event in the same transaction', () => {
  let t: TestHub;
  let admin: Client;
  const tokens = {} as Record<Agency, string>;

  beforeAll(async () => {
    t = await startTestHub();
    admin = new Client({ connectionString: t.adminUrl });
    await admin.connect();
    for (const agency of ['education', 'health', 'police', 'social', 'guardianship'] as const) tokens[agency] = await t.systemToken(agency);
  });
  afterAll(async () => {
    await admin?.end();
    await t?.stop();
  });

  /** A child the bank knows: agencies refuse records about any other. */
  const newChild = async () => (await registerSyntheticChildren(t.hub.subgraphs.bank.dataSource, 1))[0];

  /** A child's events in an agency's outbox, oldest first (whether or not a relay published them yet). */
  async function outbox(agency: Agency, childId: string): Promise<OutboxEvent[]> {
    const { rows } = await admin.query(`SELECT aggregate_type, aggregate_id::text, child_id::text, family_id::text, type, payload FROM ${agency}.outbox WHERE child_id = $1 ORDER BY position`, [
      childId,
    ]);
    return rows;
  }

  async function ok<T = Record<string, Record<string, Record<string, unknown>>>>(agency: Agency, query: string, input: Record<string, unknown>): Promise<T> {
    const result = await t.gql<T>(tokens[agency], query, { input });
    expect(result.errors).toBeUndefined();
    return result.data!;
  }

  async function reportPoliceSignal(childId: string, overrides: Record<string, unknown> = {}) {
    const input = signalInput(childId, { sourceKind: 'POLICE', reporter: REPORTER, ...overrides });
    const data = await ok<{ police: { reportSignal: { id: string } } }>('police', reportSignal('police'), input);
    return { input, id: data.police.reportSignal.id };
  }

  it("when an agency reports a signal, then exactly one SignalReported event with the signal's state (and no description) is in its outbox", async () => {
    const childId = await newChild();
    const familyId = await registerSyntheticFamily(t.hub.subgraphs.bank.dataSource, [childId]);
    const { input, id } = await reportPoliceSignal(childId, { familyId, urgency: 'URGENT' });

    const events = await outbox('police', childId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ aggregate_type: 'Signal', aggregate_id: id, child_id: childId, family_id: familyId, type: 'SignalReported' });
    expect(events[0].payload).toEqual({
      id,
      agency: 'police',
      childId,
      familyId,
      observedAt: new Date(input.observedAt).toISOString(),
      sourceKind: 'POLICE',
      urgency: 'URGENT',
      status: 'REPORTED',
      indicatorCodes: ['EDUCATION-L1-01'],
      reporter: REPORTER,
      // The reporting organisation: the police unit the police system acts for.
      organisationId: loadOrganisationRegistry().systemOrganisations('police-system')[0],
    });
    expect(JSON.stringify(events[0].payload)).not.toContain(input.description);
  });

  it('when a signal is sent again with the same idempotency key, then the stored signal is returned and no second event is written', async () => {
    const childId = await newChild();
    const { input, id } = await reportPoliceSignal(childId);
    const replay = await ok<{ police: { reportSignal: { id: string } } }>('police', reportSignal('police'), input);
    expect(replay.police.reportSignal.id).toBe(id);
    expect((await outbox('police', childId)).map((e) => e.type)).toEqual(['SignalReported']);
  });

  it('when an input is refused, then no row and no event are written', async () => {
    const childId = await newChild();
    const refused = await t.gql(tokens.police, reportSignal('police'), { input: signalInput(childId, { indicatorCodes: ['NO-SUCH-CODE'] }) });
    expect(refused.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'indicator.known' });
    const measure = await t.gql(tokens.police, recordMeasure('police'), { input: measureInput(childId, { result: 'проведена', executor: EXECUTOR }) });
    expect(measure.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'measure.resultNeedsDoneDate' });
    expect(await outbox('police', childId)).toEqual([]);
  });

  it('when a signal is corrected and then withdrawn, then SignalUpdated and SignalCancelled carry its state without the narrative', async () => {
    const childId = await newChild();
    const { id } = await reportPoliceSignal(childId);
    await ok('police', UPDATE_SIGNAL, { id, urgency: 'EMERGENCY', description: 'Уточнённое описание обстоятельств' });
    await ok('police', CANCEL_SIGNAL, { id, reason: 'Подан по ошибке: другой ребёнок' });
    const refused = await t.gql(tokens.police, UPDATE_SIGNAL, { input: { id, urgency: 'ROUTINE' } });
    expect(refused.errors![0].extensions).toMatchObject({ rule: 'signal.editable' });

    const events = await outbox('police', childId);
    expect(events.map((e) => e.type)).toEqual(['SignalReported', 'SignalUpdated', 'SignalCancelled']);
    expect(events[1].payload).toMatchObject({ id, urgency: 'EMERGENCY', status: 'REPORTED' });
    expect(events[2].payload).toMatchObject({ id, urgency: 'EMERGENCY', status: 'CANCELLED' });
    const text = JSON.stringify(events.map((e) => e.payload));
    expect(text).not.toContain('Уточнённое описание');
    expect(text).not.toContain('Подан по ошибке');
  });

  it('when a measure is recorded, changed, done and cancelled, then each change writes its event with the whole state after it', async () => {
    const childId = await newChild();
    const input = measureInput(childId, { executor: EXECUTOR });
    const recorded = await ok<{ police: { recordMeasure: { id: string } } }>('police', recordMeasure('police'), input);
    const id = recorded.police.recordMeasure.id;
    await ok('police', UPDATE_MEASURE, { id, dueDate: '2026-12-15' });
    await ok('police', UPDATE_MEASURE, { id, doneDate: '2026-11-20', result: 'Беседа проведена, родители предупреждены' });
    await ok('police', CANCEL_MEASURE, { id, reason: 'Записано дважды' });
    const refused = await t.gql(tokens.police, UPDATE_MEASURE, { input: { id, dueDate: '2027-01-10' } });
    expect(refused.errors![0].extensions).toMatchObject({ rule: 'measure.editable' });

    const events = await outbox('police', childId);
    expect(events.map((e) => [e.aggregate_type, e.aggregate_id, e.type])).toEqual([
      ['Measure', id, 'MeasureRecorded'],
      ['Measure', id, 'MeasureUpdated'],
      ['Measure', id, 'MeasureUpdated'],
      ['Measure', id, 'MeasureCancelled'],
    ]);
    const state = {
      id,
      agency: 'police',
      childId,
      familyId: null,
      title: input.title,
      kind: 'PREVENTIVE_TALK',
      dueDate: '2026-12-01',
      doneDate: null,
      status: 'PLANNED',
      result: null,
      executor: EXECUTOR,
      programmeRowId: null,
      organisationId: loadOrganisationRegistry().systemOrganisations('police-system')[0],
    };
    expect(events[0].payload).toEqual(state);
    expect(events[1].payload).toEqual({ ...state, dueDate: '2026-12-15' });
    const done = { ...state, dueDate: '2026-12-15', doneDate: '2026-11-20', status: 'DONE', result: 'Беседа проведена, родители предупреждены' };
    expect(events[2].payload).toEqual(done);
    expect(events[3].payload).toEqual({ ...done, status: 'CANCELLED' });
    expect(JSON.stringify(events[3].payload)).not.toContain('Записано дважды');
  });

  it('when a child is put on the police juvenile register and removed, then the registration opens and closes and the unit attachment follows', async () => {
    const childId = await newChild();
    const input = { idempotencyKey: `reg-${randomUUID()}`, childId, unit: 'ПДН ОП № 1', registeredOn: '2026-09-01', reason: 'самовольные уходы из дома' };
    const data = await ok<{ police: { registerJuvenile: { id: string } } }>('police', REGISTER_JUVENILE, input);
    const id = data.police.registerJuvenile.id;
    await ok('police', REGISTER_JUVENILE, input); // a replay: no second opening
    await ok('police', REMOVE_JUVENILE, { id, removedOn: '2026-11-10', reason: 'исправление поведения' });
    const again = await t.gql(tokens.police, REMOVE_JUVENILE, { input: { id, removedOn: '2026-11-11', reason: 'повторно' } });
    expect(again.errors![0].extensions).toMatchObject({ code: 'CONFLICT', rule: 'registration.alreadyRemoved' });

    const events = await outbox('police', childId);
    const unitId = secondaryAggregateId(id, 'Attachment');
    expect(events.map((e) => [e.aggregate_type, e.aggregate_id, e.type])).toEqual([
      ['Registration', id, 'RegistrationOpened'],
      ['Attachment', unitId, 'AttachmentChanged'],
      ['Registration', id, 'RegistrationClosed'],
      ['Attachment', unitId, 'AttachmentChanged'],
    ]);
    const registration = {
      id,
      agency: 'police',
      childId,
      familyId: null,
      kind: 'POLICE_JUVENILE',
      registeredOn: '2026-09-01',
      protocol: null,
      reason: 'самовольные уходы из дома',
      removedOn: null,
      removalReason: null,
    };
    expect(events[0].payload).toEqual(registration);
    expect(events[2].payload).toEqual({ ...registration, removedOn: '2026-11-10', removalReason: 'исправление поведения' });
    const unit = { id, agency: 'police', childId, familyId: null, kind: 'POLICE_UNIT', organisation: 'ПДН ОП № 1', detail: null, since: '2026-09-01', until: null, period: null };
    expect(events[1].payload).toEqual(unit);
    expect(events[3].payload).toEqual({ ...unit, until: '2026-11-10' });
  });

  it('when a school reports a pupil on its internal register, then the school attachment and the registration follow the reports, and a re-sent picture writes nothing', async () => {
    const childId = await newChild();
    const status = {
      childId,
      academicYear: '2026/2027',
      schoolName: 'МБОУ СОШ № 1',
      className: '6Б',
      unexcusedAbsences: 42,
      failingGrades: 3,
      internalRegister: true,
      internalRegisterSince: '2026-10-01',
      internalRegisterReason: 'систематические пропуски',
    };
    await ok('education', SCHOOL_STATUS, status);
    await ok('education', SCHOOL_STATUS, status); // the same picture again
    await ok('education', SCHOOL_STATUS, { ...status, unexcusedAbsences: 50 }); // nothing on the card changed
    await ok('education', SCHOOL_STATUS, { ...status, unexcusedAbsences: 50, internalRegisterReason: 'пропуски и конфликты' });
    await ok('education', SCHOOL_STATUS, { ...status, className: '6В', internalRegister: false, internalRegisterSince: null, internalRegisterReason: null });

    const [{ id: rowId }] = (await admin.query(`SELECT id::text FROM education.school_status WHERE child_id = $1`, [childId])).rows;
    const registrationId = secondaryAggregateId(rowId, 'Registration');
    const events = await outbox('education', childId);
    expect(events.map((e) => [e.aggregate_type, e.aggregate_id, e.type])).toEqual([
      ['Attachment', rowId, 'AttachmentChanged'],
      ['Registration', registrationId, 'RegistrationOpened'],
      ['Registration', registrationId, 'RegistrationUpdated'],
      ['Attachment', rowId, 'AttachmentChanged'],
      ['Registration', registrationId, 'RegistrationClosed'],
    ]);
    const school = { id: rowId, agency: 'education', childId, familyId: null, kind: 'SCHOOL', organisation: 'МБОУ СОШ № 1', detail: '6Б', since: null, until: null, period: '2026/2027' };
    expect(events[0].payload).toEqual(school);
    expect(events[3].payload).toEqual({ ...school, detail: '6В' });
    const registration = {
      id: rowId,
      agency: 'education',
      childId,
      familyId: null,
      kind: 'SCHOOL_INTERNAL',
      registeredOn: '2026-10-01',
      protocol: null,
      reason: 'систематические пропуски',
      removedOn: null,
      removalReason: null,
    };
    expect(events[1].payload).toEqual(registration);
    expect(events[2].payload).toEqual({ ...registration, reason: 'пропуски и конфликты' });
    // The school keeps no removal date: the day the hub learned of it stands in; the opening stays as it was.
    expect([today(), new Date(Date.now() - 60_000).toISOString().slice(0, 10)]).toContain(events[4].payload.removedOn);
    expect(events[4].payload).toEqual({ ...registration, reason: 'пропуски и конфликты', removedOn: events[4].payload.removedOn });
  });

  it('when health, social protection and guardianship report what is on the account card, then their attachments and registrations are in their outboxes', async () => {
    const childId = await newChild();
    const clinic = { childId, clinicName: 'Детская поликлиника № 3', clinicDistrict: 'участок 12', attachedSince: '2020-02-01', disabled: false, careConcerns: [] };
    await ok('health', HEALTH_STATUS, clinic);
    await ok('health', HEALTH_STATUS, { ...clinic, careConcerns: ['MISSED_CHECKUPS'] }); // health data, not the card
    const health = await outbox('health', childId);
    expect(health.map((e) => e.type)).toEqual(['AttachmentChanged']);
    expect(health[0].payload).toMatchObject({ kind: 'CLINIC', organisation: 'Детская поликлиника № 3', detail: 'участок 12', since: '2020-02-01' });
    expect(JSON.stringify(health[0].payload)).not.toContain('MISSED_CHECKUPS');

    const patronage = await ok<{ social: { recordPatronage: { id: string } } }>('social', RECORD_PATRONAGE, {
      idempotencyKey: `p-${randomUUID()}`,
      childId,
      kind: 'PERIODIC',
      institution: 'КЦСОН',
      startedOn: '2026-10-15',
    });
    await ok('social', END_PATRONAGE, { id: patronage.social.recordPatronage.id, endedOn: '2026-11-15' });
    await ok('social', END_PATRONAGE, { id: patronage.social.recordPatronage.id, endedOn: '2026-11-15' }); // a replay of the end
    const difficult = await ok<{ social: { recordDifficultSituation: { id: string } } }>('social', RECORD_DIFFICULT, {
      idempotencyKey: `d-${randomUUID()}`,
      childId,
      recognisedOn: '2026-06-01',
      decisionNumber: 'Р-117',
      basis: 'малоимущая семья',
    });
    await ok('social', END_DIFFICULT, { id: difficult.social.recordDifficultSituation.id, endedOn: '2026-11-01' });
    const social = await outbox('social', childId);
    expect(social.map((e) => [e.aggregate_type, e.type, e.payload.kind])).toEqual([
      ['Attachment', 'AttachmentChanged', 'PATRONAGE'],
      ['Attachment', 'AttachmentChanged', 'PATRONAGE'],
      ['Registration', 'RegistrationOpened', 'SOCIAL_DIFFICULT_SITUATION'],
      ['Registration', 'RegistrationClosed', 'SOCIAL_DIFFICULT_SITUATION'],
    ]);
    expect(social[1].payload).toMatchObject({ organisation: 'КЦСОН', detail: 'PERIODIC', since: '2026-10-15', until: '2026-11-15' });
    expect(social[3].payload).toMatchObject({ protocol: 'Р-117', registeredOn: '2026-06-01', reason: 'малоимущая семья', removedOn: '2026-11-01' });

    await ok('guardianship', GUARDIANSHIP_STATUS, { childId, status: 'LEFT_WITHOUT_CARE', since: '2026-05-01', note: 'мать лишена прав' });
    await ok('guardianship', GUARDIANSHIP_STATUS, { childId, status: 'UNDER_GUARDIANSHIP', since: '2026-07-01' });
    await ok('guardianship', GUARDIANSHIP_STATUS, { childId, status: 'UNDER_GUARDIANSHIP', since: '2026-07-01' });
    await ok('guardianship', GUARDIANSHIP_STATUS, { childId, status: 'NONE', since: '2026-11-01' });
    const guardianship = await outbox('guardianship', childId);
    expect(guardianship.map((e) => [e.aggregate_id, e.type, e.payload.reason, e.payload.registeredOn, e.payload.removedOn])).toEqual([
      [childId, 'RegistrationOpened', 'LEFT_WITHOUT_CARE', '2026-05-01', null],
      [childId, 'RegistrationUpdated', 'UNDER_GUARDIANSHIP', '2026-07-01', null],
      [childId, 'RegistrationClosed', 'UNDER_GUARDIANSHIP', '2026-07-01', '2026-11-01'],
    ]);
    expect(JSON.stringify(guardianship.map((e) => e.payload))).not.toContain('лишена');
  });

  describe('when writing the event fails after the row was written', () => {
    // The agency's own role loses INSERT on its outbox for a moment: appendEvent then fails in the
    // middle of the transaction, after the change itself.
    async function withoutOutboxInsert(agency: Agency, run: () => Promise<void>): Promise<void> {
      await admin.query(`REVOKE INSERT ON ${agency}.outbox FROM hub_${agency}`);
      try {
        await run();
      } finally {
        await admin.query(`GRANT INSERT ON ${agency}.outbox TO hub_${agency}`);
      }
    }

    it('then a new signal leaves neither row nor event', async () => {
      const childId = await newChild();
      const input = signalInput(childId, { sourceKind: 'POLICE' });
      await withoutOutboxInsert('police', async () => {
        const result = await t.gql(tokens.police, reportSignal('police'), { input });
        expect(result.errors).toHaveLength(1);
        expect(result.errors![0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
        expect(result.data?.police ?? null).toBeNull();
      });
      const rows = await admin.query(`SELECT 1 FROM police.signal WHERE idempotency_key = $1`, [input.idempotencyKey]);
      expect(rows.rowCount).toBe(0);
      expect(await outbox('police', childId)).toEqual([]);

      // The same request once the outbox is writable again goes through whole: the failure kept no half of it.
      await ok('police', reportSignal('police'), input);
      expect((await outbox('police', childId)).map((e) => e.type)).toEqual(['SignalReported']);
    });

    it('then a removal from the register leaves the registration open and writes no event', async () => {
      const childId = await newChild();
      const data = await ok<{ police: { registerJuvenile: { id: string } } }>('police', REGISTER_JUVENILE, {
        idempotencyKey: `reg-${randomUUID()}`,
        childId,
        unit: 'ПДН ОП № 2',
        registeredOn: '2026-09-01',
        reason: 'употребление алкоголя',
      });
      const id = data.police.registerJuvenile.id;
      await withoutOutboxInsert('police', async () => {
        const result = await t.gql(tokens.police, REMOVE_JUVENILE, { input: { id, removedOn: '2026-11-10', reason: 'исправление поведения' } });
        expect(result.errors).toHaveLength(1);
      });
      const [row] = (await admin.query(`SELECT removed_on FROM police.juvenile_registration WHERE id = $1`, [id])).rows;
      expect(row.removed_on).toBeNull();
      expect((await outbox('police', childId)).map((e) => e.type)).toEqual(['RegistrationOpened', 'AttachmentChanged']);

      await ok('police', REMOVE_JUVENILE, { id, removedOn: '2026-11-10', reason: 'исправление поведения' });
      expect((await outbox('police', childId)).map((e) => e.type)).toEqual(['RegistrationOpened', 'AttachmentChanged', 'RegistrationClosed', 'AttachmentChanged']);
    });

    it('then a new school status leaves neither row nor event', async () => {
      const childId = await newChild();
      const status = { childId, academicYear: '2026/2027', schoolName: 'МБОУ СОШ № 7', className: '3А', unexcusedAbsences: 0, failingGrades: 0, internalRegister: false };
      await withoutOutboxInsert('education', async () => {
        const result = await t.gql(tokens.education, SCHOOL_STATUS, { input: status });
        expect(result.errors).toHaveLength(1);
      });
      const rows = await admin.query(`SELECT 1 FROM education.school_status WHERE child_id = $1`, [childId]);
      expect(rows.rowCount).toBe(0);
      expect(await outbox('education', childId)).toEqual([]);

      await ok('education', SCHOOL_STATUS, status);
      expect((await outbox('education', childId)).map((e) => e.type)).toEqual(['AttachmentChanged']);
    });
  });

  // Last, over everything the cases above wrote.
  it('every event written is of a type in EVENT_TYPES, with the aggregate type it gives and the payload keys PAYLOAD_KEYS lists', async () => {
    const known = new Map<string, string>(EVENT_TYPES.map((row) => [row.type, row.aggregateType]));
    let seen = 0;
    for (const agency of ['education', 'health', 'police', 'social', 'guardianship'] as const) {
      const { rows } = await admin.query(`SELECT type, aggregate_type, payload FROM ${agency}.outbox`);
      for (const row of rows) {
        expect([row.type, known.get(row.type)]).toEqual([row.type, row.aggregate_type]);
        expect([row.type, Object.keys(row.payload).sort()]).toEqual([row.type, [...PAYLOAD_KEYS[row.aggregate_type as AggregateType]].sort()]);
        seen++;
      }
    }
    expect(seen).toBeGreaterThan(20);
  });
});
