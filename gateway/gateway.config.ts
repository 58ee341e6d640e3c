import path from 'node:path';
import { defaultPortalDir } from './portal-static';
import type { LocalOperation } from '../subgraphs/common/server/graphql-exchange';
import { ClientRateConfig, DEFAULT_CLIENT_RATE, DEFAULT_OVERLOAD, OverloadConfig } from './overload';
import { AuthConfig, HTTP_URL, readAuth, readRegistryRefreshMs, SUBGRAPH_NAMES, SubgraphName } from '../subgraphs/common/config';
import { checkEnv, Env, EnvCheck, flagRule, integerRule, optionalPortRule, optionalTextRule, textRule, urlRule } from '../subgraphs/common/env-check';

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
  /** The built KDN portal served under /portal/ (gateway/portal-static.ts); absent or null: none. */
  portalDir?: string | null;
  /** Subgraphs running in the gateway's own process (`npm start`), called without HTTP while present. */
  inProcess?: ReadonlyMap<string, LocalOperation>;
}

/** GATEWAY_MAX_CONCURRENT, GATEWAY_MAX_QUEUE, GATEWAY_QUEUE_TIMEOUT_MS, GATEWAY_RETRY_AFTER_S. */
function readOverload(check: EnvCheck): OverloadConfig {
  return {
    maxConcurrent: check.read('GATEWAY_MAX_CONCURRENT', integerRule(1, 10000, DEFAULT_OVERLOAD.maxConcurrent)),
    maxQueue: check.read('GATEWAY_MAX_QUEUE', integerRule(0, 100000, DEFAULT_OVERLOAD.maxQueue)),
    queueTimeoutMs: check.read('GATEWAY_QUEUE_TIMEOUT_MS', integerRule(1, 60000, DEFAULT_OVERLOAD.queueTimeoutMs, ' миллисекунд')),
    retryAfterSeconds: check.read('GATEWAY_RETRY_AFTER_S', integerRule(1, 3600, DEFAULT_OVERLOAD.retryAfterSeconds, ' секунд')),
  };
}

export function overloadConfigFromEnv(env: Env): OverloadConfig {
  return checkEnv(env, readOverload);
}

/** CLIENT_RATE_PER_S (0: no per-client limit) and CLIENT_RATE_BURST (at least 1, default twice the rate). */
function readClientRate(check: EnvCheck): ClientRateConfig | null {
  const perSecond = check.read('CLIENT_RATE_PER_S', integerRule(0, 100000, DEFAULT_CLIENT_RATE.perSecond));
  const burst = check.read('CLIENT_RATE_BURST', integerRule(1, 1000000, check.env.CLIENT_RATE_PER_S ? perSecond * 2 : DEFAULT_CLIENT_RATE.burst));
  return perSecond === 0 ? null : { perSecond, burst };
}

export function clientRateConfigFromEnv(env: Env): ClientRateConfig | null {
  return checkEnv(env, readClientRate);
}

export const DEFAULT_SUPERGRAPH_PATH = path.join(__dirname, '..', 'schema', 'supergraph.graphql');

/** The gateway's whole configuration, read once at start; every problem, production rules included, named in one message. */
export function gatewayConfigFromEnv(env: Env): GatewayConfig {
  return checkEnv(
    env,
    (check) => {
      const ownPort = check.read('GATEWAY_PORT', optionalPortRule());
      const sharedPort = check.read('PORT', optionalPortRule());
      const subgraphUrls: Partial<Record<SubgraphName, string>> = {};
      for (const name of SUBGRAPH_NAMES) {
        const url = check.read(`${name.toUpperCase()}_URL`, urlRule(HTTP_URL, false));
        if (url) subgraphUrls[name] = url;
      }
      const production = env.NODE_ENV === 'production';
      return {
        host: check.read('HOST', textRule('0.0.0.0')),
        port: ownPort ?? sharedPort ?? 4000,
        supergraphPath: check.readableFile('SUPERGRAPH_PATH') ?? DEFAULT_SUPERGRAPH_PATH,
        subgraphUrls,
        subgraphTimeoutMs: check.read('SUBGRAPH_TIMEOUT_MS', integerRule(100, 120000, 5000, ' миллисекунд')),
        auth: readAuth(check),
        production,
        enforceSafelist: check.read('SAFELIST_ENFORCE', flagRule(production)),
        // Beside the bank's GraphQL endpoint (BANK_URL), or where docker-compose runs the bank.
        registryUrl: check.read('REGISTRY_URL', urlRule(HTTP_URL, false)) ?? new URL('/registry', subgraphUrls.bank ?? 'http://bank:4001/graphql').toString(),
        registryRefreshMs: readRegistryRefreshMs(check),
        overload: readOverload(check),
        clientRate: readClientRate(check),
        portalDir: check.read('PORTAL_DIR', optionalTextRule) || defaultPortalDir(),
      };
    },
    { productionRules: true },
  );
}
