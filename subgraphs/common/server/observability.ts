import type { ApolloServerPlugin } from '@apollo/server';
import { Request, Response } from 'express';
import pino from 'pino';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Logs and metrics of one service. Log lines are JSON (pino) and carry the request id, the
 * operation, the client and the outcome: never the document, the variables, a token or any
 * value from the answer, since all of those may hold children's personal data.
 */
let destination: pino.DestinationStream | undefined;
let destinationLevel: pino.LevelWithSilent = 'info';

/** Where every service of this process logs (tests read the lines; by default standard output), from which level. */
export function useLogDestination(stream: pino.DestinationStream | undefined, level: pino.LevelWithSilent = 'info'): void {
  destination = stream;
  destinationLevel = level;
}

export function createLogger(service: string) {
  const options: pino.LoggerOptions = {
    base: { service },
    level: destination ? destinationLevel : (process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info')),
    redact: { paths: ['authorization', '*.authorization', 'headers.authorization', 'token', '*.token'], censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}
export type Logger = ReturnType<typeof createLogger>;

/** Strips quoted values and key details from an error message before it is logged. */
export function scrubbed(message: string): string {
  return message
    .replace(/"[^"]*"/g, '"…"')
    .replace(/'[^']*'/g, "'…'")
    .replace(/\([^)]*\)=\([^)]*\)/g, '(…)=(…)')
    .slice(0, 500);
}

export function createMetrics(service: string) {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    requestDuration: new Histogram({
      name: 'hub_graphql_request_duration_seconds',
      help: 'Duration of GraphQL requests by operation and outcome',
      labelNames: ['operation', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    errors: new Counter({ name: 'hub_graphql_errors_total', help: 'GraphQL errors by subgraph and code', labelNames: ['subgraph', 'code'], registers: [registry] }),
    auditWrite: new Histogram({
      name: 'hub_audit_write_seconds',
      help: 'Latency of one group-committed audit write',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
    auditBatchSize: new Histogram({ name: 'hub_audit_batch_entries', help: 'Entries per audit write', buckets: [1, 2, 5, 10, 20, 50, 100, 500], registers: [registry] }),
    dbPool: new Gauge({ name: 'hub_db_pool_connections', help: 'Database pool connections by state', labelNames: ['state'], registers: [registry] }),
  };
}
export type Metrics = ReturnType<typeof createMetrics>;

/** The Prometheus scrape endpoint. */
export function metricsHandler(metrics: Metrics, beforeScrape: () => void = () => undefined) {
  return async (_req: Request, res: Response) => {
    beforeScrape();
    res.set('content-type', metrics.registry.contentType).send(await metrics.registry.metrics());
  };
}

/**
 * One log line and one histogram sample per request; error codes counted per subgraph. The
 * gateway logs each client request at `info`; a subgraph's lines repeat it once per subgraph
 * touched, so subgraphs pass `debug` (their failed requests still log at `info`).
 */
export function observabilityPlugin(
  service: string,
  logger: Logger,
  metrics: Metrics,
  requestLevel: 'info' | 'debug' = 'info',
): ApolloServerPlugin<{ meta?: { requestId: string }; principal?: { clientId: string } }> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ contextValue, response, operationName }) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          const codes = errors.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
          const errorsByService = errors.map((e) => [String(e.extensions?.service ?? e.extensions?.serviceName ?? service), String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR')]);
          const outcome = codes.length === 0 ? 'ok' : codes.every((c) => c === 'FORBIDDEN' || c === 'REDACTED') ? 'refused' : 'error';
          const operation = (operationName ?? 'anonymous').replace(/__[a-z]+__\d+$/, '');
          metrics.requestDuration.observe({ operation, outcome }, seconds);
          for (const [subgraph, code] of errorsByService) metrics.errors.inc({ subgraph, code });
          const level = outcome === 'error' ? 'info' : requestLevel;
          if (!logger.isLevelEnabled(level)) return;
          logger[level](
            { requestId: contextValue?.meta?.requestId, clientId: contextValue?.principal?.clientId, operation, outcome, errorCodes: codes, durationMs: Math.round(seconds * 1000) },
            'graphql request',
          );
        },
      };
    },
  };
}

/**
 * Sync metrics read from the database at scrape time, so they hold whichever process relays or
 * applies: an agency's outbox backlog (events not yet safe with the transport), and at the bank
 * the lag of the events applied in the last five minutes (source commit to bank commit) and the
 * refused ones.
 */
export function registerSyncMetrics(metrics: Metrics, service: string, query: (sql: string) => Promise<Array<Record<string, unknown>>>): void {
  if (service === 'audit') return;
  if (service !== 'bank') {
    new Gauge({
      name: 'hub_outbox_backlog',
      help: 'Outbox events not yet handed to the transport',
      registers: [metrics.registry],
      async collect() {
        const [row] = await query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`);
        this.set(Number(row.n));
      },
    });
    return;
  }
  new Gauge({
    name: 'hub_sync_lag_seconds',
    help: 'Lag from the source transaction to the bank applying it, events applied in the last 5 minutes',
    labelNames: ['quantile'],
    registers: [metrics.registry],
    async collect() {
      const [row] = await query(
        `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY lag) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY lag) AS p99
         FROM (SELECT EXTRACT(EPOCH FROM applied_at - occurred_at) AS lag FROM inbox WHERE applied_at > now() - interval '5 minutes') l`,
      );
      this.set({ quantile: '0.5' }, Number(row.p50 ?? 0));
      this.set({ quantile: '0.99' }, Number(row.p99 ?? 0));
    },
  });
  new Gauge({
    name: 'hub_sync_events_last_5m',
    help: 'Events the bank took in the last 5 minutes, by outcome (APPLIED, SUPERSEDED, REJECTED)',
    labelNames: ['outcome'],
    registers: [metrics.registry],
    async collect() {
      this.reset();
      for (const row of await query(`SELECT outcome, count(*)::int AS n FROM inbox WHERE applied_at > now() - interval '5 minutes' GROUP BY 1`))
        this.set({ outcome: String(row.outcome) }, Number(row.n));
    },
  });
}
