import { DataSource } from 'typeorm';
import { Principal } from '../../../auth/principal';
import { insertOnce } from '../../common/agency/insert-once';
import * as v from '../../common/validation';
import { SocialSupportEntity } from '../entities/social-support.entity';
import { EndSocialPeriodInput, RecordSocialSupportInput } from '../types/social.inputs';
import { EARLIEST, endPeriod, optionalEnd, Period } from './period';
import { requireKnownSubjects } from '../../common/agency/subject-state';

const PERIOD: Period<SocialSupportEntity> = { entity: SocialSupportEntity, what: 'Социальное обслуживание', start: 'from', end: 'to' };

export class SocialSupportService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Recorded when provision starts (so `from` is not in the future); `to` may be the planned end.
   * No event: social services are not on the family account card (see difficult-situation.events.ts).
   */
  async record(principal: Principal, input: RecordSocialSupportInput): Promise<SocialSupportEntity> {
    const from = v.date('input.from', input.from, { notInFuture: true, notBefore: EARLIEST });
    const row = {
      idempotencyKey: v.idempotencyKey('input.idempotencyKey', input.idempotencyKey),
      childId: v.uuid('input.childId', input.childId),
      kind: input.kind,
      provider: v.text('input.provider', input.provider, 300),
      from,
      to: optionalEnd('input.to', input.to, from),
    };
    await requireKnownSubjects(this.dataSource, row);
    return insertOnce(this.dataSource, SocialSupportEntity, principal, row, 'Ключ идемпотентности уже использован для другой записи (социальное обслуживание)');
  }

  /** Provision stops (or will stop) earlier than planned; the date may be ahead, as a decision to stop can be. */
  async end(input: EndSocialPeriodInput): Promise<SocialSupportEntity> {
    const endedOn = v.date('input.endedOn', input.endedOn, { notBefore: EARLIEST });
    return endPeriod(this.dataSource, PERIOD, input.id, endedOn);
  }
}
