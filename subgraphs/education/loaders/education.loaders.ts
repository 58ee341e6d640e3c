import { DataSource } from 'typeorm';
import { rowsByChild } from '../../common/agency/agency-records.loaders';
import { SchoolStatusEntity } from '../entities/school-status.entity';

export function createEducationLoaders(dataSource: DataSource) {
  return { schoolStatus: rowsByChild(dataSource, SchoolStatusEntity, { academicYear: 'DESC' }) };
}
export type EducationLoaders = ReturnType<typeof createEducationLoaders>;
