import { AgencyCode } from '../../auth/principal';

/** Names of the six subgraphs; each is also its PostgreSQL schema and the suffix of its role. */
export const SUBGRAPH_NAMES = ['bank', 'education', 'health', 'police', 'social', 'guardianship'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];
export type AgencySubgraphName = Exclude<SubgraphName, 'bank'> & AgencyCode;

export interface AuthConfig {
  issuer: string;
  audience: string;
  allowedClients: string[];
  jwksUri?: string;
  jwksCacheMaxAgeMs?: number;
}

export interface SubgraphConfig {
  name: SubgraphName;
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  /** Connection string of this subgraph's own database role: it can reach only its own schema. */
  databaseUrl: string;
  auth: AuthConfig;
  /** Development turns on introspection; production turns it off. */
  production: boolean;
  poolSize: number;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function required(env: Env, key: string): string {
  const value = env[key];
  if (!value) throw new ConfigError(`Configuration: ${key} is required`);
  return value;
}

function integer(env: Env, key: string, fallback: number, min: number, max: number): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`Configuration: ${key}=${raw} must be an integer from ${min} to ${max}`);
  }
  return value;
}

function list(env: Env, key: string, fallback: string[]): string[] {
  const raw = env[key];
  return raw ? raw.split(',').map((s) => s.trim()).filter(Boolean) : fallback;
}

export const DEFAULT_ALLOWED_CLIENTS = [
  'education-system',
  'health-system',
  'police-system',
  'social-system',
  'guardianship-system',
  'kdn-portal',
  'regional-bank-sync',
];

/** Token checks shared by the gateway and every subgraph: read once, from the environment. */
export function authConfigFromEnv(env: Env): AuthConfig {
  return {
    issuer: required(env, 'AUTH_ISSUER'),
    audience: env.AUTH_AUDIENCE || 'hub-api',
    allowedClients: list(env, 'AUTH_ALLOWED_CLIENTS', DEFAULT_ALLOWED_CLIENTS),
    jwksUri: env.AUTH_JWKS_URI || undefined,
  };
}

/** The whole configuration of one subgraph process, validated at start (main.ts) and never re-read. */
export function subgraphConfigFromEnv(name: SubgraphName, env: Env): SubgraphConfig {
  const prefix = name.toUpperCase();
  return {
    name,
    host: env.HOST || '0.0.0.0',
    port: integer(env, `${prefix}_PORT`, integer(env, 'PORT', 4001, 0, 65535), 0, 65535),
    databaseUrl: required(env, `${prefix}_DATABASE_URL`),
    auth: authConfigFromEnv(env),
    production: env.NODE_ENV === 'production',
    poolSize: integer(env, 'DB_POOL_SIZE', 10, 1, 200),
  };
}
