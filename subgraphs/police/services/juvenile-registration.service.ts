import { DataSource } from 'typeorm';
import { Principal } from '../../../auth/principal';
import { appendEvents } from '../../common/agency/agency-event';
import { insertOnce } from '../../common/agency/insert-once';
import { conflict, inputError, notFound } from '../../common/errors';
import * as v from '../../common/validation';
import { JuvenileRegistrationEntity } from '../entities/juvenile-registration.entity';
import { RegisterJuvenileInput, RemoveJuvenileRegistrationInput } from '../types/police.inputs';
import { juvenileRegistrationEvents } from './juvenile-registration.events';
import { eventDate } from './police-dates';
import { requireKnownSubjects } from '../../common/agency/subject-state';

const UNIT_MAX = 300;
const REASON_MAX = 2000;

export class JuvenileRegistrationService {
  constructor(private readonly dataSource: DataSource) {}

  async register(principal: Principal, input: RegisterJuvenileInput): Promise<JuvenileRegistrationEntity> {
    const row = {
      idempotencyKey: v.idempotencyKey('input.idempotencyKey', input.idempotencyKey),
      childId: v.uuid('input.childId', input.childId),
      unit: v.text('input.unit', input.unit, UNIT_MAX),
      registeredOn: eventDate('input.registeredOn', input.registeredOn),
      reason: v.text('input.reason', input.reason, REASON_MAX),
    };
    await requireKnownSubjects(this.dataSource, row);
    return insertOnce(this.dataSource, JuvenileRegistrationEntity, principal, row, 'Ключ идемпотентности уже использован для другой постановки на учёт', undefined, (stored) =>
      juvenileRegistrationEvents('RegistrationOpened', stored),
    );
  }

  /**
   * Closes an open registration; a closed one stays as it was closed (its date and reason are
   * evidence). The removal and its events commit together; the row is locked first, so of two
   * concurrent removals the second sees the first's and is refused, and only one closing is told.
   */
  async remove(principal: Principal, input: RemoveJuvenileRegistrationInput): Promise<JuvenileRegistrationEntity> {
    const id = v.uuid('input.id', input.id);
    const removedOn = eventDate('input.removedOn', input.removedOn);
    const removalReason = v.text('input.reason', input.reason, REASON_MAX);
    return this.dataSource.transaction(async (em) => {
      const repository = em.getRepository(JuvenileRegistrationEntity);
      const registration = await repository.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!registration) throw notFound('Постановка на учёт', id);
      if (registration.removedOn) throw alreadyRemoved(registration);
      if (removedOn < registration.registeredOn) {
        throw inputError('input.removedOn', removedOn, 'removedOn.afterRegistration', `дата снятия раньше даты постановки на учёт (${registration.registeredOn})`);
      }
      await repository.update({ id }, { removedOn, removalReason, removedBy: principal.subject });
      const removed = await repository.findOneByOrFail({ id });
      await appendEvents(em, juvenileRegistrationEvents('RegistrationClosed', removed));
      return removed;
    });
  }
}

function alreadyRemoved(registration: JuvenileRegistrationEntity) {
  return conflict(`Несовершеннолетний уже снят с этого учёта ${registration.removedOn}`, {
    field: 'input.id',
    rule: 'registration.alreadyRemoved',
    removedOn: registration.removedOn,
  });
}
