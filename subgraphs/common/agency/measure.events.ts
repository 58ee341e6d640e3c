import { AgencyCode } from '../../../auth/principal';
import { NewEvent } from '../events/hub-event';
import { agencyEvent, AgencyState, localDate } from './agency-event';
import { MeasureEntity } from './measure.entity';

/**
 * A measure as the data bank learns of it: the card lists the measures taken and their results.
 * The cancellation reason stays with the agency (narrative, and not on the card).
 */
export interface MeasureState extends AgencyState {
  title: string;
  kind: string;
  dueDate: string;
  doneDate: string | null;
  status: string;
  result: string | null;
  executor: { name: string; organisation: string };
  programmeRowId: string | null;
  /** ОГРН of the organisation that carries the measure out: it may fill only its own programme rows. */
  organisationId: string | null;
}

export function measureState(agency: AgencyCode, measure: MeasureEntity): MeasureState {
  return {
    id: measure.id,
    agency,
    childId: measure.childId,
    familyId: measure.familyId,
    title: measure.title,
    kind: measure.kind,
    dueDate: localDate(measure.dueDate),
    doneDate: localDate(measure.doneDate),
    status: measure.status,
    result: measure.result,
    executor: { name: measure.executorName, organisation: measure.executorOrganisation },
    programmeRowId: measure.programmeRowId,
    organisationId: measure.organisationId ?? null,
  };
}

export type MeasureEventType = 'MeasureRecorded' | 'MeasureUpdated' | 'MeasureCancelled';

export function measureEvent(type: MeasureEventType, agency: AgencyCode, measure: MeasureEntity): NewEvent {
  return agencyEvent(type, measureState(agency, measure));
}
