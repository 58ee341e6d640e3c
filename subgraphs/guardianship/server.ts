import { PrincipalResolver } from '../../auth/principal';
import { AgencySubgraphDefinition, createAgencySubgraph } from '../common/agency/create-agency-subgraph';
import { SubgraphConfig } from '../common/config';
import { Child, childReference } from './child.reference';
import { GuardianshipStatusEntity } from './entities/guardianship-status.entity';
import { HousingInspectionEntity } from './entities/housing-inspection.entity';
import { RemovalActEntity } from './entities/removal-act.entity';
import { RemovalActStepEntity } from './entities/removal-act-step.entity';
import { Family, familyReference } from './family.reference';
import { createGuardianshipLoaders, GuardianshipLoaders } from './loaders/guardianship.loaders';
import { HousingAct1763800000505 } from './migrations/1763800000505-housing-act.migration';
import { HousingInspection1763800000501 } from './migrations/1763800000501-housing-inspection.migration';
import { RemovalAct1763800000502 } from './migrations/1763800000502-removal-act.migration';
import { GuardianshipStatus1763800000503 } from './migrations/1763800000503-guardianship-status.migration';
import { RemovalActStep1763800000504 } from './migrations/1763800000504-removal-act-step.migration';
import { guardianshipResolvers } from './resolvers/guardianship.resolvers';
import { createGuardianshipServices, GuardianshipServices } from './services/guardianship.services';

export const guardianshipSubgraph: AgencySubgraphDefinition<GuardianshipLoaders, GuardianshipServices> = {
  agency: 'guardianship',
  entities: [HousingInspectionEntity, RemovalActEntity, GuardianshipStatusEntity, RemovalActStepEntity],
  migrations: [HousingInspection1763800000501, RemovalAct1763800000502, GuardianshipStatus1763800000503, RemovalActStep1763800000504, HousingAct1763800000505],
  resolvers: [...guardianshipResolvers],
  // Reached only through field resolvers: without this type-graphql drops them silently.
  orphanedTypes: [Child, Family],
  referenceResolvers: { ...childReference, ...familyReference },
  createFactLoaders: createGuardianshipLoaders,
  createServices: createGuardianshipServices,
};

/** Builds the guardianship subgraph (connects, migrates) without listening. */
export function buildGuardianshipSubgraph(config: SubgraphConfig, verifier: PrincipalResolver) {
  return createAgencySubgraph(guardianshipSubgraph, config, verifier);
}
