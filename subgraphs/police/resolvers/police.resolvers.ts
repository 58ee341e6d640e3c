import { createAgencyMutationResolvers, createAgencyProfileResolver } from '../../common/agency/agency-records.resolvers';
import { PoliceMutations, PoliceProfile } from '../types/police.types';
import { PoliceFactsMutations } from './police-mutations.resolvers';
import { PoliceChildResolver, PoliceEmergencyTrackResolver, PoliceFamilyResolver, PoliceProfileResolver } from './police-profile.resolvers';

export const policeResolvers = [
  ...createAgencyMutationResolvers('police', PoliceMutations),
  createAgencyProfileResolver(PoliceProfile),
  PoliceChildResolver,
  PoliceProfileResolver,
  PoliceFamilyResolver,
  PoliceEmergencyTrackResolver,
  PoliceFactsMutations,
] as const;
