import { GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { Agent, fetch as undiciFetch } from 'undici';
import { GatewayContext } from './gateway.context';
import { startSubgraphCall } from '../subgraphs/common/server/tracing';
import type { Span } from '@opentelemetry/api';
import type { LocalExchange } from '../subgraphs/common/server/graphql-exchange';

/**
 * Calls one subgraph with the caller's own token and purpose headers: the subgraph checks
 * them again itself. A timeout per call, because @apollo/gateway has none of its own.
 */
const calls = new WeakMap<object, Span>();

/**
 * Idle connections to the subgraphs are dropped by the gateway after 10 s, long before a
 * subgraph's server closes them (its keepAliveTimeout is 65 s: create-subgraph-server.ts). With
 * the defaults both sides give up after about 5 s, and a write sent on a connection the subgraph
 * was closing at that moment ends with its outcome unknown. A dispatcher of our own, not the
 * global one, so the margin holds whatever the subgraph's Keep-Alive header says.
 */
export const SUBGRAPH_DISPATCHER = new Agent({ keepAliveTimeout: 10_000, keepAliveMaxTimeout: 10_000 });

export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    readonly name: string,
    url: string,
    timeoutMs: number,
    inProcess?: ReadonlyMap<string, LocalExchange>,
    onCall?: (transport: 'in-process' | 'http') => void,
  ) {
    super({
      url,
      fetcher: async (input, init) => {
        const local = inProcess?.get(name);
        onCall?.(local ? 'in-process' : 'http');
        const attempt = async () =>
          (local
            ? await callInProcess(local, init, timeoutMs)
            : await undiciFetch(input as string, { ...(init as object), dispatcher: SUBGRAPH_DISPATCHER, signal: AbortSignal.timeout(timeoutMs) })) as never;
        try {
          try {
            return await attempt();
          } catch (error) {
            // A kept-alive connection the subgraph closed as idle just as this request went out: the
            // request never reached it. A read is safe to send once more on a fresh connection; a
            // write is not (its outcome is then unknown and the caller repeats it by idempotency key).
            if (!isStaleConnection(error) || isMutation(init)) throw error;
            return await attempt();
          }
        } catch (error) {
          // Refused, reset or timed out: say which agency is missing, not which socket failed.
          // 'timeout' and 'connection-lost' leave a write's outcome unknown (request-id.ts says so); 'unreachable' never reached it.
          const timedOut = (error as Error | null)?.name === 'TimeoutError';
          const reason = timedOut ? 'timeout' : isStaleConnection(error) ? 'connection-lost' : 'unreachable';
          throw new GraphQLError(`subgraph ${name} unreachable`, {
            extensions: { code: 'SUBGRAPH_UNAVAILABLE', service: name, reason },
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

/**
 * A subgraph in this process, called with the request the gateway would have sent over HTTP (its
 * headers and JSON body) and within the same timeout; the subgraph checks it as it checks any.
 */
async function callInProcess(exchange: LocalExchange, init: unknown, timeoutMs: number): Promise<Response> {
  const { method, headers, body } = init as { method?: string; headers?: ConstructorParameters<typeof Headers>[0]; body?: string };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('subgraph call timed out'), { name: 'TimeoutError' })), timeoutMs);
  });
  try {
    const answer = await Promise.race([exchange({ method: method ?? 'POST', headers: Object.fromEntries(new Headers(headers)), body: body ?? '' }), timeout]);
    // A refusal keeps the whole Response (errorFromResponse() reads it); a success needs only what
    // sendRequest() and parseBody() read, without a body stream to encode and decode again.
    if (answer.status < 200 || answer.status > 299) return new Response(answer.body, { status: answer.status, headers: answer.headers });
    return answeredInProcess(answer.status, answer.headers, answer.body);
  } finally {
    clearTimeout(timer);
  }
}

/** The part of a fetch Response that RemoteGraphQLDataSource reads of a successful answer. */
function answeredInProcess(status: number, headers: Array<[string, string]>, body: string): Response {
  return {
    ok: true,
    status,
    statusText: 'OK',
    url: '',
    headers: new Headers(headers),
    json: async () => JSON.parse(body) as unknown,
    text: async () => body,
  } as unknown as Response;
}

/** The socket was closed or reset under the request (undici's "other side closed"), not refused or timed out. */
export function isStaleConnection(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } } | null)?.cause;
  return (error as Error | null)?.name === 'TypeError' && ['UND_ERR_SOCKET', 'ECONNRESET', 'UND_ERR_CLOSED', 'EPIPE'].includes(cause?.code ?? '');
}

function isMutation(init: unknown): boolean {
  const body = (init as { body?: unknown } | undefined)?.body;
  if (typeof body !== 'string') return true;
  try {
    return /^\s*mutation\b/.test(String((JSON.parse(body) as { query?: string }).query ?? ''));
  } catch {
    return true;
  }
}
