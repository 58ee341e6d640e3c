import { RegistryData } from './organisation';
import { processRegistry, RegistrySnapshot } from './organisation-registry';

/** How often a service asks whether the registry changed, unless `REGISTRY_REFRESH_MS` says otherwise. */
export const DEFAULT_REGISTRY_REFRESH_MS = 30_000;

export interface RegistryVersion {
  version: number;
  document: RegistryData;
}

/** The newest version after `known`, or null when there is none: a refresh that finds nothing new transfers nothing. */
export type RegistrySource = (known: number) => Promise<RegistryVersion | null>;

export interface RegistryRefresh {
  /** One refresh now (the start of a service, before it listens); never throws. */
  refreshNow(): Promise<void>;
  /** Refreshes every interval from now on. */
  start(): void;
  stop(): void;
}

export interface RegistryRefreshOptions {
  source: RegistrySource;
  intervalMs?: number;
  snapshot?: RegistrySnapshot;
  /** A refresh failed (database or bank unreachable, a document that breaks a rule): the last good version stays. */
  onError?: (error: unknown) => void;
  onInstalled?: (version: number) => void;
}

/**
 * Keeps a process's snapshot current without a restart: asks the source at most once per
 * interval and swaps the snapshot only when a newer version validates. Failing closed here would
 * stop every service whenever the bank is briefly away, so a failure keeps the last good version
 * and is reported; the next tick tries again.
 */
export function createRegistryRefresh(options: RegistryRefreshOptions): RegistryRefresh {
  const snapshot = options.snapshot ?? processRegistry;
  const intervalMs = options.intervalMs ?? DEFAULT_REGISTRY_REFRESH_MS;
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  const once = async () => {
    try {
      const found = await options.source(snapshot.version);
      if (found && snapshot.install(found.version, found.document)) options.onInstalled?.(found.version);
    } catch (error) {
      options.onError?.(error);
    }
  };
  // Overlapping calls share one request: a slow database never piles refreshes up.
  const refreshNow = () => (running ??= once().finally(() => (running = null)));
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => void refreshNow().then(schedule), intervalMs);
    // A refresh never keeps a process (or a test run) alive by itself.
    timer.unref();
  };

  return {
    refreshNow,
    start() {
      if (timer === null && !stopped) schedule();
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}

/** Runs one SQL statement with parameters and returns its rows. */
export type SqlQuery = (sql: string, params: unknown[]) => Promise<Array<Record<string, unknown>>>;

/**
 * The subgraphs' source: the bank's `bank.registry_document(known)`, a SECURITY DEFINER function
 * every subgraph's role may call, which returns a row only when the version moved.
 */
export function databaseRegistrySource(query: SqlQuery): RegistrySource {
  return async (known) => {
    const [row] = await query('SELECT version, document FROM bank.registry_document($1)', [known]);
    return row ? { version: Number(row.version), document: row.document as RegistryData } : null;
  };
}

/**
 * The gateway's source (it has no database connection): the bank's `GET /registry`, asked with
 * the version held as its ETag, so an unchanged registry costs a 304 and no body.
 */
export function httpRegistrySource(url: string, timeoutMs = 5000): RegistrySource {
  return async (known) => {
    const answer = await fetch(url, { headers: { 'if-none-match': `"${known}"` }, signal: AbortSignal.timeout(timeoutMs) });
    if (answer.status === 304) return null;
    if (!answer.ok) throw new Error(`GET ${url}: ${answer.status}`);
    const body = (await answer.json()) as RegistryVersion;
    if (!Number.isInteger(body.version) || typeof body.document !== 'object' || body.document === null) throw new Error(`GET ${url}: not a registry version`);
    return body.version > known ? body : null;
  };
}
