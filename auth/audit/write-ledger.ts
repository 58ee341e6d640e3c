import { AsyncLocalStorage } from 'node:async_hooks';
import type { AuditedContext } from './audit-plugin';

/** The operation a request runs, as the audit plugin resolved it: what a write entry names. */
export interface LedgerOperation {
  /** The client's operation name (a router's `<name>__<subgraph>__<n>` suffix removed). */
  name: string | null;
  document: string;
  variables: unknown;
}

/**
 * What one GraphQL request has written: its context (who, why, what it touched so far), its
 * operation, and the chain positions of the write entries whose transactions committed. The
 * transaction subscriber reads it through AsyncLocalStorage (services never pass it on); the audit
 * plugin reads it from the context to tell the caller the truth when the response entry fails.
 */
export class WriteLedger {
  context: AuditedContext | null = null;
  operation: LedgerOperation | null = null;
  readonly committed: number[] = [];
}

// One storage for every scope of the process: each storage slows every promise of the process a
// little (Node 20 propagates each one to each new resource), and six subgraphs share a process.
const storage = new AsyncLocalStorage<{ scope: object; ledger: WriteLedger }>();

/**
 * One scope per server (so, per data source): a subgraph's subscriber never sees the ledger of a
 * request served by another subgraph, even when all of them run in one process.
 */
export function createLedgerScope() {
  const scope = {};
  return {
    /** Runs one request's handling with a fresh ledger. */
    run<T>(handle: () => T): T {
      return storage.run({ scope, ledger: new WriteLedger() }, handle);
    },
    /** The ledger of the request this code runs for, if any (workers and migrations have none). */
    current(): WriteLedger | undefined {
      const store = storage.getStore();
      return store?.scope === scope ? store.ledger : undefined;
    },
  };
}
export type LedgerScope = ReturnType<typeof createLedgerScope>;
