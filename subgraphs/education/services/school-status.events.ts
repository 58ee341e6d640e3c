import { attachmentChanged, localDate, registrationEvent, RegistrationState, secondaryAggregateId, today } from '../../common/agency/agency-event';
import { Upserted } from '../../common/agency/upsert-current';
import { NewEvent } from '../../common/events/hub-event';
import { SchoolStatusEntity } from '../entities/school-status.entity';

/**
 * What the data bank learns from a school's report on a pupil (one row per child and academic
 * year, re-sent whole). Two things of the account card live there:
 *
 * - the attachment to a school and class (AttachmentChanged, kind SCHOOL), written when the row is
 *   new or the school or class changed: a re-sent picture with new absences only is no news for
 *   the card (absences and grades stay with the school, read through the gateway);
 * - the internal school register (внутришкольный учёт, kind SCHOOL_INTERNAL): opened when the
 *   flag turns on, updated when its date or reason changes, closed when it turns off.
 *
 * Both are told from the school-status row, one per child and year: the attachment's aggregateId
 * is the row's id, the registration's is derived from it (secondaryAggregateId), as an aggregate id
 * must be unique within the source; both payloads' `id` is the row's id. The school sends no
 * removal date or reason: a closed registration carries the date the hub learned
 * of it, and keeps the date and reason it was opened with.
 */
export function schoolStatusEvents({ before, after }: Upserted<SchoolStatusEntity>): NewEvent[] {
  const events: NewEvent[] = [];
  if (!before || before.schoolName !== after.schoolName || before.className !== after.className) {
    events.push(
      attachmentChanged({
        id: after.id,
        agency: 'education',
        childId: after.childId,
        familyId: null,
        kind: 'SCHOOL',
        organisation: after.schoolName,
        detail: after.className,
        since: null,
        until: null,
        period: after.academicYear,
      }),
    );
  }
  const wasOn = before?.internalRegister === true;
  const registrationId = secondaryAggregateId(after.id, 'Registration');
  if (after.internalRegister) {
    const state = internalRegistration(after, after);
    if (!wasOn) events.push(registrationEvent('RegistrationOpened', state, registrationId));
    else if (!sameRegistration(before!, after)) events.push(registrationEvent('RegistrationUpdated', state, registrationId));
  } else if (wasOn) {
    events.push(registrationEvent('RegistrationClosed', { ...internalRegistration(after, before!), removedOn: today() }, registrationId));
  }
  return events;
}

/** The registration of `row`, opened as `opened` says (the row itself, or the one before it was closed). */
function internalRegistration(row: SchoolStatusEntity, opened: SchoolStatusEntity): RegistrationState {
  return {
    id: row.id,
    agency: 'education',
    childId: row.childId,
    familyId: null,
    kind: 'SCHOOL_INTERNAL',
    // Required by the service whenever the register is on.
    registeredOn: localDate(opened.internalRegisterSince)!,
    protocol: null,
    reason: opened.internalRegisterReason,
    removedOn: null,
    removalReason: null,
  };
}

function sameRegistration(a: SchoolStatusEntity, b: SchoolStatusEntity): boolean {
  return localDate(a.internalRegisterSince) === localDate(b.internalRegisterSince) && a.internalRegisterReason === b.internalRegisterReason;
}
