import { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError } from 'graphql';
import { scrubbed } from './observability';

/** Codes whose message was written for the caller; anything else is masked. */
export const CLIENT_CODES = new Set([
  'BAD_USER_INPUT',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
  'SUBGRAPH_UNAVAILABLE',
  'AUDIT_UNAVAILABLE',
  'REDACTED',
  'OPERATION_NOT_REGISTERED',
  'ILLEGAL_TRANSITION',
  'PAYLOAD_TOO_LARGE',
]);

/**
 * Internal errors (a database message, a stack) never reach the caller: they may name tables
 * or echo personal data. The caller gets a request id to quote to support instead.
 */
export function createErrorMasker(
  service: string,
  log: (error: { name: string; message: string; code?: string }) => void = (e) => process.stderr.write(`${JSON.stringify({ level: 'error', service, msg: 'internal error', error: e })}\n`),
) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_CODES.has(code)) {
      const { stacktrace: _ignored, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    const original = unwrapResolverError(error);
    if (original instanceof GraphQLError && original.extensions?.code && CLIENT_CODES.has(String(original.extensions.code))) {
      return formatted;
    }
    // Database messages can quote the offending value: log the kind of failure, not the data.
    // Not every thrown thing is an Error (a subgraph's error object, a rejected plain value): name what it says, never "[object Object]".
    const failure = original instanceof Error ? original : new Error(describe(original));
    log({ name: failure.name, message: scrubbed(failure.message), code: (failure as { code?: string }).code });
    return {
      message: `Внутренняя ошибка сервиса ${service}`,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: 'INTERNAL_SERVER_ERROR', service },
    };
  };
}

function describe(value: unknown): string {
  if (value && typeof value === 'object') {
    const { message, code } = value as { message?: unknown; code?: unknown };
    if (typeof message === 'string') return typeof code === 'string' ? `${code}: ${message}` : message;
    try {
      return JSON.stringify(value).slice(0, 500);
    } catch {
      return Object.prototype.toString.call(value);
    }
  }
  return String(value);
}
