import { createPublicKey } from 'node:crypto';
import { GraphQLSchema } from 'graphql';
import { openAuditStore } from '../../auth/audit/audit-store';
import { PrincipalResolver } from '../../auth/principal';
import { buildFederatedSchema } from '../../schema/build-federated-schema';
import { ConfigError, SubgraphConfig } from '../common/config';
import { QueryCounter } from '../common/db/query-counter';
import { createSubgraphServer, RunningService } from '../common/server/create-subgraph-server';
import { AuditResolver } from './resolvers/audit.resolver';
import { AuditQueryService } from './services/audit-query.service';

let schema: Promise<GraphQLSchema> | undefined;

export function auditSchema(): Promise<GraphQLSchema> {
  schema ??= buildFederatedSchema({ resolvers: [AuditResolver] });
  return schema;
}

/**
 * The keeper of the access log: owns the audit schema (applies its migrations), signs the chain
 * head periodically, and answers the auditors. Builds without listening.
 */
export async function buildAuditSubgraph(config: SubgraphConfig, verifier: PrincipalResolver) {
  const queries = new QueryCounter();
  const signing = config.auditSigning;
  if (!signing) throw new ConfigError('The audit service needs its checkpoint signing key');
  const store = await openAuditStore(config.databaseUrl, queries);
  const signingPublicKey = createPublicKey(signing.privateKey).export({ type: 'spki', format: 'pem' }).toString();
  const services = { queries: new AuditQueryService(store.dataSource, config.auditPseudonymKey), store, signingPublicKey };
  const server = createSubgraphServer({ config, schema: await auditSchema(), dataSource: store.dataSource, verifier, createContext: () => ({ services }) });
  return {
    store,
    dataSource: store.dataSource,
    queries,
    /** The access log's writer of this service, which the other services of its process may share. */
    auditWriter: server.auditWriter,
    async start(): Promise<RunningService> {
      const running = await server.start();
      const timer = setInterval(() => void store.signCheckpoint(signing.privateKey, signing.keyId).catch(() => undefined), signing.intervalMs);
      timer.unref();
      return {
        ...running,
        async stop() {
          clearInterval(timer);
          await running.stop();
          await store.close();
        },
      };
    },
  };
}
