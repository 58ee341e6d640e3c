import { DataSource } from 'typeorm';
import { rowsByChild } from '../../common/agency/agency-records.loaders';
import { GuardianshipStatusEntity } from '../entities/guardianship-status.entity';
import { HousingInspectionEntity } from '../entities/housing-inspection.entity';
import { RemovalActEntity } from '../entities/removal-act.entity';

/** Per request; `createdAt` breaks ties so two acts of one day always come in the same order. */
export function createGuardianshipLoaders(dataSource: DataSource) {
  return {
    inspections: rowsByChild(dataSource, HousingInspectionEntity, { inspectedOn: 'DESC', createdAt: 'DESC' }),
    removals: rowsByChild(dataSource, RemovalActEntity, { removedOn: 'DESC', createdAt: 'DESC' }),
    // At most one row per child (the primary key), loaded as a list like the others.
    status: rowsByChild(dataSource, GuardianshipStatusEntity),
  };
}
export type GuardianshipLoaders = ReturnType<typeof createGuardianshipLoaders>;
