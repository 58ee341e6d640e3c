import { Pool } from 'pg';
import { createRegistryRefresh, databaseRegistrySource, RegistryRefresh, SqlQuery } from '../../../auth/organisations/registry-refresh';
import { SubgraphConfig } from '../config';
import { Logger, scrubbed } from './observability';

export interface SubgraphRegistry {
  /** Reads of the registry's versions, on a connection of their own. */
  query: SqlQuery;
  refresh: RegistryRefresh;
  stop(): Promise<void>;
}

/**
 * A subgraph's way to the current organisation registry: `bank.registry_document()` through the
 * subgraph's own role. One small pool of its own rather than the data source's, so a background
 * refresh never shows up in the statements a request is counted for (the SQL-cost tests) and
 * never waits behind a busy request pool.
 */
export function subgraphRegistry(config: SubgraphConfig, logger: Logger): SubgraphRegistry {
  const pool = new Pool({
    connectionString: config.databaseUrl,
    max: 1,
    idleTimeoutMillis: 10_000,
    connectionTimeoutMillis: 5000,
    statement_timeout: 5000,
    application_name: `hub-${config.name}-registry`,
    allowExitOnIdle: true,
  });
  // An idle connection dropped by the server must not take the process down; the next query reconnects.
  pool.on('error', (error) => logger.warn({ error: scrubbed(error.message) }, 'registry connection lost'));
  const query: SqlQuery = async (sql, params) => (await pool.query(sql, params)).rows;
  const refresh = createRegistryRefresh({
    source: databaseRegistrySource(query),
    intervalMs: config.registryRefreshMs,
    onError: (error) => logger.warn({ error: scrubbed(error instanceof Error ? error.message : String(error)) }, 'organisation registry not refreshed: the last good version stays'),
    onInstalled: (version) => logger.info({ version }, 'organisation registry version installed'),
  });
  let ended = false;
  return {
    query,
    refresh,
    async stop() {
      refresh.stop();
      // pg refuses a second end(); a service stopped twice must not fail on it.
      if (ended) return;
      ended = true;
      await pool.end();
    },
  };
}
