import { DataSource, MixedList, EntitySchema } from 'typeorm';
import { QueryCounter } from './query-counter';

export interface SubgraphDataSourceOptions {
  /** Subgraph name = PostgreSQL schema. */
  schema: string;
  url: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  poolSize?: number;
  applicationName?: string;
}

export interface SubgraphDataSource {
  dataSource: DataSource;
  queries: QueryCounter;
}

/**
 * One data source per subgraph, connected as the subgraph's own role, pinned to its own schema.
 * Schema changes happen only through migrations: `synchronize` stays off.
 */
export function createSubgraphDataSource(options: SubgraphDataSourceOptions): SubgraphDataSource {
  const queries = new QueryCounter();
  const dataSource = new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['query'],
    logger: queries,
    poolSize: options.poolSize ?? 10,
    extra: {
      application_name: options.applicationName ?? `hub-${options.schema}`,
      options: `-c search_path=${options.schema}`,
      // A fresh connection on a saturated host can take seconds to fork and authenticate; give it
      // as long as a statement may take rather than failing a write that would have gone through.
      connectionTimeoutMillis: 15000,
      // Kept a while rather than closed after pg's default 10 s, so a bursty load does not pay a
      // new connection per burst.
      idleTimeoutMillis: 60000,
      statement_timeout: 15000,
    },
  });
  return { dataSource, queries };
}

/** Connects and applies this subgraph's pending migrations. */
export async function openSubgraphDatabase(source: SubgraphDataSource): Promise<void> {
  if (!source.dataSource.isInitialized) await source.dataSource.initialize();
  await source.dataSource.runMigrations({ transaction: 'each' });
}
