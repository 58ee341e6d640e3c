import http from 'node:http';
import { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import express from 'express';
import { GraphQLSchema } from 'graphql';
import { DataSource } from 'typeorm';
import { actingForHeader, readRequestMeta } from '../../../auth/request-meta';
import { AuditCollector } from '../../../auth/audit/audit-entry';
import { auditPlugin } from '../../../auth/audit/audit-plugin';
import { AuditWriter, BatchObserver, createAuditWriter } from '../../../auth/audit/audit-writer';
import { WriteAuditSubscriber } from '../../../auth/audit/write-audit-subscriber';
import { createLedgerScope } from '../../../auth/audit/write-ledger';
import { PrincipalResolver } from '../../../auth/principal';
import { SubgraphConfig } from '../config';
import { preparedQuery } from '../db/prepared-query';
import { createArmor } from './armor';
import { createExchange, createLocalOperation, exchangeRoute, GraphQLExchangeRequest, jsonBody, LocalOperation } from './graphql-exchange';
import { SubgraphContext } from './context';
import { createErrorMasker } from './format-error';
import { nulGuardPlugin } from './nul-guard';
import { subgraphRegistry } from './registry-sync';
import { createLogger, createMetrics, metricsHandler, observabilityPlugin, registerSyncMetrics, scrubbed } from './observability';
import { setUpTracing, tracingPlugin } from './tracing';

export interface SubgraphServerOptions<TExtra> {
  config: SubgraphConfig;
  schema: GraphQLSchema;
  dataSource: DataSource;
  verifier: PrincipalResolver;
  /** Per-request additions to the context: fresh DataLoaders, the subgraph's services. */
  createContext: () => TExtra;
  /** What the services of one process share (scripts/hub.ts); a service alone has its own. */
  shared?: SharedInProcess;
}

/** Given by the process that runs several services; each service runs alone without it. */
export interface SharedInProcess {
  /**
   * The process's one writer of the access log: entries of every service in the process share
   * its group commit (one call of audit.append() for a case view's five agency sections instead
   * of five). Each entry is still the service's own and awaited before its answer leaves.
   */
  auditWriter?: AuditWriter;
}

/** Group commit into the access log over this data source's connections; its role may only call audit.append(). */
export function auditWriterOver(dataSource: DataSource, onBatch?: BatchObserver): AuditWriter {
  return createAuditWriter(
    async (entries) => {
      const [row] = await preparedQuery<{ positions: string[] }>(dataSource, 'SELECT audit.append($1::text[]) AS positions', [entries]);
      return row.positions.map(Number);
    },
    500,
    onBatch,
  );
}

export interface RunningService {
  url: string;
  port: number;
  /** A subgraph's GraphQL endpoint for a gateway in the same process, without HTTP (the gateway has none). */
  operation?: LocalOperation;
  stop(): Promise<void>;
}

/**
 * Builds (does not start) one subgraph's HTTP server. Every GraphQL request is authenticated
 * here, by the subgraph itself, whether it came through the gateway or not: the gateway is a
 * router, not a trust boundary.
 */
export function createSubgraphServer<TExtra extends object>(options: SubgraphServerOptions<TExtra>) {
  const { config, schema, dataSource, verifier } = options;
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  // The gateway drops its idle connections after 10 s (gateway/subgraph-data-source.ts): the server
  // keeps them far longer, so it never closes one under a request that is already on its way.
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;
  const armor = createArmor('subgraph');
  setUpTracing();
  const logger = createLogger(config.name);
  const metrics = createMetrics(config.name);
  registerSyncMetrics(metrics, config.name, (sql) => dataSource.query(sql));
  // Tokens and decisions read the organisation registry: each subgraph keeps it current from the bank.
  const registry = subgraphRegistry(config, logger);
  const observeAuditBatch: BatchObserver = (seconds, entries) => {
    metrics.auditWrite.observe(seconds);
    metrics.auditBatchSize.observe(entries);
  };
  const shared = options.shared?.auditWriter;
  // A shared writer tells each service of the calls that carried its entries: its scrape shows its own.
  const auditWriter: AuditWriter = shared
    ? { stats: shared.stats, append: (entry, _observer, group) => shared.append(entry, observeAuditBatch, group), expect: (group) => shared.expect(group) }
    : auditWriterOver(dataSource, observeAuditBatch);
  // Every transaction a request commits appends its own entry before COMMIT, on its own connection:
  // a write is stored with its entry or not at all, whichever service made it.
  if (!dataSource.isInitialized) throw new Error(`${config.name}: initialise the data source before building the server (TypeORM replaces its subscribers on initialize)`);
  const ledgers = createLedgerScope();
  dataSource.subscribers.push(
    new WriteAuditSubscriber({
      service: config.name,
      pseudonymKey: config.auditPseudonymKey,
      ledger: ledgers.current,
      onFailure: (error) => logger.error({ error: scrubbed(error instanceof Error ? error.message : String(error)) }, 'write entry not appended: the write is rolled back'),
    }),
  );
  const apollo = new ApolloServer<SubgraphContext<TExtra>>({
    schema,
    ...armor,
    introspection: !config.production,
    formatError: createErrorMasker(config.name, (error) => logger.error({ error }, 'internal error')),
    plugins: [
      ...armor.plugins,
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // Timing traces would tell any caller how long our queries take; the gateway does not need them.
      ApolloServerPluginInlineTraceDisabled(),
      // No answer of the hub may be cached; left on, the plugin wraps every field of every request.
      ApolloServerPluginCacheControlDisabled(),
      // A NUL in any string of the request is a field error, never a database failure.
      nulGuardPlugin(),
      auditPlugin({ service: config.name, writer: auditWriter, pseudonymKey: config.auditPseudonymKey }),
      // The gateway's line is the request's line at info; a subgraph's own is for debugging.
      observabilityPlugin(config.name, logger, metrics, 'debug'),
      tracingPlugin(config.name),
    ],
  });

  app.get('/health/live', (_req, res) => {
    res.json({ status: 'live', service: config.name });
  });
  app.get(
    '/metrics',
    metricsHandler(metrics, () => {
      // The pg pool behind TypeORM: how many connections exist, sit idle, or are waited for.
      const pool = (dataSource.driver as unknown as { master?: { totalCount: number; idleCount: number; waitingCount: number } }).master;
      if (!pool) return;
      metrics.dbPool.set({ state: 'total' }, pool.totalCount);
      metrics.dbPool.set({ state: 'idle' }, pool.idleCount);
      metrics.dbPool.set({ state: 'waiting' }, pool.waitingCount);
    }),
  );
  // A database that hangs must not hang the probe: the orchestrator needs an answer within its own timeout.
  app.get('/health/ready', async (_req, res) => {
    const outcome = await withTimeout(dataSource.query('SELECT 1'), READINESS_TIMEOUT_MS);
    if (outcome === 'ok') res.json({ status: 'ready', service: config.name });
    else res.status(503).json({ status: 'not-ready', service: config.name, failing: ['database'], reason: outcome });
  });

  async function start(): Promise<RunningService> {
    // The newest version before the first request, so a restarted service never decides with the file
    // after the administrator changed the registry (when the bank is not there yet, the file until it is).
    await registry.refresh.refreshNow();
    registry.refresh.start();
    await apollo.start();
    const contextOf = async (headers: GraphQLExchangeRequest['headers']): Promise<SubgraphContext<TExtra>> => {
      const context: SubgraphContext<TExtra> = {
        ...options.createContext(),
        principal: await verifier.verify(headers.authorization as string | undefined, actingForHeader(headers)),
        meta: readRequestMeta(headers),
        audit: new AuditCollector(),
        writes: ledgers.current(),
      };
      // Only now, with the caller verified, do the request's transactions get write entries.
      if (context.writes) context.writes.context = context;
      return context;
    };
    const exchange = createExchange(apollo, ledgers.run, contextOf);
    app.use('/graphql', ...jsonBody(), exchangeRoute(exchange));
    await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
    const { port } = httpServer.address() as AddressInfo;
    const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
    return {
      url: `http://${host}:${port}/graphql`,
      port,
      operation: createLocalOperation(apollo, ledgers.run, contextOf, exchange),
      stop: async () => {
        await apollo.stop();
        await registry.stop();
      },
    };
  }

  return { app, apollo, httpServer, start, auditWriter, metrics, logger, registry };
}

/** How long a readiness probe waits for the database before it answers "not ready". */
export const READINESS_TIMEOUT_MS = 2000;

/** 'ok', 'error' or 'timeout', never a hang; a late answer is dropped. */
export async function withTimeout(work: Promise<unknown>, ms: number): Promise<'ok' | 'error' | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([
      work.then(
        () => 'ok' as const,
        () => 'error' as const,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
