import { PrincipalResolver } from '../../auth/principal';
import { AgencySubgraphDefinition, createAgencySubgraph } from '../common/agency/create-agency-subgraph';
import { SubgraphConfig } from '../common/config';
import { Child, childReference } from './child.reference';
import { SchoolStatusEntity } from './entities/school-status.entity';
import { Family, familyReference } from './family.reference';
import { createEducationLoaders, EducationLoaders } from './loaders/education.loaders';
import { SchoolStatus1763800000101 } from './migrations/1763800000101-school-status.migration';
import { educationResolvers } from './resolvers/education.resolvers';
import { SchoolStatusService } from './services/school-status.service';

export const educationSubgraph: AgencySubgraphDefinition<EducationLoaders, { schoolStatus: SchoolStatusService }> = {
  agency: 'education',
  entities: [SchoolStatusEntity],
  migrations: [SchoolStatus1763800000101],
  resolvers: [...educationResolvers],
  // Reached only through field resolvers: without this type-graphql drops them silently.
  orphanedTypes: [Child, Family],
  referenceResolvers: { ...childReference, ...familyReference },
  createFactLoaders: createEducationLoaders,
  createServices: (dataSource) => ({ schoolStatus: new SchoolStatusService(dataSource) }),
};

/** Builds the education subgraph (connects, migrates) without listening. */
export function buildEducationSubgraph(config: SubgraphConfig, verifier: PrincipalResolver) {
  return createAgencySubgraph(educationSubgraph, config, verifier);
}
