import { localDate, registrationEvent } from '../../common/agency/agency-event';
import { NewEvent } from '../../common/events/hub-event';
import { DifficultSituationEntity } from '../entities/difficult-situation.entity';

/**
 * Recognition as being in a difficult life situation is the social protection body's register of
 * the child (kind SOCIAL_DIFFICULT_SITUATION): opened by a decision (its number is the protocol),
 * closed when the situation is overcome. A record sent with its end already known is still
 * "opened": the payload's removedOn says it is over. Bringing a recorded end forward is an update.
 * The body keeps no reason for the end, so removalReason is always null.
 *
 * Social services and benefits are not on the family account card (the bank asks social
 * protection about them through the gateway when it needs to): they are written without events.
 */
export function difficultSituationEvents(before: DifficultSituationEntity | null, after: DifficultSituationEntity): NewEvent[] {
  const type = !before ? 'RegistrationOpened' : before.endedOn === null ? 'RegistrationClosed' : 'RegistrationUpdated';
  return [
    registrationEvent(type, {
      id: after.id,
      agency: 'social',
      childId: after.childId,
      familyId: null,
      kind: 'SOCIAL_DIFFICULT_SITUATION',
      registeredOn: localDate(after.recognisedOn),
      protocol: after.decisionNumber,
      reason: after.basis,
      removedOn: localDate(after.endedOn),
      removalReason: null,
    }),
  ];
}
