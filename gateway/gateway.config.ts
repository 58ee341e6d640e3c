import { refuseDevelopmentSettings } from '../subgraphs/common/production-guard';
import path from 'node:path';
import { ClientRateConfig, DEFAULT_CLIENT_RATE, DEFAULT_OVERLOAD, OverloadConfig } from './overload';
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
  /** Bounded concurrency and queue for /graphql (503 + Retry-After past them); DEFAULT_OVERLOAD when absent. */
  overload?: OverloadConfig;
  /**
   * Each client's own rate (429 + Retry-After past it); absent or null: none. From the environment
   * (the gateway's own process) DEFAULT_CLIENT_RATE unless CLIENT_RATE_PER_S says otherwise.
   */
  clientRate?: ClientRateConfig | null;
}

function integerSetting(env: Record<string, string | undefined>, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new ConfigError(`Configuration: ${name}=${raw} must be an integer ${min}..${max}`);
  return value;
}

/** GATEWAY_MAX_CONCURRENT, GATEWAY_MAX_QUEUE, GATEWAY_QUEUE_TIMEOUT_MS, GATEWAY_RETRY_AFTER_S. */
export function overloadConfigFromEnv(env: Record<string, string | undefined>): OverloadConfig {
  return {
    maxConcurrent: integerSetting(env, 'GATEWAY_MAX_CONCURRENT', DEFAULT_OVERLOAD.maxConcurrent, 1, 10000),
    maxQueue: integerSetting(env, 'GATEWAY_MAX_QUEUE', DEFAULT_OVERLOAD.maxQueue, 0, 100000),
    queueTimeoutMs: integerSetting(env, 'GATEWAY_QUEUE_TIMEOUT_MS', DEFAULT_OVERLOAD.queueTimeoutMs, 1, 60000),
    retryAfterSeconds: integerSetting(env, 'GATEWAY_RETRY_AFTER_S', DEFAULT_OVERLOAD.retryAfterSeconds, 1, 3600),
  };
}

/** CLIENT_RATE_PER_S (0: no per-client limit) and CLIENT_RATE_BURST (at least 1, default twice the rate). */
export function clientRateConfigFromEnv(env: Record<string, string | undefined>): ClientRateConfig | null {
  const perSecond = integerSetting(env, 'CLIENT_RATE_PER_S', DEFAULT_CLIENT_RATE.perSecond, 0, 100000);
  if (perSecond === 0) return null;
  const burst = integerSetting(env, 'CLIENT_RATE_BURST', env.CLIENT_RATE_PER_S ? perSecond * 2 : DEFAULT_CLIENT_RATE.burst, 1, 1000000);
  return { perSecond, burst };
}

export const DEFAULT_SUPERGRAPH_PATH = path.join(__dirname, '..', 'schema', 'supergraph.graphql');

export function gatewayConfigFromEnv(env: Record<string, string | undefined>): GatewayConfig {
  refuseDevelopmentSettings(env);
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
    overload: overloadConfigFromEnv(env),
    clientRate: clientRateConfigFromEnv(env),
  };
}
