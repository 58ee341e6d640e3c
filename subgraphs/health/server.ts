import { PrincipalResolver } from '../../auth/principal';
import { AgencySubgraphDefinition, createAgencySubgraph } from '../common/agency/create-agency-subgraph';
import { SubgraphConfig } from '../common/config';
import { Child, childReference } from './child.reference';
import { HealthStatusEntity } from './entities/health-status.entity';
import { Family, familyReference } from './family.reference';
import { HealthServices } from './health.context';
import { createHealthLoaders, HealthLoaders } from './loaders/health.loaders';
import { HealthStatus1763800000201 } from './migrations/1763800000201-health-status.migration';
import { healthResolvers } from './resolvers/health.resolvers';
import { HealthStatusService } from './services/health-status.service';

export const healthSubgraph: AgencySubgraphDefinition<HealthLoaders, HealthServices> = {
  agency: 'health',
  entities: [HealthStatusEntity],
  migrations: [HealthStatus1763800000201],
  resolvers: [...healthResolvers],
  // Reached only through field resolvers: without this type-graphql drops them silently.
  orphanedTypes: [Child, Family],
  referenceResolvers: { ...childReference, ...familyReference },
  createFactLoaders: createHealthLoaders,
  createServices: (dataSource) => ({ healthStatus: new HealthStatusService(dataSource) }),
};

/** Builds the health subgraph (connects, migrates) without listening. */
export function buildHealthSubgraph(config: SubgraphConfig, verifier: PrincipalResolver) {
  return createAgencySubgraph(healthSubgraph, config, verifier);
}
