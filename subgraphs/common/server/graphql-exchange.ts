import { ApolloServer, BaseContext, HeaderMap } from '@apollo/server';
import express from 'express';
import { TOO_MANY_TOKENS, tooManyTokens } from './armor';

/** One GraphQL request as a subgraph receives it, whatever carried it (HTTP, or a call in the same process). */
export interface GraphQLExchangeRequest {
  method: string;
  /** Lower-case names, as Node's HTTP server gives them. */
  headers: Record<string, string | string[] | undefined>;
  search: string;
  /** The parsed JSON body. */
  body: unknown;
}

export interface GraphQLExchangeResponse {
  status: number;
  headers: Array<[string, string]>;
  body: string;
}

/** A GraphQL request as a router sends it to a subgraph (the JSON body's fields). */
export interface SubgraphOperation {
  query?: string;
  operationName?: string;
  variables?: Record<string, unknown>;
  extensions?: Record<string, unknown>;
}

/** A subgraph's answer to an in-process operation: the JSON body's value, never its text. */
export interface LocalAnswer {
  status: number;
  headers: Array<[string, string]>;
  result: Record<string, unknown>;
}

/**
 * A subgraph's GraphQL endpoint for the gateway of its own process, with the request and the
 * answer as values: nothing is written as JSON text to be parsed again on the other side. The
 * subgraph checks what it checks over HTTP (the token limit, the caller's token in the context,
 * every rule and plugin of Apollo Server); only the body's byte size has no meaning without a body.
 */
export type LocalOperation = (request: { headers: Record<string, string>; operation: SubgraphOperation }) => Promise<LocalAnswer>;

/** Largest request body: a little over 10 MB so that an oversized field meets its own rule, not a bare 413. */
const BODY_LIMIT_MB = 12;
const BODY_LIMIT_BYTES = BODY_LIMIT_MB * 1024 * 1024;

const JSON_HEADERS: Array<[string, string]> = [['content-type', 'application/json; charset=utf-8']];

function bodyError(tooLarge: boolean) {
  return {
    errors: [
      tooLarge
        ? { message: `Тело запроса больше ${BODY_LIMIT_MB}MB`, extensions: { code: 'PAYLOAD_TOO_LARGE', rule: 'body.maxSize' } }
        : { message: 'Тело запроса не является корректным JSON', extensions: { code: 'BAD_REQUEST', rule: 'body.json' } },
    ],
  };
}

/** JSON body parsing whose failures (too large, not JSON) answer as GraphQL errors, like everything else. */
export function jsonBody(): express.RequestHandler[] {
  const parse = express.json({ limit: BODY_LIMIT_BYTES });
  return [
    (req, res, next) =>
      parse(req, res, (error?: unknown) => {
        if (!error) return next();
        const tooLarge = (error as { type?: string }).type === 'entity.too.large';
        res.status(tooLarge ? 413 : 400).json(bodyError(tooLarge));
      }),
  ];
}

/**
 * The steps every GraphQL request of a subgraph takes after its body is parsed: the token limit,
 * a scope of its own around the whole handling (`scope`: the write ledger), then Apollo Server
 * with the context built from the request's headers.
 */
export function createExchange<TContext extends BaseContext>(
  apollo: ApolloServer<TContext>,
  scope: <T>(handle: () => T) => T,
  context: (headers: GraphQLExchangeRequest['headers']) => Promise<TContext>,
): (request: GraphQLExchangeRequest) => Promise<GraphQLExchangeResponse> {
  return async (request) => {
    if (tooManyTokens(request.body)) return { status: 400, headers: JSON_HEADERS, body: JSON.stringify(TOO_MANY_TOKENS) };
    return scope(async () => {
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: request.method.toUpperCase(), headers: headerMap(request.headers), search: request.search, body: request.body },
        context: () => context(request.headers),
      });
      let body: string;
      if (response.body.kind === 'complete') body = response.body.string;
      else {
        body = '';
        for await (const chunk of response.body.asyncIterator) body += chunk;
      }
      return { status: response.status ?? 200, headers: [...response.headers], body };
    });
  };
}

/**
 * The same steps as createExchange() without the HTTP envelope (see LocalOperation). A request
 * whose context cannot be built (token, organisation) is answered by `exchange` instead, so that
 * its refusal is, status and body, the one an HTTP caller gets.
 */
export function createLocalOperation<TContext extends BaseContext>(
  apollo: ApolloServer<TContext>,
  scope: <T>(handle: () => T) => T,
  context: (headers: GraphQLExchangeRequest['headers']) => Promise<TContext>,
  exchange: (request: GraphQLExchangeRequest) => Promise<GraphQLExchangeResponse>,
): LocalOperation {
  return async ({ headers, operation }) => {
    if (tooManyTokens(operation)) return { status: 400, headers: JSON_HEADERS, result: TOO_MANY_TOKENS };
    const answer = await scope(async (): Promise<LocalAnswer | null> => {
      let contextValue: TContext;
      try {
        contextValue = await context(headers);
      } catch {
        return null;
      }
      const http = { method: 'POST', headers: headerMap(headers), search: '', body: operation };
      const response = await apollo.executeOperation({ ...operation, http }, { contextValue });
      // No subgraph defers or streams: an incremental answer would be a new kind of caller.
      if (response.body.kind !== 'single') throw new Error('an incremental answer cannot be passed in process');
      return { status: response.http.status ?? 200, headers: [...JSON_HEADERS, ...response.http.headers], result: response.body.singleResult as Record<string, unknown> };
    });
    if (answer) return answer;
    const refused = await exchange({ method: 'POST', headers, search: '', body: operation });
    return { status: refused.status, headers: refused.headers, result: JSON.parse(refused.body) as Record<string, unknown> };
  };
}

function headerMap(headers: GraphQLExchangeRequest['headers']): HeaderMap {
  const map = new HeaderMap();
  for (const [key, value] of Object.entries(headers)) if (value !== undefined) map.set(key, Array.isArray(value) ? value.join(', ') : value);
  return map;
}

/** The HTTP server's route to an exchange (after jsonBody). */
export function exchangeRoute(exchange: (request: GraphQLExchangeRequest) => Promise<GraphQLExchangeResponse>): express.RequestHandler {
  return (req, res, next) => {
    const query = req.url.indexOf('?');
    exchange({ method: req.method, headers: req.headers, search: query >= 0 ? req.url.slice(query) : '', body: req.body }).then((response) => {
      for (const [key, value] of response.headers) res.setHeader(key, value);
      res.status(response.status).send(response.body);
    }, next);
  };
}
