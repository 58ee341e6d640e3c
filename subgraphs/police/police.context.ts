import { AgencyContext } from '../common/agency/agency.context';
import { PoliceLoaders } from './loaders/police.loaders';
import { DomesticIncidentService } from './services/domestic-incident.service';
import { EmergencyResponseService } from './services/emergency-response.service';
import { JuvenileRegistrationService } from './services/juvenile-registration.service';
import { OffenceService } from './services/offence.service';

export type PoliceServices = {
  registrations: JuvenileRegistrationService;
  offences: OffenceService;
  domesticIncidents: DomesticIncidentService;
  emergencyResponses: EmergencyResponseService;
};
export type PoliceContext = AgencyContext<PoliceLoaders, PoliceServices>;
