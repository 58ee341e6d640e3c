import { randomUUID } from 'node:crypto';
import { DiscardPolicy, JetStreamManager, jetstreamManager } from '@nats-io/jetstream';
import { NatsConnection, nanos } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { NatsServer, startNatsServer } from '../../scripts/nats-server';
import { HubEvent } from '../../subgraphs/common/events/hub-event';
import { JetStreamEventConsumer, JetStreamEventConsumerOptions } from '../../subgraphs/common/events/nats-consumer';
import { DEFAULT_STREAM_LIMITS, NatsTransport } from '../../subgraphs/common/events/nats-transport';

// A private nats-server (free port, temporary store) and a stream of this file's own.
const STREAM = `HUB_TEST_${process.pid}_${Date.now()}`;

let server: NatsServer;
let admin: NatsConnection;
let jsm: JetStreamManager;
const cleanups: Array<() => Promise<unknown>> = [];
const errors: unknown[] = [];

beforeAll(async () => {
  server = await startNatsServer({ port: 0 });
  admin = await connect({ servers: server.url, reconnect: true, maxReconnectAttempts: -1, reconnectTimeWait: 250 });
  jsm = await jetstreamManager(admin);
});

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  await admin?.close().catch(() => undefined);
  await server?.stop();
});

function event(source: string, n: number, eventId = randomUUID()): HubEvent {
  return {
    eventId,
    source,
    position: String(n),
    aggregateType: 'Signal',
    aggregateId: randomUUID(),
    childId: randomUUID(),
    familyId: null,
    type: 'SignalReported',
    occurredAt: new Date().toISOString(),
    payload: { n },
  };
}

function transport(extra: Partial<ConstructorParameters<typeof NatsTransport>[0]> = {}): NatsTransport {
  const t = new NatsTransport({ servers: server.url, stream: STREAM, reconnectWaitMs: 250, ...extra });
  cleanups.push(() => t.close());
  return t;
}

/** What the bank does: an inbox of applied event ids; a failed batch applies nothing. */
function recorder(fail: (call: number) => boolean = () => false) {
  const state = {
    calls: 0,
    raw: new Map<string, number>(),
    applied: new Map<string, number>(),
    batches: [] as string[][],
    apply: async (events: HubEvent[]) => {
      state.calls++;
      state.batches.push(events.map((e) => e.eventId));
      for (const e of events) state.raw.set(e.eventId, (state.raw.get(e.eventId) ?? 0) + 1);
      if (fail(state.calls)) throw new Error('bank database unavailable');
      for (const e of events) if (!state.applied.has(e.eventId)) state.applied.set(e.eventId, 1);
    },
    rawTotal: () => [...state.raw.values()].reduce((a, b) => a + b, 0),
  };
  return state;
}

function consumer(source: string, apply: (events: HubEvent[]) => Promise<void>, extra: Partial<JetStreamEventConsumerOptions> = {}): JetStreamEventConsumer {
  const c = new JetStreamEventConsumer({
    servers: server.url,
    stream: STREAM,
    durable: `apply-${source}`,
    filterSubject: `hub.events.${source}.>`,
    ackWaitMs: 3000,
    fetchWaitMs: 1000,
    retryDelayMs: 200,
    reconnectWaitMs: 250,
    apply,
    onError: (error) => errors.push(error),
    ...extra,
  });
  cleanups.push(() => c.stop());
  return c;
}

async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function storedOn(subject: string): Promise<number> {
  const info = await jsm.streams.info(STREAM, { subjects_filter: subject });
  return Object.values(info.state.subjects ?? {}).reduce((a, b) => a + b, 0);
}

describe('NATS JetStream transport and consumer', () => {
  it('when the tests start nats-server, then it is 2.10 or later, as production runs', () => {
    const [major, minor] = server.version.split('.').map(Number);
    expect(major * 100 + minor).toBeGreaterThanOrEqual(210);
  });

  it('when a publisher creates the stream, then it has the default age and size limits and discards new events, not old ones, when full', async () => {
    const t = transport();
    await t.publish([event('limits', 1)]);
    const { config } = await jsm.streams.info(STREAM);
    expect({ maxAge: config.max_age, maxBytes: config.max_bytes, discard: config.discard }).toEqual({ maxAge: nanos(7 * 86_400_000), maxBytes: 1024 ** 3, discard: DiscardPolicy.New });
    expect(DEFAULT_STREAM_LIMITS).toEqual({ maxAgeMs: 7 * 86_400_000, maxBytes: 1024 ** 3, discard: 'new' });
  });

  it('when a stream exists without limits, then the next publisher to start brings it to the configured ones', async () => {
    const name = `${STREAM}_OLD`;
    await jsm.streams.add({ name, subjects: ['old.events.>'] });
    expect((await jsm.streams.info(name)).config).toMatchObject({ max_age: 0, max_bytes: -1, discard: DiscardPolicy.Old });
    const t = transport({ stream: name, subjectPrefix: 'old.events', limits: { maxAgeMs: 3 * 86_400_000, maxBytes: 64 * 1024 * 1024, discard: 'new' } });
    await t.publish([event('upgrade', 1)]);
    expect((await jsm.streams.info(name)).config).toMatchObject({ subjects: ['old.events.>'], max_age: nanos(3 * 86_400_000), max_bytes: 64 * 1024 * 1024, discard: DiscardPolicy.New });
    // A client that asks for nothing (a tool, a test) leaves the limits as they are.
    const plain = transport({ stream: name, subjectPrefix: 'old.events', name: 'plain' });
    await plain.publish([event('upgrade', 2)]);
    expect((await jsm.streams.info(name)).config).toMatchObject({ max_age: nanos(3 * 86_400_000), discard: DiscardPolicy.New });
  });

  it('when the stream is full, then publishing fails (the relay keeps the rows) and the events already stored stay', async () => {
    const name = `${STREAM}_FULL`;
    const t = transport({ stream: name, subjectPrefix: 'full.events', limits: { maxBytes: 4096, discard: 'new' } });
    const stored: string[] = [];
    let refused: Error | null = null;
    for (let i = 0; i < 50 && !refused; i++) {
      const e = event('full', i);
      try {
        await t.publish([e]);
        stored.push(e.eventId);
      } catch (error) {
        refused = error as Error;
      }
    }
    expect(refused?.message).toMatch(/did not acknowledge 1 of 1 events.*maximum bytes/i);
    expect(stored.length).toBeGreaterThan(0);
    const info = await jsm.streams.info(name);
    // Nothing old was dropped to make room: the first event is still the first message.
    expect(info.state.first_seq).toBe(1);
    expect(info.state.messages).toBe(stored.length);
  });

  it('when the same eventId is published twice, then the stream stores it once', async () => {
    const t = transport();
    const e = event('dedup', 1);
    await t.publish([e]);
    await t.publish([e]);
    await t.publish([e, event('dedup', 2)]);

    expect(await storedOn('hub.events.dedup.>')).toBe(2);
    expect(t.published).toBe(2);
    expect(t.duplicates).toBe(2);
    const info = await jsm.streams.info(STREAM);
    expect(info.config.duplicate_window).toBe(120_000_000_000);
    expect(info.config.subjects).toEqual(['hub.events.>']);
  });

  it('when apply rejects the first time, then the batch is redelivered and each event is applied exactly once', async () => {
    const t = transport();
    const events = Array.from({ length: 25 }, (_, i) => event('retry', i));
    await t.publish(events);
    const bank = recorder((call) => call === 1);
    const c = consumer('retry', bank.apply);
    await c.start();

    await waitFor(() => bank.applied.size === events.length, 15_000, 'all events applied');
    await c.stop();

    const failedBatch = bank.batches[0];
    expect(failedBatch.length).toBeGreaterThan(0);
    // The failed batch came again, in its order, and was then applied. Messages that had already
    // reached the consumer may go before it (the bank's newest-position-wins makes that harmless).
    expect([
      ...new Set(
        bank.batches
          .slice(1)
          .flat()
          .filter((id) => failedBatch.includes(id)),
      ),
    ]).toEqual(failedBatch);
    for (const id of failedBatch) expect(bank.raw.get(id)).toBeGreaterThanOrEqual(2);
    expect(bank.rawTotal()).toBeGreaterThan(bank.applied.size);
    expect([...bank.applied.keys()].sort()).toEqual(events.map((e) => e.eventId).sort());
    expect([...bank.applied.values()].every((n) => n === 1)).toBe(true);
    expect(c.failedBatches).toBe(1);
    expect(c.redelivered).toBeGreaterThanOrEqual(failedBatch.length);
  });

  it('when nats-server restarts in the middle of publishing 2,000 events, then everything published is consumed once, none missing', async () => {
    const t = transport({ publishTimeoutMs: 2000 });
    const bank = recorder();
    const c = consumer('restart', bank.apply, { batchSize: 200 });
    await c.start();

    const events = Array.from({ length: 2000 }, (_, i) => event('restart', i));
    const pidBefore = server.pid;
    let restart: Promise<void> | null = null;
    let restarting = false;
    let attemptsDuringRestart = 0;
    for (let i = 0; i < events.length; i += 50) {
      const batch = events.slice(i, i + 50);
      if (i === 600) {
        restarting = true;
        restart = server.restart().finally(() => (restarting = false));
      }
      // As the relay does: the rows stay unpublished until the batch is acknowledged; retry.
      for (;;) {
        if (restarting) attemptsDuringRestart++;
        try {
          await t.publish(batch);
          break;
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await restart;

    await waitFor(() => bank.applied.size === events.length, 30_000, 'all 2,000 events consumed');
    await c.stop();

    expect(server.pid).not.toBe(pidBefore);
    expect(attemptsDuringRestart).toBeGreaterThan(0);
    const missing = events.filter((e) => !bank.applied.has(e.eventId));
    expect(missing).toHaveLength(0);
    expect(bank.applied.size).toBe(2000);
    // Re-sent batches were de-duplicated by Nats-Msg-Id: the stream holds each event once.
    expect(await storedOn('hub.events.restart.>')).toBe(2000);
  });

  it('when a consumer crashes before acking, then the durable consumer delivers the messages again', async () => {
    const t = transport();
    const events = Array.from({ length: 30 }, (_, i) => event('crash', i));
    await t.publish(events);

    let release!: () => void;
    const hang = new Promise<void>((resolve) => (release = resolve));
    const first = recorder();
    const crashing = consumer(
      'crash',
      async (batch) => {
        await first.apply(batch);
        await hang; // the process dies before apply() returns: no ack
      },
      { ackWaitMs: 1500 },
    );
    await crashing.start();
    await waitFor(() => first.calls > 0, 10_000, 'the first consumer to get a batch');
    await crashing.abort();
    release();

    const second = recorder();
    const restarted = consumer('crash', second.apply, { ackWaitMs: 1500 });
    await restarted.start();
    await waitFor(() => second.applied.size === events.length, 15_000, 'redelivery to the restarted consumer');
    await restarted.stop();

    expect(crashing.acked).toBe(0);
    for (const id of first.batches[0]) expect(second.raw.get(id)).toBeGreaterThanOrEqual(1);
    expect(restarted.redelivered).toBeGreaterThanOrEqual(first.batches[0].length);
    expect([...second.applied.keys()].sort()).toEqual(events.map((e) => e.eventId).sort());
  });
});
