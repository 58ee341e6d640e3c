import { PrincipalResolver } from '../../auth/principal';
import { AgencySubgraphDefinition, createAgencySubgraph } from '../common/agency/create-agency-subgraph';
import { SubgraphConfig } from '../common/config';
import { Child, childReference } from './child.reference';
import { BenefitEntity } from './entities/benefit.entity';
import { DifficultSituationEntity } from './entities/difficult-situation.entity';
import { EmergencyReferralStepEntity } from './entities/emergency-referral-step.entity';
import { EmergencyReferralEntity } from './entities/emergency-referral.entity';
import { PatronageEntity } from './entities/patronage.entity';
import { SocialSupportEntity } from './entities/social-support.entity';
import { Family, familyReference } from './family.reference';
import { createSocialLoaders, SocialLoaders } from './loaders/social.loaders';
import { DifficultSituation1763800000401 } from './migrations/1763800000401-difficult-situation.migration';
import { SocialSupport1763800000402 } from './migrations/1763800000402-social-support.migration';
import { Patronage1763800000403 } from './migrations/1763800000403-patronage.migration';
import { Benefit1763800000404 } from './migrations/1763800000404-benefit.migration';
import { EmergencyReferral1763800000405 } from './migrations/1763800000405-emergency-referral.migration';
import { EmergencyReferralStep1763800000406 } from './migrations/1763800000406-emergency-referral-step.migration';
import { socialResolvers } from './resolvers/social.resolvers';
import { createSocialServices, SocialServices } from './services/social.services';

export const socialSubgraph: AgencySubgraphDefinition<SocialLoaders, SocialServices> = {
  agency: 'social',
  entities: [DifficultSituationEntity, SocialSupportEntity, PatronageEntity, BenefitEntity, EmergencyReferralEntity, EmergencyReferralStepEntity],
  migrations: [DifficultSituation1763800000401, SocialSupport1763800000402, Patronage1763800000403, Benefit1763800000404, EmergencyReferral1763800000405, EmergencyReferralStep1763800000406],
  resolvers: [...socialResolvers],
  // Reached only through field resolvers: without this type-graphql drops them silently.
  orphanedTypes: [Child, Family],
  referenceResolvers: { ...childReference, ...familyReference },
  createFactLoaders: createSocialLoaders,
  createServices: createSocialServices,
};

/** Builds the social protection subgraph (connects, migrates) without listening. */
export function buildSocialSubgraph(config: SubgraphConfig, verifier: PrincipalResolver) {
  return createAgencySubgraph(socialSubgraph, config, verifier);
}
