import { agencySnapshot, expectedFrom, SnapshotTable } from '../../common/agency/records.snapshot';
import { JuvenileRegistrationEntity } from '../entities/juvenile-registration.entity';
import { juvenileRegistrationEvents } from './juvenile-registration.events';

/**
 * A juvenile registration as the bank should hold it now: the registration and the unit
 * attachment, as the builder makes them from the row (open, or closed once removed). Offences and
 * domestic incidents write no events and are not read.
 */
const juvenileRegistrations: SnapshotTable<JuvenileRegistrationEntity> = {
  table: 'juvenile_registration',
  entity: JuvenileRegistrationEntity,
  key: 'id',
  records: (row) => expectedFrom(juvenileRegistrationEvents(row.removedOn === null ? 'RegistrationOpened' : 'RegistrationClosed', row)),
};

export const policeSnapshot = agencySnapshot('police', [JuvenileRegistrationEntity], [juvenileRegistrations]);
