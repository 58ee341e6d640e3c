import DataLoader from 'dataloader';
import { DataSource, In } from 'typeorm';
import { childSetLoader } from './child-reads.loaders';
import { MeasureEntity } from './measure.entity';
import { SignalEntity } from './signal.entity';

type Keyed = { childId: string; familyId: string | null };

/** Groups rows by a key in the order DataLoader asked for them; a key with no rows gets []. */
export function groupBy<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string | null): T[][] {
  const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const row of rows) {
    const key = keyOf(row);
    if (key !== null) groups.get(key)?.push(row);
  }
  return keys.map((k) => groups.get(k) ?? []);
}

function byColumn<T extends Keyed>(dataSource: DataSource, entity: new () => T, column: 'childId' | 'familyId', order: Record<string, 'ASC' | 'DESC'>) {
  // One statement per batch, however many children the gateway asks about at once.
  const own = async (ids: readonly string[]) => {
    const rows = await dataSource.getRepository(entity).find({ where: { [column]: In([...ids]) } as never, order: order as never });
    return groupBy(ids, rows, (row) => row[column]);
  };
  // By child, it joins the request's single read of the child's records (child-reads.loaders.ts).
  return column === 'childId' ? childSetLoader(entity, order, own) : new DataLoader<string, T[]>(own);
}

export function createAgencyRecordsLoaders(dataSource: DataSource) {
  return {
    signalsByChild: byColumn(dataSource, SignalEntity, 'childId', { observedAt: 'DESC' }),
    signalsByFamily: byColumn(dataSource, SignalEntity, 'familyId', { observedAt: 'DESC' }),
    measuresByChild: byColumn(dataSource, MeasureEntity, 'childId', { dueDate: 'ASC' }),
    measuresByFamily: byColumn(dataSource, MeasureEntity, 'familyId', { dueDate: 'ASC' }),
  };
}
export type AgencyRecordsLoaders = ReturnType<typeof createAgencyRecordsLoaders>;

/** Loads one table's rows by child id, for agency-specific facts (school, clinic, ...). */
export function rowsByChild<T extends { childId: string }>(dataSource: DataSource, entity: new () => T, order: Record<string, 'ASC' | 'DESC'> = {}) {
  return childSetLoader(entity, order, async (ids) => {
    const rows = await dataSource.getRepository(entity).find({ where: { childId: In([...ids]) } as never, order: order as never });
    return groupBy(ids, rows, (row) => row.childId);
  });
}
