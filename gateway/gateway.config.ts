import path from 'node:path';
import { AuthConfig, authConfigFromEnv, ConfigError, registryRefreshMsFromEnv, SUBGRAPH_NAMES, SubgraphName } from '../subgraphs/common/config';

export interface GatewayConfig {
  host: string;
  port: number;
  supergraphPath: string;
  /** Overrides of the routing URLs written in the supergraph (ports chosen at start, other hosts). */
  subgraphUrls: Partial<Record<SubgraphName, string>>;
  /** Per subgraph call; a slow agency must not hold the whole case view. */
  subgraphTimeoutMs: number;
  auth: AuthConfig;
  production: boolean;
  /** Only safelisted operations per client (gateway/safelist); on by default in production. */
  enforceSafelist: boolean;
  /**
   * The bank's `GET /registry`: the gateway has no database connection, so it takes the
   * organisation registry (public, no personal data) from the bank's HTTP server. Null: the file only.
   */
  registryUrl: string | null;
  registryRefreshMs?: number;
}

export const DEFAULT_SUPERGRAPH_PATH = path.join(__dirname, '..', 'schema', 'supergraph.graphql');

export function gatewayConfigFromEnv(env: Record<string, string | undefined>): GatewayConfig {
  const port = Number(env.GATEWAY_PORT ?? env.PORT ?? 4000);
  const timeout = Number(env.SUBGRAPH_TIMEOUT_MS ?? 5000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`Configuration: GATEWAY_PORT=${env.GATEWAY_PORT} is not a port`);
  if (!Number.isInteger(timeout) || timeout < 100 || timeout > 120000) throw new ConfigError(`Configuration: SUBGRAPH_TIMEOUT_MS=${env.SUBGRAPH_TIMEOUT_MS} must be 100..120000`);
  const subgraphUrls: Partial<Record<SubgraphName, string>> = {};
  for (const name of SUBGRAPH_NAMES) {
    const url = env[`${name.toUpperCase()}_URL`];
    if (url) subgraphUrls[name] = url;
  }
  return {
    host: env.HOST || '0.0.0.0',
    port,
    supergraphPath: env.SUPERGRAPH_PATH || DEFAULT_SUPERGRAPH_PATH,
    subgraphUrls,
    subgraphTimeoutMs: timeout,
    auth: authConfigFromEnv(env),
    production: env.NODE_ENV === 'production',
    enforceSafelist: env.SAFELIST_ENFORCE ? env.SAFELIST_ENFORCE === 'true' : env.NODE_ENV === 'production',
    // Beside the bank's GraphQL endpoint (BANK_URL), or where docker-compose runs the bank.
    registryUrl: env.REGISTRY_URL || new URL('/registry', subgraphUrls.bank ?? 'http://bank:4001/graphql').toString(),
    registryRefreshMs: registryRefreshMsFromEnv(env),
  };
}
