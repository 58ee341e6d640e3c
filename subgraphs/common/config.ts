import { readFileSync } from 'node:fs';
import { AgencyCode } from '../../auth/principal';
import { DEFAULT_REGISTRY_FILE, loadOrganisationRegistry } from '../../auth/organisations/organisation-registry';
import { webhooksFromEnv, WebhookSystems } from './webhook-config';

/** The six subgraphs that hold a child's case data (each contributes to Child). */
export const CASE_SUBGRAPHS = ['bank', 'education', 'health', 'police', 'social', 'guardianship'] as const;
/** Every subgraph; each is also its PostgreSQL schema and the suffix of its role. `audit` serves the auditors. */
export const SUBGRAPH_NAMES = [...CASE_SUBGRAPHS, 'audit'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];
/** The audit schema's owner: not a subgraph, only the keeper of the access log. */
export const AUDIT = 'audit' as const;

export type AgencySubgraphName = Exclude<SubgraphName, 'bank' | 'audit'> & AgencyCode;

export interface AuthConfig {
  issuer: string;
  audience: string;
  allowedClients: string[];
  jwksUri?: string;
  jwksCacheMaxAgeMs?: number;
}

/**
 * Keys of the bank's access grants (auth/access/access-grant.ts): the bank signs with the private
 * key, agency subgraphs verify with the public one.
 */
export interface AccessGrantKeys {
  publicKey: string;
  /** Only the bank holds it. */
  privateKey?: string;
}

/** The audit service's checkpoint signing: an Ed25519 private key (PEM) only that service holds. */
export interface AuditSigning {
  privateKey: string;
  keyId: string;
  intervalMs: number;
}

export function auditSigningFromEnv(env: Env): AuditSigning {
  const privateKey = secret(env, 'AUDIT_SIGNING_KEY');
  if (!privateKey) throw new ConfigError('Configuration: AUDIT_SIGNING_KEY (or AUDIT_SIGNING_KEY_FILE) is required by the audit service');
  return { privateKey, keyId: env.AUDIT_SIGNING_KEY_ID || 'hub-audit-1', intervalMs: integer(env, 'AUDIT_CHECKPOINT_INTERVAL_MS', 300_000, 1000, 86_400_000) };
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
  accessGrants: AccessGrantKeys;
  /** HMAC key that pseudonymises child and family ids in the audit log (stable, so auditors can search). */
  auditPseudonymKey: string;
  /** Only the audit service. */
  auditSigning?: AuditSigning;
  /** How often the organisation registry is checked for a newer version (`REGISTRY_REFRESH_MS`, default 30 s). */
  registryRefreshMs?: number;
  /** The bank: tell a case's curator when an organisation outside the case's team opens the child's card (`CASE_VIEW_NOTICE`, default false). */
  caseViewNotice?: boolean;
}

export { ConfigError } from './config-error';
import { ConfigError } from './config-error';
import { refuseDevelopmentSettings } from './production-guard';

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
  'education-regional',
  'health-regional',
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

/**
 * A secret or key from the environment: the value itself, or a file named by <KEY>_FILE (container
 * secrets). A file's trailing line break is not part of the secret (`echo s > file` writes one):
 * kept, it would change every HMAC made with it, the auditors' searches and receivers' signatures.
 */
export function secret(env: Env, key: string): string | undefined {
  const file = env[`${key}_FILE`];
  if (file) return readFileSync(file, 'utf8').replace(/[\r\n]+$/, '');
  // The same rule for a variable: a file and a variable holding the same secret give the same value.
  return env[key] ? env[key]!.replace(/\\n/g, '\n').replace(/[\r\n]+$/, '') : undefined;
}

export function accessGrantKeysFromEnv(env: Env, withPrivateKey: boolean): AccessGrantKeys {
  const publicKey = secret(env, 'ACCESS_GRANT_PUBLIC_KEY');
  if (!publicKey) throw new ConfigError('Configuration: ACCESS_GRANT_PUBLIC_KEY (or ACCESS_GRANT_PUBLIC_KEY_FILE) is required');
  const privateKey = withPrivateKey ? secret(env, 'ACCESS_GRANT_PRIVATE_KEY') : undefined;
  if (withPrivateKey && !privateKey) throw new ConfigError('Configuration: ACCESS_GRANT_PRIVATE_KEY (or ACCESS_GRANT_PRIVATE_KEY_FILE) is required by the bank');
  return { publicKey, privateKey };
}

/** `REGISTRY_REFRESH_MS`: the gateway and every subgraph check the organisation registry this often. */
export function registryRefreshMsFromEnv(env: Env): number {
  return integer(env, 'REGISTRY_REFRESH_MS', 30_000, 100, 86_400_000);
}

/** The whole configuration of one subgraph process, validated at start (main.ts) and never re-read. */
export function subgraphConfigFromEnv(name: SubgraphName, env: Env): SubgraphConfig {
  const prefix = name.toUpperCase();
  refuseDevelopmentSettings(env, { pseudonymKey: secret(env, 'AUDIT_PSEUDONYM_KEY'), secrets: { REGIONAL_PUSH_SECRET: secret(env, 'REGIONAL_PUSH_SECRET') } });
  return {
    name,
    host: env.HOST || '0.0.0.0',
    port: integer(env, `${prefix}_PORT`, integer(env, 'PORT', 4001, 0, 65535), 0, 65535),
    databaseUrl: required(env, `${prefix}_DATABASE_URL`),
    auth: authConfigFromEnv(env),
    production: env.NODE_ENV === 'production',
    poolSize: integer(env, 'DB_POOL_SIZE', 10, 1, 200),
    accessGrants: name === 'audit' ? { publicKey: '' } : accessGrantKeysFromEnv(env, name === 'bank'),
    auditPseudonymKey: secret(env, 'AUDIT_PSEUDONYM_KEY') ?? required(env, 'AUDIT_PSEUDONYM_KEY'),
    auditSigning: name === 'audit' ? auditSigningFromEnv(env) : undefined,
    registryRefreshMs: registryRefreshMsFromEnv(env),
    caseViewNotice: caseViewNoticeFromEnv(env),
  };
}

/** `CASE_VIEW_NOTICE`: the bank tells curators when an organisation outside a case opens the child's card. */
export function caseViewNoticeFromEnv(env: Env): boolean {
  return flag(env, 'CASE_VIEW_NOTICE', false);
}

function flag(env: Env, key: string, fallback: boolean): boolean {
  const value = env[key];
  if (value === undefined || value === '') return fallback;
  if (value !== 'true' && value !== 'false') throw new ConfigError(`Configuration: ${key} must be true or false, got ${JSON.stringify(value)}`);
  return value === 'true';
}

/** How events travel from the outboxes to the bank, and where the bank pushes what it learns. */
export interface SyncConfig {
  /** `inprocess`: one process runs everything (npm start); `nats`: NATS JetStream between processes and machines. */
  transport: 'inprocess' | 'nats';
  natsUrl: string | null;
  /** NATS_USER, NATS_PASSWORD(_FILE), NATS_TLS_CA_FILE: production NATS admits only its users, over TLS. */
  natsAuth?: { user?: string; pass?: string; tlsCaFile?: string };
  stream: string;
  pollMs: number;
  batchSize: number;
  /** Days a published agency outbox row is kept (the bank's inbox keeps the record of it). */
  outboxRetentionDays: number;
  /** The regional bank's endpoint for push mode (none: it pulls with bankChanges). */
  regionalPush: { url: string; secret: string } | null;
  /**
   * Systems (OAuth clients of the organisation registry) that take by webhook the notifications
   * addressed to the organisations on their allow-list.
   */
  webhooks: WebhookSystems;
}

/** `WEBHOOK_<CLIENT_ID>_URL` / `_SECRET` per system of the registry; every mistake reported at once. */
function webhooksConfigFromEnv(env: Env): WebhookSystems {
  if (!Object.keys(env).some((key) => key.startsWith('WEBHOOK_'))) return {};
  const registry = loadOrganisationRegistry(env.HUB_ORGANISATIONS_FILE || DEFAULT_REGISTRY_FILE);
  const { webhooks, errors } = webhooksFromEnv(env, registry.data.systems, (key) => secret(env, key));
  if (errors.length) throw new ConfigError(`Configuration: ошибки в настройке вебхуков:\n- ${errors.join('\n- ')}`);
  return webhooks;
}

function natsAuthFromEnv(env: Env): SyncConfig['natsAuth'] {
  const user = env.NATS_USER || undefined;
  const pass = secret(env, 'NATS_PASSWORD');
  if (pass && !user) throw new ConfigError('Configuration: NATS_PASSWORD (or _FILE) is given without NATS_USER');
  if (user && !pass) throw new ConfigError('Configuration: NATS_USER is given without NATS_PASSWORD (or NATS_PASSWORD_FILE)');
  const tlsCaFile = env.NATS_TLS_CA_FILE || undefined;
  if (!user && !tlsCaFile) return undefined;
  return { user, pass, tlsCaFile };
}

export function syncConfigFromEnv(env: Env): SyncConfig {
  const transport = env.HUB_EVENT_TRANSPORT || 'inprocess';
  if (transport !== 'inprocess' && transport !== 'nats') throw new ConfigError(`Configuration: HUB_EVENT_TRANSPORT=${transport} must be inprocess or nats`);
  if (transport === 'nats' && !env.NATS_URL) throw new ConfigError('Configuration: NATS_URL is required when HUB_EVENT_TRANSPORT=nats');
  const pushUrl = env.REGIONAL_PUSH_URL;
  const pushSecret = secret(env, 'REGIONAL_PUSH_SECRET');
  if (pushUrl && !pushSecret) throw new ConfigError('Configuration: REGIONAL_PUSH_SECRET (or _FILE) is required with REGIONAL_PUSH_URL');
  const webhooks = webhooksConfigFromEnv(env);
  return {
    transport,
    natsUrl: env.NATS_URL || null,
    natsAuth: natsAuthFromEnv(env),
    stream: env.HUB_EVENT_STREAM || 'HUB_EVENTS',
    pollMs: integer(env, 'OUTBOX_POLL_MS', 1000, 50, 60_000),
    batchSize: integer(env, 'OUTBOX_BATCH_SIZE', 500, 1, 10_000),
    outboxRetentionDays: integer(env, 'OUTBOX_RETENTION_DAYS', 30, 0, 3650),
    regionalPush: pushUrl ? { url: pushUrl, secret: pushSecret! } : null,
    webhooks,
  };
}
