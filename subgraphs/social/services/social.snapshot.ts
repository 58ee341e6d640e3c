import { agencySnapshot, expectedFrom, SnapshotTable } from '../../common/agency/records.snapshot';
import { DifficultSituationEntity } from '../entities/difficult-situation.entity';
import { PatronageEntity } from '../entities/patronage.entity';
import { difficultSituationEvents } from './difficult-situation.events';
import { patronageEvents } from './patronage.events';

/**
 * Social protection's records as the bank should hold them now: the difficult-situation register
 * and the patronage attachments, as the builders make them from each row (the payload is the
 * row's whole state whichever change wrote it). Social services and benefits write no events.
 */
const difficultSituations: SnapshotTable<DifficultSituationEntity> = {
  table: 'difficult_situation',
  entity: DifficultSituationEntity,
  key: 'id',
  records: (row) => expectedFrom(difficultSituationEvents(null, row)),
};

const patronages: SnapshotTable<PatronageEntity> = {
  table: 'patronage',
  entity: PatronageEntity,
  key: 'id',
  records: (row) => expectedFrom(patronageEvents(row)),
};

export const socialSnapshot = agencySnapshot('social', [DifficultSituationEntity, PatronageEntity], [difficultSituations, patronages]);
