import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { verifyCheckpoint } from '../../auth/audit/audit-verifier';
import { parseCsv } from '../export/read-back';
import { runAuditVerify } from '../../scripts/audit-verify';
import { personInput, signalInput } from '../support/factories';
import { CASE_VIEW, REGISTER_PERSON, reportSignal } from '../support/operations';
import { startTestHub, TestHub } from '../support/test-hub';

describe("the auditors' API: who read what about a child, on which basis; the chain and its checkpoints", () => {
  let t: TestHub;
  let auditor: string;
  let childId: string;
  const asAuditor = <T>(query: string, variables: Record<string, unknown> = {}) => t.gql<T>(auditor, query, variables, undefined, { 'x-hub-purpose': 'AUDIT' });

  beforeAll(async () => {
    t = await startTestHub();
    auditor = await t.userToken('auditor.vlk');
    const school = await t.systemToken('education');
    childId = (await t.gql<{ registerPerson: { person: { id: string } } }>(school, REGISTER_PERSON, { input: personInput() })).data!.registerPerson.person.id;
    await t.gql(school, reportSignal('education'), { input: signalInput(childId) });
    await t.gql(await t.userToken('chair.vlk'), CASE_VIEW, { id: childId });
    await t.gql(await t.userToken('chair.yol'), CASE_VIEW, { id: childId });
  });
  afterAll(() => t.stop());

  it('when an auditor searches the log by child, then every read and refusal about that child is there', async () => {
    const r = await asAuditor<{ accessLog: Array<{ username: string; service: string; outcome: string; categories: string[] }> }>(
      `query($f: AccessLogFilter!) { accessLog(filter: $f) { username service outcome categories } }`,
      { f: { childId } },
    );
    expect(r.errors).toBeUndefined();
    const log = r.data!.accessLog;
    expect(log).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ username: 'chair.vlk', service: 'education', outcome: 'allowed', categories: ['education'] }),
        expect.objectContaining({ username: 'chair.yol', service: 'bank', outcome: 'denied' }),
        expect.objectContaining({ username: 'service-account-education-system', service: 'education' }),
      ]),
    );
  });

  it("when a parent asks who looked at the child's data, then the report lists who, when, which agency, what and why, also as CSV in Russian words and local time", async () => {
    const r = await asAuditor<{ subjectAccessReport: { entries: Array<{ username: string; at: string }>; csv: string; timeZone: string } }>(
      `query($id: ID!, $m: String) { subjectAccessReport(childId: $id, municipality: $m) { entries { username at } csv timeZone } }`,
      { id: childId, m: '05701000' },
    );
    expect(r.errors).toBeUndefined();
    const report = r.data!.subjectAccessReport;
    expect(report.timeZone).toBe('владивостокское время, UTC+10');
    const [header, ...rows] = parseCsv(report.csv);
    expect(header).toEqual([
      'Дата и время (владивостокское время, UTC+10)',
      'Кто (учётная запись)',
      'Роль',
      'Организация',
      'Ведомство',
      'Система (клиент)',
      'Сервис',
      'Цель',
      'Номер дела',
      'Категории данных',
      'Основание',
      'Итог',
      'Экстренный доступ',
    ]);
    expect(rows.length).toBe(report.entries.length);
    const chair = rows.find((row) => row[1] === 'chair.vlk' && row[6] === 'Образование')!;
    expect(chair).toBeDefined();
    expect(chair.slice(2, 5)).toEqual(['председатель КДН и ЗП', expect.any(String), 'КДН и ЗП']);
    expect(chair[7]).toBe('индивидуальная профилактическая работа');
    expect(chair[10]).toBe('закон: ст. 11 Федерального закона № 120-ФЗ (полномочия КДН и ЗП)');
    expect(chair[11]).toBe('доступ предоставлен');
    // No code of the log reaches the parent, and the time is Vladivostok's (UTC+10).
    expect(report.csv).not.toMatch(/INDIVIDUAL_PREVENTION|law:120|allowed|kdn_chair/);
    const entry = report.entries[rows.indexOf(chair)];
    const local = new Date(new Date(entry.at).getTime() + 10 * 3600_000).toISOString();
    expect(chair[0]).toBe(`${local.slice(8, 10)}.${local.slice(5, 7)}.${local.slice(0, 4)} ${local.slice(11, 16)}`);
  });

  it('when the log is searched by child or for unreviewed emergencies, then PostgreSQL reads it by the narrow indexes, not the whole entries', async () => {
    const plan = async (sql: string, params: unknown[]) =>
      t.hub.audit.dataSource.transaction(async (em) => {
        // Whatever the table's size: only an index that matches the service's expressions can be used at all.
        await em.query('SET LOCAL enable_seqscan = off');
        return ((await em.query(`EXPLAIN ${sql}`, params)) as Array<{ 'QUERY PLAN': string }>).map((row) => row['QUERY PLAN']).join('\n');
      });

    // The service's condition on the subject (its paging condition aside, which a small table prefers).
    const bySubject = await plan(`SELECT position FROM audit.entry WHERE body->'subjects' @> $1::jsonb`, [JSON.stringify(['Child:x'])]);
    const emergencies = await plan(`SELECT position FROM audit.entry WHERE body @> '{"emergency": true}'::jsonb ORDER BY position`, []);
    const indexes = (await t.hub.audit.dataSource.query(`SELECT indexname FROM pg_indexes WHERE schemaname = 'audit' AND tablename = 'entry' ORDER BY indexname`)).map(
      (r: { indexname: string }) => r.indexname,
    );

    expect(bySubject).toContain('entry_subjects');
    expect(emergencies).toContain('entry_emergency');
    expect(indexes).not.toContain('entry_body');
  });

  it('when anyone but an auditor asks, then the log is refused; an auditor with another purpose is refused too', async () => {
    const chair = await t.gql(await t.userToken('chair.vlk'), `{ accessLog { position } }`, {}, undefined, { 'x-hub-purpose': 'INDIVIDUAL_PREVENTION' });
    expect(chair.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'audit:read' });
    const wrongPurpose = await t.gql(auditor, `{ accessLog { position } }`, {}, undefined, { 'x-hub-purpose': 'INDIVIDUAL_PREVENTION' });
    expect(wrongPurpose.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'purpose_not_allowed' });
  });

  it("when the auditor verifies the chain through GraphQL and exports a signed checkpoint, then the CLI verifies both against the hub's public key", async () => {
    const verified = await asAuditor<{ verifyAuditLog: { ok: boolean; checked: number; firstBadPosition: number | null } }>(`{ verifyAuditLog { ok checked firstBadPosition } }`);
    expect(verified.data!.verifyAuditLog).toMatchObject({ ok: true, firstBadPosition: null });

    await t.hub.audit.signCheckpoint(t.hub.auditSigningKey, 'dev-run');
    const r = await asAuditor<{ auditCheckpoints: Array<Record<string, unknown>>; auditSigningKey: string }>(
      `{ auditCheckpoints(last: 1) { position hash signedAt keyId signature } auditSigningKey }`,
    );
    const [checkpoint] = r.data!.auditCheckpoints as never[];
    expect(verifyCheckpoint(checkpoint, r.data!.auditSigningKey, await t.hub.audit.hashAt((checkpoint as { position: number }).position))).toEqual({ ok: true });

    const dir = mkdtempSync(path.join(os.tmpdir(), 'audit-export-'));
    writeFileSync(path.join(dir, 'checkpoint.json'), JSON.stringify(checkpoint));
    writeFileSync(path.join(dir, 'hub-audit.pem'), r.data!.auditSigningKey);
    const lines: string[] = [];
    const code = await runAuditVerify(['--checkpoint', path.join(dir, 'checkpoint.json'), '--public-key', path.join(dir, 'hub-audit.pem')], { AUDIT_DATABASE_URL: t.adminUrl }, (l) => lines.push(l));
    expect(code).toBe(0);
    expect(JSON.parse(lines[0])).toMatchObject({ ok: true });
    expect(JSON.parse(lines[1])).toMatchObject({ checkpoint: (checkpoint as { position: number }).position, ok: true });
  });

  it("when a record was opened in an emergency, then it waits for an auditor's review and leaves the list once reviewed", async () => {
    const guardian = await t.userToken('guardianship.yol');
    const opened = await t.gql<{ openEmergencyAccess: { id: string } }>(
      guardian,
      `mutation($i: OpenEmergencyAccessInput!) { openEmergencyAccess(input: $i) { id } }`,
      {
        i: { childId, justification: 'Соседи сообщили: ребёнок кричит, в квартире запах газа' },
      },
      undefined,
      { 'x-hub-purpose': 'EMERGENCY' },
    );
    const id = opened.data!.openEmergencyAccess.id;
    await t.gql(guardian, CASE_VIEW, { id: childId }, undefined, { 'x-hub-purpose': 'EMERGENCY' });

    const waiting = await asAuditor<{ emergencyAccessesAwaitingReview: Array<{ emergencyId: string; entries: Array<{ username: string }> }> }>(
      `{ emergencyAccessesAwaitingReview { emergencyId entries { username } } }`,
    );
    const mine = waiting.data!.emergencyAccessesAwaitingReview.find((e) => e.emergencyId === id)!;
    expect(mine.entries.length).toBeGreaterThanOrEqual(2);
    expect(mine.entries.every((e) => e.username === 'guardianship.yol')).toBe(true);

    await asAuditor(`mutation($id: ID!) { reviewEmergencyAccess(emergencyId: $id, note: "Обоснованно: выезд подтвердил угрозу") }`, { id });
    const after = await asAuditor<{ emergencyAccessesAwaitingReview: Array<{ emergencyId: string }> }>(`{ emergencyAccessesAwaitingReview { emergencyId } }`);
    expect(after.data!.emergencyAccessesAwaitingReview.map((e) => e.emergencyId)).not.toContain(id);
  });
});
