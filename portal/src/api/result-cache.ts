/**
 * The only place the portal keeps answers: this page's memory. Logging out clears it, so nothing
 * of a child outlives the session; nothing is ever written to the browser's storage.
 */
export class ResultCache<V = unknown> {
  private readonly entries = new Map<string, V>();
  private readonly listeners = new Set<() => void>();

  static key(operation: string, variables: unknown, purpose: string): string {
    return `${operation}|${purpose}|${JSON.stringify(variables ?? {})}`;
  }

  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: V): void {
    this.entries.set(key, value);
  }

  get size(): number {
    return this.entries.size;
  }

  /** After a write: every read may now be stale, so the next view asks again. */
  invalidate(): void {
    this.entries.clear();
    for (const listener of this.listeners) listener();
  }

  /** On logout: forget everything, and tell every mounted view to drop what it shows. */
  clear(): void {
    this.invalidate();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
