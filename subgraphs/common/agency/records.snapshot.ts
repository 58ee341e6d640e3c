import { DataSource, EntityManager, FindOptionsOrder, FindOptionsWhere, In, MoreThan, ObjectLiteral } from 'typeorm';
import { AgencyCode } from '../../../auth/principal';
import { AgencySubgraphName } from '../config';
import { NewEvent } from '../events/hub-event';
import { AggregateType, EVENT_TYPES, EventType } from '../events/event-types';
import { MeasureEntity } from './measure.entity';
import { measureEvent } from './measure.events';
import { SignalEntity } from './signal.entity';
import { signalEvent } from './signal.events';

/**
 * What the data bank should hold of an agency's records, rebuilt from the agency's own tables
 * (the resync, scripts/resync.ts): per aggregate the envelope and the payload the agency's events
 * carry, made by the very builders the services write their events with (signal.events.ts,
 * measure.events.ts, each agency's services/*.events.ts), so that a difference the resync finds is
 * a difference of data, never of two codings of one payload.
 *
 * Each agency lists its tables in `services/<agency>.snapshot.ts`; the signals and measures every
 * agency keeps are here. An agency's snapshot reads with the agency's own role only.
 */
export interface ExpectedRecord {
  aggregateType: AggregateType;
  aggregateId: string;
  childId: string | null;
  familyId: string | null;
  /**
   * The state the bank's agency_record should hold; null when the bank may hold the aggregate but
   * the row can no longer tell its state: a registration closed since (a school's internal register
   * switched off, a guardianship status back to NONE), whose opening date and reason only the
   * events kept. Such a record is neither missing when the bank lacks it nor compared when it has
   * it, and never counted extra.
   */
  payload: Record<string, unknown> | null;
}

/** An expected record with the key of the source row it was read from (to read it again for the repair). */
export interface SnapshotRecord extends ExpectedRecord {
  rowKey: string;
}

/** One table of an agency whose rows are told to the bank by events. */
export interface SnapshotTable<E extends ObjectLiteral = ObjectLiteral> {
  /** The table's name, for the report. */
  table: string;
  entity: new () => E;
  /** The property of the primary key (uuid): `id`, or `childId` for a table with one row per child. */
  key: 'id' | 'childId';
  /** The aggregates one row makes, as the bank should hold them now. A method: bivariant, so a table of any entity fits the list. */
  records(row: E): ExpectedRecord[];
}

export interface AgencySnapshot {
  source: AgencySubgraphName;
  /** What a data source needs to read the tables: the shared signal and measure and the agency's own entities. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[];
  tables: readonly SnapshotTable[];
}

/** The records of the events a builder made for a row (the newest per aggregate: a builder lists them in order). */
export function expectedFrom(events: NewEvent | readonly NewEvent[]): ExpectedRecord[] {
  const byAggregate = new Map<string, ExpectedRecord>();
  for (const event of Array.isArray(events) ? events : [events as NewEvent]) {
    byAggregate.set(event.aggregateId, {
      aggregateType: event.aggregateType as AggregateType,
      aggregateId: event.aggregateId,
      childId: event.childId,
      familyId: event.familyId ?? null,
      payload: event.payload,
    });
  }
  return [...byAggregate.values()];
}

/** An aggregate the bank may hold whose state the row no longer tells (see ExpectedRecord.payload). */
export function unrebuildable(aggregateType: AggregateType, aggregateId: string, childId: string | null, familyId: string | null = null): ExpectedRecord {
  return { aggregateType, aggregateId, childId, familyId, payload: null };
}

/** Signals: the event type only names the change, the payload is the signal's whole state either way. */
export function signalsTable(agency: AgencyCode): SnapshotTable<SignalEntity> {
  return {
    table: 'signal',
    entity: SignalEntity,
    key: 'id',
    records: (row) => expectedFrom(signalEvent(row.status === 'CANCELLED' ? 'SignalCancelled' : 'SignalReported', agency, row)),
  };
}

export function measuresTable(agency: AgencyCode): SnapshotTable<MeasureEntity> {
  return {
    table: 'measure',
    entity: MeasureEntity,
    key: 'id',
    records: (row) => expectedFrom(measureEvent(row.status === 'CANCELLED' ? 'MeasureCancelled' : 'MeasureRecorded', agency, row)),
  };
}

/** An agency's snapshot: its signals and measures, then its own tables. */
export function agencySnapshot(
  source: AgencySubgraphName,
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[],
  tables: readonly SnapshotTable[],
): AgencySnapshot {
  return { source, entities: [SignalEntity, MeasureEntity, ...entities], tables: [signalsTable(source), measuresTable(source), ...tables] };
}

function withKey(table: SnapshotTable, row: ObjectLiteral): SnapshotRecord[] {
  const rowKey = String(row[table.key]);
  return table.records(row).map((record) => ({ ...record, rowKey }));
}

export interface SnapshotPage {
  /** Rows read in this page. */
  rows: number;
  records: SnapshotRecord[];
}

/** Rows of the table, `pageSize` at a time in key order (keyset paging: each page is a short query of its own). */
export async function* snapshotPages(dataSource: DataSource, table: SnapshotTable, pageSize = 5000): AsyncGenerator<SnapshotPage> {
  const repository = dataSource.getRepository(table.entity);
  let after: string | null = null;
  for (;;) {
    const rows: ObjectLiteral[] = await repository.find({
      where: (after === null ? {} : { [table.key]: MoreThan(after) }) as FindOptionsWhere<ObjectLiteral>,
      order: { [table.key]: 'ASC' } as FindOptionsOrder<ObjectLiteral>,
      take: pageSize,
    });
    if (rows.length === 0) return;
    after = String(rows[rows.length - 1][table.key]);
    yield { rows: rows.length, records: rows.flatMap((row) => withKey(table, row)) };
    if (rows.length < pageSize) return;
  }
}

export function countRows(dataSource: DataSource, table: SnapshotTable): Promise<number> {
  return dataSource.getRepository(table.entity).count();
}

/**
 * The rows of `keys` read again in the caller's transaction, locked FOR SHARE: a change of one of
 * them by the agency waits until that transaction commits, and its own event then comes after.
 */
export async function rebuild(em: EntityManager, table: SnapshotTable, keys: readonly string[]): Promise<SnapshotRecord[]> {
  if (keys.length === 0) return [];
  const rows: ObjectLiteral[] = await em.getRepository(table.entity).find({
    where: { [table.key]: In([...keys]) } as FindOptionsWhere<ObjectLiteral>,
    lock: { mode: 'pessimistic_read' },
  });
  return rows.flatMap((row) => withKey(table, row));
}

/** SignalResynced, MeasureResynced, ...: the type of a resync event of the aggregate. */
export function resyncedType(aggregateType: AggregateType): EventType {
  const type = `${aggregateType}Resynced`;
  if (!EVENT_TYPES.some((row) => row.type === type)) throw new Error(`No resync event type for ${aggregateType} in EVENT_TYPES`);
  return type as EventType;
}

/**
 * Appends a `<Aggregate>Resynced` event per record to the outbox, in the caller's transaction (as
 * appendEvent does: same table, same columns, position and time from the database), one statement
 * for the batch. The relay delivers them like any other event; the bank keeps the newest position.
 */
export async function appendResyncEvents(em: EntityManager, records: readonly ExpectedRecord[]): Promise<number> {
  if (!em.queryRunner?.isTransactionActive) throw new Error('appendResyncEvents outside a transaction');
  const events = records.filter((r) => r.payload !== null);
  if (events.length === 0) return 0;
  await em.query(
    `INSERT INTO outbox (aggregate_type, aggregate_id, child_id, family_id, type, payload)
     SELECT * FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::jsonb[])`,
    [
      events.map((e) => e.aggregateType),
      events.map((e) => e.aggregateId),
      events.map((e) => e.childId),
      events.map((e) => e.familyId),
      events.map((e) => resyncedType(e.aggregateType)),
      events.map((e) => JSON.stringify(e.payload)),
    ],
  );
  return events.length;
}

/** The newest outbox event of each aggregate that has one: whether the bank has applied it tells a lag from a difference. */
export async function newestEvents(dataSource: DataSource, aggregateIds: readonly string[]): Promise<Map<string, string>> {
  if (aggregateIds.length === 0) return new Map();
  const rows: Array<{ aggregate_id: string; event_id: string }> = await dataSource.query(
    `SELECT DISTINCT ON (aggregate_id) aggregate_id::text, event_id::text FROM outbox WHERE aggregate_id = ANY($1::uuid[]) ORDER BY aggregate_id, position DESC`,
    [aggregateIds],
  );
  return new Map(rows.map((r) => [r.aggregate_id, r.event_id]));
}
