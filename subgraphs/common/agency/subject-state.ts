import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { inputError } from '../errors';

/**
 * What the bank tells an agency subgraph about a child or family it names, through the one
 * function the agencies' roles may call (bank.subject_state, a SECURITY DEFINER function: see
 * the bank's subject-state migration). The agencies never read the bank's tables.
 */
export interface SubjectState {
  id: string;
  kind: 'person' | 'family';
  municipality: string;
  /** When the consents, case participations or emergency accesses about the child last changed; null: never. */
  accessChangedAt: Date | null;
}

/** The largest list sent in one call: a request about more subjects costs a statement per this many. */
const BATCH = 500;

/** One statement for any number of ids; unknown ids are simply absent from the map. */
export async function loadSubjectStates(dataSource: DataSource, ids: readonly string[]): Promise<Map<string, SubjectState>> {
  const rows: Array<{ id: string; kind: SubjectState['kind']; municipality: string; access_changed_at: Date | null }> = await dataSource.query(
    `SELECT id, kind, municipality, access_changed_at FROM bank.subject_state($1::uuid[])`,
    [[...new Set(ids)]],
  );
  return new Map(rows.map((r) => [r.id, { id: r.id, kind: r.kind, municipality: r.municipality, accessChangedAt: r.access_changed_at }]));
}

/** Per request: every section of a request about many children costs one statement. */
export function createSubjectStateLoader(dataSource: DataSource) {
  return new DataLoader<string, SubjectState | null>(
    async (ids) => {
      const states = await loadSubjectStates(dataSource, ids);
      return ids.map((id) => states.get(id) ?? null);
    },
    { maxBatchSize: BATCH },
  );
}
export type SubjectStateLoader = ReturnType<typeof createSubjectStateLoader>;

/**
 * Refuses a write about a child (or family) the data bank does not know, before anything is
 * stored: the agencies' records hang on the bank's identities, and a record about an id nobody
 * registered could never be shown in a case view nor reach the register. The ids must already be
 * valid UUIDs (validated by the caller); one statement whatever is named.
 */
export async function requireKnownSubjects(dataSource: DataSource, named: { childId: string; familyId?: string | null }): Promise<void> {
  assertKnownSubjects(await loadSubjectStates(dataSource, named.familyId ? [named.childId, named.familyId] : [named.childId]), named);
}

/** The same refusals over states already loaded (a write that asks the bank more in the same statement). */
export function assertKnownSubjects(states: ReadonlyMap<string, Pick<SubjectState, 'kind'>>, named: { childId: string; familyId?: string | null }): void {
  if (states.get(named.childId)?.kind !== 'person') {
    throw inputError('input.childId', named.childId, 'child.known', 'ребёнок с таким идентификатором не зарегистрирован в банке данных');
  }
  if (named.familyId && states.get(named.familyId)?.kind !== 'family') {
    throw inputError('input.familyId', named.familyId, 'family.known', 'семья с таким идентификатором не зарегистрирована в банке данных');
  }
}
