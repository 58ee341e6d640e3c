import { GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { GatewayContext } from './gateway.context';
import { startSubgraphCall } from '../subgraphs/common/server/tracing';
import type { Span } from '@opentelemetry/api';

/**
 * Calls one subgraph with the caller's own token and purpose headers: the subgraph checks
 * them again itself. A timeout per call, because @apollo/gateway has none of its own.
 */
const calls = new WeakMap<object, Span>();

export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    readonly name: string,
    url: string,
    timeoutMs: number,
  ) {
    super({
      url,
      fetcher: async (input, init) => {
        try {
          return (await fetch(input as string, { ...(init as RequestInit), signal: AbortSignal.timeout(timeoutMs) })) as never;
        } catch (error) {
          // Refused, reset or timed out: say which agency is missing, not which socket failed.
          const timedOut = error instanceof Error && error.name === 'TimeoutError';
          throw new GraphQLError(`subgraph ${name} unreachable`, {
            extensions: { code: 'SUBGRAPH_UNAVAILABLE', service: name, reason: timedOut ? 'timeout' : 'unreachable' },
          });
        }
      },
    });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    // Introspection and health probes arrive without a caller; they carry no headers on.
    const forwarded = (context as Partial<GatewayContext>).forwardedHeaders;
    if (!forwarded || !request.http) return;
    for (const [name, value] of Object.entries(forwarded)) if (name !== 'traceparent' && name !== 'tracestate') request.http.headers.set(name, value);
    // The subgraph continues this request's trace from the call's own span.
    const call = startSubgraphCall((context as Partial<GatewayContext>).traceSpan, this.name, request.http.headers);
    // Kept beside the request, not on it: the request object is what gets serialised to the subgraph.
    calls.set(request, call);
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    try {
      return await super.process(options);
    } finally {
      calls.get(options.request)?.end();
    }
  }
}
