import { DataSource, EntityManager } from 'typeorm';
import { Principal } from '../../../auth/principal';
import { conflict } from '../../common/errors';
import { requestHash } from '../../common/idempotency';
import { IdempotentRow } from '../entities/idempotent-row';

/**
 * Stores a new record once per (client, idempotency key), as the shared signal service does:
 * a replay with the same content returns the stored row, the same key with other content is
 * refused. `row` must already be validated; its hash is what "same content" means.
 */
export function insertOnce<T extends IdempotentRow>(
  dataSource: DataSource,
  entity: new () => T,
  principal: Principal,
  row: Partial<T> & { idempotencyKey: string },
  conflictMessage: string,
): Promise<T> {
  const hash = requestHash(row);
  return dataSource.transaction(async (em) => {
    const inserted = await em
      .createQueryBuilder()
      .insert()
      .into(entity)
      .values({ ...row, clientId: principal.clientId, createdBy: principal.subject, requestHash: hash } as never)
      .orIgnore()
      .returning('*')
      .execute();
    if (inserted.raw.length === 1) return hydrate(em, entity, inserted.raw[0]);
    const existing = await em.getRepository(entity).findOneByOrFail({ clientId: principal.clientId, idempotencyKey: row.idempotencyKey } as never);
    if (existing.requestHash !== hash) {
      throw conflict(conflictMessage, { field: 'input.idempotencyKey', rule: 'idempotencyKey.reuse' });
    }
    return existing;
  });
}

/**
 * `RETURNING *` bypasses TypeORM's hydration, and pg parses DATE into a JS Date at local
 * midnight, which the LocalDate scalar refuses; convert each column the way a find() would.
 */
export function hydrate<T extends object>(em: EntityManager, entity: new () => T, raw: Record<string, unknown>): T {
  const metadata = em.connection.getMetadata(entity);
  const target = em.getRepository(entity).create();
  for (const column of metadata.columns) {
    if (column.databaseName in raw) column.setEntityValue(target, em.connection.driver.prepareHydratedValue(raw[column.databaseName], column));
  }
  return target;
}
