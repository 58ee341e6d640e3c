/**
 * Group commit for audit entries: every request awaits its own entry, but entries that arrive
 * while a write is in flight go out together in the next single call of audit.append(), so
 * concurrent requests share one round trip and one lock on the chain.
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
  /** Statistics for the metrics endpoint and the group-commit test. */
  readonly stats: { batches: number; entries: number; lastBatchMs: number };
}

export function createAuditWriter(appendBatch: AppendBatch, maxBatch = 500, onBatch: BatchObserver = () => undefined): AuditWriter {
  let queue: Pending[] = [];
  let writing = false;
  const stats = { batches: 0, entries: 0, lastBatchMs: 0 };

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
      void drain();
    }
  }

  return {
    stats,
    append(entry, observer) {
      return new Promise<number>((resolve, reject) => {
        queue.push({ entry, observer, resolve, reject });
        // Wait for this tick's other requests before writing, so they share the batch.
        setImmediate(() => void drain());
      });
    },
  };
}
