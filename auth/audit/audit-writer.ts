/**
 * Group commit for audit entries: every request awaits its own entry, but entries that arrive
 * while a write is in flight go out together in the next single call of audit.append(), so
 * concurrent requests share one round trip and one lock on the chain. With no write in flight,
 * the writer also waits (at most LINGER_MS) for the queued entries' siblings it was told to
 * expect: requests of the same group (the client request they serve, by its request id). The five
 * agency sections of one case view finish within a few milliseconds of each other and share one
 * call instead of two or three; requests of other clients never wait for each other.
 */
export type AppendBatch = (canonicalEntries: string[]) => Promise<number[]>;

/** Told of each call that carried one's entries: how long it took and how many entries it carried. */
export type BatchObserver = (seconds: number, entries: number) => void;

interface Pending {
  entry: string;
  observer?: BatchObserver;
  group?: string;
  resolve: (position: number) => void;
  reject: (error: unknown) => void;
}

export interface AuditWriter {
  /**
   * `observer`: told of the call that carries this entry (a service sharing the writer keeps its own
   * metrics); `group`: the client request it serves, whose expected siblings it may wait for.
   */
  append(canonicalEntry: string, observer?: BatchObserver, group?: string): Promise<number>;
  /**
   * A request of `group` that will append an entry has started. The returned function says it is
   * about to append or never will; a second call does nothing. One never called stops being waited
   * for after EXPECTATION_TTL_MS.
   */
  expect(group: string): () => void;
  /** Statistics for the metrics endpoint and the group-commit test. */
  readonly stats: { batches: number; entries: number; lastBatchMs: number };
}

/** The longest an entry waits for its expected siblings when nothing else holds it back. */
export const LINGER_MS = 2;
/** A request still expected after this long has failed somewhere without saying so: not waited for. */
const EXPECTATION_TTL_MS = 5000;

export function createAuditWriter(appendBatch: AppendBatch, maxBatch = 500, onBatch: BatchObserver = () => undefined): AuditWriter {
  let queue: Pending[] = [];
  let writing = false;
  const stats = { batches: 0, entries: 0, lastBatchMs: 0 };
  // Requests that will append: their group, and when they started.
  const expected = new Map<symbol, { group: string; since: number }>();
  let linger: NodeJS.Timeout | undefined;
  let scheduled = false;

  /** Is a sibling of a queued entry still running? */
  const siblingsExpected = (): boolean => {
    if (expected.size === 0) return false;
    const groups = new Set(queue.map((p) => p.group));
    const now = Date.now();
    let found = false;
    for (const [token, { group, since }] of expected) {
      if (now - since > EXPECTATION_TTL_MS) expected.delete(token);
      else if (groups.has(group)) found = true;
    }
    return found;
  };

  /** Writes now (after this tick's other entries) unless a queued entry's siblings may still join, within the linger. */
  function schedule(): void {
    if (writing || queue.length === 0 || scheduled) return;
    if (siblingsExpected()) {
      linger ??= setTimeout(flush, LINGER_MS);
      return;
    }
    flush();
  }

  function flush(): void {
    clearTimeout(linger);
    linger = undefined;
    if (scheduled) return;
    scheduled = true;
    // Wait for this tick's other requests before writing, so they share the batch.
    setImmediate(() => {
      scheduled = false;
      void drain();
    });
  }

  async function drain(): Promise<void> {
    if (writing || queue.length === 0) return;
    writing = true;
    const batch = queue.slice(0, maxBatch);
    queue = queue.slice(batch.length);
    const started = Date.now();
    try {
      const positions = await appendBatch(batch.map((p) => p.entry));
      batch.forEach((p, i) => p.resolve(Number(positions[i])));
    } catch (error) {
      batch.forEach((p) => p.reject(error));
    } finally {
      stats.batches++;
      stats.entries += batch.length;
      stats.lastBatchMs = Date.now() - started;
      onBatch(stats.lastBatchMs / 1000, batch.length);
      for (const observer of new Set(batch.map((p) => p.observer))) observer?.(stats.lastBatchMs / 1000, batch.length);
      writing = false;
      // Entries that queued during the call go out at once: they have waited one call already.
      if (queue.length > 0) flush();
    }
  }

  return {
    stats,
    append(entry, observer, group) {
      return new Promise<number>((resolve, reject) => {
        queue.push({ entry, observer, group, resolve, reject });
        schedule();
      });
    },
    expect(group) {
      const token = Symbol('expected entry');
      expected.set(token, { group, since: Date.now() });
      return () => {
        if (expected.delete(token)) schedule();
      };
    },
  };
}
