import { DataSource, FindOptionsWhere } from 'typeorm';
import { Principal } from '../../../auth/principal';
import { conflict } from '../../common/errors';
import { requestHash } from '../../common/idempotency';
import { RecordedFact } from '../entities/recorded-fact.entity';

/** What the caller supplies: the validated fact; who sent it and the hash are added here. */
export type FactRow<T extends RecordedFact> = Omit<Partial<T>, 'clientId' | 'createdBy' | 'requestHash'> & { idempotencyKey: string; childId: string };

/**
 * Stores a fact once per (client, idempotency key), as the shared signal service does: a replay
 * with the same content returns the stored row; the same key with other content is a conflict.
 * `row` must be validated already, so that a refused input stores nothing.
 */
export async function recordOnce<T extends RecordedFact>(dataSource: DataSource, entity: new () => T, principal: Principal, row: FactRow<T>, what: string): Promise<T> {
  const hash = requestHash(row);
  return dataSource.transaction(async (em) => {
    const repository = em.getRepository(entity);
    const inserted = await em
      .createQueryBuilder()
      .insert()
      .into(entity)
      .values({ ...row, clientId: principal.clientId, createdBy: principal.subject, requestHash: hash } as never)
      .orIgnore()
      .returning('id')
      .execute();
    // Read the new row back through the repository: RETURNING * would hand over pg's raw values
    // (a `date` column as a JS Date), which the LocalDate scalar refuses.
    if (inserted.raw.length === 1) return repository.findOneByOrFail({ id: inserted.raw[0].id } as FindOptionsWhere<T>);
    const existing = await repository.findOneByOrFail({ clientId: principal.clientId, idempotencyKey: row.idempotencyKey } as FindOptionsWhere<T>);
    if (existing.requestHash !== hash) {
      throw conflict(`Ключ идемпотентности уже использован для другой записи (${what})`, { field: 'input.idempotencyKey', rule: 'idempotencyKey.reuse' });
    }
    return existing;
  });
}
