import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { checkpointMessage } from '../../auth/audit/audit-verifier';
import { runAuditVerify } from '../../scripts/audit-verify';
import { falsifyOutcome, rewriteTail, updateCheckpoint } from '../support/audit-tamper';
import { personInput } from '../support/factories';
import { CASE_VIEW, REGISTER_PERSON } from '../support/operations';
import { startTestHub, TestHub } from '../support/test-hub';

interface Verification {
  ok: boolean;
  checked: number;
  firstBadPosition: number | null;
  reason: string | null;
  checkpointsChecked: number;
  checkpointsSignatureValid: number;
  checkpointFailures: number;
  summary: string;
  firstFailedCheckpoint: { position: number; signedAt: string; keyId: string; reason: string; signedHash: string; foundHash: string | null; lastReachedPosition: number } | null;
}
interface Signed {
  position: number;
  signedAt: string;
}

const VERIFY = `{ verifyAuditLog { ok checked firstBadPosition reason checkpointsChecked checkpointsSignatureValid checkpointFailures summary
  firstFailedCheckpoint { position signedAt keyId reason signedHash foundHash lastReachedPosition } } }`;

describe('audit verification checks the chain against every stored signed checkpoint (API and command line)', () => {
  let t: TestHub;
  let admin: Client;
  let auditor: string;
  let publicKeyFile: string;
  const checkpoints: Signed[] = [];
  const asAuditor = <T>(query: string) => t.gql<T>(auditor, query, {}, undefined, { 'x-hub-purpose': 'AUDIT' });
  const verifyApi = async (): Promise<Verification> => {
    const r = await asAuditor<{ verifyAuditLog: Verification }>(VERIFY);
    expect(r.errors).toBeUndefined();
    return r.data!.verifyAuditLog;
  };
  const verifyCli = async (args: string[], env: Record<string, string> = {}) => {
    const lines: string[] = [];
    const code = await runAuditVerify(args, { AUDIT_DATABASE_URL: t.adminUrl, ...env }, (line) => lines.push(line));
    return { code, report: JSON.parse(lines[0]), caption: lines[lines.length - 1] };
  };
  const checkpointCount = async () => Number((await admin.query(`SELECT count(*) FROM audit.checkpoint`)).rows[0].count);
  /** Signs the head as the service's timer would, and reads back what was stored (the timer may have signed that position first). */
  const signHead = async (): Promise<Signed> => {
    const { position } = (await t.hub.audit.signCheckpoint(t.hub.auditSigningKey, 'dev-run'))!;
    const { rows } = await admin.query(`SELECT signed_at FROM audit.checkpoint WHERE position = $1`, [position]);
    return { position, signedAt: new Date(rows[0].signed_at).toISOString() };
  };

  beforeAll(async () => {
    t = await startTestHub({ sync: false });
    admin = new Client({ connectionString: t.adminUrl });
    await admin.connect();
    auditor = await t.userToken('auditor.vlk');
    const school = await t.systemToken('education');
    const chair = await t.userToken('chair.vlk');
    // Three checkpoints with traffic between them and after the last, as the service's timer leaves them.
    for (let i = 0; i < 3; i++) {
      const child = await t.gql<{ registerPerson: { person: { id: string } } }>(school, REGISTER_PERSON, { input: personInput() });
      await t.gql(chair, CASE_VIEW, { id: child.data!.registerPerson.person.id });
      checkpoints.push(await signHead());
    }
    await t.gql(chair, CASE_VIEW, { id: '00000000-0000-4000-8000-000000000000' });
    const key = await asAuditor<{ auditSigningKey: string }>(`{ auditSigningKey }`);
    publicKeyFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'audit-key-')), 'hub-audit.pem');
    writeFileSync(publicKeyFile, key.data!.auditSigningKey);
  });
  afterAll(async () => {
    await admin?.end();
    await t?.stop();
  });

  it('when the chain is intact and checkpoints are signed, then verify is ok and counts the checkpoints', async () => {
    const before = await checkpointCount();
    const v = await verifyApi();
    const after = await checkpointCount();
    expect(v).toMatchObject({ ok: true, reason: null, firstBadPosition: null, firstFailedCheckpoint: null, checkpointFailures: 0 });
    expect(v.checkpointsChecked).toBeGreaterThanOrEqual(Math.max(before, checkpoints.length));
    expect(v.checkpointsChecked).toBeLessThanOrEqual(after);
    expect(v.checkpointsSignatureValid).toBe(v.checkpointsChecked);
    expect(v.summary).toMatch(/^Журнал цел/);

    // The command line, with the key the service is configured with (its environment).
    const cli = await verifyCli([], { AUDIT_SIGNING_KEY: t.hub.auditSigningKey });
    expect(cli.code).toBe(0);
    expect(cli.report).toMatchObject({ ok: true, checkpoints: { failed: 0, firstFailure: null } });
    expect(cli.report.checkpoints.checked).toBeGreaterThanOrEqual(checkpoints.length);
    expect(cli.report.checkpoints.signatureValid).toBe(cli.report.checkpoints.checked);
    expect(cli.caption).toMatch(/^Журнал цел/);
  });

  it('when a superuser rewrites an entry and re-hashes the whole chain from there, then verifyAuditLog and the CLI report not ok naming the first checkpoint the chain no longer reaches', async () => {
    const [first, second] = checkpoints;
    const from = first.position + 2;
    const originals = await rewriteTail(admin, from, ([entry, ...rest]) => [falsifyOutcome(entry), ...rest]);
    try {
      // The forger's chain is consistent on its own: the walk alone finds nothing.
      expect(await t.hub.audit.verify()).toMatchObject({ ok: true });

      const plain = await asAuditor<{ verifyAuditLog: { ok: boolean; reason: string | null } }>(`{ verifyAuditLog { ok reason } }`);
      expect(plain.data!.verifyAuditLog).toEqual({ ok: false, reason: 'checkpoint_mismatch' });

      const v = await verifyApi();
      expect(v).toMatchObject({
        ok: false,
        reason: 'checkpoint_mismatch',
        firstBadPosition: second.position,
        firstFailedCheckpoint: { position: second.position, signedAt: second.signedAt, keyId: 'dev-run', reason: 'checkpoint_mismatch', lastReachedPosition: first.position },
      });
      expect(v.firstFailedCheckpoint!.foundHash).not.toBe(v.firstFailedCheckpoint!.signedHash);
      // Every later checkpoint is off too; the signatures themselves are genuine.
      expect(v.checkpointFailures).toBeGreaterThanOrEqual(2);
      expect(v.checkpointsSignatureValid).toBe(v.checkpointsChecked);
      expect(v.summary).toContain(`позиции ${second.position}`);
      expect(v.summary).toContain(second.signedAt);

      const cli = await verifyCli(['--public-key', publicKeyFile]);
      expect(cli.code).toBe(2);
      expect(cli.report).toMatchObject({
        ok: false,
        reason: 'checkpoint_mismatch',
        checkpoints: { firstFailure: { position: second.position, signedAt: second.signedAt, reason: 'checkpoint_mismatch' } },
      });
      expect(cli.caption).toContain(`позиции ${second.position}`);
    } finally {
      await rewriteTail(admin, from, (tail) => [...originals, ...tail.slice(originals.length)]);
    }
    expect(await verifyApi()).toMatchObject({ ok: true });
  });

  it("when a checkpoint's signature is tampered, then not ok", async () => {
    const [, second] = checkpoints;
    const { rows } = await admin.query(`SELECT hash, key_id, signature FROM audit.checkpoint WHERE position = $1`, [second.position]);
    // A forger can sign the same statement, but only with a key of their own.
    const forgerKey = generateKeyPairSync('ed25519').privateKey;
    const message = checkpointMessage({ position: second.position, hash: rows[0].hash, signedAt: second.signedAt, keyId: rows[0].key_id });
    await updateCheckpoint(admin, second.position, sign(null, Buffer.from(message), forgerKey).toString('base64url'));
    try {
      const v = await verifyApi();
      expect(v).toMatchObject({
        ok: false,
        reason: 'checkpoint_signature',
        firstBadPosition: second.position,
        firstFailedCheckpoint: { position: second.position, signedAt: second.signedAt, reason: 'checkpoint_signature' },
      });
      expect(v.checkpointsSignatureValid).toBe(v.checkpointsChecked - 1);
      expect(v.summary).toContain(`позиции ${second.position}`);

      const cli = await verifyCli(['--public-key', publicKeyFile]);
      expect(cli.code).toBe(2);
      expect(cli.report).toMatchObject({ ok: false, reason: 'checkpoint_signature', checkpoints: { firstFailure: { position: second.position } } });
    } finally {
      await updateCheckpoint(admin, second.position, rows[0].signature);
    }
    expect(await verifyApi()).toMatchObject({ ok: true });
  });

  it('when a superuser cuts the newest entries off the log, then the checkpoint beyond the new head is named as missing', async () => {
    const [, second, third] = checkpoints;
    const removed = await rewriteTail(admin, third.position, () => []);
    try {
      expect(await t.hub.audit.verify()).toMatchObject({ ok: true });
      // The command line writes no entry of its own, so the position stays missing while it reads.
      const cli = await verifyCli(['--public-key', publicKeyFile]);
      expect(cli.code).toBe(2);
      expect(cli.report).toMatchObject({
        ok: false,
        reason: 'checkpoint_missing',
        checkpoints: { firstFailure: { position: third.position, signedAt: third.signedAt, foundHash: null, lastReachedPosition: second.position } },
      });
    } finally {
      await rewriteTail(admin, third.position, (tail) => [...removed, ...tail]);
    }
    expect(await verifyApi()).toMatchObject({ ok: true });
  });
});
