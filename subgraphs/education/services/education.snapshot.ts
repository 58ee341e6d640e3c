import { secondaryAggregateId } from '../../common/agency/agency-event';
import { agencySnapshot, expectedFrom, SnapshotTable, unrebuildable } from '../../common/agency/records.snapshot';
import { SchoolStatusEntity } from '../entities/school-status.entity';
import { schoolStatusEvents } from './school-status.events';

/**
 * A school-status row as the bank should hold it now: the builder's events for the row as if it
 * were new (the attachment to school and class, and the internal register while it is on). A
 * register switched off since was closed in the bank with the date and reason it had been opened
 * with, which the row no longer keeps: that registration is accepted as it is (unrebuildable).
 */
const schoolStatuses: SnapshotTable<SchoolStatusEntity> = {
  table: 'school_status',
  entity: SchoolStatusEntity,
  key: 'id',
  records(row) {
    const records = expectedFrom(schoolStatusEvents({ before: null, after: row }));
    if (!row.internalRegister) records.push(unrebuildable('Registration', secondaryAggregateId(row.id, 'Registration'), row.childId));
    return records;
  },
};

export const educationSnapshot = agencySnapshot('education', [SchoolStatusEntity], [schoolStatuses]);
