import { DataSource } from 'typeorm';
import { EmergencyStepService } from './emergency-step.service';
import { GuardianshipStatusService } from './guardianship-status.service';
import { HousingInspectionService } from './housing-inspection.service';
import { RemovalActService } from './removal-act.service';

export function createGuardianshipServices(dataSource: DataSource) {
  return {
    inspections: new HousingInspectionService(dataSource),
    removals: new RemovalActService(dataSource),
    emergencySteps: new EmergencyStepService(dataSource),
    statuses: new GuardianshipStatusService(dataSource),
  };
}
export type GuardianshipServices = ReturnType<typeof createGuardianshipServices>;
