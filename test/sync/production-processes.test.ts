import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { NatsServer, startNatsServer } from '../../scripts/nats-server';
import { count, eventBurst } from '../support/event-burst';
import { startTsProcess, waitFor, WorkerProcess } from '../support/sync-worker';
import { startTestHub, TestHub } from '../support/test-hub';
import { Client } from 'pg';

/**
 * The production wiring, as docker-compose runs it: each subgraph its own process, configured
 * only by its environment (runSubgraphMain), the agencies relaying their outboxes to NATS
 * JetStream and the bank consuming; no relay in the test's own process.
 */
describe('subgraph processes over NATS, as in production', () => {
  let t: TestHub;
  let admin: Client;
  let nats: NatsServer;
  const processes: WorkerProcess[] = [];

  beforeAll(async () => {
    nats = await startNatsServer({ port: 0 });
    t = await startTestHub({ sync: false });
    admin = new Client({ connectionString: t.adminUrl });
    await admin.connect();
  });
  afterAll(async () => {
    for (const p of processes) await p.kill('SIGTERM');
    await admin.end();
    await t.stop();
    await nats.stop();
  });

  it('when the agency and bank mains run with HUB_EVENT_TRANSPORT=nats, then agency writes reach the bank through JetStream', async () => {
    const keys = generateKeyPairSync('ed25519');
    const common = {
      HOST: '127.0.0.1',
      PORT: '0',
      AUTH_ISSUER: t.idp.issuer,
      AUDIT_PSEUDONYM_KEY: 'production-processes-test-key',
      ACCESS_GRANT_PUBLIC_KEY: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      HUB_EVENT_TRANSPORT: 'nats',
      NATS_URL: nats.url,
      HUB_EVENT_STREAM: `HUB_PROD_${randomUUID().slice(0, 8)}`,
      OUTBOX_POLL_MS: '200',
    };
    processes.push(
      await startTsProcess(
        'subgraphs/bank/main.ts',
        { ...common, BANK_PORT: '0', BANK_DATABASE_URL: t.hub.roleUrls.bank, ACCESS_GRANT_PRIVATE_KEY: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
        '"listening"',
      ),
    );
    for (const agency of ['education', 'health', 'police', 'social', 'guardianship'] as const) {
      processes.push(
        await startTsProcess(`subgraphs/${agency}/main.ts`, { ...common, [`${agency.toUpperCase()}_PORT`]: '0', [`${agency.toUpperCase()}_DATABASE_URL`]: t.hub.roleUrls[agency] }, '"listening"'),
      );
    }
    const burst = eventBurst(t, 100, 50, 4);
    await burst.done;
    await waitFor(
      'every event applied by the bank process',
      () => count(admin, `SELECT count(*) AS n FROM bank.inbox`),
      (n) => n === burst.total,
      60_000,
    );
    expect(await count(admin, `SELECT count(*) AS n FROM bank.inbox WHERE outcome = 'REJECTED'`)).toBe(0);
  }, 120_000);
});
