import { DataSource } from 'typeorm';
import { Principal } from '../../../auth/principal';
import { insertOnce } from '../../common/agency/insert-once';
import * as v from '../../common/validation';
import { OffenceEntity } from '../entities/offence.entity';
import { RecordOffenceInput } from '../types/police.inputs';
import { eventDate } from './police-dates';
import { requireKnownSubjects } from '../../common/agency/subject-state';

const ARTICLE_MAX = 100;
const TEXT_MAX = 10_000;

export class OffenceService {
  constructor(private readonly dataSource: DataSource) {}

  /** No event: offences are not on the family account card (see juvenile-registration.events.ts). */
  async record(principal: Principal, input: RecordOffenceInput): Promise<OffenceEntity> {
    const row = {
      idempotencyKey: v.idempotencyKey('input.idempotencyKey', input.idempotencyKey),
      childId: v.uuid('input.childId', input.childId),
      kind: input.kind,
      // Free text: federal and regional codes number their articles differently («КоАП 20.22», «УК 158 ч. 1»).
      article: v.text('input.article', input.article, ARTICLE_MAX),
      occurredOn: eventDate('input.occurredOn', input.occurredOn),
      description: v.text('input.description', input.description, TEXT_MAX),
      decision: v.optionalText('input.decision', input.decision, TEXT_MAX),
    };
    await requireKnownSubjects(this.dataSource, row);
    return insertOnce(this.dataSource, OffenceEntity, principal, row, 'Ключ идемпотентности уже использован для другого правонарушения');
  }
}
