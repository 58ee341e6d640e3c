import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { pseudonym } from '../../auth/audit/audit-entry';
import { verifyCheckpoint } from '../../auth/audit/audit-verifier';
import { roleFor, roleUrl } from '../../subgraphs/common/db/bootstrap';
import { devRolePassword } from '../../scripts/hub';
import { factsMutation, personInput, signalInput } from '../support/factories';
import { CASE_VIEW, REGISTER_PERSON, reportSignal } from '../support/operations';
import { startTestHub, TestHub } from '../support/test-hub';

type Entry = Record<string, any> & { service: string; requestId: string };

describe('the access log: one entry per subgraph request, hash-chained, append-only, fail closed', () => {
  let t: TestHub;
  let childId: string;
  let admin: Client;
  const entriesOf = async (requestId: string): Promise<Entry[]> =>
    (await admin.query(`SELECT canonical FROM audit.entry WHERE body->>'requestId' = $1 ORDER BY position`, [requestId])).rows.map((r) => JSON.parse(r.canonical));
  const call = async (token: string, query: string, variables: Record<string, unknown> = {}, purpose = 'INDIVIDUAL_PREVENTION') => {
    const requestId = `test-${randomUUID()}`;
    const result = await t.gql(token, query, variables, undefined, { 'x-request-id': requestId, 'x-hub-purpose': purpose });
    return { requestId, result };
  };

  beforeAll(async () => {
    // Each service appends through its own role, as in separate processes: the rights checked here are per role.
    t = await startTestHub({ sharedAuditWriter: false });
    admin = new Client({ connectionString: t.adminUrl });
    await admin.connect();
    const school = await t.systemToken('education');
    const r = await t.gql<{ registerPerson: { person: { id: string } } }>(school, REGISTER_PERSON, { input: personInput() });
    childId = r.data!.registerPerson.person.id;
    await t.gql(school, reportSignal('education'), { input: signalInput(childId) });
  });
  afterAll(async () => {
    await admin.end();
    await t.stop();
  });

  it('when the chair reads the whole case view, then each subgraph it touched wrote exactly one entry with who, why, what and on which basis, and no personal data', async () => {
    const { requestId, result } = await call(await t.userToken('chair.vlk'), CASE_VIEW, { id: childId });
    expect(result.errors).toBeUndefined();

    const entries = await entriesOf(requestId);
    expect(entries.map((e) => e.service).sort()).toEqual(['bank', 'education', 'guardianship', 'health', 'police', 'social']);
    const bank = entries.find((e) => e.service === 'bank')!;
    expect(bank).toMatchObject({
      username: 'chair.vlk',
      roles: ['kdn_chair'],
      agency: 'kdn',
      clientId: 'kdn-portal',
      operationName: 'CaseView',
      purpose: 'INDIVIDUAL_PREVENTION',
      outcome: 'allowed',
      basis: ['law:120-FZ-art11'],
      subjects: [pseudonym('development-only-audit-pseudonym-key', { kind: 'Child', id: childId })],
    });
    expect(bank.categories).toEqual(expect.arrayContaining(['identity', 'documents']));
    expect(bank.fields).toEqual(expect.arrayContaining(['child.fullName', 'child.birthDate']));
    expect(bank.documentHash).toMatch(/^[0-9a-f]{64}$/);
    const education = entries.find((e) => e.service === 'education')!;
    expect(education).toMatchObject({ categories: ['education'], outcome: 'allowed', basis: ['law:120-FZ-art11'] });
    expect(education.fields).toEqual(expect.arrayContaining(['_entities.education.signals.description']));
    const raw = JSON.stringify(entries);
    expect(raw).not.toContain(childId);
    expect(raw).not.toContain('Тестова');
    expect(raw).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./);
  });

  it('when an auditor is refused the case view, then the refusal is logged as denied with the missing permission', async () => {
    const { requestId } = await call(await t.userToken('auditor.vlk'), CASE_VIEW, { id: childId }, 'AUDIT');
    const entries = await entriesOf(requestId);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ service: 'bank', username: 'auditor.vlk', purpose: 'AUDIT', outcome: 'denied', denied: ['identity:read:role'], fields: [] });
  });

  it('when an agency writes, then the change is logged with the subject and the basis', async () => {
    const police = await t.systemToken('police');
    const facts = factsMutation('police', childId);
    const { requestId, result } = await call(police, facts.query, { input: facts.input });
    expect(result.errors).toBeUndefined();
    const [entry] = await entriesOf(requestId);
    expect(entry).toMatchObject({ service: 'police', clientId: 'police-system', outcome: 'allowed', basis: ['own-records'] });
  });

  it('when the log is verified, then the chain is intact from the first entry to the head', async () => {
    const report = await t.hub.audit.verify();
    expect(report).toMatchObject({ ok: true });
    expect(report.ok && report.checked).toBeGreaterThan(5);
  });

  describe('tampering as the database superuser', () => {
    const asSuperuser = async (sql: string, params: unknown[] = []) => {
      await admin.query(`SET session_replication_role = replica`);
      try {
        await admin.query(sql, params);
      } finally {
        await admin.query(`SET session_replication_role = origin`);
      }
    };

    it('when an entry is changed, then the verifier names its position; restored, the chain is whole again', async () => {
      const { rows } = await admin.query(`SELECT canonical FROM audit.entry WHERE position = 3`);
      await asSuperuser(`UPDATE audit.entry SET canonical = replace(canonical, '"allowed"', '"denied"') WHERE position = 3`);
      expect(await t.hub.audit.verify()).toMatchObject({ ok: false, firstBadPosition: 3, reason: 'hash' });
      await asSuperuser(`UPDATE audit.entry SET canonical = $1 WHERE position = 3`, [rows[0].canonical]);
      expect(await t.hub.audit.verify()).toMatchObject({ ok: true });
    });

    it('when an entry is deleted, then the verifier names the missing position', async () => {
      const { rows } = await admin.query(`SELECT position, canonical, prev_hash, hash FROM audit.entry WHERE position = 4`);
      await asSuperuser(`DELETE FROM audit.entry WHERE position = 4`);
      expect(await t.hub.audit.verify()).toMatchObject({ ok: false, firstBadPosition: 4, reason: 'gap' });
      const r = rows[0];
      await admin.query(`INSERT INTO audit.entry (position, canonical, prev_hash, hash) VALUES ($1, $2, $3, $4)`, [r.position, r.canonical, r.prev_hash, r.hash]);
      expect(await t.hub.audit.verify()).toMatchObject({ ok: true });
    });

    it('when two entries are swapped, then the verifier names the first of them', async () => {
      const { rows } = await admin.query(`SELECT position, canonical FROM audit.entry WHERE position IN (5, 6) ORDER BY position`);
      await asSuperuser(`UPDATE audit.entry SET canonical = CASE position WHEN 5 THEN $1 ELSE $2 END WHERE position IN (5, 6)`, [rows[1].canonical, rows[0].canonical]);
      expect(await t.hub.audit.verify()).toMatchObject({ ok: false, firstBadPosition: 5 });
      await asSuperuser(`UPDATE audit.entry SET canonical = CASE position WHEN 5 THEN $1 ELSE $2 END WHERE position IN (5, 6)`, [rows[0].canonical, rows[1].canonical]);
      expect(await t.hub.audit.verify()).toMatchObject({ ok: true });
    });

    it('when a signed checkpoint is kept outside the database, then it proves the head and exposes a rewritten history', async () => {
      const { privateKey, publicKey } = generateKeyPairSync('ed25519');
      const checkpoint = (await t.hub.audit.signCheckpoint(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 'test-key'))!;
      const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
      expect(verifyCheckpoint(checkpoint, publicPem, await t.hub.audit.hashAt(checkpoint.position))).toEqual({ ok: true });

      // A forger who rewrites an entry and recomputes every hash after it gets a valid-looking chain, but not the checkpoint's head.
      const original = await admin.query(`SELECT position, canonical, prev_hash, hash FROM audit.entry ORDER BY position`);
      await asSuperuser(`UPDATE audit.entry SET hash = repeat('f', 64) WHERE position = $1`, [checkpoint.position]);
      expect(verifyCheckpoint(checkpoint, publicPem, await t.hub.audit.hashAt(checkpoint.position))).toEqual({ ok: false, reason: 'hash_mismatch' });
      await asSuperuser(`UPDATE audit.entry SET hash = $2 WHERE position = $1`, [checkpoint.position, original.rows.find((r) => Number(r.position) === checkpoint.position).hash]);
      expect(verifyCheckpoint({ ...checkpoint, position: checkpoint.position - 1 }, publicPem, await t.hub.audit.hashAt(checkpoint.position - 1))).toEqual({ ok: false, reason: 'signature' });
    });
  });

  it.each(['education', 'audit'] as const)('when the %s role tries to update or delete log entries, then PostgreSQL refuses', async (name) => {
    const client = new Client({ connectionString: roleUrl(t.adminUrl, roleFor(name, devRolePassword(name))) });
    await client.connect();
    try {
      await expect(client.query(`UPDATE audit.entry SET canonical = '{}' WHERE position = 1`)).rejects.toThrow(/permission denied|append-only/);
      await expect(client.query(`DELETE FROM audit.entry WHERE position = 1`)).rejects.toThrow(/permission denied|append-only/);
      await expect(client.query(`TRUNCATE audit.entry`)).rejects.toThrow(/permission denied|append-only/);
    } finally {
      await client.end();
    }
  });

  it('when the health subgraph cannot write its audit entries, then health data is not returned and the error says why; the rest of the view stands', async () => {
    await admin.query(`REVOKE EXECUTE ON FUNCTION audit.append(text[]) FROM hub_health`);
    try {
      const { result } = await call(await t.userToken('chair.vlk'), CASE_VIEW, { id: childId });
      const child = (result.data as { child: Record<string, unknown> }).child;
      expect(child.health).toBeNull();
      expect(child.education).not.toBeNull();
      expect(result.errors!.map((e) => e.extensions?.code)).toContain('AUDIT_UNAVAILABLE');
    } finally {
      await admin.query(`GRANT EXECUTE ON FUNCTION audit.append(text[]) TO hub_health`);
    }
  });
});
