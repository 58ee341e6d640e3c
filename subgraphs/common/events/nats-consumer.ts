import { AckPolicy, ConsumerConfig, ConsumerMessages, DeliverPolicy, jetstream, JetStreamClient, JetStreamManager, jetstreamManager, JsMsg, ReplayPolicy } from '@nats-io/jetstream';
import { NatsConnection, nanos } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { HubEvent } from './hub-event';
import { drainOrClose, NatsConnectOptions, natsConnectionOptions, watchStatus } from './nats-connection';
import { ensureHubStream, HUB_STREAM, HUB_SUBJECT_PREFIX, HubStreamLimits } from './hub-stream';

export interface JetStreamEventConsumerOptions extends NatsConnectOptions {
  /** Default HUB_EVENTS (created with its defaults if missing). */
  stream?: string;
  /** Subjects the stream is created with if missing (default ['hub.events.>']). */
  streamSubjects?: string[];
  /** The stream's limits from the configuration: applied at start like the relays do (hub-stream.ts). */
  streamLimits?: Partial<HubStreamLimits>;
  /** Durable consumer name, shared by all replicas of the applier (default 'bank-apply'). */
  durable?: string;
  /** Default 'hub.events.>'. */
  filterSubject?: string;
  /** At most this many events per apply() call (default 200); also what consume() keeps buffered. */
  batchSize?: number;
  /** Unacknowledged messages are redelivered after this (default 30 s); kept alive while apply() runs. */
  ackWaitMs?: number;
  /** How long each pull request of consume() stays open on the server (default 5 s, at least 1 s). */
  fetchWaitMs?: number;
  /** First redelivery delay after a failed apply(); doubles per consecutive failure (default 1 s). */
  retryDelayMs?: number;
  /** Upper bound of that delay (default 30 s). */
  maxRetryDelayMs?: number;
  /**
   * Applies a batch of events, in stream order, and resolves once they are durable (committed with
   * their ids in the inbox). Must be idempotent per eventId: a batch is redelivered whenever its
   * acknowledgement was lost (crash, restart, ackWait elapsed).
   */
  apply: (events: HubEvent[]) => Promise<void>;
  onError?: (error: unknown) => void;
}

interface Session {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
}

/** consume() reports these when the consumer or stream was deleted: bind again (create it). */
const GONE = new Set(['consumer_not_found', 'consumer_deleted', 'stream_not_found']);

/**
 * Takes hub events from a durable JetStream pull consumer with consume() (@nats-io/jetstream: it
 * keeps pull requests open, re-pulls after a reconnect and watches the server's heartbeats) and
 * hands them to apply() in batches of what has arrived. Acknowledges each message only after
 * apply() resolved; when apply() rejects, the batch is nak'ed with a growing delay (and the loop
 * pauses as long) so that it comes back later.
 *
 * At-least-once: a message may arrive again (crash before the ack, lost ack, nats-server restart);
 * apply() must be a no-op for event ids already applied (the bank's inbox). Several replicas may
 * share the durable consumer: JetStream hands each message to one of them.
 */
export class JetStreamEventConsumer {
  private session: Session | null = null;
  private consumerReady = false;
  private running = false;
  private aborted = false;
  private loop: Promise<void> | null = null;
  private current: ConsumerMessages | null = null;
  private wakeSleep: (() => void) | null = null;
  private failures = 0;
  private keepAlive: NodeJS.Timeout | null = null;
  /** Messages acknowledged after a successful apply(). */
  acked = 0;
  /** Messages that arrived as redeliveries. */
  redelivered = 0;
  /** apply() calls that rejected. */
  failedBatches = 0;

  constructor(private readonly options: JetStreamEventConsumerOptions) {}

  get stream(): string {
    return this.options.stream ?? HUB_STREAM;
  }

  get durable(): string {
    return this.options.durable ?? 'bank-apply';
  }

  /**
   * Starts the loop; resolves once the durable consumer is bound (retrying, with onError, while
   * NATS is unreachable), or when stop() is called first.
   */
  async start(): Promise<void> {
    if (this.loop) return;
    if (this.aborted) throw new Error('JetStreamEventConsumer was aborted: create a new one');
    this.running = true;
    let bound!: () => void;
    const ready = new Promise<void>((resolve) => (bound = resolve));
    this.loop = this.run(bound).finally(() => bound());
    await ready;
  }

  /** Finishes (applies and acks) the batch in hand, hands back what is buffered, stops and drains. */
  async stop(): Promise<void> {
    this.running = false;
    this.current?.stop();
    this.wakeSleep?.();
    await this.loop;
    this.loop = null;
    await this.closeSession();
  }

  /**
   * Stops at once like a crash: the connection closes, the batch in hand is neither acked nor
   * nak'ed; JetStream redelivers it after ackWait. For tests and emergency shutdown; the instance
   * cannot be started again.
   */
  async abort(): Promise<void> {
    this.aborted = true;
    this.running = false;
    if (this.keepAlive) clearInterval(this.keepAlive);
    const session = this.session;
    this.session = null;
    this.wakeSleep?.();
    if (session) await session.nc.close().catch(() => undefined);
    this.loop = null;
  }

  private report(error: unknown): void {
    try {
      this.options.onError?.(error);
    } catch {
      // a logger must not stop the loop
    }
  }

  private delay(failures: number): number {
    const base = this.options.retryDelayMs ?? 1000;
    const max = this.options.maxRetryDelayMs ?? 30_000;
    return Math.min(max, base * 2 ** Math.max(0, failures - 1));
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeSleep = () => {
        this.wakeSleep = null;
        done();
      };
    });
  }

  private async closeSession(): Promise<void> {
    const session = this.session;
    this.session = null;
    this.consumerReady = false;
    if (session) await drainOrClose(session.nc);
  }

  private async connection(): Promise<Session> {
    if (this.session && !this.session.nc.isClosed()) return this.session;
    this.session = null;
    this.consumerReady = false;
    const nc = await connect(natsConnectionOptions({ ...this.options, name: this.options.name ?? `hub-consumer-${this.durable}` }));
    if (!this.running) {
      await nc.close();
      throw new Error('stopped');
    }
    watchStatus(nc, this.options.onStatus);
    this.session = { nc, js: jetstream(nc), jsm: await jetstreamManager(nc) };
    return this.session;
  }

  /** Creates the durable pull consumer, or updates the editable settings of an existing one. */
  private async bindConsumer(jsm: JetStreamManager): Promise<void> {
    await ensureHubStream(jsm, { stream: this.stream, subjects: this.options.streamSubjects ?? [`${HUB_SUBJECT_PREFIX}.>`], limits: this.options.streamLimits });
    const batch = this.options.batchSize ?? 200;
    const config: Partial<ConsumerConfig> = {
      durable_name: this.durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      replay_policy: ReplayPolicy.Instant,
      filter_subject: this.options.filterSubject ?? `${HUB_SUBJECT_PREFIX}.>`,
      ack_wait: nanos(this.options.ackWaitMs ?? 30_000),
      max_deliver: -1,
      max_ack_pending: Math.max(1000, batch * 4),
    };
    try {
      await jsm.consumers.add(this.stream, config);
    } catch (error) {
      // Exists with other settings: bring the editable ones in line.
      const info = await jsm.consumers.info(this.stream, this.durable).catch(() => {
        throw error;
      });
      const c = info.config;
      if (c.ack_wait !== config.ack_wait || c.max_deliver !== config.max_deliver || c.max_ack_pending !== config.max_ack_pending || c.filter_subject !== config.filter_subject) {
        await jsm.consumers.update(this.stream, this.durable, {
          ack_wait: config.ack_wait,
          max_deliver: config.max_deliver,
          max_ack_pending: config.max_ack_pending,
          filter_subject: config.filter_subject,
        });
      }
    }
    this.consumerReady = true;
  }

  private async run(bound: () => void): Promise<void> {
    let errors = 0;
    while (this.running) {
      try {
        const session = await this.connection();
        if (!this.consumerReady) await this.bindConsumer(session.jsm);
        bound();
        errors = 0;
        await this.consume(session.js);
        if (this.aborted) return;
        // consume() ended without stop(): the connection closed for good, or the consumer is gone.
        if (this.running) throw new Error(`consume() of ${this.stream}/${this.durable} ended; binding again`);
      } catch (error) {
        if (!this.running) break;
        this.report(error);
        // The consumer (or stream) may be gone: check it again before consuming.
        this.consumerReady = false;
        errors++;
        // NATS unreachable or the consumer missing: retry soon (at most every 5 s) once it is back.
        await this.sleep(Math.min(5000, this.delay(errors)));
      }
    }
  }

  /** One consume() session: batches of what has arrived (up to batchSize), in the order it arrived. */
  private async consume(js: JetStreamClient): Promise<void> {
    const size = this.options.batchSize ?? 200;
    const consumer = await js.consumers.get(this.stream, this.durable);
    const messages = await consumer.consume({ max_messages: size, expires: Math.max(1000, this.options.fetchWaitMs ?? 5000) });
    this.current = messages;
    if (!this.running) messages.stop();
    void (async () => {
      for await (const status of messages.status()) {
        if (GONE.has(status.type)) messages.stop(new Error(`JetStream reports ${status.type} for ${this.stream}/${this.durable}`));
      }
    })().catch(() => undefined);
    let batch: JsMsg[] = [];
    try {
      for await (const message of messages) {
        if (this.aborted) return;
        batch.push(message);
        // Messages already here join the batch; the first one alone is not kept waiting.
        if (batch.length < size && messages.getPending() > 0) continue;
        const taken = batch;
        batch = [];
        if (!this.running) {
          this.handBack(taken);
          continue;
        }
        const applied = await this.handle(taken);
        // After a failed apply, pause as long as the nak delay before the next batch. Messages that
        // had already arrived go to the applier before the nak'ed batch comes back: per record the
        // newest position wins in the bank, so that order is harmless.
        if (!applied && this.running) await this.sleep(this.delay(this.failures));
      }
    } finally {
      this.current = null;
      if (!this.aborted) this.handBack(batch);
    }
  }

  /** Stopping: what arrived but was not applied goes back at once (to another replica, or the next start). */
  private handBack(messages: JsMsg[]): void {
    try {
      for (const m of messages) m.nak();
    } catch {
      // connection closed: redelivered after ackWait anyway
    }
  }

  /** Applies one batch; false when apply() rejected (the batch was nak'ed). */
  private async handle(messages: JsMsg[]): Promise<boolean> {
    const events: HubEvent[] = [];
    const kept: JsMsg[] = [];
    for (const message of messages) {
      if (message.redelivered) this.redelivered++;
      try {
        const event = message.json<HubEvent>();
        if (!event || typeof event.eventId !== 'string') throw new Error('no eventId');
        events.push(event);
        kept.push(message);
      } catch (error) {
        // Can never be applied: stop its redelivery, say so loudly.
        message.term();
        this.report(new Error(`Dropped undecodable message ${message.subject} #${message.seq}: ${(error as Error).message}`));
      }
    }
    if (kept.length === 0) return true;
    // A slow apply must not let ackWait elapse (that would redeliver the batch in parallel).
    const ackWaitMs = this.options.ackWaitMs ?? 30_000;
    const keepAlive = setInterval(
      () => {
        try {
          kept.forEach((m) => m.working());
        } catch {
          // disconnected: the server redelivers after ackWait, apply() is idempotent
        }
      },
      Math.max(500, Math.floor(ackWaitMs / 3)),
    );
    this.keepAlive = keepAlive;
    try {
      await this.options.apply(events);
    } catch (error) {
      clearInterval(keepAlive);
      this.failedBatches++;
      this.failures++;
      if (!this.aborted) {
        const delay = this.delay(this.failures);
        try {
          for (const m of kept) m.nak(delay);
        } catch {
          // connection closed: redelivered after ackWait anyway
        }
      }
      this.report(error);
      return false;
    } finally {
      clearInterval(keepAlive);
      this.keepAlive = null;
    }
    // A crash (abort) between apply and ack: the batch comes again, the inbox makes it a no-op.
    if (this.aborted) return true;
    // ack() is a plain publish: while reconnecting it waits in the client's buffer; if it is lost
    // the batch is redelivered after ackWait (a no-op in the inbox).
    for (const m of kept) m.ack();
    this.acked += kept.length;
    this.failures = 0;
    return true;
  }
}
