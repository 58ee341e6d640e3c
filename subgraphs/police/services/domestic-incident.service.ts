import { DataSource } from 'typeorm';
import { Principal } from '../../../auth/principal';
import { insertOnce } from '../../common/agency/insert-once';
import * as v from '../../common/validation';
import { DomesticIncidentEntity } from '../entities/domestic-incident.entity';
import { RecordDomesticIncidentInput } from '../types/police.inputs';
import { eventDate } from './police-dates';
import { requireKnownSubjects } from '../../common/agency/subject-state';

const TEXT_MAX = 10_000;

export class DomesticIncidentService {
  constructor(private readonly dataSource: DataSource) {}

  /** No event: domestic incidents are not on the family account card (see juvenile-registration.events.ts). */
  async record(principal: Principal, input: RecordDomesticIncidentInput): Promise<DomesticIncidentEntity> {
    const row = {
      idempotencyKey: v.idempotencyKey('input.idempotencyKey', input.idempotencyKey),
      childId: v.uuid('input.childId', input.childId),
      familyId: v.optionalUuid('input.familyId', input.familyId),
      occurredOn: eventDate('input.occurredOn', input.occurredOn),
      description: v.text('input.description', input.description, TEXT_MAX),
      measuresTaken: v.optionalText('input.measuresTaken', input.measuresTaken, TEXT_MAX),
    };
    await requireKnownSubjects(this.dataSource, row);
    return insertOnce(this.dataSource, DomesticIncidentEntity, principal, row, 'Ключ идемпотентности уже использован для другого происшествия');
  }
}
