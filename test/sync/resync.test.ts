import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { devRolePassword } from '../../scripts/hub';
import { resync, RESYNC_SOURCES, ResyncReport, SourceReport } from '../../scripts/resync';
import { registerSyntheticChildren, registerSyntheticFamily } from '../../scripts/synthetic-children';
import { seedDemoData, SeedResult, seedUrlsFor } from '../../scripts/seed/seed';
import { count, unpublished } from '../support/event-burst';
import { measureInput, signalInput } from '../support/factories';
import { recordMeasure, reportSignal } from '../support/operations';
import { waitFor } from '../support/sync-worker';
import { startTestHub, TestHub } from '../support/test-hub';

const ROOT = path.join(__dirname, '..', '..');
const CHILDREN = 300;

type Agency = (typeof RESYNC_SOURCES)[number];
const mutation = (agency: Agency, field: string, inputType: string, selection = 'id') => `mutation M($input: ${inputType}!) { ${agency} { ${field}(input: $input) { ${selection} } } }`;

describe('the resync of the bank register of agency records from the agencies own tables (in-process relays)', () => {
  let t: TestHub;
  let admin: Client;
  let seeded: SeedResult;

  const run = (repair = false): Promise<ResyncReport> =>
    resync({
      bank: t.hub.subgraphs.bank.dataSource,
      agencies: Object.fromEntries(RESYNC_SOURCES.map((name) => [name, t.hub.subgraphs[name].dataSource])),
      repair,
      // Small pages, so that a run crosses page boundaries on a small data set.
      pageSize: 97,
    });
  const of = (report: ResyncReport, source: string): SourceReport => report.sources.find((s) => s.source === source)!;
  const inbox = () => count(admin, `SELECT count(*) AS n FROM bank.inbox`);
  /** Every outbox published and every event in the bank's inbox. */
  const delivered = async (events: number) => {
    await waitFor(
      'every outbox published',
      () => unpublished(admin),
      (n) => n === 0,
      60_000,
    );
    await waitFor('every event in the inbox', inbox, (n) => n === events, 30_000);
  };

  beforeAll(async () => {
    t = await startTestHub();
    admin = new Client({ connectionString: t.adminUrl });
    await admin.connect();
    seeded = await seedDemoData({ urls: seedUrlsFor(t.adminUrl, devRolePassword), children: CHILDREN, seed: 11, chunkChildren: 100 });
  }, 120_000);
  afterAll(async () => {
    await admin?.end();
    await t?.stop();
  });

  it('when the agencies rows were written without events (the bulk seeder), then every seeded record is reported MISSING and the counts equal the seeded rows', async () => {
    expect(seeded.skipped).toEqual([]);
    expect(await count(admin, `SELECT count(*) AS n FROM bank.agency_record`)).toBe(0);

    const report = await run();

    const registersOn = await count(admin, `SELECT count(*) AS n FROM education.school_status WHERE internal_register`);
    expect(registersOn).toBeGreaterThan(0);
    // Per school status: the school attachment, and the internal register when it is on.
    expect(report.totals.missing).toBe(seeded.signals + seeded.measures + seeded.schoolStatuses + registersOn);
    for (const source of RESYNC_SOURCES) {
      const rows = await count(admin, `SELECT (SELECT count(*) FROM ${source}.signal) + (SELECT count(*) FROM ${source}.measure) AS n`);
      const own = source === 'education' ? seeded.schoolStatuses + registersOn : 0;
      expect([source, of(report, source).missing]).toEqual([source, rows + own]);
      expect(of(report, source)).toMatchObject({ records: rows + own, same: 0, different: 0, extra: 0, inFlight: 0, repaired: 0 });
    }
    expect(report.exitCode).toBe(2);
    // Nothing written without --repair.
    for (const source of RESYNC_SOURCES) expect(await count(admin, `SELECT count(*) AS n FROM ${source}.outbox`)).toBe(0);
  }, 60_000);

  it('when run with repair, then each missing record goes once through its agency outbox as a Resynced event and a second resync reports no difference', async () => {
    const report = await run(true);
    expect(report.totals.repaired).toBe(report.totals.missing);
    expect(report.totals.repaired).toBeGreaterThan(0);

    await delivered(report.totals.repaired);
    const types = (await admin.query(`SELECT DISTINCT type FROM education.outbox ORDER BY 1`)).rows.map((r) => r.type);
    expect(types).toEqual(['AttachmentResynced', 'MeasureResynced', 'RegistrationResynced', 'SignalResynced']);
    expect(await count(admin, `SELECT count(*) AS n FROM bank.inbox WHERE outcome <> 'APPLIED'`)).toBe(0);
    expect(await count(admin, `SELECT count(*) AS n FROM bank.agency_record`)).toBe(report.totals.repaired);
    expect(await count(admin, `SELECT count(*) AS n FROM bank.agency_record WHERE apply_count <> 1`)).toBe(0);

    const again = await run();
    expect(again.totals).toEqual({ records: report.totals.records, same: report.totals.records, missing: 0, different: 0, extra: 0, inFlight: 0, unchecked: 0, repaired: 0 });
    expect(again.exitCode).toBe(0);
  }, 120_000);

  it('when the bank register is tampered with (one state changed, one record without a source row), then the resync reports exactly one DIFFERENT and one EXTRA; the repair restores the state and the EXTRA stays reported', async () => {
    const [target] = (await admin.query(`SELECT aggregate_id::text AS id, state FROM bank.agency_record WHERE source = 'police' AND aggregate_type = 'Signal' ORDER BY aggregate_id LIMIT 1`)).rows;
    await admin.query(`UPDATE bank.agency_record SET state = jsonb_set(state, '{urgency}', '"TAMPERED"') WHERE source = 'police' AND aggregate_id = $1`, [target.id]);
    const bogus = randomUUID();
    await admin.query(
      `INSERT INTO bank.agency_record (source, aggregate_type, aggregate_id, child_id, family_id, event_type, state, position) VALUES ('social', 'Measure', $1, $2, NULL, 'MeasureRecorded', $3, 1)`,
      [bogus, randomUUID(), JSON.stringify({ id: bogus, agency: 'social', title: 'нет такой записи у ведомства' })],
    );

    const found = await run();
    expect(found.totals).toMatchObject({ missing: 0, different: 1, extra: 1, inFlight: 0 });
    expect(of(found, 'police').listed.different).toEqual([expect.objectContaining({ aggregateType: 'Signal', aggregateId: target.id, keys: ['urgency'], expected: target.state })]);
    expect(of(found, 'social').listed.extra).toEqual([expect.objectContaining({ aggregateId: bogus, aggregateType: 'Measure' })]);
    expect(found.exitCode).toBe(2);

    const before = await inbox();
    const repaired = await run(true);
    expect(repaired.totals).toMatchObject({ different: 1, extra: 1, repaired: 1 });
    await delivered(before + 1);
    const [row] = (await admin.query(`SELECT state, event_type FROM bank.agency_record WHERE source = 'police' AND aggregate_id = $1`, [target.id])).rows;
    expect(row).toEqual({ state: target.state, event_type: 'SignalResynced' });

    const after = await run();
    expect(after.totals).toMatchObject({ missing: 0, different: 0, extra: 1 });
    expect(after.exitCode).toBe(2);
    // Reported, never deleted.
    expect(await count(admin, `SELECT count(*) AS n FROM bank.agency_record WHERE aggregate_id = $1`, [bogus])).toBe(1);
  }, 120_000);

  it('when the agencies change every kind of record through their services, then the bank follows by events alone and the resync finds it equal to the snapshots (closed registrations accepted as unchecked)', async () => {
    const tokens = Object.fromEntries(await Promise.all(RESYNC_SOURCES.map(async (a) => [a, await t.systemToken(a)]))) as Record<Agency, string>;
    const ok = async <T = Record<string, Record<string, Record<string, string>>>>(agency: Agency, query: string, input: Record<string, unknown>): Promise<T> => {
      const result = await t.gql<T>(tokens[agency], query, { input });
      expect(result.errors).toBeUndefined();
      return result.data!;
    };
    const before = await inbox();
    // Children and a family the bank knows: agencies refuse records about any other.
    const [childId, secondChild, thirdChild, fourthChild] = await registerSyntheticChildren(t.hub.subgraphs.bank.dataSource, 4);
    const familyId = await registerSyntheticFamily(t.hub.subgraphs.bank.dataSource, [childId]);
    for (const agency of RESYNC_SOURCES) {
      const signal = await ok(agency, reportSignal(agency), signalInput(childId, { familyId, urgency: 'URGENT' }));
      await ok(agency, mutation(agency, 'updateSignal', 'UpdateSignalInput'), { id: signal[agency].reportSignal.id, urgency: 'EMERGENCY' });
      const cancelled = await ok(agency, reportSignal(agency), signalInput(childId));
      await ok(agency, mutation(agency, 'cancelSignal', 'CancelSignalInput'), { id: cancelled[agency].reportSignal.id, reason: 'подан по ошибке' });
      const measure = await ok(agency, recordMeasure(agency), measureInput(childId));
      await ok(agency, mutation(agency, 'updateMeasure', 'UpdateMeasureInput'), { id: measure[agency].recordMeasure.id, doneDate: '2026-11-01', result: 'проведена' });
    }
    const police = await ok('police', mutation('police', 'registerJuvenile', 'RegisterJuvenileInput'), {
      idempotencyKey: `j-${randomUUID()}`,
      childId,
      unit: 'ПДН ОП № 1',
      registeredOn: '2026-09-01',
      reason: 'самовольные уходы из дома',
    });
    await ok('police', mutation('police', 'removeJuvenileRegistration', 'RemoveJuvenileRegistrationInput'), {
      id: police.police.registerJuvenile.id,
      removedOn: '2026-11-10',
      reason: 'исправление поведения',
    });
    await ok('police', mutation('police', 'registerJuvenile', 'RegisterJuvenileInput'), {
      idempotencyKey: `j-${randomUUID()}`,
      childId: secondChild,
      unit: 'ПДН ОП № 2',
      registeredOn: '2026-10-01',
      reason: 'драки',
    });
    const school = {
      childId,
      academicYear: '2026/2027',
      schoolName: 'МБОУ СОШ № 1',
      className: '6Б',
      unexcusedAbsences: 42,
      failingGrades: 3,
      internalRegister: true,
      internalRegisterSince: '2026-10-01',
      internalRegisterReason: 'пропуски',
    };
    const schoolStatus = mutation('education', 'recordSchoolStatus', 'RecordSchoolStatusInput', 'academicYear');
    await ok('education', schoolStatus, school);
    await ok('education', schoolStatus, { ...school, className: '6В', internalRegister: false, internalRegisterSince: null, internalRegisterReason: null });
    await ok('education', schoolStatus, { ...school, childId: thirdChild });
    await ok('health', mutation('health', 'recordHealthStatus', 'RecordHealthStatusInput', 'clinicName'), {
      childId,
      clinicName: 'Детская поликлиника № 3',
      clinicDistrict: 'участок 12',
      attachedSince: '2020-02-01',
      disabled: false,
      careConcerns: [],
    });
    const patronage = await ok('social', mutation('social', 'recordPatronage', 'RecordSocialPatronageInput'), {
      idempotencyKey: `p-${randomUUID()}`,
      childId,
      kind: 'PERIODIC',
      institution: 'КЦСОН',
      startedOn: '2026-10-15',
    });
    await ok('social', mutation('social', 'endPatronage', 'EndSocialPeriodInput'), { id: patronage.social.recordPatronage.id, endedOn: '2026-11-15' });
    const difficult = await ok('social', mutation('social', 'recordDifficultSituation', 'RecordDifficultSituationInput'), {
      idempotencyKey: `d-${randomUUID()}`,
      childId,
      recognisedOn: '2026-06-01',
      decisionNumber: 'Р-117',
      basis: 'малоимущая семья',
    });
    await ok('social', mutation('social', 'endDifficultSituation', 'EndSocialPeriodInput'), { id: difficult.social.recordDifficultSituation.id, endedOn: '2026-11-01' });
    const guardianship = mutation('guardianship', 'setGuardianshipStatus', 'SetGuardianshipStatusInput', 'status');
    await ok('guardianship', guardianship, { childId, status: 'LEFT_WITHOUT_CARE', since: '2026-05-01' });
    await ok('guardianship', guardianship, { childId, status: 'NONE', since: '2026-11-01' });
    await ok('guardianship', guardianship, { childId: fourthChild, status: 'UNDER_GUARDIANSHIP', since: '2026-07-01' });
    let written = 0;
    for (const agency of RESYNC_SOURCES) written += await count(admin, `SELECT count(*) AS n FROM ${agency}.outbox WHERE type NOT LIKE '%Resynced'`);
    await delivered(before + written);

    const report = await run();
    // The school register switched off and the guardianship status back to NONE: closed in the bank, not rebuildable from the row.
    expect(report.totals).toMatchObject({ missing: 0, different: 0, inFlight: 0, unchecked: 2, extra: 1 });
    expect(report.totals.same).toBe(report.totals.records - 2);
    expect(of(report, 'social').listed.extra.map((e) => e.aggregateType)).toEqual(['Measure']);
  }, 120_000);

  it('when run from the command line for one source with a JSON report, then it prints the summary table, writes the report and exits 2 for the EXTRA record', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-resync-'));
    try {
      const file = path.join(dir, 'report.json');
      const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          ['-r', path.join(ROOT, 'scripts', 'ts-register.js'), path.join(ROOT, 'scripts', 'resync.ts'), '--source', 'social', '--json', file],
          { cwd: ROOT, env: { ...process.env, DATABASE_URL: t.adminUrl }, timeout: 90_000 },
          (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        );
      });
      expect([result.code, result.stderr.includes('resync:') ? result.stderr : '']).toEqual([2, '']);
      expect(result.stdout).toMatch(/^source\s+records\s+same\s+missing\s+different\s+extra/);
      expect(result.stdout).toMatch(/\nsocial\s+\d+\s+\d+\s+0\s+0\s+1\s/);
      const report = JSON.parse(readFileSync(file, 'utf8')) as ResyncReport;
      expect(report.sources.map((s) => s.source)).toEqual(['social']);
      expect(report.totals).toMatchObject({ missing: 0, different: 0, extra: 1 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
