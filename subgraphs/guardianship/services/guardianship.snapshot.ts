import { agencySnapshot, expectedFrom, SnapshotTable, unrebuildable } from '../../common/agency/records.snapshot';
import { GuardianshipStatusEntity } from '../entities/guardianship-status.entity';
import { GuardianshipStatusKind } from '../types/guardianship.enums';
import { guardianshipStatusEvents } from './guardianship-status.events';
import { RemovalActEntity } from '../entities/removal-act.entity';
import { removalActEvent } from './removal-act.events';

/**
 * The guardianship register as the bank should hold it now: the builder's events for the row as if
 * it were new (an open registration while the status is not NONE). A status back to NONE closed
 * the registration in the bank with the status and date it had before, which the row no longer
 * keeps: that registration is accepted as it is (unrebuildable). Housing inspections write no
 * events and are not read; removal acts are told to the bank (removal-act.events.ts).
 */
const guardianshipStatuses: SnapshotTable<GuardianshipStatusEntity> = {
  table: 'guardianship_status',
  entity: GuardianshipStatusEntity,
  key: 'childId',
  records(row) {
    const records = expectedFrom(guardianshipStatusEvents({ before: null, after: row }));
    if (row.status === GuardianshipStatusKind.NONE) records.push(unrebuildable('Registration', row.childId, row.childId));
    return records;
  },
};

const removalActs: SnapshotTable<RemovalActEntity> = {
  table: 'removal_act',
  entity: RemovalActEntity,
  key: 'id',
  records: (row) => expectedFrom([removalActEvent('RemovalActRecorded', row)]),
};

export const guardianshipSnapshot = agencySnapshot('guardianship', [GuardianshipStatusEntity, RemovalActEntity], [guardianshipStatuses, removalActs]);
