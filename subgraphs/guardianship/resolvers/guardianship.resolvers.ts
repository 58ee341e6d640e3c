import { createAgencyMutationResolvers, createAgencyProfileResolver } from '../../common/agency/agency-records.resolvers';
import { GuardianshipMutations, GuardianshipProfile } from '../types/guardianship.types';
import { GuardianshipFactsMutations } from './guardianship-facts.mutations';
import { GuardianshipChildResolver, GuardianshipFamilyResolver, GuardianshipProfileResolver } from './guardianship-profile.resolvers';

export const guardianshipResolvers = [
  ...createAgencyMutationResolvers('guardianship', GuardianshipMutations),
  createAgencyProfileResolver(GuardianshipProfile),
  GuardianshipChildResolver,
  GuardianshipProfileResolver,
  GuardianshipFamilyResolver,
  GuardianshipFactsMutations,
] as const;
