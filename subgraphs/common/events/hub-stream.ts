import { DiscardPolicy, JetStreamApiError, JetStreamManager, RetentionPolicy, StorageType, StreamConfig, StreamInfo } from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import { HubEvent } from './hub-event';

/**
 * The hub's JetStream stream: subjects `hub.events.<source>.<aggregateType>`, file storage,
 * limits retention. Each event is published with `Nats-Msg-Id = eventId`, so a re-send within the
 * duplicate window (2 minutes by default) is stored once.
 */
export const HUB_STREAM = 'HUB_EVENTS';
export const HUB_SUBJECT_PREFIX = 'hub.events';
export const DEFAULT_DUPLICATE_WINDOW_MS = 2 * 60_000;

/**
 * How much the stream keeps. The stream is a buffer between the agencies' outboxes and the bank,
 * not the record (the agencies' tables are, and the bank's inbox records what it applied):
 *
 * - maxAgeMs (7 days): the longest bank outage the bank catches up from the stream alone. Limits
 *   retention removes a message at that age whether the bank consumed it or not; a bank away
 *   longer misses the oldest events, and `npm run resync -- --repair` rebuilds them from the
 *   agencies' own tables (fresh events through their outboxes). A week covers a long holiday
 *   weekend with nobody on call plus the time to restore a database from backup.
 * - maxBytes (1 GiB): a guard for the NATS disk, not a working limit. An event is 1-3 KB on the
 *   wire (the record's whole state); a region's week is of the order of 10^5 events, a few hundred
 *   MB: the guard is met only by a runaway producer or a far larger region.
 * - discard `new`: a full stream refuses new events instead of dropping old, unconsumed ones. The
 *   relay's publish then fails, its rows stay unpublished in the outbox (PostgreSQL, the
 *   durable queue), the `hub_outbox_backlog` metric grows, and they go out once ageing frees room:
 *   nothing is lost and no resync is needed. `old` would silently drop what the bank has not read.
 */
export interface HubStreamLimits {
  maxAgeMs: number;
  maxBytes: number;
  discard: 'new' | 'old';
}

export const DEFAULT_STREAM_LIMITS: HubStreamLimits = {
  maxAgeMs: 7 * 86_400_000,
  maxBytes: 1024 * 1024 * 1024,
  discard: 'new',
};

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
  /**
   * Given: the stream is created with them, and an existing stream with others is updated to them
   * (every service reads them from the same configuration, so they agree). Absent: the defaults on
   * creation, an existing stream's left alone (a test's or a tool's client).
   */
  limits?: Partial<HubStreamLimits>;
}

/** A subject token may not hold '.', '*', '>' or whitespace. */
function token(value: string): string {
  const cleaned = String(value).replace(/[.*>\s]/g, '_');
  return cleaned.length > 0 ? cleaned : '_';
}

/** `hub.events.<source>.<aggregateType>` */
export function hubEventSubject(event: Pick<HubEvent, 'source' | 'aggregateType'>, prefix = HUB_SUBJECT_PREFIX): string {
  return `${prefix}.${token(event.source)}.${token(event.aggregateType)}`;
}

function isNotFound(error: unknown): boolean {
  if (error instanceof JetStreamApiError) return error.code === 10059 || error.status === 404;
  return /not found/i.test((error as Error)?.message ?? '');
}

const discardPolicy = (discard: 'new' | 'old') => (discard === 'new' ? DiscardPolicy.New : DiscardPolicy.Old);

/**
 * Creates the hub's stream if it is missing; brings an existing one's subjects (added, never
 * removed), duplicate window and limits to what is asked. Safe to call from every publisher and
 * consumer at start; works on nats-server 2.9 and 2.10+.
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
    const limits = { ...DEFAULT_STREAM_LIMITS, ...options.limits };
    const config: Partial<StreamConfig> & { name: string } = {
      name,
      subjects,
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      duplicate_window: nanos(options.duplicateWindowMs ?? DEFAULT_DUPLICATE_WINDOW_MS),
      max_age: nanos(limits.maxAgeMs),
      max_bytes: limits.maxBytes,
      discard: discardPolicy(limits.discard),
    };
    try {
      return await jsm.streams.add(config);
    } catch (error) {
      // Another replica may have created it in between: fall through to the update below.
      existing = await jsm.streams.info(name).catch(() => {
        throw error;
      });
    }
  }
  const current = existing.config;
  const wanted = {
    subjects: [...(current.subjects ?? []), ...subjects.filter((s) => !(current.subjects ?? []).includes(s))],
    duplicate_window: options.duplicateWindowMs !== undefined ? nanos(options.duplicateWindowMs) : current.duplicate_window,
    max_age: options.limits?.maxAgeMs !== undefined ? nanos(options.limits.maxAgeMs) : current.max_age,
    max_bytes: options.limits?.maxBytes !== undefined ? options.limits.maxBytes : current.max_bytes,
    discard: options.limits?.discard !== undefined ? discardPolicy(options.limits.discard) : current.discard,
  };
  const same =
    wanted.subjects.length === (current.subjects ?? []).length &&
    wanted.duplicate_window === current.duplicate_window &&
    wanted.max_age === current.max_age &&
    wanted.max_bytes === current.max_bytes &&
    wanted.discard === current.discard;
  if (same) return existing;
  return jsm.streams.update(name, wanted);
}
