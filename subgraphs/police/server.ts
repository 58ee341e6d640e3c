import { PrincipalResolver } from '../../auth/principal';
import { AgencySubgraphDefinition, createAgencySubgraph } from '../common/agency/create-agency-subgraph';
import { SubgraphConfig } from '../common/config';
import { Child, childReference } from './child.reference';
import { DomesticIncidentEntity } from './entities/domestic-incident.entity';
import { EmergencyResponseStepEntity } from './entities/emergency-response-step.entity';
import { EmergencyResponseEntity } from './entities/emergency-response.entity';
import { JuvenileRegistrationEntity } from './entities/juvenile-registration.entity';
import { OffenceEntity } from './entities/offence.entity';
import { Family, familyReference } from './family.reference';
import { createPoliceLoaders, PoliceLoaders } from './loaders/police.loaders';
import { JuvenileRegistration1763800000301 } from './migrations/1763800000301-juvenile-registration.migration';
import { Offence1763800000302 } from './migrations/1763800000302-offence.migration';
import { DomesticIncident1763800000303 } from './migrations/1763800000303-domestic-incident.migration';
import { EmergencyResponse1763800000304 } from './migrations/1763800000304-emergency-response.migration';
import { EmergencyResponseStep1763800000305 } from './migrations/1763800000305-emergency-response-step.migration';
import { PoliceServices } from './police.context';
import { policeResolvers } from './resolvers/police.resolvers';
import { DomesticIncidentService } from './services/domestic-incident.service';
import { EmergencyResponseService } from './services/emergency-response.service';
import { JuvenileRegistrationService } from './services/juvenile-registration.service';
import { OffenceService } from './services/offence.service';

export const policeSubgraph: AgencySubgraphDefinition<PoliceLoaders, PoliceServices> = {
  agency: 'police',
  entities: [JuvenileRegistrationEntity, OffenceEntity, DomesticIncidentEntity, EmergencyResponseEntity, EmergencyResponseStepEntity],
  migrations: [JuvenileRegistration1763800000301, Offence1763800000302, DomesticIncident1763800000303, EmergencyResponse1763800000304, EmergencyResponseStep1763800000305],
  resolvers: [...policeResolvers],
  // Reached only through field resolvers: without this type-graphql drops them silently.
  orphanedTypes: [Child, Family],
  referenceResolvers: { ...childReference, ...familyReference },
  createFactLoaders: createPoliceLoaders,
  createServices: (dataSource) => ({
    registrations: new JuvenileRegistrationService(dataSource),
    offences: new OffenceService(dataSource),
    domesticIncidents: new DomesticIncidentService(dataSource),
    emergencyResponses: new EmergencyResponseService(dataSource),
  }),
};

/** Builds the police subgraph (connects, migrates) without listening. */
export function buildPoliceSubgraph(config: SubgraphConfig, verifier: PrincipalResolver) {
  return createAgencySubgraph(policeSubgraph, config, verifier);
}
