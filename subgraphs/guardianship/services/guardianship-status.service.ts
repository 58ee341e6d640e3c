import { DataSource } from 'typeorm';
import { Principal } from '../../../auth/principal';
import { appendEvents } from '../../common/agency/agency-event';
import { upsertCurrent } from '../../common/agency/upsert-current';
import { inputError } from '../../common/errors';
import * as v from '../../common/validation';
import { GuardianshipStatusEntity } from '../entities/guardianship-status.entity';
import { STATUSES_WITH_GUARDIAN } from '../types/guardianship.enums';
import { SetGuardianshipStatusInput } from '../types/guardianship.inputs';
import { EARLIEST } from './dates';
import { guardianshipStatusEvents } from './guardianship-status.events';
import { requireKnownSubjects } from '../../common/agency/subject-state';

export class GuardianshipStatusService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Upsert by child: the guardianship register is the source of truth and re-sends the current
   * status, so the last message wins (which also lets a wrong `since` be corrected). Setting the
   * same status twice is naturally idempotent.
   */
  async set(principal: Principal, input: SetGuardianshipStatusInput): Promise<GuardianshipStatusEntity> {
    const row = {
      childId: v.uuid('input.childId', input.childId),
      status: input.status,
      since: v.date('input.since', input.since, { notInFuture: true, notBefore: EARLIEST }),
      guardianPersonId: v.optionalUuid('input.guardianPersonId', input.guardianPersonId),
      note: v.optionalText('input.note', input.note, 2000),
      updatedBy: principal.subject,
    };
    if (row.guardianPersonId && !STATUSES_WITH_GUARDIAN.has(input.status)) {
      throw inputError('input.guardianPersonId', row.guardianPersonId, 'guardian.status', `при положении ${input.status} опекун (приёмный родитель, усыновитель) не указывается`);
    }
    await requireKnownSubjects(this.dataSource, row);
    // The change and the registration event the data bank learns of commit together.
    return this.dataSource.transaction(async (em) => {
      const change = await upsertCurrent(em, GuardianshipStatusEntity, { childId: row.childId }, row);
      await appendEvents(em, guardianshipStatusEvents(change));
      return change.after;
    });
  }
}
