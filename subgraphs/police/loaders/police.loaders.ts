import { DataSource } from 'typeorm';
import { rowsByChild } from '../../common/agency/agency-records.loaders';
import { stepsByRecord } from '../../common/agency/track-step';
import { DomesticIncidentEntity } from '../entities/domestic-incident.entity';
import { EmergencyResponseStepEntity } from '../entities/emergency-response-step.entity';
import { EmergencyResponseEntity } from '../entities/emergency-response.entity';
import { JuvenileRegistrationEntity } from '../entities/juvenile-registration.entity';
import { OffenceEntity } from '../entities/offence.entity';

/** One statement per list per request, however many children the gateway asks about. */
export function createPoliceLoaders(dataSource: DataSource) {
  return {
    registrations: rowsByChild(dataSource, JuvenileRegistrationEntity, { registeredOn: 'DESC', createdAt: 'DESC' }),
    offences: rowsByChild(dataSource, OffenceEntity, { occurredOn: 'DESC', createdAt: 'DESC' }),
    domesticIncidents: rowsByChild(dataSource, DomesticIncidentEntity, { occurredOn: 'DESC', createdAt: 'DESC' }),
    emergencyResponses: rowsByChild(dataSource, EmergencyResponseEntity, { receivedOn: 'DESC', createdAt: 'DESC' }),
    emergencySteps: stepsByRecord(dataSource, EmergencyResponseStepEntity),
  };
}
export type PoliceLoaders = ReturnType<typeof createPoliceLoaders>;
