import { DataSource } from 'typeorm';
import { Principal } from '../../../auth/principal';
import { insertOnce } from '../../common/agency/insert-once';
import * as v from '../../common/validation';
import { PatronageEntity } from '../entities/patronage.entity';
import { EndSocialPeriodInput, RecordSocialPatronageInput } from '../types/social.inputs';
import { patronageEvents } from './patronage.events';
import { EARLIEST, endPeriod, optionalEnd, Period } from './period';
import { requireKnownSubjects } from '../../common/agency/subject-state';

const PERIOD: Period<PatronageEntity> = {
  entity: PatronageEntity,
  what: 'Патронаж',
  start: 'startedOn',
  end: 'endedOn',
  events: (_before, after) => patronageEvents(after),
};

export class PatronageService {
  constructor(private readonly dataSource: DataSource) {}

  async record(principal: Principal, input: RecordSocialPatronageInput): Promise<PatronageEntity> {
    const startedOn = v.date('input.startedOn', input.startedOn, { notInFuture: true, notBefore: EARLIEST });
    const row = {
      idempotencyKey: v.idempotencyKey('input.idempotencyKey', input.idempotencyKey),
      childId: v.uuid('input.childId', input.childId),
      kind: input.kind,
      institution: v.text('input.institution', input.institution, 300),
      startedOn,
      endedOn: optionalEnd('input.endedOn', input.endedOn, startedOn, { notInFuture: true }),
    };
    await requireKnownSubjects(this.dataSource, row);
    return insertOnce(this.dataSource, PatronageEntity, principal, row, 'Ключ идемпотентности уже использован для другой записи (патронаж)', undefined, (stored) => patronageEvents(stored));
  }

  /** Patronage ended, or its kind changes (end this one, record the next): a fact, not a future date. */
  async end(input: EndSocialPeriodInput): Promise<PatronageEntity> {
    const endedOn = v.date('input.endedOn', input.endedOn, { notInFuture: true, notBefore: EARLIEST });
    return endPeriod(this.dataSource, PERIOD, input.id, endedOn);
  }
}
