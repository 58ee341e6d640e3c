import {
  connect,
  ConnectionOptions,
  JetStreamClient,
  JetStreamManager,
  NatsConnection,
  RetentionPolicy,
  StorageType,
  StreamConfig,
  StreamInfo,
  StringCodec,
  nanos,
} from 'nats';
import { EventTransport, HubEvent } from './hub-event';

/**
 * Hub events over NATS JetStream (the scale-out transport).
 *
 * Subjects: `hub.events.<source>.<aggregateType>`, all captured by one stream (HUB_EVENTS, file
 * storage, limits retention). Each event is published with `Nats-Msg-Id = eventId`, so a re-send
 * within the stream's duplicate window (2 minutes by default) is stored once: the relay's
 * at-least-once re-sends after a crash or a lost PubAck cost nothing.
 */
export const HUB_STREAM = 'HUB_EVENTS';
export const HUB_SUBJECT_PREFIX = 'hub.events';
export const DEFAULT_DUPLICATE_WINDOW_MS = 2 * 60_000;

const codec = StringCodec();

/** A subject token may not hold '.', '*', '>' or whitespace. */
function token(value: string): string {
  const cleaned = String(value).replace(/[.*>\s]/g, '_');
  return cleaned.length > 0 ? cleaned : '_';
}

/** `hub.events.<source>.<aggregateType>` */
export function hubEventSubject(event: Pick<HubEvent, 'source' | 'aggregateType'>, prefix = HUB_SUBJECT_PREFIX): string {
  return `${prefix}.${token(event.source)}.${token(event.aggregateType)}`;
}

export interface HubStreamOptions {
  /** Default HUB_EVENTS. */
  stream?: string;
  /** Default ['hub.events.>']. */
  subjects?: string[];
  /**
   * Default 2 minutes on creation. Given explicitly, an existing stream with another window is
   * updated to it; absent, an existing stream's window is left alone.
   */
  duplicateWindowMs?: number;
  /** Maximum age of stored events; 0/absent: kept until removed by hand (limits retention). */
  maxAgeMs?: number;
}

function isNotFound(error: unknown): boolean {
  const e = error as { api_error?: { code?: number; err_code?: number }; code?: string; message?: string };
  return e?.api_error?.code === 404 || e?.api_error?.err_code === 10059 || /not found/i.test(e?.message ?? '');
}

/**
 * Creates the hub's stream if it is missing; adds missing subjects (and the duplicate window when
 * asked for) to an existing one. Safe to call from every publisher and consumer at start.
 */
export async function ensureHubStream(jsm: JetStreamManager, options: HubStreamOptions = {}): Promise<StreamInfo> {
  const name = options.stream ?? HUB_STREAM;
  const subjects = options.subjects ?? [`${HUB_SUBJECT_PREFIX}.>`];
  let existing: StreamInfo | null = null;
  try {
    existing = await jsm.streams.info(name);
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  if (!existing) {
    const config: Partial<StreamConfig> = {
      name,
      subjects,
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      duplicate_window: nanos(options.duplicateWindowMs ?? DEFAULT_DUPLICATE_WINDOW_MS),
      max_age: nanos(options.maxAgeMs ?? 0),
    };
    try {
      return await jsm.streams.add(config);
    } catch (error) {
      // Another replica may have created it in between (same config: the server answers with it;
      // a different one: fall through to the update below).
      existing = await jsm.streams.info(name).catch(() => {
        throw error;
      });
    }
  }
  const current = existing.config;
  const missing = subjects.filter((s) => !(current.subjects ?? []).includes(s));
  const window = options.duplicateWindowMs !== undefined ? nanos(options.duplicateWindowMs) : current.duplicate_window;
  const maxAge = options.maxAgeMs !== undefined ? nanos(options.maxAgeMs) : current.max_age;
  if (missing.length === 0 && window === current.duplicate_window && maxAge === current.max_age) return existing;
  return jsm.streams.update(name, {
    ...current,
    subjects: [...(current.subjects ?? []), ...missing],
    duplicate_window: window,
    max_age: maxAge,
  });
}

export interface NatsConnectOptions {
  /** 'nats://host:port' or several (a cluster). */
  servers: string | string[];
  /** Connection name shown by the server's monitoring. */
  name?: string;
  /** Pause between reconnect attempts to the same server (default 1000 ms); attempts never stop. */
  reconnectWaitMs?: number;
  /** Client pings: a silent (partitioned) server is detected after ~ pingIntervalMs x 3 (default 10 s). */
  pingIntervalMs?: number;
  /** Status notifications (disconnect, reconnect, error ...), for logs and metrics. */
  onStatus?: (status: { type: string; data: unknown }) => void;
  /** Production NATS (deploy/nats/nats-server.conf) admits only its users, each with its own subjects. */
  user?: string;
  pass?: string;
  /** CA of the server's certificate: the connection is then TLS and verified (servers `tls://...`). */
  tlsCaFile?: string;
}

/** The connection options both the transport and the consumer use: reconnect forever, with a wait. */
export function natsConnectionOptions(options: NatsConnectOptions): ConnectionOptions {
  return {
    servers: options.servers,
    name: options.name,
    reconnect: true,
    maxReconnectAttempts: -1,
    reconnectTimeWait: options.reconnectWaitMs ?? 1000,
    reconnectJitter: 100,
    pingInterval: options.pingIntervalMs ?? 10_000,
    maxPingOut: 3,
    // The first connection fails fast; callers retry (the relay re-sends later, the consumer loops).
    waitOnFirstConnect: false,
    ...(options.user ? { user: options.user, pass: options.pass } : {}),
    ...(options.tlsCaFile ? { tls: { caFile: options.tlsCaFile } } : {}),
  };
}

/** Follows the connection's status events until it closes. */
export function watchStatus(nc: NatsConnection, onStatus?: (status: { type: string; data: unknown }) => void, onReconnect?: () => void): void {
  void (async () => {
    for await (const status of nc.status()) {
      if (status.type === 'reconnect') onReconnect?.();
      onStatus?.({ type: String(status.type), data: status.data });
    }
  })().catch(() => undefined);
}

/** Drains (flushes what is pending, lets replies arrive); closes outright if that takes too long. */
export async function drainOrClose(nc: NatsConnection, timeoutMs = 5000): Promise<void> {
  if (nc.isClosed()) return;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
  });
  await Promise.race([nc.drain().catch(() => undefined), timedOut]);
  clearTimeout(timer);
  // nats.js 2.29: drain() of a connection that is reconnecting resolves without closing it (and it
  // would go on reconnecting forever): close it in any case.
  if (!nc.isClosed()) await nc.close().catch(() => undefined);
}

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
 * EventTransport over JetStream. publish() resolves only when JetStream acknowledged (stored) every
 * event of the batch, and rejects otherwise, so the relay keeps the rows unpublished and re-sends
 * them later; the server drops the re-sent copies by their Nats-Msg-Id.
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
      const jsm = await nc.jetstreamManager();
      await ensureHubStream(jsm, {
        stream: this.stream,
        subjects: this.options.subjects ?? [`${this.prefix}.>`],
        duplicateWindowMs: this.options.duplicateWindowMs,
        maxAgeMs: this.options.maxAgeMs,
      });
    } catch (error) {
      await nc.close().catch(() => undefined);
      throw error;
    }
    watchStatus(nc, this.options.onStatus);
    const session = { nc, js: nc.jetstream({ timeout: this.options.publishTimeoutMs ?? 5000 }) };
    // Closed for good (not a reconnect): the next publish opens a new connection.
    void nc.closed().then(() => {
      if (this.session && !this.closed) {
        this.session.then((s) => {
          if (s.nc === nc) this.session = null;
        }, () => undefined);
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
        js.publish(hubEventSubject(event, this.prefix), codec.encode(JSON.stringify(event)), {
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
