import { DataSource, FindOptionsWhere } from 'typeorm';
import { idempotencyScope, Principal } from '../../../auth/principal';
import { conflict } from '../errors';
import { NewEvent } from '../events/hub-event';
import { requestHash } from '../idempotency';
import { appendEvents } from './agency-event';
import { IdempotentRecordBase } from './idempotent-record.entity';

/** What the caller supplies: the validated record; who sent it and the hash are added here. */
export type InsertOnceRow<T extends IdempotentRecordBase> = InsertOnceColumns<T> & { idempotencyKey: string; childId: string };

/** Columns a caller may set; the id, the sender, the hash and the timestamps are filled in here or by the database. */
export type InsertOnceColumns<T extends IdempotentRecordBase> = Omit<Partial<T>, 'id' | 'clientId' | 'createdBy' | 'requestHash' | 'createdAt' | 'updatedAt'>;

/**
 * Stores a new record once per (client, idempotency key): a replay with the same content returns
 * the stored row; the same key with other content is a conflict. `row` must be validated already,
 * so that a refused input stores nothing; its hash is what "same content" means.
 *
 * `derived` holds columns computed from `row` (an initial status, say): they are stored, but kept
 * out of the hash, so the hash stays the fingerprint of what the sender sent.
 *
 * `events` builds, from the stored row, what the data bank must learn of the new record. They are
 * appended to the outbox in the insert's own transaction, so the row and its events commit or
 * vanish together; a replay inserted nothing and so writes nothing (the first call's events stand).
 */
export function insertOnce<T extends IdempotentRecordBase>(
  dataSource: DataSource,
  entity: new () => T,
  principal: Principal,
  row: InsertOnceRow<T>,
  conflictMessage: string,
  derived?: InsertOnceColumns<T>,
  events?: (stored: T) => NewEvent | readonly NewEvent[],
): Promise<T> {
  const hash = requestHash(row);
  return dataSource.transaction(async (em) => {
    const repository = em.getRepository(entity);
    const inserted = await em
      .createQueryBuilder()
      .insert()
      .into(entity)
      // client_id holds the idempotency scope: the person's own, or the organisation's for its systems.
      .values({ ...row, ...derived, clientId: idempotencyScope(principal), createdBy: principal.subject, requestHash: hash } as never)
      .orIgnore()
      .returning('id')
      .execute();
    // Read the new row back through the repository: RETURNING * would hand over pg's raw values
    // (a `date` column as a JS Date), which the LocalDate scalar refuses.
    if (inserted.raw.length === 1) {
      const stored = await repository.findOneByOrFail({ id: inserted.raw[0].id } as FindOptionsWhere<T>);
      if (events) await appendEvents(em, events(stored));
      return stored;
    }
    const existing = await repository.findOneByOrFail({ clientId: idempotencyScope(principal), idempotencyKey: row.idempotencyKey } as FindOptionsWhere<T>);
    if (existing.requestHash !== hash) {
      throw conflict(conflictMessage, { field: 'input.idempotencyKey', rule: 'idempotencyKey.reuse' });
    }
    return existing;
  });
}
