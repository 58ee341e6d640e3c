import { createAgencyMutationResolvers, createAgencyProfileResolver } from '../../common/agency/agency-records.resolvers';
import { SocialMutations, SocialProfile } from '../types/social.types';
import { SocialFactsMutations } from './social-facts.mutations';
import { SocialChildResolver, SocialEmergencyTrackResolver, SocialFamilyResolver, SocialProfileResolver } from './social-profile.resolvers';

export const socialResolvers = [
  ...createAgencyMutationResolvers('social', SocialMutations),
  createAgencyProfileResolver(SocialProfile),
  SocialChildResolver,
  SocialProfileResolver,
  SocialFamilyResolver,
  SocialEmergencyTrackResolver,
  SocialFactsMutations,
] as const;
