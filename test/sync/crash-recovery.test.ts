import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Principal } from '../../auth/principal';
import { loadIndicatorCatalogue } from '../../schema/catalogue/indicator.catalogue';
import { MeasureService } from '../../subgraphs/common/agency/measure.service';
import { SignalService } from '../../subgraphs/common/agency/signal.service';
import { measureInput, signalInput } from '../support/factories';
import { startSyncWorker, waitFor, WorkerProcess } from '../support/sync-worker';
import { startTestHub, TestHub } from '../support/test-hub';

const AGENCIES = ['education', 'health', 'police', 'social', 'guardianship'] as const;
const SIGNALS = 3000;
const MEASURES = 1000;
const TOTAL = SIGNALS + MEASURES * 2; // every measure is recorded, then reported done

const systemOf = (agency: (typeof AGENCIES)[number]): Principal => ({
  subject: `${agency}-system-sub`,
  username: `service-account-${agency}-system`,
  roles: ['agency_system'],
  agency,
  municipality: '05701000',
  clientId: `${agency}-system`,
  isServiceAccount: true,
  tokenId: null,
});

/** Runs `tasks` with at most `width` at a time. */
async function pool(width: number, tasks: Array<() => Promise<unknown>>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < tasks.length) await tasks[next++]();
  }));
}

describe('the relay and the bank consumer killed with SIGKILL in the middle of a burst of 5,000 events', () => {
  let t: TestHub;
  let admin: Client;
  let worker: WorkerProcess | null = null;
  const inboxCount = async () => Number((await admin.query(`SELECT count(*) AS n FROM bank.inbox`)).rows[0].n);

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
    const catalogue = loadIndicatorCatalogue();
    const children = Array.from({ length: 400 }, () => randomUUID());
    const services = Object.fromEntries(
      AGENCIES.map((a) => [a, { signals: new SignalService(t.hub.subgraphs[a].dataSource, a, catalogue), measures: new MeasureService(t.hub.subgraphs[a].dataSource, a), principal: systemOf(a) }]),
    ) as Record<(typeof AGENCIES)[number], { signals: SignalService; measures: MeasureService; principal: Principal }>;
    const env = { HUB_ADMIN_URL: t.adminUrl, OUTBOX_POLL_MS: '200', OUTBOX_BATCH_SIZE: '100' };

    worker = await startSyncWorker(env);
    const tasks: Array<() => Promise<unknown>> = [];
    for (let i = 0; i < SIGNALS; i++) {
      const agency = AGENCIES[i % AGENCIES.length];
      tasks.push(() => services[agency].signals.report(services[agency].principal, signalInput(children[i % children.length], { observedAt: new Date('2026-10-01T10:00:00Z') }) as never));
    }
    for (let i = 0; i < MEASURES; i++) {
      const agency = AGENCIES[i % AGENCIES.length];
      tasks.push(async () => {
        const measure = await services[agency].measures.record(services[agency].principal, measureInput(children[i % children.length]) as never);
        await services[agency].measures.update({ id: measure.id, doneDate: '2026-11-01', result: 'проведена' } as never);
      });
    }
    const producing = pool(12, tasks);
    let producerError: unknown = null;
    producing.catch((error) => (producerError = error));
    const applied = async () => {
      if (producerError) throw producerError;
      return inboxCount();
    };

    // Killed twice mid-burst, each time restarted: whatever it had in hand is redelivered.
    await waitFor('first third applied', applied, (n) => n >= 1200);
    await worker.kill('SIGKILL');
    worker = await startSyncWorker(env);
    await waitFor('two thirds applied', applied, (n) => n >= 3000);
    await worker.kill('SIGKILL');
    worker = await startSyncWorker(env);
    await producing;

    const unpublished = async () => {
      let n = 0;
      for (const a of AGENCIES) n += Number((await admin.query(`SELECT count(*) AS n FROM ${a}.outbox WHERE published_at IS NULL`)).rows[0].n);
      return n;
    };
    await waitFor('every outbox published', unpublished, (n) => n === 0, 90_000);

    // Nothing lost: every event of every source is in the inbox once, none refused.
    let written = 0;
    for (const a of AGENCIES) written += Number((await admin.query(`SELECT count(*) AS n FROM ${a}.outbox`)).rows[0].n);
    expect(written).toBe(TOTAL);
    const outcomes = (await admin.query(`SELECT outcome, count(*)::int AS n FROM bank.inbox GROUP BY 1 ORDER BY 1`)).rows;
    expect(outcomes.reduce((s: number, r: { n: number }) => s + r.n, 0)).toBe(TOTAL);
    expect(outcomes.find((r: { outcome: string }) => r.outcome === 'REJECTED')).toBeUndefined();

    // Nothing applied twice: each record's effect counter equals the events that changed it.
    const appliedOnce = (await admin.query(`SELECT count(*)::int AS n FROM bank.inbox WHERE outcome = 'APPLIED'`)).rows[0].n;
    const effects = (await admin.query(`SELECT coalesce(sum(apply_count), 0)::int AS n FROM bank.agency_record`)).rows[0].n;
    expect(effects).toBe(appliedOnce);

    // The bank equals the source of truth, record by record.
    for (const a of AGENCIES) {
      const truth = (
        await admin.query(
          `SELECT id::text, status, NULL AS done FROM ${a}.signal UNION ALL SELECT id::text, status, to_char(done_date, 'YYYY-MM-DD') FROM ${a}.measure ORDER BY 1`,
        )
      ).rows;
      const bank = (
        await admin.query(
          `SELECT aggregate_id::text AS id, state->>'status' AS status, state->>'doneDate' AS done FROM bank.agency_record WHERE source = $1 AND aggregate_type IN ('Signal', 'Measure') ORDER BY 1`,
          [a],
        )
      ).rows;
      expect(bank).toEqual(truth);
      const stale = await admin.query(
        `SELECT r.aggregate_id FROM bank.agency_record r WHERE r.source = $1 AND r.position <> (SELECT max(position) FROM ${a}.outbox o WHERE o.aggregate_id = r.aggregate_id)`,
        [a],
      );
      expect(stale.rows).toEqual([]);
    }
  }, 240_000);
});
