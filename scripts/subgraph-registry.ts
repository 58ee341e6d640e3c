import { GraphQLSchema } from 'graphql';
import { PrincipalResolver } from '../auth/principal';
import { agencySchema, AgencySubgraphDefinition, createAgencySubgraph } from '../subgraphs/common/agency/create-agency-subgraph';
import { SubgraphConfig, SubgraphName } from '../subgraphs/common/config';
import { SubgraphDataSource } from '../subgraphs/common/db/data-source';
import { RunningService, SharedInProcess } from '../subgraphs/common/server/create-subgraph-server';
import { bankSchema, buildBankSubgraph } from '../subgraphs/bank/server';
import { educationSubgraph } from '../subgraphs/education/server';
import { healthSubgraph } from '../subgraphs/health/server';
import { policeSubgraph } from '../subgraphs/police/server';
import { auditSchema, buildAuditSubgraph } from '../subgraphs/audit/server';
import { socialSubgraph } from '../subgraphs/social/server';
import { guardianshipSubgraph } from '../subgraphs/guardianship/server';

export interface BuiltSubgraph extends SubgraphDataSource {
  start(): Promise<RunningService>;
}

interface Entry {
  build(config: SubgraphConfig, verifier: PrincipalResolver, shared?: SharedInProcess): Promise<BuiltSubgraph>;
  schema(): Promise<GraphQLSchema>;
  /** Where docker-compose runs it; the committed supergraph carries these URLs. */
  productionUrl: string;
  defaultPort: number;
}

function agency(definition: AgencySubgraphDefinition<never, never>, defaultPort: number): Entry {
  return {
    build: (config, verifier, shared) => createAgencySubgraph(definition, config, verifier, shared),
    schema: () => agencySchema(definition as AgencySubgraphDefinition<unknown, unknown>),
    productionUrl: `http://${definition.agency}:${defaultPort}/graphql`,
    defaultPort,
  };
}

/** Every subgraph the hub runs, in one place for the start script, composition and tests. */
export const SUBGRAPHS: Record<SubgraphName, Entry> = {
  bank: { build: buildBankSubgraph, schema: bankSchema, productionUrl: 'http://bank:4001/graphql', defaultPort: 4001 },
  education: agency(educationSubgraph as never, 4002),
  health: agency(healthSubgraph as never, 4003),
  police: agency(policeSubgraph as never, 4004),
  social: agency(socialSubgraph as never, 4005),
  guardianship: agency(guardianshipSubgraph as never, 4006),
  audit: { build: buildAuditSubgraph, schema: auditSchema, productionUrl: 'http://audit:4007/graphql', defaultPort: 4007 },
};
