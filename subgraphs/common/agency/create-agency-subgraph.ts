import { IResolvers } from '@graphql-tools/utils';
import { GraphQLSchema } from 'graphql';
import { NonEmptyArray } from 'type-graphql';
import { EntitySchema, MixedList } from 'typeorm';
import { PrincipalResolver } from '../../../auth/principal';
import { buildFederatedSchema } from '../../../schema/build-federated-schema';
import { loadIndicatorCatalogue } from '../../../schema/catalogue/indicator.catalogue';
import { AgencySubgraphName, SubgraphConfig } from '../config';
import { createSubgraphDataSource, openSubgraphDatabase, SubgraphDataSource } from '../db/data-source';
import { createSubgraphServer, RunningService, SharedInProcess } from '../server/create-subgraph-server';
import { createAgencyRecordsLoaders } from './agency-records.loaders';
import { Outbox1763800000099 } from '../events/outbox.migration';
import { AgencyRecords1763800000000 } from './agency-records.migration';
import { AgencyOrganisation1763800000010 } from './agency-organisation.migration';
import { MeasureEntity } from './measure.entity';
import { MeasureService } from './measure.service';
import { SignalEntity } from './signal.entity';
import { SignalService } from './signal.service';
import { bundleChildReads } from './child-reads.loaders';
import { createGrantVerifier } from '../../../auth/access/access-grant';
import { DataSource } from 'typeorm';

export interface AgencySubgraphDefinition<TFactLoaders, TServices> {
  agency: AgencySubgraphName;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: NonEmptyArray<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  orphanedTypes?: Function[];
  referenceResolvers: IResolvers;
  /** Per request: DataLoaders of the agency's own facts. */
  createFactLoaders: (dataSource: DataSource) => TFactLoaders;
  /** Once per process: the agency's own services, next to the shared signal and measure services. */
  createServices: (dataSource: DataSource) => TServices;
}

export interface AgencySubgraph extends SubgraphDataSource {
  schema: GraphQLSchema;
  start(): Promise<RunningService>;
}

/** Schemas are built once per process: type-graphql keeps its metadata globally. */
const schemas = new Map<string, Promise<GraphQLSchema>>();

export function agencySchema(definition: AgencySubgraphDefinition<unknown, unknown>): Promise<GraphQLSchema> {
  let schema = schemas.get(definition.agency);
  if (!schema) {
    schema = buildFederatedSchema({ resolvers: definition.resolvers, orphanedTypes: definition.orphanedTypes }, definition.referenceResolvers);
    schemas.set(definition.agency, schema);
  }
  return schema;
}

/**
 * The common shape of the five agency subgraphs: own data source and schema, the shared
 * signal and measure records, and the agency's own facts. Each agency's server.ts passes
 * its definition; nothing here knows which agency it serves.
 */
export async function createAgencySubgraph<TFactLoaders, TServices extends object>(
  definition: AgencySubgraphDefinition<TFactLoaders, TServices>,
  config: SubgraphConfig,
  verifier: PrincipalResolver,
  shared?: SharedInProcess,
): Promise<AgencySubgraph> {
  const source = createSubgraphDataSource({
    schema: definition.agency,
    url: config.databaseUrl,
    entities: [SignalEntity, MeasureEntity, ...(definition.entities as never[])],
    // The outbox: every change the data bank must learn of writes its event there, in the change's transaction.
    migrations: [AgencyRecords1763800000000, AgencyOrganisation1763800000010, Outbox1763800000099, ...definition.migrations],
    poolSize: config.poolSize,
  });
  await openSubgraphDatabase(source);
  const schema = await agencySchema(definition as AgencySubgraphDefinition<unknown, unknown>);
  const catalogue = loadIndicatorCatalogue();
  const { dataSource } = source;
  const services = {
    signals: new SignalService(dataSource, definition.agency, catalogue),
    measures: new MeasureService(dataSource, definition.agency),
    ...definition.createServices(dataSource),
  };
  const grants = createGrantVerifier(config.accessGrants.publicKey);
  const server = createSubgraphServer({
    config,
    schema,
    dataSource,
    verifier,
    createContext: () => {
      const records = createAgencyRecordsLoaders(dataSource);
      const facts = definition.createFactLoaders(dataSource);
      // A child's section costs one statement: the grant re-check and every table, together.
      return { services, records, facts, grants, subjects: bundleChildReads(dataSource, [records, facts as object]) };
    },
    shared,
  });
  return {
    ...source,
    schema,
    async start() {
      const running = await server.start();
      return {
        ...running,
        async stop() {
          await running.stop();
          await dataSource.destroy();
        },
      };
    },
  };
}
