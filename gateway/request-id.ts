import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { readRequestMeta } from '../auth/request-meta';
import { AGENCY_CAPTIONS } from '../schema/enums';
import { AgencyCode, isAgencyCode } from '../auth/principal';

/**
 * Every answer names its request id (the caller's X-Request-Id when harmless, else a new one): in
 * the X-Request-Id response header and in each error's extensions, so a person who reports an
 * error gives the operator the one key that finds its log lines, trace and access-log entries.
 * First on /graphql: even a request refused for overload or a bad token gets it.
 */
export const requestIdMiddleware: RequestHandler = (req, res, next) => {
  const { requestId } = readRequestMeta(req.headers);
  // Normalised on the request, so the context, the logs and the subgraphs all see this one id.
  req.headers['x-request-id'] = requestId;
  res.setHeader('X-Request-Id', requestId);
  res.locals.requestId = requestId;
  next();
};

/** The request id of an Express response (set by requestIdMiddleware). */
export function requestIdOf(res: { locals: Record<string, unknown> }): string {
  return typeof res.locals.requestId === 'string' ? res.locals.requestId : randomUUID();
}

/**
 * A write whose subgraph did not answer in time (or whose connection broke under it) may have been
 * committed after all: the answer must not say it failed. It says the outcome is unknown and how to
 * find out safely: read the state, or repeat with the same idempotency key, which returns the
 * stored record instead of writing twice. A subgraph that refused the connection never got the
 * write: that stays "unavailable".
 */
export function outcomeUnknown(error: GraphQLFormattedError): GraphQLFormattedError {
  const service = String(error.extensions?.service ?? '');
  const caption = isAgencyCode(service) ? AGENCY_CAPTIONS[service as AgencyCode] : 'Банк данных';
  return {
    message: `Сервис «${service}» (${caption}) не ответил вовремя: изменение могло быть сохранено. Проверьте состояние запросом или повторите изменение с тем же idempotencyKey: повтор с тем же ключом безопасен и вернёт сохранённую запись`,
    path: error.path,
    extensions: { code: 'OUTCOME_UNKNOWN', service, reason: error.extensions?.reason },
  };
}

const UNKNOWN_OUTCOME_REASONS = new Set(['timeout', 'connection-lost']);

export function requestIdPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart({ request }) {
      const requestId = request.http?.headers.get('x-request-id') ?? randomUUID();
      return {
        async willSendResponse({ response, operation }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          const isMutation = operation?.operation === 'mutation';
          response.body.singleResult.errors = response.body.singleResult.errors.map((error) => {
            const rewritten = isMutation && error.extensions?.code === 'SUBGRAPH_UNAVAILABLE' && UNKNOWN_OUTCOME_REASONS.has(String(error.extensions?.reason)) ? outcomeUnknown(error) : error;
            return { ...rewritten, extensions: { ...rewritten.extensions, requestId } };
          });
        },
      };
    },
  };
}

/** The same error with the request id among its extensions (its HTTP status and code kept). */
export function withId(error: unknown, requestId: string): unknown {
  if (!(error instanceof GraphQLError)) return error;
  return new GraphQLError(error.message, { nodes: error.nodes, originalError: error.originalError ?? undefined, extensions: { ...error.extensions, requestId } });
}

export async function withRequestId<T>(requestId: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw withId(error, requestId);
  }
}
