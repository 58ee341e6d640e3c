import { AgencyContext } from '../common/agency/agency.context';
import { GuardianshipLoaders } from './loaders/guardianship.loaders';
import { GuardianshipServices } from './services/guardianship.services';

export type GuardianshipContext = AgencyContext<GuardianshipLoaders, GuardianshipServices>;
