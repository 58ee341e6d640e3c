import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { pseudonym } from '../../auth/audit/audit-entry';
import { personInput, signalInput } from '../support/factories';
import { CASE_VIEW, REGISTER_PERSON, reportSignal } from '../support/operations';
import { startTestHub, TestHub } from '../support/test-hub';

type Entry = Record<string, any> & { service: string; requestId: string };

const PSEUDONYM_KEY = 'development-only-audit-pseudonym-key';

describe('a write and its access-log entry commit together; the answer tells what was stored', () => {
  let t: TestHub;
  let admin: Client;
  let school: string;
  let childId: string;

  const entriesOf = async (requestId: string): Promise<Entry[]> =>
    (await admin.query(`SELECT canonical FROM audit.entry WHERE body->>'requestId' = $1 ORDER BY position`, [requestId])).rows.map((r) => JSON.parse(r.canonical));
  const call = async <T = Record<string, unknown>>(token: string, query: string, variables: Record<string, unknown>) => {
    const requestId = `write-audit-${randomUUID()}`;
    const result = await t.gql<T>(token, query, variables, undefined, { 'x-request-id': requestId });
    return { requestId, result };
  };
  const count = async (sql: string, params: unknown[]) => Number((await admin.query(sql, params)).rows[0].count);
  const signalsWithKey = (key: string) => count(`SELECT count(*) FROM education.signal WHERE idempotency_key = $1`, [key]);

  /**
   * Puts a stand-in in place of audit.append() in this test file's own database (functions are
   * per database; roles are not, so revoking a role's right would reach other files' hubs), runs
   * `body` (plpgsql; the real function is audit.append_kept), then puts the real one back.
   */
  const withAppend = async (body: string, run: () => Promise<void>) => {
    await admin.query(`ALTER FUNCTION audit.append(text[]) RENAME TO append_kept`);
    try {
      await admin.query(`CREATE FUNCTION audit.append(entries text[]) RETURNS bigint[] LANGUAGE plpgsql SECURITY DEFINER SET search_path = audit, pg_temp AS $$ BEGIN ${body} END $$`);
      await run();
    } finally {
      await admin.query(`DROP FUNCTION IF EXISTS audit.append(text[])`);
      await admin.query(`ALTER FUNCTION audit.append_kept(text[]) RENAME TO append`);
    }
  };
  const LOG_DOWN = `RAISE EXCEPTION 'access log down (test)';`;
  // Only the entries written as the answer leaves fail; the entries of writes (kind "write") go through.
  const ONLY_WRITE_ENTRIES = `
    IF EXISTS (SELECT 1 FROM unnest(entries) AS e WHERE (e::jsonb)->>'kind' IS DISTINCT FROM 'write') THEN
      RAISE EXCEPTION 'response entries refused (test)';
    END IF;
    RETURN append_kept(entries);`;

  beforeAll(async () => {
    t = await startTestHub({ sync: false });
    admin = new Client({ connectionString: t.adminUrl });
    await admin.connect();
    school = await t.systemToken('education');
    const r = await t.gql<{ registerPerson: { person: { id: string } } }>(school, REGISTER_PERSON, { input: personInput() });
    childId = r.data!.registerPerson.person.id;
  });
  afterAll(async () => {
    await admin.end();
    await t.stop();
  });

  it('when a signal is reported, then its write entry is in the chain before the response entry: kind write, who, why, the child pseudonymised, the tables written', async () => {
    const { requestId, result } = await call(school, reportSignal('education'), { input: signalInput(childId) });
    expect(result.errors).toBeUndefined();

    const entries = await entriesOf(requestId);
    expect(entries.map((e) => e.kind ?? 'response')).toEqual(['write', 'response']);
    expect(entries[0]).toMatchObject({
      kind: 'write',
      service: 'education',
      clientId: 'education-system',
      operationName: 'ReportSignal',
      purpose: 'INDIVIDUAL_PREVENTION',
      outcome: 'allowed',
      errors: [],
      fields: [],
    });
    expect(entries[0].roles.length).toBeGreaterThan(0);
    expect(entries[0].basis.length).toBeGreaterThan(0);
    expect(entries[0].subjects).toContain(pseudonym(PSEUDONYM_KEY, { kind: 'Child', id: childId }));
    expect(entries[0].written).toEqual(expect.arrayContaining(['signal', 'outbox']));
    expect(JSON.stringify(entries)).not.toContain(childId);
    expect(await t.hub.audit.verify()).toMatchObject({ ok: true });
  });

  it('when a person is registered in the bank, then the write entry names the new person, whose id the request did not know', async () => {
    const { requestId, result } = await call<{ registerPerson: { outcome: string; person: { id: string } } }>(school, REGISTER_PERSON, { input: personInput() });
    expect(result.errors).toBeUndefined();
    expect(result.data!.registerPerson.outcome).toBe('CREATED');
    const [write] = (await entriesOf(requestId)).filter((e) => e.kind === 'write');
    expect(write).toMatchObject({ service: 'bank', operationName: 'RegisterPerson', outcome: 'allowed' });
    expect(write.subjects).toContain(pseudonym(PSEUDONYM_KEY, { kind: 'Child', id: result.data!.registerPerson.person.id }));
    expect(write.written).toEqual(expect.arrayContaining(['person', 'idempotent_request']));
  });

  it('when a request writes nothing (an idempotent replay), then it gets no write entry, only its response entry', async () => {
    const input = signalInput(childId);
    await call(school, reportSignal('education'), { input });
    const { requestId, result } = await call(school, reportSignal('education'), { input });
    expect(result.errors).toBeUndefined();
    expect((await entriesOf(requestId)).map((e) => e.kind ?? 'response')).toEqual(['response']);
  });

  it('when writes (each holding the chain lock until its COMMIT) and reads (group-committed) run at once, then all of them finish and the chain stays whole', async () => {
    const chair = await t.userToken('chair.vlk');
    const writes = Array.from({ length: 12 }, () => call(school, reportSignal('education'), { input: signalInput(childId) }));
    const reads = Array.from({ length: 12 }, () => call(chair, CASE_VIEW, { id: childId }));
    const done = await Promise.all([...writes, ...reads]);
    expect(done.flatMap((d) => d.result.errors ?? [])).toEqual([]);
    // One client, one query at a time.
    const writeEntries: Entry[][] = [];
    for (const d of done.slice(0, 12)) writeEntries.push((await entriesOf(d.requestId)).filter((e) => e.kind === 'write'));
    expect(writeEntries.map((w) => w.length)).toEqual(Array(12).fill(1));
    expect(await t.hub.audit.verify()).toMatchObject({ ok: true });
  });

  it('when the access log cannot be written, then a signal report and a bank registration store nothing and answer AUDIT_UNAVAILABLE', async () => {
    const signal = signalInput(childId);
    const person = personInput();
    const outboxBefore = await count(`SELECT count(*) FROM education.outbox`, []);
    await withAppend(LOG_DOWN, async () => {
      const reported = await call(school, reportSignal('education'), { input: signal });
      expect(reported.result.errors?.map((e) => e.extensions?.code)).toEqual(['AUDIT_UNAVAILABLE']);
      expect(reported.result.errors![0].extensions?.committed).not.toBe(true);
      expect(reported.result.data?.education ?? null).toBeNull();

      const registered = await call(school, REGISTER_PERSON, { input: person });
      expect(registered.result.errors?.map((e) => e.extensions?.code)).toEqual(['AUDIT_UNAVAILABLE']);
      expect(registered.result.errors![0].extensions?.committed).not.toBe(true);
      expect(registered.result.data?.registerPerson ?? null).toBeNull();
    });

    expect(await signalsWithKey(signal.idempotencyKey)).toBe(0);
    expect(await count(`SELECT count(*) FROM education.outbox`, [])).toBe(outboxBefore);
    expect(await count(`SELECT count(*) FROM bank.person WHERE first_name = $1 AND last_name = $2`, [person.firstName, person.lastName])).toBe(0);
    expect(await count(`SELECT count(*) FROM bank.idempotent_request WHERE idempotency_key = $1`, [person.idempotencyKey])).toBe(0);

    // With the log back, the same requests store once, each with its entry.
    const again = await call(school, reportSignal('education'), { input: signal });
    expect(again.result.errors).toBeUndefined();
    expect(await signalsWithKey(signal.idempotencyKey)).toBe(1);
    expect((await entriesOf(again.requestId)).map((e) => e.kind ?? 'response')).toEqual(['write', 'response']);
  });

  it('when the response entry fails after the write committed, then the answer says the change was stored (committed: true) and a retry returns it', async () => {
    const signal = signalInput(childId);
    let requestId = '';
    await withAppend(ONLY_WRITE_ENTRIES, async () => {
      const reported = await call(school, reportSignal('education'), { input: signal });
      requestId = reported.requestId;
      expect(reported.result.errors).toHaveLength(1);
      const [error] = reported.result.errors!;
      expect(error.extensions).toMatchObject({ code: 'AUDIT_UNAVAILABLE', service: 'education', committed: true });
      expect(error.message).toMatch(/изменение сохранено/);
      expect(error.message).not.toMatch(/не сохранено/);
    });

    expect(await signalsWithKey(signal.idempotencyKey)).toBe(1);
    // The write's own entry is in the chain; the response entry is not (the answer was withheld).
    expect((await entriesOf(requestId)).map((e) => e.kind ?? 'response')).toEqual(['write']);

    const retried = await call<{ education: { reportSignal: { id: string } } }>(school, reportSignal('education'), { input: signal });
    expect(retried.result.errors).toBeUndefined();
    const stored = (await admin.query(`SELECT id FROM education.signal WHERE idempotency_key = $1`, [signal.idempotencyKey])).rows[0].id;
    expect(retried.result.data!.education.reportSignal.id).toBe(stored);
    expect(await signalsWithKey(signal.idempotencyKey)).toBe(1);
    expect(await t.hub.audit.verify()).toMatchObject({ ok: true });
  });
});
