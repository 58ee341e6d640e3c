import request from 'supertest';
import type { AgencyCode } from '../../auth/principal';

export interface GraphQLResult<T = Record<string, unknown>> {
  status: number;
  data: T | null;
  errors: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }> | undefined;
}

/** What a test needs of a hub it reaches over HTTP: its gateway, its identity provider's tokens and its database. */
export interface HubClient {
  gatewayUrl: string;
  /** Each subgraph's own endpoint, for tests that call one directly (as a caller bypassing the gateway would). */
  subgraphUrls: Readonly<Record<string, string>>;
  adminUrl: string;
  tokenEndpoint: string;
  /** A real token from the identity provider's token endpoint, for an agency's system (client credentials). */
  systemToken(agency: Exclude<AgencyCode, 'kdn'>): Promise<string>;
  /** A real token for any confidential client with a service account (client credentials). */
  clientToken(clientId: string, secret: string): Promise<string>;
  /** A real token for a demo user (password grant through the KDN portal client). */
  userToken(username: string): Promise<string>;
  /** POSTs a GraphQL operation to the gateway (or to `url`, e.g. a subgraph called directly). */
  gql<T = Record<string, unknown>>(token: string | null, query: string, variables?: Record<string, unknown>, url?: string, headers?: Record<string, string>): Promise<GraphQLResult<T>>;
  stop(): Promise<void>;
}

export async function fetchToken(tokenEndpoint: string, form: Record<string, string>): Promise<string> {
  const response = await fetch(tokenEndpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
  const body = (await response.json()) as { access_token?: string; error?: string };
  if (!response.ok || !body.access_token) throw new Error(`token endpoint answered ${response.status} ${body.error}`);
  return body.access_token;
}

/** Tokens (fetched once per client or user) and GraphQL calls against a running hub. */
export function hubClient(hub: { gatewayUrl: string; subgraphUrls: Readonly<Record<string, string>>; adminUrl: string; tokenEndpoint: string }, stop: () => Promise<void>): HubClient {
  const cache = new Map<string, Promise<string>>();
  const cached = (key: string, get: () => Promise<string>) => {
    // A failed fetch is not kept: the next call asks again.
    if (!cache.has(key))
      cache.set(
        key,
        get().catch((error: unknown) => {
          cache.delete(key);
          throw error;
        }),
      );
    return cache.get(key)!;
  };
  const { tokenEndpoint } = hub;
  return {
    ...hub,
    systemToken: (agency) => cached(`system:${agency}`, () => fetchToken(tokenEndpoint, { grant_type: 'client_credentials', client_id: `${agency}-system`, client_secret: `dev-${agency}-secret` })),
    clientToken: (clientId, secret) => cached(`client:${clientId}`, () => fetchToken(tokenEndpoint, { grant_type: 'client_credentials', client_id: clientId, client_secret: secret })),
    userToken: (username) => cached(`user:${username}`, () => fetchToken(tokenEndpoint, { grant_type: 'password', client_id: 'kdn-portal', username, password: 'demo' })),
    async gql(token, query, variables = {}, url = hub.gatewayUrl, headers = {}) {
      const target = new URL(url);
      let req = request(target.origin).post(target.pathname).set('content-type', 'application/json').set('x-hub-purpose', 'INDIVIDUAL_PREVENTION');
      for (const [name, value] of Object.entries(headers)) req = req.set(name, value);
      if (token) req = req.set('authorization', `Bearer ${token}`);
      const response = await req.send({ query, variables });
      return { status: response.status, data: response.body?.data ?? null, errors: response.body?.errors };
    },
    stop,
  };
}
