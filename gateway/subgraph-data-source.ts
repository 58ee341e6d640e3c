import { GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { GatewayContext } from './gateway.context';

/**
 * Calls one subgraph with the caller's own token and purpose headers: the subgraph checks
 * them again itself. A timeout per call, because @apollo/gateway has none of its own.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(url: string, timeoutMs: number) {
    super({
      url,
      fetcher: (input, init) => fetch(input as string, { ...(init as RequestInit), signal: AbortSignal.timeout(timeoutMs) }) as never,
    });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    // Introspection and health probes arrive without a caller; they carry no headers on.
    const forwarded = (context as Partial<GatewayContext>).forwardedHeaders;
    if (!forwarded || !request.http) return;
    for (const [name, value] of Object.entries(forwarded)) request.http.headers.set(name, value);
  }
}
