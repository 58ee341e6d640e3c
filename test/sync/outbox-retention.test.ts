import { Client } from 'pg';
import { HubEvent } from '../../subgraphs/common/events/hub-event';
import { OutboxRelay } from '../../subgraphs/common/events/outbox-relay';
import { waitFor } from '../support/sync-worker';
import { startTestHub, TestHub } from '../support/test-hub';

describe('the outbox is a queue, not an archive', () => {
  let t: TestHub;
  let admin: Client;

  beforeAll(async () => {
    t = await startTestHub({ sync: false });
    admin = new Client({ connectionString: t.adminUrl });
    await admin.connect();
  });
  afterAll(async () => {
    await admin.end();
    await t.stop();
  });

  it('when the relay leads, then it publishes what is new and deletes what was published before the retention period, never what is unpublished', async () => {
    const insert = (publishedAt: string | null) =>
      admin.query(`INSERT INTO police.outbox (aggregate_type, aggregate_id, type, payload, published_at) VALUES ('Signal', gen_random_uuid(), 'SignalReported', '{}', $1) RETURNING position`, [
        publishedAt,
      ]);
    const old = (await insert(new Date(Date.now() - 3 * 86_400_000).toISOString())).rows[0].position;
    const recent = (await insert(new Date(Date.now() - 3_600_000).toISOString())).rows[0].position;
    const fresh = (await insert(null)).rows[0].position;
    const delivered: HubEvent[] = [];
    const relay = new OutboxRelay({
      source: 'police',
      databaseUrl: t.hub.roleUrls.police,
      retentionDays: 2,
      pollMs: 100,
      transport: { name: 'test', publish: async (events) => void delivered.push(...events), close: async () => undefined },
    });
    await relay.start();
    try {
      await waitFor(
        'the new row published',
        async () => delivered.map((e) => e.position),
        (p) => p.includes(String(fresh)),
      );
      const left = (await admin.query(`SELECT position FROM police.outbox ORDER BY position`)).rows.map((r) => r.position);
      expect(left).toEqual([recent, fresh]);
      expect(left).not.toContain(old);
    } finally {
      await relay.stop();
    }
  });
});
