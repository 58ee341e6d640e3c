import DataLoader from 'dataloader';
import { DataSource, In } from 'typeorm';
import { Principal } from '../../../auth/principal';
import { conflict, inputError } from '../errors';
import { groupBy } from './agency-records.loaders';

/** The columns every "step of an emergency track marked done" table has (police, social). */
export interface TrackStepRow {
  id: string;
  recordId: string;
  step: string;
  doneOn: string;
  documentRef: string;
  createdBy: string;
}

/**
 * Stores a step as done once: the same date and document again is a replay; anything else is
 * refused rather than silently rewriting when the step was done. The caller has validated the
 * step, its date and its document, so a refused input stores nothing.
 */
export async function markTrackStepOnce<T extends TrackStepRow>(
  dataSource: DataSource,
  entity: new () => T,
  principal: Principal,
  mark: { recordId: string; step: string; doneOn: string; documentRef: string },
): Promise<void> {
  const steps = dataSource.getRepository(entity);
  const existing = await steps.findOneBy({ recordId: mark.recordId, step: mark.step } as never);
  if (existing) return replay(existing, mark);
  // In a transaction, as every write of a request: its access-log entry commits with it.
  const inserted = await dataSource.transaction((em) =>
    em
      .createQueryBuilder()
      .insert()
      .into(entity)
      .values({ ...mark, createdBy: principal.subject } as never)
      .orIgnore()
      .execute(),
  );
  if ((inserted.raw as unknown[]).length === 0) {
    const raced = await steps.findOneByOrFail({ recordId: mark.recordId, step: mark.step } as never);
    if (raced.doneOn !== mark.doneOn || raced.documentRef !== mark.documentRef) {
      throw conflict(`Шаг ${mark.step} отмечен другим запросом одновременно`, { field: 'input.step', rule: 'emergencyStep.concurrent' });
    }
  }
}

function replay(existing: TrackStepRow, mark: { doneOn: string; documentRef: string }): void {
  if (existing.doneOn === mark.doneOn && existing.documentRef === mark.documentRef) return;
  throw inputError('input.step', existing.step, 'emergencyStep.alreadyMarked', `шаг уже отмечен: ${existing.doneOn}, ${existing.documentRef}`);
}

/** The marked steps of many records in one statement per request (one per record would grow with the list). */
export function stepsByRecord<T extends TrackStepRow>(dataSource: DataSource, entity: new () => T) {
  return new DataLoader<string, T[]>(async (ids) => {
    const rows = await dataSource.getRepository(entity).find({ where: { recordId: In([...ids]) } as never });
    return groupBy(ids, rows, (row) => row.recordId);
  });
}
