import { randomUUID } from 'node:crypto';

/**
 * What a request says about itself besides the token: the purpose of use and the case it
 * concerns (X-Road's "issue" header is the model), and a request id for following it across
 * services. The gateway forwards exactly these headers to the subgraphs.
 */
export const HEADER_PURPOSE = 'x-hub-purpose';
export const HEADER_CASE = 'x-hub-case';
export const HEADER_REQUEST_ID = 'x-request-id';
/** The organisation a system acts for in this request (ОГРН), checked against its allow-list. */
export const HEADER_ORGANISATION = 'x-hub-organisation';
export const FORWARDED_HEADERS = ['authorization', HEADER_PURPOSE, HEADER_CASE, HEADER_REQUEST_ID, HEADER_ORGANISATION, 'traceparent', 'tracestate'] as const;

export interface RequestMeta {
  requestId: string;
  purpose: string | null;
  caseNumber: string | null;
}

type Headers = Record<string, string | string[] | undefined>;

function first(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

const SAFE_TOKEN = /^[A-Za-z0-9._:\-/№]{1,64}$/u;

export function readRequestMeta(headers: Headers): RequestMeta {
  const requestId = first(headers, HEADER_REQUEST_ID);
  const purpose = first(headers, HEADER_PURPOSE);
  const caseNumber = first(headers, HEADER_CASE);
  return {
    // A caller-chosen id is kept only if it is harmless to put in logs.
    requestId: requestId && SAFE_TOKEN.test(requestId) ? requestId : randomUUID(),
    purpose: purpose && SAFE_TOKEN.test(purpose) ? purpose : null,
    caseNumber: caseNumber && SAFE_TOKEN.test(caseNumber) ? caseNumber : null,
  };
}

/** The X-Hub-Organisation header as sent (the verifier checks it). */
export function actingForHeader(headers: Headers): string | undefined {
  return first(headers, HEADER_ORGANISATION);
}
