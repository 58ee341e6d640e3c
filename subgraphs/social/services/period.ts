import { DataSource, FindOptionsWhere } from 'typeorm';
import { IdempotentRecord } from '../../common/agency/idempotent-record.entity';
import { appendEvents } from '../../common/agency/agency-event';
import { inputError, notFound } from '../../common/errors';
import { NewEvent } from '../../common/events/hub-event';
import * as v from '../../common/validation';

/** Nothing the social protection bodies record predates this; earlier dates are typing errors. */
export const EARLIEST = '2000-01-01';

/** An optional end date given with a new record: a valid date, not before the start. */
export function optionalEnd(field: string, value: string | null | undefined, start: string, { notInFuture = false } = {}): string | null {
  if (value === null || value === undefined) return null;
  const end = v.date(field, value, { notInFuture, notBefore: EARLIEST });
  if (end < start) throw inputError(field, value, 'period.endBeforeStart', `дата окончания раньше даты начала ${start}`);
  return end;
}

export interface Period<T extends IdempotentRecord> {
  entity: new () => T;
  /** Russian name of the record, for messages. */
  what: string;
  start: keyof T & string;
  end: keyof T & string;
  /** What the data bank must learn of an end set or brought forward (nothing, for records not on the account card). */
  events?: (before: T, after: T) => NewEvent[];
}

function dateOf<T>(row: T, key: keyof T): string | null {
  return row[key] as unknown as string | null;
}

/**
 * Ends an open period, or brings a planned end forward (support stopped early). Moving an end
 * later is refused: that is a new period, recorded as such. The same end again is a replay and
 * returns the row unchanged, writing no event. `endedOn` must be validated as a date by the caller.
 *
 * The change and its events commit in one transaction. The row is locked before the checks, so
 * a concurrent end waits and is then checked against what the first one committed.
 */
export async function endPeriod<T extends IdempotentRecord>(dataSource: DataSource, period: Period<T>, rawId: string, endedOn: string, check: (row: T) => void = () => undefined): Promise<T> {
  const id = v.uuid('input.id', rawId);
  const byId = { id } as FindOptionsWhere<T>;
  return dataSource.transaction(async (em) => {
    const repository = em.getRepository(period.entity);
    const row = await repository.findOne({ where: byId, lock: { mode: 'pessimistic_write' } });
    if (!row) throw notFound(period.what, id);
    check(row);
    const start = dateOf(row, period.start) as string;
    const current = dateOf(row, period.end);
    if (endedOn < start) throw inputError('input.endedOn', endedOn, 'period.endBeforeStart', `дата окончания раньше даты начала ${start}`);
    if (current === endedOn) return row;
    if (current !== null && current < endedOn) {
      throw inputError('input.endedOn', endedOn, 'period.noExtension', `период уже завершён ${current}; перенести окончание на более позднюю дату нельзя, запишите новый период`);
    }
    await repository.update(byId, { [period.end]: endedOn } as never);
    const updated = await repository.findOneByOrFail(byId);
    if (period.events) await appendEvents(em, period.events(row, updated));
    return updated;
  });
}
