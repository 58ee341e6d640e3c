/**
 * Group commit for audit entries: every request awaits its own entry, but entries that arrive
 * while a write is in flight go out together in the next single call of audit.append(), so
 * concurrent requests share one round trip and one lock on the chain. With no write in flight,
 * the writer also waits (at most LINGER_MS) for the requests it was told to expect, as
 * PostgreSQL's commit_delay waits for its siblings: the five agency sections of one case view
 * finish within a few milliseconds of each other and share one call instead of two or three.
 */
export type AppendBatch = (canonicalEntries: string[]) => Promise<number[]>;

/** Told of each call that carried one's entries: how long it took and how many entries it carried. */
export type BatchObserver = (seconds: number, entries: number) => void;

interface Pending {
  entry: string;
  observer?: BatchObserver;
  resolve: (position: number) => void;
  reject: (error: unknown) => void;
}

export interface AuditWriter {
  /** `observer`: told of the call that carries this entry (a service sharing the writer keeps its own metrics). */
  append(canonicalEntry: string, observer?: BatchObserver): Promise<number>;
  /**
   * A request that will append an entry has started. The returned function says it has appended
   * (call it just before append()) or never will; a second call does nothing. One never called
   * stops being waited for after EXPECTATION_TTL_MS.
   */
  expect(): () => void;
  /** Statistics for the metrics endpoint and the group-commit test. */
  readonly stats: { batches: number; entries: number; lastBatchMs: number };
}

/** The longest an entry waits for expected siblings when nothing else holds it back. */
export const LINGER_MS = 2;
/** A request still expected after this long has failed somewhere without saying so: not waited for. */
const EXPECTATION_TTL_MS = 5000;

export function createAuditWriter(appendBatch: AppendBatch, maxBatch = 500, onBatch: BatchObserver = () => undefined): AuditWriter {
  let queue: Pending[] = [];
  let writing = false;
  const stats = { batches: 0, entries: 0, lastBatchMs: 0 };
  // Requests that will append, by when they started.
  const expected = new Map<symbol, number>();
  let linger: NodeJS.Timeout | undefined;
  let scheduled = false;

  const stillExpected = (): number => {
    const now = Date.now();
    for (const [token, since] of expected) if (now - since > EXPECTATION_TTL_MS) expected.delete(token);
    return expected.size;
  };

  /** Writes now (after this tick's other entries) unless expected requests may still join, within the linger. */
  function schedule(): void {
    if (writing || queue.length === 0 || scheduled) return;
    if (stillExpected() > 0) {
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
    append(entry, observer) {
      return new Promise<number>((resolve, reject) => {
        queue.push({ entry, observer, resolve, reject });
        schedule();
      });
    },
    expect() {
      const token = Symbol('expected entry');
      expected.set(token, Date.now());
      return () => {
        if (expected.delete(token)) schedule();
      };
    },
  };
}
