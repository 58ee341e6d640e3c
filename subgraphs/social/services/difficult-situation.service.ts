import { DataSource } from 'typeorm';
import { Principal } from '../../../auth/principal';
import { insertOnce } from '../../common/agency/insert-once';
import * as v from '../../common/validation';
import { DifficultSituationEntity } from '../entities/difficult-situation.entity';
import { EndSocialPeriodInput, RecordDifficultSituationInput } from '../types/social.inputs';
import { difficultSituationEvents } from './difficult-situation.events';
import { EARLIEST, endPeriod, optionalEnd, Period } from './period';
import { requireKnownSubjects } from '../../common/agency/subject-state';

const PERIOD: Period<DifficultSituationEntity> = {
  entity: DifficultSituationEntity,
  what: 'Признание трудной жизненной ситуации',
  start: 'recognisedOn',
  end: 'endedOn',
  events: (before, after) => difficultSituationEvents(before, after),
};

export class DifficultSituationService {
  constructor(private readonly dataSource: DataSource) {}

  async record(principal: Principal, input: RecordDifficultSituationInput): Promise<DifficultSituationEntity> {
    const recognisedOn = v.date('input.recognisedOn', input.recognisedOn, { notInFuture: true, notBefore: EARLIEST });
    const row = {
      idempotencyKey: v.idempotencyKey('input.idempotencyKey', input.idempotencyKey),
      childId: v.uuid('input.childId', input.childId),
      recognisedOn,
      decisionNumber: v.text('input.decisionNumber', input.decisionNumber, 100),
      basis: v.optionalText('input.basis', input.basis, 2000),
      endedOn: optionalEnd('input.endedOn', input.endedOn, recognisedOn, { notInFuture: true }),
    };
    await requireKnownSubjects(this.dataSource, row);
    return insertOnce(this.dataSource, DifficultSituationEntity, principal, row, 'Ключ идемпотентности уже использован для другой записи (признание трудной жизненной ситуации)', undefined, (stored) =>
      difficultSituationEvents(null, stored),
    );
  }

  /** The situation is overcome: a fact, so not a future date. */
  async end(input: EndSocialPeriodInput): Promise<DifficultSituationEntity> {
    const endedOn = v.date('input.endedOn', input.endedOn, { notInFuture: true, notBefore: EARLIEST });
    return endPeriod(this.dataSource, PERIOD, input.id, endedOn);
  }
}
