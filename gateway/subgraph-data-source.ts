import { GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import type { Agent } from 'undici';
import { GatewayContext } from './gateway.context';
import { startSubgraphCall } from '../subgraphs/common/server/tracing';
import type { Span } from '@opentelemetry/api';
import type { LocalAnswer, LocalOperation, SubgraphOperation } from '../subgraphs/common/server/graphql-exchange';

/**
 * Calls one subgraph with the caller's own token and purpose headers: the subgraph checks
 * them again itself. A timeout per call, because @apollo/gateway has none of its own.
 */
const calls = new WeakMap<object, Span>();

type GatewayGraphQLResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

/**
 * Idle connections to the subgraphs are dropped by the gateway after 10 s, long before a
 * subgraph's server closes them (its keepAliveTimeout is 65 s: create-subgraph-server.ts). With
 * the defaults both sides give up after about 5 s, and a write sent on a connection the subgraph
 * was closing at that moment ends with its outcome unknown. A dispatcher of our own, not the
 * global one, so the margin holds whatever the subgraph's Keep-Alive header says.
 */
let dispatcher: Promise<{ agent: Agent; fetch: typeof import('undici').fetch }> | undefined;
/** Made on the first call over HTTP: a hub whose subgraphs all run in its own process never loads undici. */
export const subgraphDispatcher = () => (dispatcher ??= import('undici').then(({ Agent, fetch }) => ({ agent: new Agent({ keepAliveTimeout: 10_000, keepAliveMaxTimeout: 10_000 }), fetch })));

export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    readonly name: string,
    url: string,
    private readonly timeoutMs: number,
    private readonly inProcess?: ReadonlyMap<string, LocalOperation>,
    private readonly onCall?: (transport: 'in-process' | 'http') => void,
  ) {
    super({
      url,
      fetcher: async (input, init) => {
        onCall?.('http');
        const http = await subgraphDispatcher();
        const attempt = async () => (await http.fetch(input as string, { ...(init as object), dispatcher: http.agent, signal: AbortSignal.timeout(timeoutMs) })) as never;
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
          throw unavailable(name, error);
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

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    try {
      const local = this.inProcess?.get(this.name);
      return local ? await this.processInProcess(local, options) : await super.process(options);
    } finally {
      calls.get(options.request)?.end();
    }
  }

  /**
   * A subgraph of this process gets what the gateway would have sent over HTTP (the same headers,
   * set by willSendRequest, and the body's fields), within the same timeout, and answers with the
   * body's value: no JSON text is written and parsed again on either side. It checks the request as
   * it checks any. The subgraphs send no cache hints: the hub caches nothing.
   */
  private async processInProcess(local: LocalOperation, options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const { request } = options;
    const headers = new Headers(request.http?.headers as ConstructorParameters<typeof Headers>[0]);
    headers.set('Content-Type', 'application/json');
    request.http = { method: 'POST', url: this.url, headers: headers as never };
    await this.willSendRequest(options);
    if (!request.query) throw new Error('Missing query');
    this.onCall?.('in-process');
    const { http: _http, ...operation } = request;
    let answer: LocalAnswer;
    try {
      answer = await withinTimeout(local({ headers: Object.fromEntries(headers), operation: operation as SubgraphOperation }), this.timeoutMs);
    } catch (error) {
      throw unavailable(this.name, error);
    }
    const response = answeredInProcess(answer);
    // A refusal reads as it reads over HTTP: errorFromResponse() names its status and keeps its body.
    if (!response.ok) throw await this.errorFromResponse(response as never);
    return { ...answer.result, http: response as never };
  }
}

/** Refused, reset or timed out: say which agency is missing, not which socket failed. */
function unavailable(name: string, error: unknown): GraphQLError {
  // 'timeout' and 'connection-lost' leave a write's outcome unknown (request-id.ts says so); 'unreachable' never reached it.
  const timedOut = (error as Error | null)?.name === 'TimeoutError';
  const reason = timedOut ? 'timeout' : isStaleConnection(error) ? 'connection-lost' : 'unreachable';
  return new GraphQLError(`subgraph ${name} unreachable`, {
    extensions: { code: 'SUBGRAPH_UNAVAILABLE', service: name, reason },
  });
}

async function withinTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('subgraph call timed out'), { name: 'TimeoutError' })), timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The part of a fetch Response that RemoteGraphQLDataSource reads of an answer (status, headers, body). */
function answeredInProcess({ status, headers, result }: LocalAnswer): Response {
  const ok = status >= 200 && status <= 299;
  return {
    ok,
    status,
    // As undici's Response built from a status alone: a refusal's message reads "401: ".
    statusText: ok ? 'OK' : '',
    url: '',
    headers: new Headers(headers),
    json: async () => result,
    text: async () => JSON.stringify(result),
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
