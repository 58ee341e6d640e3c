import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { readFileSync } from 'node:fs';
import { FORWARDED_HEADERS } from '../../auth/request-meta';
import { routeSupergraph } from './hive-gateway';

/**
 * Stock @apollo/gateway (Elastic-2.0) on Apollo Server's standalone HTTP server: a bench target
 * showing what our gateway costs beyond the engine. It forwards the caller's headers and nothing
 * more: no token check before planning, no safelist, limits or timeouts.
 * Argument: JSON {supergraphPath, subgraphUrls, port?}; prints {"url": ...} once it listens.
 */
interface Context {
  headers: Record<string, string | string[] | undefined>;
}

class ForwardingDataSource extends RemoteGraphQLDataSource<Context> {
  override willSendRequest({ request, context }: Parameters<RemoteGraphQLDataSource<Context>['willSendRequest'] & object>[0]): void {
    const headers = (context as Partial<Context>).headers;
    if (!headers || !request.http) return;
    for (const name of FORWARDED_HEADERS) {
      const value = headers[name];
      if (typeof value === 'string') request.http.headers.set(name, value);
    }
  }
}

async function main(): Promise<void> {
  process.env.APOLLO_TELEMETRY_DISABLED = '1';
  const options = JSON.parse(process.argv[2]) as { supergraphPath: string; subgraphUrls: Record<string, string>; port?: number };
  const gateway = new ApolloGateway({
    supergraphSdl: routeSupergraph(readFileSync(options.supergraphPath, 'utf8'), options.subgraphUrls),
    buildService: ({ url }) => new ForwardingDataSource({ url }),
  });
  const server = new ApolloServer<Context>({ gateway });
  const { url } = await startStandaloneServer(server, { listen: { port: options.port ?? 0, host: '127.0.0.1' }, context: async ({ req }) => ({ headers: req.headers }) });
  process.stdout.write(`${JSON.stringify({ url: new URL('/graphql', url).toString() })}\n`);
  process.on('SIGTERM', () => void server.stop().then(() => process.exit(0)));
}

main().catch((error) => {
  process.stderr.write(`apollo-gateway: ${String(error)}\n`);
  process.exit(1);
});
