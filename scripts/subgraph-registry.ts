import { GraphQLSchema } from 'graphql';
import { PrincipalResolver } from '../auth/principal';
import { agencySchema } from '../subgraphs/common/agency/create-agency-subgraph';
import { SubgraphConfig, SubgraphName } from '../subgraphs/common/config';
import { SubgraphDataSource } from '../subgraphs/common/db/data-source';
import { RunningService } from '../subgraphs/common/server/create-subgraph-server';
import { bankSchema, buildBankSubgraph } from '../subgraphs/bank/server';
import { buildEducationSubgraph, educationSubgraph } from '../subgraphs/education/server';

export interface BuiltSubgraph extends SubgraphDataSource {
  start(): Promise<RunningService>;
}

interface Entry {
  build(config: SubgraphConfig, verifier: PrincipalResolver): Promise<BuiltSubgraph>;
  schema(): Promise<GraphQLSchema>;
  /** Where docker-compose runs it; the committed supergraph carries these URLs. */
  productionUrl: string;
  defaultPort: number;
}

/** Every subgraph the hub runs, in one place for the start script, composition and tests. */
export const SUBGRAPHS: Partial<Record<SubgraphName, Entry>> = {
  bank: { build: buildBankSubgraph, schema: bankSchema, productionUrl: 'http://bank:4001/graphql', defaultPort: 4001 },
  education: {
    build: buildEducationSubgraph,
    schema: () => agencySchema(educationSubgraph as never),
    productionUrl: 'http://education:4002/graphql',
    defaultPort: 4002,
  },
};
