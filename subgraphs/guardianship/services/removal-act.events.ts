import { agencyEvent, localDate } from '../../common/agency/agency-event';
import { NewEvent } from '../../common/events/hub-event';
import { RemovalActEntity } from '../entities/removal-act.entity';

/**
 * The bank learns that a removal act exists (number, date, kind of placement) to count the
 * decisions on immediate removal in the monitoring report; who signed it and where the child was
 * placed stay with guardianship.
 */
export function removalActEvent(type: 'RemovalActRecorded' | 'RemovalActResynced', row: RemovalActEntity): NewEvent {
  const event = agencyEvent(type, { id: row.id, agency: 'guardianship', childId: row.childId, familyId: null });
  return { ...event, payload: { ...event.payload, actNumber: row.actNumber, removedOn: localDate(row.removedOn), placementKind: row.placementKind } };
}
