import { AgencyCode } from '../../auth/principal';
import { DEFAULT_REGISTRY_FILE, loadOrganisationRegistry } from '../../auth/organisations/organisation-registry';
import { webhooksFromEnv, WebhookSystems } from './webhook-config';
import {
  checkEnv,
  choiceRule,
  durationMsRule,
  ed25519KeyRule,
  Env,
  EnvCheck,
  envRule,
  flagRule,
  integerRule,
  listRule,
  optionalPortRule,
  optionalTextRule,
  patternRule,
  refuse,
  requiredUrlRule,
  secret,
  textRule,
  urlProblem,
  urlRule,
} from './env-check';
import { createPrivateKey, createPublicKey } from 'node:crypto';

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
export { secret } from './env-check';

export const HTTP_URL = ['http:', 'https:'] as const;
const POSTGRES_URL = ['postgres:', 'postgresql:'] as const;
const NATS_URL = ['nats:', 'tls:', 'ws:', 'wss:'] as const;

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

/** Token checks shared by the gateway and every subgraph. */
export function readAuth(check: EnvCheck): AuthConfig {
  return {
    issuer: check.read('AUTH_ISSUER', requiredUrlRule(HTTP_URL)),
    audience: check.read('AUTH_AUDIENCE', textRule('hub-api')),
    allowedClients: check.read('AUTH_ALLOWED_CLIENTS', listRule(DEFAULT_ALLOWED_CLIENTS)),
    jwksUri: check.read('AUTH_JWKS_URI', urlRule(HTTP_URL, false)),
  };
}

export function authConfigFromEnv(env: Env): AuthConfig {
  return checkEnv(env, readAuth);
}

/** `REGISTRY_REFRESH_MS`: the gateway and every subgraph check the organisation registry this often. */
export function readRegistryRefreshMs(check: EnvCheck): number {
  return check.read('REGISTRY_REFRESH_MS', durationMsRule(100, 86_400_000, 30_000));
}

export function registryRefreshMsFromEnv(env: Env): number {
  return checkEnv(env, readRegistryRefreshMs);
}

/** `CASE_VIEW_NOTICE`: the bank tells curators when an organisation outside a case opens the child's card. */
export function caseViewNoticeFromEnv(env: Env): boolean {
  return checkEnv(env, (check) => check.read('CASE_VIEW_NOTICE', flagRule(false)));
}

/** Both keys must parse as Ed25519, and the bank's private key must sign what the agencies' public key verifies. */
function readAccessGrantKeys(check: EnvCheck, withPrivateKey: boolean): AccessGrantKeys {
  const publicKey = check.secret('ACCESS_GRANT_PUBLIC_KEY', { required: 'для проверки допусков банка', rule: ed25519KeyRule('public') });
  const privateKey = withPrivateKey ? check.secret('ACCESS_GRANT_PRIVATE_KEY', { required: 'банку: им он подписывает допуски', rule: ed25519KeyRule('private') }) : undefined;
  if (publicKey && privateKey && !isKeyPair(privateKey, publicKey)) {
    check.problem('ACCESS_GRANT_PRIVATE_KEY', 'не пара к ACCESS_GRANT_PUBLIC_KEY: ведомства не примут подписанные им допуски');
  }
  return { publicKey: publicKey ?? '', privateKey };
}

function isKeyPair(privatePem: string, publicPem: string): boolean {
  const derived = createPublicKey(createPrivateKey(privatePem)).export({ type: 'spki', format: 'der' });
  return derived.equals(createPublicKey(publicPem).export({ type: 'spki', format: 'der' }));
}

export function accessGrantKeysFromEnv(env: Env, withPrivateKey: boolean): AccessGrantKeys {
  return checkEnv(env, (check) => readAccessGrantKeys(check, withPrivateKey));
}

function readAuditSigning(check: EnvCheck): AuditSigning {
  return {
    privateKey: check.secret('AUDIT_SIGNING_KEY', { required: 'службе аудита: им подписываются контрольные точки журнала', rule: ed25519KeyRule('private') }) ?? '',
    keyId: check.read('AUDIT_SIGNING_KEY_ID', textRule('hub-audit-1')),
    intervalMs: check.read('AUDIT_CHECKPOINT_INTERVAL_MS', durationMsRule(1000, 86_400_000, 300_000)),
  };
}

export function auditSigningFromEnv(env: Env): AuditSigning {
  return checkEnv(env, readAuditSigning);
}

function readSubgraph(name: SubgraphName, check: EnvCheck): SubgraphConfig {
  const prefix = name.toUpperCase();
  const ownPort = check.read(`${prefix}_PORT`, optionalPortRule());
  const sharedPort = check.read('PORT', optionalPortRule());
  // Read for the production rules even where the bank's sync settings are not (a dev-…-secret is refused).
  check.secret('REGIONAL_PUSH_SECRET', { required: false });
  return {
    name,
    host: check.read('HOST', textRule('0.0.0.0')),
    port: ownPort ?? sharedPort ?? 4001,
    databaseUrl: check.read(`${prefix}_DATABASE_URL`, requiredUrlRule(POSTGRES_URL)),
    auth: readAuth(check),
    production: check.env.NODE_ENV === 'production',
    poolSize: check.read('DB_POOL_SIZE', integerRule(1, 200, 10)),
    accessGrants: name === 'audit' ? { publicKey: '' } : readAccessGrantKeys(check, name === 'bank'),
    auditPseudonymKey: check.secret('AUDIT_PSEUDONYM_KEY', { required: 'для псевдонимов в журнале доступа' }) ?? '',
    auditSigning: name === 'audit' ? readAuditSigning(check) : undefined,
    registryRefreshMs: readRegistryRefreshMs(check),
    caseViewNotice: check.read('CASE_VIEW_NOTICE', flagRule(false)),
  };
}

/** The whole configuration of one subgraph process, validated at start and never re-read; every problem named at once. */
export function subgraphConfigFromEnv(name: SubgraphName, env: Env): SubgraphConfig {
  return checkEnv(env, (check) => readSubgraph(name, check), { productionRules: true });
}

/** What a subgraph's main.ts reads: its own configuration and its events' in one pass, so one message lists every mistake. */
export function serviceConfigFromEnv(name: SubgraphName, env: Env): { config: SubgraphConfig; sync: SyncConfig } {
  return checkEnv(env, (check) => ({ config: readSubgraph(name, check), sync: readSync(check) }), { productionRules: true });
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
  /**
   * What the JetStream stream keeps (HUB_EVENT_STREAM_MAX_AGE_DAYS 7, HUB_EVENT_STREAM_MAX_MB 1024,
   * HUB_EVENT_STREAM_DISCARD new): applied to the stream at every start; the reasoning is in
   * events/hub-stream.ts. Absent: the defaults there.
   */
  streamLimits?: { maxAgeMs: number; maxBytes: number; discard: 'new' | 'old' };
  /** The regional bank's endpoint for push mode (none: it pulls with bankChanges). */
  regionalPush: { url: string; secret: string } | null;
  /**
   * Systems (OAuth clients of the organisation registry) that take by webhook the notifications
   * addressed to the organisations on their allow-list.
   */
  webhooks: WebhookSystems;
}

/** `WEBHOOK_<CLIENT_ID>_URL` / `_SECRET` per system of the registry; their problems join the others. */
function readWebhooks(check: EnvCheck): WebhookSystems {
  if (!Object.keys(check.env).some((key) => key.startsWith('WEBHOOK_'))) return {};
  const registry = loadOrganisationRegistry(check.env.HUB_ORGANISATIONS_FILE || DEFAULT_REGISTRY_FILE);
  const { webhooks, errors } = webhooksFromEnv(check.env, registry.data.systems, (key) => {
    const value = secret(check.env, key);
    check.resolvedSecrets[key] = value;
    return value;
  });
  check.addLines(errors);
  return webhooks;
}

/** NATS_URL: one server or several, comma-separated, as the client takes them. */
const natsUrlRule = envRule((value) => {
  if (value === undefined) return null;
  for (const server of value.split(',').map((s) => s.trim())) {
    const problem = urlProblem(server, NATS_URL);
    if (problem) return refuse(`${server}: ${problem}`);
  }
  return value;
});

function readNatsAuth(check: EnvCheck): SyncConfig['natsAuth'] {
  const user = check.read('NATS_USER', optionalTextRule);
  const pass = check.secret('NATS_PASSWORD', { required: false });
  if (pass && !user) check.problem('NATS_PASSWORD', 'задан (или NATS_PASSWORD_FILE) без NATS_USER');
  if (user && !pass) check.problem('NATS_USER', 'задан без NATS_PASSWORD (или NATS_PASSWORD_FILE)');
  const tlsCaFile = check.readableFile('NATS_TLS_CA_FILE');
  if (!user && !tlsCaFile) return undefined;
  return { user, pass, tlsCaFile };
}

export function readSync(check: EnvCheck): SyncConfig {
  const transport = check.read('HUB_EVENT_TRANSPORT', choiceRule(['inprocess', 'nats'] as const, 'inprocess'));
  const natsUrl = check.read('NATS_URL', natsUrlRule);
  if (transport === 'nats' && !check.env.NATS_URL) check.problem('NATS_URL', 'обязателен при HUB_EVENT_TRANSPORT=nats');
  const pushUrl = check.read('REGIONAL_PUSH_URL', urlRule(HTTP_URL, false));
  const pushSecret = check.secret('REGIONAL_PUSH_SECRET', { required: false });
  if (check.env.REGIONAL_PUSH_URL && !pushSecret) check.problem('REGIONAL_PUSH_SECRET', 'обязателен (или REGIONAL_PUSH_SECRET_FILE), если задан REGIONAL_PUSH_URL: им подписывается push');
  return {
    transport,
    natsUrl,
    natsAuth: readNatsAuth(check),
    stream: check.read('HUB_EVENT_STREAM', patternRule(/^[A-Za-z0-9_-]+$/, 'HUB_EVENTS', 'имя потока JetStream: латинские буквы, цифры, _ и -')),
    pollMs: check.read('OUTBOX_POLL_MS', durationMsRule(50, 60_000, 1000)),
    batchSize: check.read('OUTBOX_BATCH_SIZE', integerRule(1, 10_000, 500)),
    outboxRetentionDays: check.read('OUTBOX_RETENTION_DAYS', integerRule(0, 3650, 30, ' дней')),
    streamLimits: {
      maxAgeMs: check.read('HUB_EVENT_STREAM_MAX_AGE_DAYS', integerRule(1, 365, 7, ' дней')) * 86_400_000,
      maxBytes: check.read('HUB_EVENT_STREAM_MAX_MB', integerRule(16, 1_048_576, 1024, ' МБ')) * 1024 * 1024,
      discard: check.read('HUB_EVENT_STREAM_DISCARD', choiceRule(['new', 'old'] as const, 'new')),
    },
    regionalPush: pushUrl && pushSecret ? { url: pushUrl, secret: pushSecret } : null,
    webhooks: readWebhooks(check),
  };
}

export function syncConfigFromEnv(env: Env): SyncConfig {
  return checkEnv(env, readSync);
}
