import { requestIdMiddleware, requestIdPlugin, withId, withRequestId } from './request-id';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { ApolloServerPlugin } from '@apollo/server';
import { checkSafelisted, loadSafelist } from './safelist/safelist';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { Counter, Gauge } from 'prom-client';
import { PrincipalResolver } from '../auth/principal';
import { createRegistryRefresh, httpRegistrySource } from '../auth/organisations/registry-refresh';
import { actingForHeader, FORWARDED_HEADERS, readRequestMeta } from '../auth/request-meta';
import { SubgraphName } from '../subgraphs/common/config';
import { createArmor, tokenLimit } from '../subgraphs/common/server/armor';
import { RunningService } from '../subgraphs/common/server/create-subgraph-server';
import { jsonBody } from '../subgraphs/common/server/graphql-exchange';
import { formatGatewayError } from './format-gateway-error';
import { createLogger, createMetrics, metricsHandler, observabilityPlugin } from '../subgraphs/common/server/observability';
import { setUpTracing, tracingPlugin } from '../subgraphs/common/server/tracing';
import { GatewayConfig } from './gateway.config';
import { admission, clientRateError, clientRateLimiter, DEFAULT_OVERLOAD } from './overload';
import { GatewayContext } from './gateway.context';
import { SubgraphDataSource } from './subgraph-data-source';
import { mountPortal } from './portal-static';

/**
 * The gateway authenticates early (a bad token never reaches a query plan), plans, and calls
 * the subgraphs with the caller's headers. Besides load limits (overload.ts) it enforces nothing: every subgraph decides
 * for itself, so any Federation 2 router could take this one's place.
 */
/** Each client runs only the operations registered for it: a stolen agency token cannot browse the graph. */
function safelistPlugin(): ApolloServerPlugin<GatewayContext> {
  const safelist = loadSafelist();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document }) {
          checkSafelisted(safelist, contextValue.principal.clientId, document);
        },
      };
    },
  };
}

export function buildGateway(config: GatewayConfig, verifier: PrincipalResolver) {
  process.env.APOLLO_TELEMETRY_DISABLED = '1';
  setUpTracing();
  const supergraphSdl = readFileSync(config.supergraphPath, 'utf8');
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const armor = createArmor('gateway');
  const logger = createLogger('gateway');
  const metrics = createMetrics('gateway');
  const subgraphCalls = new Counter({
    name: 'hub_gateway_subgraph_calls_total',
    help: 'Calls of the gateway to subgraphs, by subgraph and transport (in-process: a subgraph of the same process, without HTTP)',
    labelNames: ['subgraph', 'transport'],
    registers: [metrics.registry],
  });
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) =>
      new SubgraphDataSource(name, config.subgraphUrls[name as SubgraphName] ?? url!, config.subgraphTimeoutMs, config.inProcess, (transport) => subgraphCalls.inc({ subgraph: name, transport })),
  });
  const rejected = new Counter({
    name: 'hub_gateway_rejected_total',
    help: 'Requests refused before execution: 503 (queue-full, queue-timeout) or 429 (client-rate)',
    labelNames: ['reason'],
    registers: [metrics.registry],
  });
  const gate = admission(config.overload ?? DEFAULT_OVERLOAD, (reason) => rejected.inc({ reason }));
  new Gauge({
    name: 'hub_gateway_in_flight',
    help: 'GraphQL requests executing now',
    registers: [metrics.registry],
    collect() {
      this.set(gate.stats().inFlight);
    },
  });
  new Gauge({
    name: 'hub_gateway_queued',
    help: 'GraphQL requests waiting for a slot',
    registers: [metrics.registry],
    collect() {
      this.set(gate.stats().queued);
    },
  });
  const rateLimiter = config.clientRate ? clientRateLimiter(config.clientRate) : null;
  // The verifier checks organisations and allow-lists here too; the bank serves the registry's current version.
  const registry = config.registryUrl
    ? createRegistryRefresh({
        source: httpRegistrySource(config.registryUrl),
        intervalMs: config.registryRefreshMs,
        onError: (error) => logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'organisation registry not refreshed: the last good version stays'),
        onInstalled: (version) => logger.info({ version }, 'organisation registry version installed'),
      })
    : null;
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    ...armor,
    introspection: !config.production,
    formatError: formatGatewayError,
    plugins: [
      ...armor.plugins,
      requestIdPlugin(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // No answer of the hub may be cached; left on, the plugin wraps every field of every request.
      ApolloServerPluginCacheControlDisabled(),
      // The sandbox helps developers; in production it is off, like introspection.
      config.production ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault({ embed: true }),
      observabilityPlugin('gateway', logger, metrics),
      tracingPlugin('gateway'),
      ...(config.enforceSafelist ? [safelistPlugin()] : []),
    ],
  });

  app.get('/health/live', (_req, res) => {
    res.json({ status: 'live', service: 'gateway' });
  });
  app.get('/metrics', metricsHandler(metrics));
  // Ready when the identity provider's keys can be fetched (without them every request is refused)
  // and the bank answers (every view starts there). An agency that does not answer leaves the
  // gateway ready: its section is missing from answers, named, as designed; the probe lists it.
  // Every probe has its own timeout: a hanging dependency never hangs the answer.
  app.get('/health/ready', async (_req, res) => {
    const jwks = config.auth.jwksUri ?? `${config.auth.issuer}/protocol/openid-connect/certs`;
    const [keys, ...subgraphs] = await Promise.all([
      probeOk(jwks),
      ...Object.entries(config.subgraphUrls).map(async ([name, url]) => ({ name, ok: await probeOk(String(url).replace(/\/graphql$/, '/health/ready')) })),
    ]);
    const unreachable = subgraphs.filter((s) => !s.ok).map((s) => s.name);
    const failing = [...(keys ? [] : ['identity-provider-keys']), ...unreachable.filter((name) => name === 'bank')];
    const body = { service: 'gateway', unreachableSubgraphs: unreachable };
    if (failing.length) res.status(503).json({ status: 'not-ready', failing, ...body });
    else res.json({ status: unreachable.length ? 'degraded' : 'ready', ...body });
  });

  if (config.portalDir) mountPortal(app, { dir: config.portalDir, issuer: config.auth.issuer, clientId: 'kdn-portal' });

  async function start(): Promise<RunningService> {
    await registry?.refreshNow();
    registry?.start();
    await apollo.start();
    app.use(
      '/graphql',
      requestIdMiddleware,
      // First after the id: a refused request costs neither body parsing nor a token check.
      gate.middleware,
      ...jsonBody(),
      tokenLimit(),
      expressMiddleware(apollo, {
        context: async ({ req }): Promise<GatewayContext> => {
          // Refusals here (token, organisation, rate) come before any plugin sees the request: they carry the id themselves.
          const principal = await withRequestId(String(req.headers['x-request-id'] ?? ''), () => verifier.verify(req.headers.authorization, actingForHeader(req.headers)));
          // Keyed by the verified token, never by a claim the caller could forge: a person per user, the system per service account.
          const retryAfter = rateLimiter?.take(principal.isServiceAccount ? `client:${principal.clientId}` : `person:${principal.clientId}:${principal.subject}`) ?? 0;
          if (retryAfter > 0) {
            rejected.inc({ reason: 'client-rate' });
            throw withId(clientRateError(retryAfter), String(req.headers['x-request-id'] ?? ''));
          }
          const meta = readRequestMeta(req.headers);
          const forwardedHeaders: Record<string, string> = { 'x-request-id': meta.requestId };
          for (const name of FORWARDED_HEADERS) {
            const value = req.headers[name];
            if (typeof value === 'string' && name !== 'x-request-id') forwardedHeaders[name] = value;
          }
          return { principal, meta, forwardedHeaders };
        },
      }),
    );
    await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
    const { port } = httpServer.address() as AddressInfo;
    const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
    return {
      url: `http://${host}:${port}/graphql`,
      port,
      stop: async () => {
        registry?.stop();
        await apollo.stop();
      },
    };
  }

  return { app, apollo, httpServer, start, metrics, logger };
}

/** How long the gateway's readiness waits for each dependency. */
const PROBE_TIMEOUT_MS = 2000;

async function probeOk(url: string): Promise<boolean> {
  try {
    const answer = await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    await answer.body?.cancel();
    return answer.ok;
  } catch {
    return false;
  }
}
