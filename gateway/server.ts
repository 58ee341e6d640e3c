import { readFileSync } from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { ApolloServerPlugin } from '@apollo/server';
import { checkSafelisted, loadSafelist } from './safelist/safelist';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { PrincipalResolver } from '../auth/principal';
import { createRegistryRefresh, httpRegistrySource } from '../auth/organisations/registry-refresh';
import { actingForHeader, FORWARDED_HEADERS, readRequestMeta } from '../auth/request-meta';
import { SubgraphName } from '../subgraphs/common/config';
import { createArmor, tokenLimit } from '../subgraphs/common/server/armor';
import { jsonBody, RunningService } from '../subgraphs/common/server/create-subgraph-server';
import { formatGatewayError } from './format-gateway-error';
import { createLogger, createMetrics, metricsHandler, observabilityPlugin } from '../subgraphs/common/server/observability';
import { setUpTracing, tracingPlugin } from '../subgraphs/common/server/tracing';
import { GatewayConfig } from './gateway.config';
import { GatewayContext } from './gateway.context';
import { SubgraphDataSource } from './subgraph-data-source';

/**
 * The gateway authenticates early (a bad token never reaches a query plan), plans, and calls
 * the subgraphs with the caller's headers. It enforces nothing else: every subgraph decides
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
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => new SubgraphDataSource(name, config.subgraphUrls[name as SubgraphName] ?? url!, config.subgraphTimeoutMs),
  });
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const armor = createArmor('gateway');
  const logger = createLogger('gateway');
  const metrics = createMetrics('gateway');
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
      ApolloServerPluginDrainHttpServer({ httpServer }),
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
  // Ready when the identity provider's keys can be fetched: without them every request would be refused.
  app.get('/health/ready', async (_req, res) => {
    const jwks = config.auth.jwksUri ?? `${config.auth.issuer}/protocol/openid-connect/certs`;
    try {
      const answer = await fetch(jwks, { signal: AbortSignal.timeout(2000) });
      if (!answer.ok) throw new Error(String(answer.status));
      res.json({ status: 'ready', service: 'gateway' });
    } catch {
      res.status(503).json({ status: 'not-ready', service: 'gateway', failing: ['identity-provider-keys'] });
    }
  });

  async function start(): Promise<RunningService> {
    await registry?.refreshNow();
    registry?.start();
    await apollo.start();
    app.use(
      '/graphql',
      ...jsonBody(),
      tokenLimit(),
      expressMiddleware(apollo, {
        context: async ({ req }): Promise<GatewayContext> => {
          const principal = await verifier.verify(req.headers.authorization, actingForHeader(req.headers));
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
