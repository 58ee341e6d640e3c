import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { headers } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { Client } from 'pg';
import { NatsServer, startNatsServer } from '../../scripts/nats-server';
import { count, eventBurst, expectBankEqualsSources, unpublished } from '../support/event-burst';
import { startSyncWorker, waitFor, WorkerProcess } from '../support/sync-worker';
import { startTestHub, TestHub } from '../support/test-hub';

describe('NATS JetStream as the transport: SIGKILL of the relay and of the bank consumer, a redelivered message and a restart of nats-server', () => {
  let t: TestHub;
  let admin: Client;
  let nats: NatsServer;
  const workers: Record<string, WorkerProcess | null> = { relay: null, apply: null };

  beforeAll(async () => {
    // A private server (free port, own store): the machine's shared one is never disturbed.
    nats = await startNatsServer({ port: 0 });
    t = await startTestHub({ sync: false });
    admin = new Client({ connectionString: t.adminUrl });
    await admin.connect();
  });
  afterAll(async () => {
    for (const w of Object.values(workers)) await w?.kill();
    await admin.end();
    await t.stop();
    await nats.stop();
  });

  it('when each side is killed and nats-server restarts in a burst of 5,000 events, then the bank ends equal to the sources, each event applied once', async () => {
    const stream = `HUB_TEST_${randomUUID().slice(0, 8)}`;
    const env = { HUB_ADMIN_URL: t.adminUrl, HUB_EVENT_TRANSPORT: 'nats', NATS_URL: nats.url, HUB_EVENT_STREAM: stream, OUTBOX_POLL_MS: '200', OUTBOX_BATCH_SIZE: '100' };
    const start = async (role: 'relay' | 'apply') => {
      workers[role] = await startSyncWorker({ ...env, SYNC_ROLE: role });
    };
    await start('apply');
    await start('relay');
    const burst = eventBurst(t, 3000, 1000);
    const applied = async () => {
      if (burst.failed()) throw burst.failed();
      return count(admin, `SELECT count(*) AS n FROM bank.inbox`);
    };

    await waitFor('a first part applied', applied, (n) => n >= 1000);
    await workers.relay!.kill('SIGKILL'); // published to JetStream but not yet marked: re-sent, dropped by Msg-Id
    await start('relay');
    await waitFor('a second part applied', applied, (n) => n >= 2000);
    await workers.apply!.kill('SIGKILL'); // applied but not acked: redelivered, dropped by the inbox
    await start('apply');
    await waitFor('a third part applied', applied, (n) => n >= 3000);
    await nats.restart(); // JetStream's store survives; both sides reconnect
    await burst.done;

    await waitFor(
      'every outbox published',
      () => unpublished(admin),
      (n) => n === 0,
      120_000,
    );
    await waitFor('every event in the inbox', applied, (n) => n === burst.total, 60_000);
    await expectBankEqualsSources(admin, burst.total);

    // A message delivered again after the duplicate window (another Msg-Id): the inbox drops it.
    const [{ source, position, event_id }] = (await admin.query(`SELECT source, position::text, event_id FROM bank.inbox ORDER BY applied_at LIMIT 1`)).rows;
    const [row] = (await admin.query(`SELECT * FROM ${source}.outbox WHERE event_id = $1`, [event_id])).rows;
    const nc = await connect({ servers: nats.url });
    const h = headers();
    h.set('Nats-Msg-Id', randomUUID());
    const again = {
      eventId: event_id,
      source,
      position,
      aggregateType: row.aggregate_type,
      aggregateId: row.aggregate_id,
      childId: row.child_id,
      familyId: row.family_id,
      type: row.type,
      occurredAt: new Date(row.occurred_at).toISOString(),
      payload: row.payload,
    };
    await jetstream(nc).publish(`hub.events.${source}.${row.aggregate_type}`, JSON.stringify(again), { headers: h });
    const effects = () => count(admin, `SELECT coalesce(sum(apply_count), 0) AS n FROM bank.agency_record`);
    const before = await effects();
    // Wait until the consumer has taken it (the stream's consumer has nothing pending), then check nothing changed.
    // Acks lost in nats-server's restart leave their messages pending until the 30 s ack wait
    // redelivers them (the inbox drops them): the wait covers that and their second delivery.
    const jsm = await jetstreamManager(nc);
    await waitFor(
      'the redelivered message consumed',
      async () => (await jsm.consumers.info(stream, 'bank-apply')).num_pending + (await jsm.consumers.info(stream, 'bank-apply')).num_ack_pending,
      (n) => n === 0,
      90_000,
    );
    await nc.close();
    expect(await count(admin, `SELECT count(*) AS n FROM bank.inbox`)).toBe(burst.total);
    expect(await effects()).toBe(before);
  }, 300_000);
});
