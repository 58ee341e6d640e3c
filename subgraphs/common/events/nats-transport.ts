import { jetstream, JetStreamClient, jetstreamManager } from '@nats-io/jetstream';
import { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { EventTransport, HubEvent } from './hub-event';
import { drainOrClose, NatsConnectOptions, natsConnectionOptions, watchStatus } from './nats-connection';
import { ensureHubStream, HUB_STREAM, HUB_SUBJECT_PREFIX, hubEventSubject, HubStreamOptions } from './hub-stream';

export { DEFAULT_DUPLICATE_WINDOW_MS, DEFAULT_STREAM_LIMITS, ensureHubStream, HUB_STREAM, HUB_SUBJECT_PREFIX, hubEventSubject } from './hub-stream';
export type { HubStreamLimits, HubStreamOptions } from './hub-stream';
export { drainOrClose, natsConnectionOptions, watchStatus } from './nats-connection';
export type { NatsConnectOptions } from './nats-connection';

export interface NatsTransportOptions extends NatsConnectOptions, HubStreamOptions {
  /** Subject prefix (default 'hub.events'): subjects are `<prefix>.<source>.<aggregateType>`. */
  subjectPrefix?: string;
  /** How long to wait for each PubAck (default 5000 ms); the whole batch waits in parallel. */
  publishTimeoutMs?: number;
}

interface Session {
  nc: NatsConnection;
  js: JetStreamClient;
}

/**
 * EventTransport over JetStream (@nats-io/jetstream). publish() resolves only when JetStream
 * acknowledged (stored) every event of the batch, and rejects otherwise (NATS away, the stream
 * full), so the relay keeps the rows unpublished and re-sends them later; the server drops the
 * re-sent copies by their Nats-Msg-Id.
 *
 * Connects lazily on the first publish (and again after a close), so the relay may start before
 * NATS does. Once connected, the client reconnects forever; a publish during the outage waits for
 * the reconnection up to publishTimeoutMs, then fails.
 */
export class NatsTransport implements EventTransport {
  readonly name = 'nats';
  private session: Promise<Session> | null = null;
  private closed = false;
  /** Events JetStream stored (new ones). */
  published = 0;
  /** Events JetStream recognised as re-sent (same eventId within the duplicate window). */
  duplicates = 0;

  constructor(private readonly options: NatsTransportOptions) {}

  get stream(): string {
    return this.options.stream ?? HUB_STREAM;
  }

  private get prefix(): string {
    return this.options.subjectPrefix ?? HUB_SUBJECT_PREFIX;
  }

  /** Connects and makes sure the stream exists; publish() does this itself. */
  async connect(): Promise<NatsConnection> {
    return (await this.connection()).nc;
  }

  private connection(): Promise<Session> {
    if (this.closed) return Promise.reject(new Error('NatsTransport is closed'));
    if (!this.session) {
      const session = this.open();
      this.session = session;
      session.catch(() => {
        if (this.session === session) this.session = null;
      });
    }
    return this.session;
  }

  private async open(): Promise<Session> {
    const nc = await connect(natsConnectionOptions({ ...this.options, name: this.options.name ?? 'hub-outbox-relay' }));
    try {
      await ensureHubStream(await jetstreamManager(nc), {
        stream: this.stream,
        subjects: this.options.subjects ?? [`${this.prefix}.>`],
        duplicateWindowMs: this.options.duplicateWindowMs,
        limits: this.options.limits,
      });
    } catch (error) {
      await nc.close().catch(() => undefined);
      throw error;
    }
    watchStatus(nc, this.options.onStatus);
    const session = { nc, js: jetstream(nc, { timeout: this.options.publishTimeoutMs ?? 5000 }) };
    // Closed for good (not a reconnect): the next publish opens a new connection.
    void nc.closed().then(() => {
      if (this.session && !this.closed) {
        this.session.then(
          (s) => {
            if (s.nc === nc) this.session = null;
          },
          () => undefined,
        );
      }
    });
    return session;
  }

  async publish(events: HubEvent[]): Promise<void> {
    if (events.length === 0) return;
    const { js } = await this.connection();
    const timeout = this.options.publishTimeoutMs ?? 5000;
    const results = await Promise.allSettled(
      events.map((event) =>
        js.publish(hubEventSubject(event, this.prefix), JSON.stringify(event), {
          msgID: event.eventId,
          // The server refuses the event unless it lands in our stream (no silent loss to another).
          expect: { streamName: this.stream },
          timeout,
        }),
      ),
    );
    let failed = 0;
    let first: unknown;
    for (const result of results) {
      if (result.status === 'fulfilled') {
        if (result.value.duplicate) this.duplicates++;
        else this.published++;
      } else {
        failed++;
        first ??= result.reason;
      }
    }
    if (failed > 0) {
      const reason = first instanceof Error ? first.message : String(first);
      throw new Error(`JetStream did not acknowledge ${failed} of ${events.length} events (${reason}); the relay re-sends them`, { cause: first });
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const session = this.session;
    this.session = null;
    if (!session) return;
    const s = await session.catch(() => null);
    if (s) await drainOrClose(s.nc);
  }
}
