import { AgencyContext } from '../common/agency/agency.context';
import { HealthLoaders } from './loaders/health.loaders';
import { HealthStatusService } from './services/health-status.service';

export type HealthServices = { healthStatus: HealthStatusService };
export type HealthContext = AgencyContext<HealthLoaders, HealthServices>;
