import { attachmentChanged, localDate, registrationEvent, secondaryAggregateId } from '../../common/agency/agency-event';
import { NewEvent } from '../../common/events/hub-event';
import { JuvenileRegistrationEntity } from '../entities/juvenile-registration.entity';

/**
 * A registration with a juvenile unit (учёт в ПДН) is two things on the family account card: a
 * departmental registration (kind POLICE_JUVENILE, aggregateId = the row's id) and the child's
 * attachment to the unit that keeps it (kind POLICE_UNIT, until = the removal date; a second
 * aggregate of the same row, so its aggregateId is derived: secondaryAggregateId). Offences and domestic incidents are not on the card and stay with the
 * police: they are written without events.
 */
export function juvenileRegistrationEvents(type: 'RegistrationOpened' | 'RegistrationClosed', registration: JuvenileRegistrationEntity): NewEvent[] {
  const common = { id: registration.id, agency: 'police', childId: registration.childId, familyId: null } as const;
  return [
    registrationEvent(type, {
      ...common,
      kind: 'POLICE_JUVENILE',
      registeredOn: localDate(registration.registeredOn),
      protocol: null,
      reason: registration.reason,
      removedOn: localDate(registration.removedOn),
      removalReason: registration.removalReason,
    }),
    attachmentChanged(
      {
        ...common,
        kind: 'POLICE_UNIT',
        organisation: registration.unit,
        detail: null,
        since: localDate(registration.registeredOn),
        until: localDate(registration.removedOn),
        period: null,
      },
      secondaryAggregateId(registration.id, 'Attachment'),
    ),
  ];
}
