import DataLoader from 'dataloader';
import { DataSource, ObjectLiteral } from 'typeorm';
import { hydrateRows, jsonSetSql } from '../db/json-rows';
import { preparedQuery } from '../db/prepared-query';
import { SubjectState } from './subject-state';

/**
 * One statement for everything an agency holds about the children of a request. A case view asks
 * an agency for its section: the bank's word on the child (the grant re-check), then signals,
 * measures and each of the agency's own facts. Loaded one table at a time that was a statement
 * per table; here the first load of any of them reads all of them, and the bank's subject state,
 * as JSON arrays in one statement, and the other loaders answer from it.
 *
 * Nothing is shown that was not shown before: the rows wait in this request's loaders, and only
 * the section's resolvers, reached after authorizeSection() allowed the section, hand them out.
 */
interface ChildSet {
  entity: new () => ObjectLiteral;
  order: Record<string, 'ASC' | 'DESC'>;
  /** Set by bundleChildReads() for this request; alone, the loader reads its own table. */
  reads?: ChildReadsLoader;
}

interface ChildReads {
  sets: Map<ChildSet, ObjectLiteral[]>;
  subject: SubjectState | null;
  /** Whether the statement read the bank's subject state too (only when a re-check had asked for it). */
  subjectRead: boolean;
}
type ChildReadsLoader = DataLoader<string, ChildReads>;

const SETS = new WeakMap<object, ChildSet>();

/**
 * A per-request loader of one table's rows by child id that can join the request's single read.
 * `own` is its statement when it stands alone.
 */
export function childSetLoader<T extends ObjectLiteral>(entity: new () => T, order: Record<string, 'ASC' | 'DESC'>, own: (ids: readonly string[]) => Promise<T[][]>): DataLoader<string, T[]> {
  const set: ChildSet = { entity, order };
  const loader = new DataLoader<string, T[]>(async (ids) => {
    if (!set.reads) return own(ids);
    const found = await set.reads.loadMany(ids);
    return found.map((reads) => (reads instanceof Error ? reads : ((reads.sets.get(set) ?? []) as T[])));
  });
  SETS.set(loader, set);
  return loader;
}

const STATEMENTS = new WeakMap<DataSource, Map<string, string>>();

const SUBJECTS = `(SELECT coalesce(json_agg(json_build_object('id', s.id, 'kind', s.kind, 'municipality', s.municipality, 'access_changed_at', s.access_changed_at)), '[]'::json) FROM bank.subject_state($1::uuid[]) s) AS subjects`;

/**
 * The one statement over these sets, with or without the bank's subject state, built once per
 * data source and list of tables (a request builds the same list each time). The subject state
 * costs the database as much as the rest of the statement, so it is read only when a section's
 * re-check asked for it: a grant on territory or law (the commission's) needs none.
 */
function statementOf(dataSource: DataSource, sets: ChildSet[], withSubjects: boolean): string {
  let known = STATEMENTS.get(dataSource);
  if (!known) STATEMENTS.set(dataSource, (known = new Map()));
  const key = `${withSubjects}|${sets.map((set) => `${set.entity.name}:${JSON.stringify(set.order)}`).join('|')}`;
  let statement = known.get(key);
  if (!statement) {
    const parts = sets.map((set, i) => `${jsonSetSql(dataSource, set.entity, 't.child_id = ANY($1::uuid[])', set.order)} AS s${i}`);
    statement = `SELECT ${[...parts, ...(withSubjects ? [SUBJECTS] : [])].join(', ')}`;
    known.set(key, statement);
  }
  return statement;
}

type SubjectRow = { id: string; kind: SubjectState['kind']; municipality: string; access_changed_at: string | null };

function subjectOf(s: SubjectRow): SubjectState {
  return { id: s.id, kind: s.kind, municipality: s.municipality, accessChangedAt: s.access_changed_at === null ? null : new Date(s.access_changed_at) };
}

/**
 * Joins the request's child-keyed loaders (found among the values of `groups`) into one read,
 * and returns the bank's subject states as a loader answered by the same statement.
 */
export function bundleChildReads(dataSource: DataSource, groups: object[]): DataLoader<string, SubjectState | null> {
  const sets = groups
    .flatMap((group) => Object.values(group))
    .map((loader) => (typeof loader === 'object' && loader ? SETS.get(loader) : undefined))
    .filter((s): s is ChildSet => !!s);
  // Ids whose section asked for the re-check: a batch holding one of them reads the subject state too.
  const wanted = new Set<string>();
  const reads: ChildReadsLoader = new DataLoader(
    async (ids) => {
      // Without sets the statement has nothing else to read.
      const withSubjects = sets.length === 0 || ids.some((id) => wanted.has(id));
      const [row] = await preparedQuery<Record<string, Array<Record<string, unknown>>>>(dataSource, statementOf(dataSource, sets, withSubjects), [[...new Set(ids)]]);
      const result = new Map<string, ChildReads>(ids.map((id) => [id, { sets: new Map(sets.map((set) => [set, [] as ObjectLiteral[]])), subject: null, subjectRead: withSubjects }]));
      sets.forEach((set, i) => {
        for (const entity of hydrateRows(dataSource, set.entity, row[`s${i}`])) result.get(entity.childId)?.sets.get(set)!.push(entity);
      });
      for (const s of (row.subjects ?? []) as SubjectRow[]) {
        const entry = result.get(s.id);
        if (entry) entry.subject = subjectOf(s);
      }
      return ids.map((id) => result.get(id)!);
    },
    { maxBatchSize: 500 },
  );
  for (const set of sets) set.reads = reads;
  return new DataLoader<string, SubjectState | null>(async (ids) => {
    ids.forEach((id) => wanted.add(id));
    const found = await reads.loadMany(ids);
    // Rows read before the re-check was asked for (not the order of a section, which decides first): the state alone.
    const missing = ids.filter((id, i) => !(found[i] instanceof Error) && !(found[i] as ChildReads).subjectRead);
    const late = new Map<string, SubjectState>();
    if (missing.length > 0) {
      const [row] = await preparedQuery<{ subjects: SubjectRow[] }>(dataSource, `SELECT ${SUBJECTS}`, [[...new Set(missing)]]);
      for (const s of row.subjects) late.set(s.id, subjectOf(s));
    }
    return found.map((r, i) => (r instanceof Error ? r : r.subjectRead ? r.subject : (late.get(ids[i]) ?? null)));
  });
}
