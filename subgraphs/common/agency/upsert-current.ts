import { EntityManager, FindOptionsWhere, ObjectLiteral } from 'typeorm';

export interface Upserted<T> {
  /** The row as it was before this change, or null when this change created it. */
  before: T | null;
  after: T;
}

/**
 * Replaces an agency's "current picture" row (one per child, or per child and year) and says what
 * it replaced, inside the caller's transaction: the events of such a change depend on the previous
 * state (a register turned off closes a registration; an unchanged school writes no attachment).
 *
 * The existing row is locked first, so concurrent re-sends queue and each compares with what the
 * previous one committed. When there is no row yet, two first sends may race: the insert of the
 * loser does nothing (ON CONFLICT, after waiting for the winner), and it then locks and updates
 * the winner's row like any later send.
 */
export async function upsertCurrent<T extends ObjectLiteral>(em: EntityManager, entity: new () => T, key: FindOptionsWhere<T>, row: Partial<T>): Promise<Upserted<T>> {
  const repository = em.getRepository(entity);
  const locked = () => repository.findOne({ where: key, lock: { mode: 'pessimistic_write' } });
  let before = await locked();
  if (!before) {
    // Every current-picture table keys on child_id (with the year, for school): RETURNING it says whether a row went in.
    const inserted = await em
      .createQueryBuilder()
      .insert()
      .into(entity)
      .values(row as never)
      .orIgnore()
      .returning('child_id')
      .execute();
    // Read back through the repository: pg's raw values (a `date` as a JS Date) are not what the API returns.
    if (inserted.raw.length === 1) return { before: null, after: await repository.findOneByOrFail(key) };
    before = await locked();
    if (!before) throw new Error(`${repository.metadata.tableName}: the row that blocked the insert is gone`);
  }
  await repository.update(key, row as never);
  return { before, after: await repository.findOneByOrFail(key) };
}
