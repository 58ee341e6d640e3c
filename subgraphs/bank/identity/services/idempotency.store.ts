import { EntityManager } from 'typeorm';
import { conflict } from '../../../common/errors';
import { IdempotentRequestEntity } from '../entities/family.entity';

/**
 * Identity writes may legitimately answer differently on a second call (a person created a
 * moment ago is now a candidate match), so the first answer is stored and replayed.
 * Takes a transaction-scoped advisory lock so two concurrent replays cannot both act; `alsoLock`
 * names the caller's own locks, taken after it in the same statement (in that order).
 */
export async function replayOrRun<T extends Record<string, unknown>>(
  em: EntityManager,
  /** Whose keys these are (see idempotencyScope): a person's own, or an organisation's. */
  scope: string,
  key: string,
  hash: string,
  run: () => Promise<T>,
  alsoLock: readonly string[] = [],
): Promise<T> {
  // A function scan returns the array in order, so the locks are taken in the order given.
  await em.query(`SELECT pg_advisory_xact_lock(hashtext(k)) FROM unnest($1::text[]) AS k`, [[`${scope}:${key}`, ...alsoLock]]);
  const previous = await em.getRepository(IdempotentRequestEntity).findOneBy({ clientId: scope, idempotencyKey: key });
  if (previous) {
    if (previous.requestHash !== hash) {
      throw conflict('Ключ идемпотентности уже использован для другого запроса', { field: 'input.idempotencyKey', rule: 'idempotencyKey.reuse' });
    }
    return previous.response as T;
  }
  const response = await run();
  await em.getRepository(IdempotentRequestEntity).insert({ clientId: scope, idempotencyKey: key, requestHash: hash, response: response as never });
  return response;
}
