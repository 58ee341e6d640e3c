import { generateGrantKeys } from '../auth/access/access-grant';
import { createTokenVerifier } from '../auth/verify/token-verifier';
import { generateKeyPairSync } from 'node:crypto';
import { AuditStore } from '../auth/audit/audit-store';
import { AuditWriter } from '../auth/audit/audit-writer';
import { buildGateway } from '../gateway/server';
import type { LocalOperation } from '../subgraphs/common/server/graphql-exchange';
import { DEFAULT_SUPERGRAPH_PATH } from '../gateway/gateway.config';
import { defaultPortalDir } from '../gateway/portal-static';
import { AUDIT, AuditSigning, AuthConfig, SUBGRAPH_NAMES, SubgraphName } from '../subgraphs/common/config';
import { bootstrapDatabase, roleFor, roleUrl } from '../subgraphs/common/db/bootstrap';
import { QueryCounter } from '../subgraphs/common/db/query-counter';
import { RunningService, SharedInProcess } from '../subgraphs/common/server/create-subgraph-server';
import { DataSource } from 'typeorm';
import { SUBGRAPHS } from './subgraph-registry';
import { SyncConfig } from '../subgraphs/common/config';
import { startSyncRuntime, SyncRuntime } from './sync-runtime';
import { createLogger } from '../subgraphs/common/server/observability';

export interface HubOptions {
  /** An administrator connection: creates the roles and schemas, then each subgraph uses its own role. */
  adminUrl: string;
  auth: AuthConfig;
  host?: string;
  /** 0 = free ports (tests); otherwise the gateway's port, subgraphs take their defaults. */
  gatewayPort?: number;
  subgraphPorts?: 'free' | 'default';
  subgraphTimeoutMs?: number;
  rolePassword?: (name: SubgraphName) => string;
  auditPseudonymKey?: string;
  auditSigning?: AuditSigning;
  /** The bank's grant keys; generated for this run when not given. */
  accessGrants?: { publicKey: string; privateKey: string };
  supergraphPath?: string;
  /** Production behaviour of the gateway: safelisted operations only, no introspection. */
  gatewayProduction?: boolean;
  /** How often every service checks the organisation registry for a newer version (`REGISTRY_REFRESH_MS`). */
  registryRefreshMs?: number;
  /** The bank tells curators when an organisation outside a case's team opens the child's card (`CASE_VIEW_NOTICE`). */
  caseViewNotice?: boolean;
  /**
   * Events from the outboxes to the bank, in-process (the default). `false`: no relay runs here
   * (a test that runs them in a separate process to kill it).
   */
  sync?: false | (Partial<Pick<SyncConfig, 'pollMs' | 'batchSize' | 'regionalPush' | 'webhooks'>> & { backoffBaseMs?: number });
  /** The built portal the gateway serves under /portal/; absent: portal/dist when built, null: none. */
  portalDir?: string | null;
  /**
   * The gateway calls the subgraphs in this process without HTTP (the default): the same request,
   * headers and checks, none of the sockets. `false`: over HTTP, as between separate processes.
   */
  inProcessCalls?: boolean;
  /**
   * Every service appends to the access log through the audit service's writer (the default): one
   * group commit for the process. `false`: each through its own role, as in separate processes.
   */
  sharedAuditWriter?: boolean;
}

export interface RunningSubgraph {
  name: SubgraphName;
  url: string;
  dataSource: DataSource;
  queries: QueryCounter;
  /** Its GraphQL endpoint without HTTP, the request and the answer as values: what the gateway in this process calls. */
  operation?: LocalOperation;
  stop(): Promise<void>;
}

export interface Hub {
  gatewayUrl: string;
  /** `http://host:port/portal/` on the gateway, or null when no portal is served. */
  portalUrl: string | null;
  audit: AuditStore;
  /** The key this run signs audit checkpoints with (development and tests only). */
  auditSigningKey: string;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  /** The relays, the bank's applier, push and webhooks (null when started with `sync: false`). */
  sync: SyncRuntime | null;
  /** Connection strings of each subgraph's own role. */
  roleUrls: Record<SubgraphName, string>;
  /** Stops one subgraph's HTTP server (the gateway keeps routing to its dead address). */
  stopSubgraph(name: SubgraphName): Promise<void>;
  stop(): Promise<void>;
}

export const devRolePassword = (name: SubgraphName) => `hub-${name}-dev-password`;
export { DEV_PSEUDONYM_KEY } from '../subgraphs/common/production-guard';
import { DEV_PSEUDONYM_KEY } from '../subgraphs/common/production-guard';

/** Starts the six subgraphs and the gateway in this process: `npm start` and the end-to-end tests. */
export async function startHub(options: HubOptions): Promise<Hub> {
  const host = options.host ?? '127.0.0.1';
  const password = options.rolePassword ?? devRolePassword;
  const names = [...SUBGRAPH_NAMES];
  await bootstrapDatabase(
    options.adminUrl,
    names.map((name) => roleFor(name, password(name))),
  );
  // The access log's keeper starts first: every other subgraph appends to its schema from its first request.
  names.sort((a, b) => (a === AUDIT ? -1 : b === AUDIT ? 1 : 0));
  const signingKey = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  let auditStore: AuditStore | undefined;
  const verifier = createTokenVerifier({ ...options.auth });
  const grantKeys = options.accessGrants ?? generateGrantKeys();
  const subgraphs = {} as Record<SubgraphName, RunningSubgraph>;
  const stopped = new Set<SubgraphName>();
  const inProcess = new Map<string, LocalOperation>();
  // The access log's keeper writes every service's entries in this process: one group commit for all.
  const shared: SharedInProcess = {};
  for (const name of names) {
    const entry = SUBGRAPHS[name];
    const built = await entry.build(
      {
        name,
        host,
        port: options.subgraphPorts === 'default' ? entry.defaultPort : 0,
        databaseUrl: roleUrl(options.adminUrl, roleFor(name, password(name))),
        auth: options.auth,
        production: false,
        poolSize: 10,
        accessGrants: name === 'bank' ? grantKeys : { publicKey: grantKeys.publicKey },
        auditPseudonymKey: options.auditPseudonymKey ?? DEV_PSEUDONYM_KEY,
        auditSigning: name === AUDIT ? (options.auditSigning ?? { privateKey: signingKey, keyId: 'dev-run', intervalMs: 60_000 }) : undefined,
        registryRefreshMs: options.registryRefreshMs,
        caseViewNotice: options.caseViewNotice ?? false,
      },
      verifier,
      shared,
    );
    const running: RunningService = await built.start();
    if ('store' in built) auditStore = built.store as AuditStore;
    if ('auditWriter' in built && options.sharedAuditWriter !== false) shared.auditWriter = built.auditWriter as AuditWriter;
    if (running.operation && options.inProcessCalls !== false) inProcess.set(name, running.operation);
    subgraphs[name] = { name, url: running.url, dataSource: built.dataSource, queries: built.queries, operation: running.operation, stop: running.stop };
  }
  const portalDir = options.portalDir === undefined ? defaultPortalDir() : options.portalDir;
  const gateway = await buildGateway(
    {
      host,
      port: options.gatewayPort ?? 0,
      supergraphPath: options.supergraphPath ?? DEFAULT_SUPERGRAPH_PATH,
      subgraphUrls: Object.fromEntries(names.map((name) => [name, subgraphs[name].url])),
      subgraphTimeoutMs: options.subgraphTimeoutMs ?? 5000,
      auth: options.auth,
      production: options.gatewayProduction ?? false,
      enforceSafelist: options.gatewayProduction ?? false,
      // As in production: the gateway takes the registry from the bank over HTTP, not from the database.
      registryUrl: new URL('/registry', subgraphs.bank.url).toString(),
      registryRefreshMs: options.registryRefreshMs,
      portalDir,
      inProcess,
    },
    verifier,
  ).start();

  const syncLog = createLogger('sync');
  const roleUrls = Object.fromEntries(names.map((name) => [name, roleUrl(options.adminUrl, roleFor(name, password(name)))])) as Record<SubgraphName, string>;
  const sync =
    options.sync === false
      ? null
      : await startSyncRuntime({
          bank: subgraphs.bank.dataSource,
          sources: names.filter((name) => name !== 'bank' && name !== AUDIT).map((name) => ({ name, databaseUrl: roleUrls[name] })),
          config: {
            transport: 'inprocess',
            natsUrl: null,
            stream: 'HUB_EVENTS',
            pollMs: options.sync?.pollMs ?? 1000,
            batchSize: options.sync?.batchSize ?? 500,
            regionalPush: options.sync?.regionalPush ?? null,
            webhooks: options.sync?.webhooks ?? {},
          },
          backoffBaseMs: options.sync?.backoffBaseMs,
          pseudonymKey: options.auditPseudonymKey ?? DEV_PSEUDONYM_KEY,
          onError: (where, error) => syncLog.warn({ where, err: error instanceof Error ? error.message : String(error) }, 'sync retry'),
        });

  async function stopSubgraph(name: SubgraphName): Promise<void> {
    if (stopped.has(name)) return;
    stopped.add(name);
    // The gateway keeps routing to its address, which no longer answers.
    inProcess.delete(name);
    await subgraphs[name].stop();
  }

  return {
    gatewayUrl: gateway.url,
    portalUrl: portalDir ? new URL('/portal/', gateway.url).toString() : null,
    audit: auditStore!,
    auditSigningKey: options.auditSigning?.privateKey ?? signingKey,
    subgraphs,
    sync,
    roleUrls,
    stopSubgraph,
    async stop() {
      await sync?.stop();
      await gateway.stop();
      // The keeper of the log stops last: the others may still be flushing entries.
      for (const name of [...names].reverse()) await stopSubgraph(name);
    },
  };
}
