import { localDate, registrationEvent, RegistrationState } from '../../common/agency/agency-event';
import { Upserted } from '../../common/agency/upsert-current';
import { NewEvent } from '../../common/events/hub-event';
import { GuardianshipStatusEntity } from '../entities/guardianship-status.entity';
import { GuardianshipStatusKind } from '../types/guardianship.enums';

/**
 * The child's status in the guardianship body's register is the card's "guardianship" departmental
 * registration (kind GUARDIANSHIP). Any status but NONE means the body keeps the child on its
 * register: a move from NONE opens it, a move back to NONE closes it (on the date NONE holds
 * since), a change of status or date in between updates it. `reason` is the status code;
 * `registeredOn` is the date the current status holds since (the register keeps no other). The
 * table has one row per child and no id of its own, so the aggregate is the child (aggregateId =
 * childId). The note is free text and stays with guardianship.
 *
 * Housing inspections and removal acts are not on the family account card: the bank and the KDN
 * read them through the gateway; they are written without events.
 */
export function guardianshipStatusEvents({ before, after }: Upserted<GuardianshipStatusEntity>): NewEvent[] {
  const wasOn = before !== null && before.status !== GuardianshipStatusKind.NONE;
  const isOn = after.status !== GuardianshipStatusKind.NONE;
  if (isOn && !wasOn) return [registrationEvent('RegistrationOpened', registration(after))];
  if (isOn && (before!.status !== after.status || localDate(before!.since) !== localDate(after.since))) {
    return [registrationEvent('RegistrationUpdated', registration(after))];
  }
  if (!isOn && wasOn) return [registrationEvent('RegistrationClosed', { ...registration(before!), removedOn: localDate(after.since) })];
  return [];
}

function registration(row: GuardianshipStatusEntity): RegistrationState {
  return {
    id: row.childId,
    agency: 'guardianship',
    childId: row.childId,
    familyId: null,
    kind: 'GUARDIANSHIP',
    registeredOn: localDate(row.since),
    protocol: null,
    reason: row.status,
    removedOn: null,
    removalReason: null,
  };
}
