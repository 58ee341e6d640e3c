import { createAgencyMutationResolvers, createAgencyProfileResolver } from '../../common/agency/agency-records.resolvers';
import { GuardianshipMutations, GuardianshipProfile } from '../types/guardianship.types';
import { GuardianshipFactsMutations } from './guardianship-facts.mutations';
import { HousingActResolver } from './housing-act.resolver';
import { GuardianshipChildResolver, GuardianshipFamilyResolver, GuardianshipProfileResolver, RemovalActTrackResolver } from './guardianship-profile.resolvers';

export const guardianshipResolvers = [
  ...createAgencyMutationResolvers('guardianship', GuardianshipMutations),
  createAgencyProfileResolver(GuardianshipProfile),
  GuardianshipChildResolver,
  GuardianshipProfileResolver,
  GuardianshipFamilyResolver,
  GuardianshipFactsMutations,
  RemovalActTrackResolver,
  HousingActResolver,
] as const;
