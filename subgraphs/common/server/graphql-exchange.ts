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

/**
 * A subgraph's GraphQL endpoint without its HTTP server: what the gateway calls when both run in
 * one process (`npm start`). The body is the JSON text the gateway would have sent over HTTP, and
 * the same rules apply to it (size, JSON, tokens, then the token check in the context).
 */
export type LocalExchange = (request: { method: string; headers: Record<string, string>; body: string }) => Promise<GraphQLExchangeResponse>;

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
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(request.headers)) if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: request.method.toUpperCase(), headers, search: request.search, body: request.body },
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

/** The same exchange for a caller in this process: the body arrives as JSON text and meets the HTTP body's rules. */
export function localExchange(exchange: (request: GraphQLExchangeRequest) => Promise<GraphQLExchangeResponse>): LocalExchange {
  return async ({ method, headers, body }) => {
    if (Buffer.byteLength(body) > BODY_LIMIT_BYTES) return { status: 413, headers: JSON_HEADERS, body: JSON.stringify(bodyError(true)) };
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return { status: 400, headers: JSON_HEADERS, body: JSON.stringify(bodyError(false)) };
    }
    return exchange({ method, headers, search: '', body: parsed });
  };
}
