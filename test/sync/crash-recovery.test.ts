import { Client } from 'pg';
import { count, eventBurst, expectBankEqualsSources, unpublished } from '../support/event-burst';
import { startSyncWorker, waitFor, WorkerProcess } from '../support/sync-worker';
import { startTestHub, TestHub } from '../support/test-hub';

describe('the relay and the bank consumer killed with SIGKILL in the middle of a burst of 5,000 events (in-process transport)', () => {
  let t: TestHub;
  let admin: Client;
  let worker: WorkerProcess | null = null;

  beforeAll(async () => {
    // No relay in the hub's process: the worker below is the only one, and the one we kill.
    t = await startTestHub({ sync: false });
    admin = new Client({ connectionString: t.adminUrl });
    await admin.connect();
  });
  afterAll(async () => {
    await worker?.kill();
    await admin.end();
    await t.stop();
  });

  it('when the worker dies twice while agencies write, then after restarts the bank equals the sources: nothing lost, nothing applied twice', async () => {
    const env = { HUB_ADMIN_URL: t.adminUrl, OUTBOX_POLL_MS: '200', OUTBOX_BATCH_SIZE: '100' };
    worker = await startSyncWorker(env);
    const burst = eventBurst(t, 3000, 1000);
    const applied = async () => {
      if (burst.failed()) throw burst.failed();
      return count(admin, `SELECT count(*) AS n FROM bank.inbox`);
    };

    // Killed twice mid-burst, each time restarted: whatever it had in hand is redelivered.
    await waitFor('a first part applied', applied, (n) => n >= 1200);
    await worker.kill('SIGKILL');
    worker = await startSyncWorker(env);
    await waitFor('a second part applied', applied, (n) => n >= 3000);
    await worker.kill('SIGKILL');
    worker = await startSyncWorker(env);
    await burst.done;

    await waitFor(
      'every outbox published',
      () => unpublished(admin),
      (n) => n === 0,
      90_000,
    );
    await waitFor('every event in the inbox', applied, (n) => n === burst.total, 30_000);
    await expectBankEqualsSources(admin, burst.total);
  }, 240_000);
});
