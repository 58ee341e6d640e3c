import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { HubError, RawGraphQLError, toHubError } from './hub-errors';

/** What a request answered: the data (possibly partial) and every error, each with the request id. */
export interface HubResult<T> {
  data: T | null;
  errors: HubError[];
  requestId: string | null;
}

export interface ClientOptions {
  graphqlUrl: string;
  /** The current access token; read per request so a renewed token is used at once. */
  token: () => string | null;
  onUnauthenticated?: () => void;
}

export interface RequestOptions {
  /** X-Hub-Purpose: every request for personal data states why. */
  purpose: string;
  caseNumber?: string;
}

/** Posts one typed operation to the gateway with the person's token. */
export function createGraphQLClient(options: ClientOptions) {
  async function request<T, V>(document: TypedDocumentNode<T, V>, variables: V, req: RequestOptions): Promise<HubResult<T>> {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-hub-purpose': req.purpose };
    const token = options.token();
    if (token) headers.authorization = `Bearer ${token}`;
    if (req.caseNumber) headers['x-hub-case'] = req.caseNumber;
    let response: Response;
    try {
      response = await fetch(options.graphqlUrl, { method: 'POST', headers, body: JSON.stringify({ query: print(document), variables }), cache: 'no-store', credentials: 'omit' });
    } catch {
      return { data: null, errors: [toHubError({ message: 'Нет связи с хабом: проверьте сеть и повторите' })], requestId: null };
    }
    const requestId = response.headers.get('x-request-id');
    let body: { data?: T | null; errors?: RawGraphQLError[] } = {};
    try {
      body = await response.json();
    } catch {
      body = { errors: [{ message: `Хаб ответил ${response.status} без данных` }] };
    }
    const errors = (body.errors ?? []).map((e) => toHubError(e, requestId));
    if (response.status === 401 || errors.some((e) => e.kind === 'unauthenticated')) options.onUnauthenticated?.();
    return { data: body.data ?? null, errors, requestId };
  }
  return { request };
}

export type GraphQLClient = ReturnType<typeof createGraphQLClient>;
