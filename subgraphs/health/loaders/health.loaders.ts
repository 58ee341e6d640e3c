import { DataSource } from 'typeorm';
import { rowsByChild } from '../../common/agency/agency-records.loaders';
import { HealthStatusEntity } from '../entities/health-status.entity';

export function createHealthLoaders(dataSource: DataSource) {
  return { healthStatus: rowsByChild(dataSource, HealthStatusEntity) };
}
export type HealthLoaders = ReturnType<typeof createHealthLoaders>;
