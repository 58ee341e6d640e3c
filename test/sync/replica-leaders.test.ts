import { createPublicKey, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { openAuditStore } from '../../auth/audit/audit-store';
import { appendDisclosure } from '../../auth/audit/disclosure';
import { DEV_PSEUDONYM_KEY } from '../../scripts/hub';
import { AccountCardService } from '../../subgraphs/bank/sync/account-card.service';
import { ApplyOutcome, EventApplier } from '../../subgraphs/bank/sync/event-applier';
import { EventTransport, HubEvent } from '../../subgraphs/common/events/hub-event';
import { OutboxRelay } from '../../subgraphs/common/events/outbox-relay';
import { BURST_AGENCIES, count, eventBurst, expectBankEqualsSources, unpublished } from '../support/event-burst';
import { waitFor } from '../support/sync-worker';
import { startTestHub, TestHub } from '../support/test-hub';

/**
 * Two replicas of every background worker that has a leader or claims its work in PostgreSQL:
 * the agencies' outbox relays (and their pruning) and the audit checkpoint signer. The bank's
 * webhooks and regional push run twice over in replicas.test.ts.
 */
describe('two replicas of the relays, the pruning and the checkpoint signer', () => {
  let t: TestHub;
  let admin: Client;
  const errors: unknown[] = [];

  beforeAll(async () => {
    // No relay in the hub's process: the replicas below are the only ones.
    t = await startTestHub({ sync: false });
    admin = new Client({ connectionString: t.adminUrl });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
    await t?.stop();
  });

  it("when two relays of each agency run at once and the leaders go away mid-burst, then every event reaches the bank once, each record's events in their order", async () => {
    const outcomes = new Map<string, ApplyOutcome[]>();
    const applier = new EventApplier(t.hub.subgraphs.bank.dataSource, new AccountCardService(), {
      onApplied: (event, outcome) => outcomes.set(event.eventId, [...(outcomes.get(event.eventId) ?? []), outcome]),
    });
    /** Every hand-over to the bank, in the order it happened: which replica, which events. */
    const deliveries: Array<{ replica: string; events: HubEvent[] }> = [];
    const transport = (replica: string): EventTransport => ({
      name: `test-${replica}`,
      publish: async (events) => {
        deliveries.push({ replica, events });
        await applier.apply(events);
      },
      close: async () => undefined,
    });
    const replicas = BURST_AGENCIES.flatMap((source) =>
      ['a', 'b'].map((r) => ({
        source,
        replica: `${source}-${r}`,
        relay: new OutboxRelay({ source, databaseUrl: t.hub.roleUrls[source], transport: transport(`${source}-${r}`), pollMs: 100, batchSize: 20, onError: (e) => errors.push(e) }),
      })),
    );
    await Promise.all(replicas.map((r) => r.relay.start()));
    try {
      const burst = eventBurst(t, 300, 100, 6);
      const inInbox = async () => {
        if (burst.failed()) throw burst.failed();
        return count(admin, `SELECT count(*) AS n FROM bank.inbox`);
      };
      await waitFor('a first part applied', inInbox, (n) => n >= 150, 30_000, 20);
      // One replica per source leads; the leaders leave (a rolling restart) and the standbys take over.
      for (const source of BURST_AGENCIES) {
        const pair = replicas.filter((r) => r.source === source);
        expect({ source, leaders: pair.filter((r) => r.relay.isLeader).length }).toEqual({ source, leaders: 1 });
        await pair.find((r) => r.relay.isLeader)!.relay.stop();
      }
      await burst.done;
      await waitFor(
        'every outbox published',
        () => unpublished(admin),
        (n) => n === 0,
        30_000,
      );
      await waitFor('every event in the inbox', inInbox, (n) => n === burst.total, 30_000);
      await expectBankEqualsSources(admin, burst.total);

      // Handed over once each: no event went to the bank twice, none was applied as a repeat or as an older state.
      const handed = deliveries.flatMap((d) => d.events.map((e) => e.eventId));
      expect(handed.length).toBe(burst.total);
      expect(new Set(handed).size).toBe(burst.total);
      expect([...outcomes.values()].flat().filter((o) => o !== 'APPLIED')).toEqual([]);
      for (const source of BURST_AGENCIES) {
        // Each record's events in its order (what the bank's newest-position-wins relies on). Across
        // records the order may differ from position: six writers commit in any order.
        const byRecord = new Map<string, number[]>();
        for (const e of deliveries.flatMap((d) => d.events.filter((x) => x.source === source))) byRecord.set(e.aggregateId, [...(byRecord.get(e.aggregateId) ?? []), Number(e.position)]);
        const outOfOrder = [...byRecord].filter(([, positions]) => positions.some((p, i) => i > 0 && p <= positions[i - 1]));
        expect({ source, outOfOrder }).toEqual({ source, outOfOrder: [] });
        expect({ source, recordsWithSeveralEvents: [...byRecord.values()].some((p) => p.length > 1) }).toEqual({ source, recordsWithSeveralEvents: true });
        // Both replicas of the source did relay: the test is not one replica running alone.
        const by = new Set(deliveries.filter((d) => d.events.some((e) => e.source === source)).map((d) => d.replica));
        expect({ source, replicas: by.size }).toEqual({ source, replicas: 2 });
      }
      expect(errors).toEqual([]);
    } finally {
      for (const r of replicas) await r.relay.stop().catch(() => undefined);
    }
  }, 60_000);

  it('when two relays of one agency prune the same outbox, then only the leader deletes, the standby never, and the next leader takes it over', async () => {
    const insert = (publishedAt: string | null) =>
      admin.query(`INSERT INTO health.outbox (aggregate_type, aggregate_id, type, payload, published_at) VALUES ('Signal', gen_random_uuid(), 'SignalReported', '{}', $1) RETURNING position`, [
        publishedAt,
      ]);
    const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();
    const sent: string[] = [];
    const relay = () =>
      new OutboxRelay({
        source: 'health',
        databaseUrl: t.hub.roleUrls.health,
        retentionDays: 2,
        pollMs: 50,
        transport: { name: 'test', publish: async (events) => void sent.push(...events.map((e) => e.position)), close: async () => undefined },
        onError: (e) => errors.push(e),
      });
    const first = [await insert(daysAgo(3)), await insert(daysAgo(4))].map((r) => r.rows[0].position);
    const a = relay();
    await a.start();
    await waitFor(
      'the leader pruned',
      async () => a.pruned,
      (n) => n === 2,
      10_000,
      20,
    );
    // Old rows again: a standby that pruned on its own would delete them at its first wake-up.
    const second = [await insert(daysAgo(5)), await insert(daysAgo(6))].map((r) => r.rows[0].position);
    const fresh = (await insert(null)).rows[0].position;
    const b = relay();
    await b.start();
    try {
      await waitFor(
        'the new row published',
        async () => sent,
        (p) => p.includes(String(fresh)),
        10_000,
        20,
      );
      // Several polls of both go by.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const left = async () => (await admin.query(`SELECT position FROM health.outbox ORDER BY position`)).rows.map((r) => r.position);
      expect({ a: a.isLeader, b: b.isLeader, bPruned: b.pruned }).toEqual({ a: true, b: false, bPruned: 0 });
      expect(await left()).toEqual(expect.arrayContaining([...second, fresh]));
      for (const p of first) expect(await left()).not.toContain(p);

      await a.stop();
      await waitFor(
        'the standby leads and prunes',
        async () => b.pruned,
        (n) => n === 2,
        10_000,
        20,
      );
      expect(b.isLeader).toBe(true);
      for (const p of second) expect(await left()).not.toContain(p);
      expect(await left()).toContain(fresh);
      expect(sent.filter((p) => p === String(fresh))).toHaveLength(1);
      expect(errors).toEqual([]);
    } finally {
      await a.stop().catch(() => undefined);
      await b.stop();
    }
  });

  it('when two audit services sign checkpoints at the same moments, then each head is signed once and both hand out that one signature', async () => {
    const other = await openAuditStore(t.hub.roleUrls.audit);
    try {
      const stores = [t.hub.audit, other];
      const key = t.hub.auditSigningKey;
      const keyId = `replica-test-${randomUUID().slice(0, 8)}`;
      for (let round = 0; round < 5; round++) {
        await appendDisclosure((sql, params) => admin.query(sql, params), {
          service: 'bank',
          recipient: 'https://regional.example/replicas',
          operation: 'RegionalPush',
          subjects: [{ kind: 'Family', id: randomUUID() }],
          fields: ['changes.card'],
          categories: ['identity'],
          basis: 'law:data-bank-regional-exchange',
          pseudonymKey: DEV_PSEUDONYM_KEY,
        });
        // Three timers of each replica fire together.
        const signed = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => stores[i % 2].signCheckpoint(key, keyId)));
        const [stored] = (await admin.query(`SELECT position, signed_at, signature FROM audit.checkpoint WHERE key_id = $1 ORDER BY position DESC LIMIT 1`, [keyId])).rows;
        expect(signed.every((c) => c !== null)).toBe(true);
        expect(new Set(signed.map((c) => `${c!.position}|${c!.signedAt}|${c!.signature}`)).size).toBe(1);
        expect({ position: signed[0]!.position, signedAt: signed[0]!.signedAt, signature: signed[0]!.signature }).toEqual({
          position: Number(stored.position),
          signedAt: new Date(stored.signed_at).toISOString(),
          signature: stored.signature,
        });
      }
      // One checkpoint per round, none twice.
      expect(await count(admin, `SELECT count(*) AS n FROM audit.checkpoint WHERE key_id = $1`, [keyId])).toBe(5);
      // And the auditor's verification holds with them.
      expect((await t.hub.audit.verifyWithCheckpoints(createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString())).ok).toBe(true);
    } finally {
      await other.close();
    }
  });
});
