import { attachmentChanged, localDate } from '../../common/agency/agency-event';
import { NewEvent } from '../../common/events/hub-event';
import { PatronageEntity } from '../entities/patronage.entity';

/**
 * Social patronage is the family account card's "patronage institution" attachment (kind
 * PATRONAGE, detail = the kind of patronage, since/until = its period). A change of kind ends one
 * row and starts another, so each row is its own attachment (aggregateId = the row's id) and the
 * bank sees the old one end and the new one begin.
 */
export function patronageEvents(patronage: PatronageEntity): NewEvent[] {
  return [
    attachmentChanged({
      id: patronage.id,
      agency: 'social',
      childId: patronage.childId,
      familyId: null,
      kind: 'PATRONAGE',
      organisation: patronage.institution,
      detail: patronage.kind,
      since: localDate(patronage.startedOn),
      until: localDate(patronage.endedOn),
      period: null,
    }),
  ];
}
