import { GraphQLFormattedError } from 'graphql';
import { AGENCY_CAPTIONS } from '../schema/enums';
import { CLIENT_CODES, createErrorMasker } from '../subgraphs/common/server/format-error';
import { AgencyCode, isAgencyCode } from '../auth/principal';

const mask = createErrorMasker('gateway');

function serviceOf(error: GraphQLFormattedError): string | null {
  for (const key of ['service', 'serviceName']) {
    const name = error.extensions?.[key];
    if (typeof name === 'string') return name;
  }
  const match = /service "([a-z]+)"/.exec(error.message);
  return match ? match[1] : null;
}

/**
 * A subgraph that cannot be reached becomes one error naming the agency whose data is missing;
 * everything the other subgraphs answered still goes out. Subgraph errors meant for the
 * caller (bad input, forbidden) pass through; anything else is masked.
 */
export function formatGatewayError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  // The gateway's own refusal (gateway/overload.ts): the caller needs it as it is to back off.
  if (code === 'RATE_LIMITED') return { message: formatted.message, extensions: { code, retryAfterSeconds: formatted.extensions?.retryAfterSeconds } };
  const service = serviceOf(formatted);
  const unreachable = code === 'SUBGRAPH_UNAVAILABLE' || code === 'SUBREQUEST_HTTP_ERROR';
  if (service && unreachable) {
    const caption = isAgencyCode(service) ? AGENCY_CAPTIONS[service as AgencyCode] : 'Банк данных';
    return {
      message: `Сервис «${service}» (${caption}) недоступен: его данные в ответ не вошли`,
      path: formatted.path,
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', service, reason: formatted.extensions?.reason ?? 'unreachable' },
    };
  }
  // A subgraph's non-200 answer arrives wrapped with its internal URL and raw body: never pass those on.
  if (formatted.extensions && 'response' in formatted.extensions) {
    const { response: wrapped, ...extensions } = formatted.extensions;
    // A refusal the subgraph meant for the caller (its audit log down, say) keeps its own words.
    const inner = (wrapped as { body?: { errors?: GraphQLFormattedError[] } } | undefined)?.body?.errors?.[0];
    const innerCode = inner?.extensions?.code;
    if (inner && typeof innerCode === 'string' && CLIENT_CODES.has(innerCode)) {
      return { message: inner.message, path: formatted.path, extensions: { ...inner.extensions, code: innerCode } };
    }
    return mask({ ...formatted, message: 'Ошибка при обращении к сервису', extensions: { ...extensions, code: 'INTERNAL_SERVER_ERROR' } }, error);
  }
  return mask(formatted, error);
}
