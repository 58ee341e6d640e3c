import { DataSource } from 'typeorm';
import { Principal } from '../../../auth/principal';
import { insertOnce } from '../../common/agency/insert-once';
import { conflict, inputError, notFound } from '../../common/errors';
import { workingDaysFor } from '../../common/calendar-guard';
import * as v from '../../common/validation';
import { RemovalActEntity } from '../entities/removal-act.entity';
import { removalActEvent } from './removal-act.events';
import { MarkProsecutorNotifiedInput, RecordRemovalActInput } from '../types/guardianship.inputs';
import { EARLIEST, notBeforeDay } from './dates';
import { requireKnownSubjects } from '../../common/agency/subject-state';

export class RemovalActService {
  constructor(private readonly dataSource: DataSource) {}

  /** Not on the family account card; its event lets the bank count removals (removal-act.events.ts). */
  async record(principal: Principal, input: RecordRemovalActInput): Promise<RemovalActEntity> {
    const removedOn = v.date('input.removedOn', input.removedOn, { notInFuture: true, notBefore: EARLIEST });
    // The emergency track counts working days from this date: refused now if the calendar cannot.
    workingDaysFor('input.removedOn', removedOn, 3);
    const notifiedAt = input.prosecutorNotifiedAt ? this.noticeMoment('input.prosecutorNotifiedAt', input.prosecutorNotifiedAt, removedOn) : null;
    const row = {
      idempotencyKey: v.idempotencyKey('input.idempotencyKey', input.idempotencyKey),
      childId: v.uuid('input.childId', input.childId),
      actNumber: v.text('input.actNumber', input.actNumber, 50),
      removedOn,
      signedBy: v.text('input.signedBy', input.signedBy, 300),
      placementKind: input.placementKind,
      placementDescription: v.text('input.placementDescription', input.placementDescription, 2000),
      prosecutorNotifiedAt: notifiedAt,
    };
    await requireKnownSubjects(this.dataSource, row);
    return insertOnce(this.dataSource, RemovalActEntity, principal, row, 'Ключ идемпотентности уже использован для другой записи (акт об отобрании)', undefined, (stored) =>
      removalActEvent('RemovalActRecorded', stored),
    );
  }

  /**
   * The notice is often sent after the act is filed, so it is marked separately. Once marked it
   * stays: the same moment again is a replay, another moment is refused rather than silently
   * rewriting when the prosecutor was told.
   */
  async markProsecutorNotified(input: MarkProsecutorNotifiedInput): Promise<RemovalActEntity> {
    const id = v.uuid('input.id', input.id);
    const repository = this.dataSource.getRepository(RemovalActEntity);
    const act = await repository.findOneBy({ id });
    if (!act) throw notFound('Акт об отобрании', id);
    const notifiedAt = this.noticeMoment('input.notifiedAt', input.notifiedAt, act.removedOn);
    const same = (marked: Date | null) => marked !== null && marked.getTime() === notifiedAt.getTime();
    if (same(act.prosecutorNotifiedAt)) return act;
    if (act.prosecutorNotifiedAt) {
      throw inputError('input.notifiedAt', notifiedAt.toISOString(), 'prosecutorNotice.alreadyMarked', `уведомление прокурора уже отмечено: ${act.prosecutorNotifiedAt.toISOString()}`);
    }
    // In a transaction, as every write of a request: its access-log entry commits with it (auth/audit/write-audit-subscriber.ts).
    const result = await this.dataSource.transaction((em) =>
      em.createQueryBuilder().update(RemovalActEntity).set({ prosecutorNotifiedAt: notifiedAt }).where('id = :id AND prosecutor_notified_at IS NULL', { id }).execute(),
    );
    const updated = await repository.findOneByOrFail({ id });
    if (result.affected !== 1 && !same(updated.prosecutorNotifiedAt)) {
      throw conflict(`Акт об отобрании ${id}: уведомление прокурора отмечено другим запросом одновременно`, { field: 'input.notifiedAt', rule: 'prosecutorNotice.concurrent' });
    }
    return updated;
  }

  private noticeMoment(field: string, value: Date, removedOn: string): Date {
    return notBeforeDay(field, v.dateTime(field, value, { notInFuture: true }), removedOn);
  }
}
