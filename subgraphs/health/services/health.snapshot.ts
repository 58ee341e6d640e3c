import { agencySnapshot, expectedFrom, SnapshotTable } from '../../common/agency/records.snapshot';
import { HealthStatusEntity } from '../entities/health-status.entity';
import { healthStatusEvents } from './health-status.events';

/** The clinic attachment as the bank should hold it now: the builder's event for the row as if it were new. */
const healthStatuses: SnapshotTable<HealthStatusEntity> = {
  table: 'health_status',
  entity: HealthStatusEntity,
  key: 'id',
  records: (row) => expectedFrom(healthStatusEvents({ before: null, after: row })),
};

export const healthSnapshot = agencySnapshot('health', [HealthStatusEntity], [healthStatuses]);
