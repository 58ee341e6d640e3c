import { PrincipalResolver } from '../../auth/principal';
import { AgencySubgraphDefinition, createAgencySubgraph } from '../common/agency/create-agency-subgraph';
import { SubgraphConfig } from '../common/config';
import { Child, childReference } from './child.reference';
import { BenefitEntity } from './entities/benefit.entity';
import { DifficultSituationEntity } from './entities/difficult-situation.entity';
import { PatronageEntity } from './entities/patronage.entity';
import { SocialSupportEntity } from './entities/social-support.entity';
import { Family, familyReference } from './family.reference';
import { createSocialLoaders, SocialLoaders } from './loaders/social.loaders';
import { DifficultSituation1763800000401 } from './migrations/1763800000401-difficult-situation.migration';
import { SocialSupport1763800000402 } from './migrations/1763800000402-social-support.migration';
import { Patronage1763800000403 } from './migrations/1763800000403-patronage.migration';
import { Benefit1763800000404 } from './migrations/1763800000404-benefit.migration';
import { socialResolvers } from './resolvers/social.resolvers';
import { createSocialServices, SocialServices } from './services/social.services';

export const socialSubgraph: AgencySubgraphDefinition<SocialLoaders, SocialServices> = {
  agency: 'social',
  entities: [DifficultSituationEntity, SocialSupportEntity, PatronageEntity, BenefitEntity],
  migrations: [DifficultSituation1763800000401, SocialSupport1763800000402, Patronage1763800000403, Benefit1763800000404],
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
